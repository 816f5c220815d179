#!/usr/bin/env bash
# bench/behaviour.sh — record what ocispec prints and writes, to show that a
# refactoring changed no behaviour.
#
# It builds ocispec from SRC (default: this repository) and writes into OUT:
#   - lint output in the text, json and sarif formats (with the exit code)
#     over each of the three OCI specs and all three as one set, over
#     docs/, over the workspace's default spec sets and over
#     ../shared/corpus when present;
#   - the files that `lint --fix` writes, on copies of those inputs;
#   - `reqs --format json` over the three OCI specs and the example
#     workspace, and `reqs diff` (text, json, markdown) over the
#     distribution-spec versions and the fixture versions in
#     specs/testdata/reqs;
#   - the example site (`ocispec build`).
#
# OUT must lie outside the repository: most of what it records is derived
# from the OCI specifications and the shared corpus, whose text is not ours
# and must never be committed.
#
# Usage:
#   git archive 7455325 | tar -x -C /tmp/base     # the baseline source
#   bash bench/behaviour.sh /work/baseline-lint /tmp/base
#   bash bench/behaviour.sh /work/after-lint      # this tree
#   diff -r /work/baseline-lint /work/after-lint && echo identical
#
# The three OCI specs are image-spec and runtime-spec from the Go module
# cache (as internal/testcorpus finds them) and distribution-spec from
# ../shared/corpus relative to this repository.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: behaviour.sh OUT [SRC]}
src=$(cd "${2:-$here}" && pwd)
shared=${OCISPEC_SHARED:-$here/../shared/corpus}
case "$(realpath -m "$out")/" in
"$here"/* | "$src"/*) echo "behaviour.sh: OUT must be outside the repository" >&2 && exit 2 ;;
esac
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocispec-behaviour.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

bin="$tmp/ocispec"
(cd "$src" && go build -o "$bin" ./cmd/ocispec)

# copy_tree SRC DEST: a writable copy of SRC's files.
copy_tree() {
	mkdir -p "$2"
	cp -r "$1"/. "$2"
	chmod -R u+w "$2"
}

# The inputs, copied so that paths in the output are the same from run to
# run and --fix never touches the module cache.
in="$tmp/in"
for mod in image-spec runtime-spec; do
	dir=$(cd "$here" && go list -m -f '{{.Dir}}' "github.com/opencontainers/$mod")
	copy_tree "$dir" "$in/specs/$mod"
done
if [[ -d "$shared/distribution-spec" ]]; then
	copy_tree "$shared/distribution-spec" "$in/specs/distribution-spec"
	copy_tree "$shared" "$in/corpus"
else
	echo "behaviour.sh: $shared absent; distribution-spec and the corpus are not recorded" >&2
fi
copy_tree "$src" "$in/repo"
rm -rf "$in/repo/.git" "$in/repo/_site"

# run NAME DIR ARGS...: run ocispec ARGS in DIR, recording stdout, stderr
# and the exit code as OUT/NAME.{out,err,code}.
run() {
	local name=$1 dir=$2
	shift 2
	mkdir -p "$(dirname "$out/$name")"
	local code=0
	(cd "$dir" && "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err") || code=$?
	echo "$code" >"$out/$name.code"
}

# lint_all NAME DIR ARGS...: lint in every format.
lint_all() {
	local name=$1 dir=$2
	shift 2
	for f in text json sarif; do
		run "lint/$name.$f" "$dir" lint --format "$f" "$@"
	done
}

for s in image-spec runtime-spec distribution-spec; do
	[[ -d "$in/specs/$s" ]] && lint_all "$s" "$in/specs" "$s"
done
lint_all three-specs "$in/specs" .
lint_all docs "$in/repo" docs
lint_all workspace "$in/repo"
[[ -d "$in/corpus" ]] && lint_all corpus "$in/corpus" .

# --fix on fresh copies: record the messages and every file afterwards.
fix() {
	local name=$1 from=$2
	copy_tree "$from" "$tmp/fix/$name"
	run "fix/$name" "$tmp/fix/$name" lint --fix .
	(cd "$tmp/fix/$name" && find . -name '*.md' -print0 | sort -z | xargs -0 sha256sum) >"$out/fix/$name.sha256"
	mkdir -p "$out/fix/$name.files"
	(cd "$tmp/fix/$name" && find . -name '*.md' -print0 | tar --null -T - -cf -) | tar -xf - -C "$out/fix/$name.files"
}
fix specs "$in/specs"
[[ -d "$in/corpus" ]] && fix corpus "$in/corpus"

# reqs and reqs diff.
run reqs/three-specs.json "$in/specs" --format json reqs .
run reqs/workspace.json "$in/repo" --format json reqs
if [[ -d "$in/specs/distribution-spec" ]]; then
	d="$in/specs/distribution-spec"
	for pair in "spec-v1.0.1 spec-v1.1.0" "spec-v1.1.0 spec-v1.1.1" "spec-v1.1.1 spec"; do
		read -r a b <<<"$pair"
		for f in text json markdown; do
			run "reqs-diff/$a-$b.$f" "$d" --format "$f" reqs diff "$a.md" "$b.md"
		done
	done
fi
for pair in "v1 v2" "v2 v3" "v3 v4"; do
	read -r a b <<<"$pair"
	dir="$in/repo/specs/testdata/reqs"
	[[ -f "$dir/$a.md" ]] || dir="$in/repo/reqs/testdata/reqs"
	[[ -f "$dir/$a.md" ]] || continue
	for f in text json markdown; do
		run "reqs-diff/fixture-$a-$b.$f" "$dir" --format "$f" reqs diff "$a.md" "$b.md"
	done
done

# The example site.
run site/build "$in/repo" build -o "$out/site/_site"
# The summary line names OUT and the time taken: neither is behaviour.
sed -i -E -e "s#$out#OUT#g" -e 's/ in [0-9.]+[a-zµ]*s$//' "$out/site/build.out"

echo "behaviour.sh: recorded $(find "$out" -type f | wc -l) files in $out" >&2
