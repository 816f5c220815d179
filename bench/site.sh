#!/usr/bin/env bash
# bench/site.sh — time `ocispec build` against pandoc and Hugo in one run.
#
# Targets (issue 16): building the three OCI specs (image-spec and
# runtime-spec from the Go module cache, distribution-spec from
# ../shared/corpus when present) is at least 10x faster than pandoc
# rendering image-spec alone (its `make docs` HTML: the spec's documents
# into one standalone page), and faster than Hugo rendering the three specs
# with a trivial layout; and the Go benchmark of the example site stays
# under 300 ms. pandoc and hugo are Debian packages, installed with apt-get
# when missing. Exits 1 when a target is missed.
#
# Usage: bash bench/site.sh   (from the repository root; part of `make bench`)
# Environment: BENCH_RUNS runs per command, the best counts (default 5).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocispec-site-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say() { printf '\n== %s\n' "$*" >&2; }

need=()
command -v pandoc >/dev/null || need+=(pandoc)
command -v hugo >/dev/null || need+=(hugo)
if ((${#need[@]})); then
	say "installing ${need[*]} with apt-get"
	sudo=""
	[[ $(id -u) -ne 0 ]] && sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

say "building ocispec"
go build -o "$tmp/ocispec" ./cmd/ocispec

say "collecting the OCI specs"
image=$(go list -m -f '{{.Dir}}' github.com/opencontainers/image-spec)
runtime=$(go list -m -f '{{.Dir}}' github.com/opencontainers/runtime-spec)
dist="$root/../shared/corpus/distribution-spec"
specs="$tmp/specs"
copy_md() { # copy_md SRC DEST: the *.md files of SRC with their images, keeping paths, without .github
	(cd "$1" && find . \( -name '*.md' -o -name '*.png' -o -name '*.svg' \) -not -path './.github/*' -not -path './vendor/*' -not -name 'spec-v*.md' -print0 |
		while IFS= read -r -d '' f; do
			mkdir -p "$2/$(dirname "$f")"
			cp "$f" "$2/$f"
		done)
	chmod -R u+w "$2"
}
copy_md "$image" "$specs/image-spec"
copy_md "$runtime" "$specs/runtime-spec"
sets=(image-spec runtime-spec)
if [[ -d $dist ]]; then
	copy_md "$dist" "$specs/distribution-spec"
	sets+=(distribution-spec)
fi
{
	echo "specs:"
	for s in "${sets[@]}"; do printf '  - name: %s\n    files: [specs/%s]\n' "$s" "$s"; done
	echo "output: out"
} >"$tmp/ocispec.yaml"

# Hugo: the same Markdown as content, a layout that prints the content.
hsite="$tmp/hugo"
mkdir -p "$hsite/layouts/_default"
for s in "${sets[@]}"; do cp -r "$specs/$s" "$hsite/content-$s"; done
mkdir -p "$hsite/content"
for s in "${sets[@]}"; do mv "$hsite/content-$s" "$hsite/content/$s"; done
printf 'baseURL = "http://localhost/"\ntitle = "OCI"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.goldmark.renderer]\nunsafe = true\n' >"$hsite/hugo.toml"
printf '<!doctype html><title>{{ .Title }}</title><main>{{ .Content }}</main>\n' >"$hsite/layouts/_default/single.html"
printf '<!doctype html><title>{{ .Title }}</title><main>{{ .Content }}{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</main>\n' >"$hsite/layouts/_default/list.html"

# pandoc: image-spec's `make docs` HTML target, its DOC_FILES in order.
docs=(spec.md media-types.md descriptor.md image-layout.md manifest.md image-index.md layer.md config.md annotations.md conversion.md considerations.md implementations.md)

# best SECONDS of `runs` runs of a command (run in $tmp).
best() {
	local b=""
	for ((i = 0; i < runs; i++)); do
		local s e
		s=$(date +%s.%N)
		local rc=0
		(cd "$tmp" && "$@") >/dev/null 2>&1 || rc=$?
		e=$(date +%s.%N)
		if ((rc > 1)); then # 1: built with warnings
			echo "$* failed with status $rc" >&2
			exit 1
		fi
		b=$(echo "$s $e ${b:-999}" | awk '{d = $2 - $1; print (d < $3 ? d : $3)}')
	done
	echo "$b"
}

say "timing (best of $runs; load: $(cut -d' ' -f1-3 /proc/loadavg))"
t_ocispec=$(best "$tmp/ocispec" build)
t_pandoc=$(best sh -c "cd specs/image-spec && pandoc -f gfm -t html5 --standalone --metadata title='OCI Image Format' ${docs[*]} -o ../../image-spec.html")
t_hugo=$(best hugo --quiet -s hugo -d "$tmp/hugo-out")
test -s "$tmp/out/index.html" && test -s "$tmp/image-spec.html" && test -d "$tmp/hugo-out/image-spec"

printf '%-52s %8.3f s\n' "ocispec build: ${sets[*]}" "$t_ocispec" \
	"pandoc $(pandoc --version | head -1 | cut -d' ' -f2): image-spec only" "$t_pandoc" \
	"hugo $(hugo version | grep -o 'v[0-9][0-9.]*' | head -1): ${sets[*]}, trivial layout" "$t_hugo"

fail=0
check() { # check NAME OK
	if [[ $2 == 1 ]]; then echo "PASS $1"; else echo "FAIL $1"; fail=1; fi
}
check "ocispec (3 specs) >= 10x faster than pandoc (image-spec): $(echo "$t_pandoc $t_ocispec" | awk '{printf "%.1fx", $1/$2}')" \
	"$(echo "$t_pandoc $t_ocispec" | awk '{print ($1 >= 10 * $2) ? 1 : 0}')"
check "ocispec faster than hugo: $(echo "$t_hugo $t_ocispec" | awk '{printf "%.1fx", $1/$2}')" \
	"$(echo "$t_hugo $t_ocispec" | awk '{print ($1 > $2) ? 1 : 0}')"

say "Go benchmark of the example site"
ns=$(go test -run '^$' -bench '^BenchmarkExampleSite$' -count 3 ./render | awk '/^BenchmarkExampleSite/ {print $3}' | sort -n | head -1)
check "example site builds in $(echo "$ns" | awk '{printf "%.0f ms", $1/1e6}') (< 300 ms)" "$(echo "$ns" | awk '{print ($1 < 300e6) ? 1 : 0}')"
exit $fail
