#!/usr/bin/env bash
# bench/run.sh — time `ocispec lint` against its peers in one run.
#
# It builds ocispec, installs the peers from npm into a temporary directory
# (markdownlint-cli2 with markdownlint-rule-max-one-sentence-per-line, and
# rumdl), collects the three OCI specs (image-spec and runtime-spec from the
# Go module cache, distribution-spec from ../shared/corpus when present),
# generates a corpus of BENCH_CORPUS_MB megabytes (default 100) by copying
# them and one Markdown file of 20 MB by concatenating them, and times
# everything with hyperfine when installed, else with a loop. Then it runs
# the Go benchmarks of lint/ and of the parser on one core.
#
# Usage: bash bench/run.sh            (from the repository root; `make bench`)
# Environment:
#   BENCH_CORPUS_MB  size of the generated corpus (default 100)
#   BENCH_RUNS       runs per command (default 10)
#   BENCH_CORPUS_RUNS runs over the corpus, the best reported (default 3)
#   BENCH_KEEP=1     keep the temporary directory
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
corpus_mb=${BENCH_CORPUS_MB:-100}
runs=${BENCH_RUNS:-10}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocispec-bench.XXXXXX")
if [[ "${BENCH_KEEP:-}" != 1 ]]; then
	trap 'rm -rf "$tmp"' EXIT
fi
say() { printf '\n== %s\n' "$*" >&2; }

say "building ocispec"
go build -o "$tmp/ocispec" ./cmd/ocispec

say "installing peers from npm into $tmp"
(
	cd "$tmp"
	npm init -y >/dev/null
	npm install --no-audit --no-fund --silent \
		markdownlint-cli2 markdownlint-rule-max-one-sentence-per-line rumdl >/dev/null
)
mdl="$tmp/node_modules/.bin/markdownlint-cli2"
rumdl="$tmp/node_modules/.bin/rumdl"
peers_version() {
	printf 'markdownlint-cli2 %s, markdownlint-rule-max-one-sentence-per-line %s, rumdl %s\n' \
		"$(node -p "require('$tmp/node_modules/markdownlint-cli2/package.json').version")" \
		"$(node -p "require('$tmp/node_modules/markdownlint-rule-max-one-sentence-per-line/package.json').version")" \
		"$(node -p "require('$tmp/node_modules/rumdl/package.json').version")"
}

say "collecting the OCI specs"
specs="$tmp/specs"
mkdir -p "$specs"
copy_md() { # copy_md SRC DEST: the *.md files of SRC, keeping paths, without .github
	local src=$1 dest=$2
	(cd "$src" && find . -name '*.md' -not -path './.github/*' -not -path './vendor/*' -not -name 'spec-v*.md' -print0 |
		while IFS= read -r -d '' f; do
			mkdir -p "$dest/$(dirname "$f")"
			cp "$f" "$dest/$f"
		done)
	chmod -R u+w "$dest"
}
for mod in image-spec runtime-spec; do
	dir=$(go list -m -f '{{.Dir}}' "github.com/opencontainers/$mod" 2>/dev/null || true)
	if [[ -n "$dir" && -d "$dir" ]]; then
		copy_md "$dir" "$specs/$mod"
	else
		echo "warning: $mod not in the module cache (run go mod download)" >&2
	fi
done
if [[ -f "$root/../shared/corpus/distribution-spec/spec.md" ]]; then
	copy_md "$root/../shared/corpus/distribution-spec" "$specs/distribution-spec"
else
	echo "note: ../shared/corpus/distribution-spec is absent; timing image-spec and runtime-spec only" >&2
fi
spec_bytes=$(find "$specs" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
spec_files=$(find "$specs" -name '*.md' | wc -l)

# Peer configuration: every default rule plus one sentence per line.
cat >"$specs/.markdownlint-cli2.jsonc" <<'EOF'
{
  "config": { "default": true },
  "customRules": ["markdownlint-rule-max-one-sentence-per-line"]
}
EOF
cat >"$tmp/rumdl.toml" <<'EOF'
[MD013]
reflow = true
reflow-mode = "sentence-per-line"
EOF

say "generating a ${corpus_mb} MB corpus"
corpus="$tmp/corpus"
mkdir -p "$corpus"
target=$((corpus_mb * 1000 * 1000))
total=0
i=0
while ((total < target)); do
	i=$((i + 1))
	cp -r "$specs" "$corpus/copy$i"
	rm -f "$corpus/copy$i/.markdownlint-cli2.jsonc"
	total=$((total + spec_bytes))
done
corpus_bytes=$(find "$corpus" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
corpus_files=$(find "$corpus" -name '*.md' | wc -l)

say "generating one 20 MB Markdown file"
large="$tmp/large"
mkdir -p "$large"
while (($(stat -c %s "$large/large.md" 2>/dev/null || echo 0) < 20000000)); do
	find "$specs" -name '*.md' -print0 | sort -z | xargs -0 cat >>"$large/large.md"
done
large_bytes=$(stat -c %s "$large/large.md")

# time_cmd NAME DIR CMD...: mean wall seconds of CMD run in DIR.
time_cmd() {
	local name=$1 dir=$2
	shift 2
	if command -v hyperfine >/dev/null; then
		(cd "$dir" && hyperfine --warmup 1 --runs "$runs" -i --export-json "$tmp/$name.json" -- "$(printf '%q ' "$@")" >&2)
		node -p "require('$tmp/$name.json').results[0].mean.toFixed(4)"
	else
		(cd "$dir" && "$@" >/dev/null 2>&1 || true) # warm-up
		local start end
		start=$(date +%s%N)
		for ((r = 0; r < runs; r++)); do
			(cd "$dir" && "$@" >/dev/null 2>&1 || true)
		done
		end=$(date +%s%N)
		awk -v ns=$((end - start)) -v n="$runs" 'BEGIN { printf "%.4f\n", ns / n / 1e9 }'
	fi
}

say "timing the three OCI specs ($spec_files files, $spec_bytes bytes)"
t_ocispec1=$(time_cmd ocispec1 "$specs" env GOMAXPROCS=1 taskset -c 0 "$tmp/ocispec" lint .)
t_ocispec=$(time_cmd ocispec "$specs" "$tmp/ocispec" lint .)
t_mdl=$(time_cmd markdownlint "$specs" "$mdl" "**/*.md")
t_rumdl=$(time_cmd rumdl "$specs" "$rumdl" check --no-cache --config "$tmp/rumdl.toml" .)

# best_of N NAME DIR CMD...: the best wall time of N runs of CMD in DIR,
# with its CPU time (user plus system) and maximum RSS, as
# "wall cpu rss_kb". On a shared machine a single run can take a
# neighbour's load; the best run is the least disturbed.
best_of() {
	local n=$1 name=$2 dir=$3 best= line
	shift 3
	for ((r = 0; r < n; r++)); do
		(cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$tmp/$name.rusage" "$@" >/dev/null 2>&1 || true)
		read -r wall user sys rss < <(tail -1 "$tmp/$name.rusage")
		if [[ -z "$best" ]] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
			best="$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss"
		fi
	done
	echo "$best"
}

say "timing the ${corpus_mb} MB corpus ($corpus_files files, $corpus_bytes bytes)"
read -r corpus_secs corpus_cpu corpus_rss_kb < <(best_of "${BENCH_CORPUS_RUNS:-3}" corpus "$corpus" "$tmp/ocispec" lint .)
read -r corpus1_secs corpus1_cpu corpus1_rss_kb < <(best_of "${BENCH_CORPUS_RUNS:-3}" corpus1 "$corpus" env GOMAXPROCS=1 taskset -c 0 "$tmp/ocispec" lint .)
corpus_mbs=$(awk -v b="$corpus_bytes" -v s="$corpus_secs" 'BEGIN { printf "%.1f", b / 1e6 / s }')
corpus1_mbs=$(awk -v b="$corpus_bytes" -v s="$corpus1_secs" 'BEGIN { printf "%.1f", b / 1e6 / s }')

say "timing one 20 MB file ($large_bytes bytes)"
read -r large_secs large_cpu large_rss_kb < <(best_of "${BENCH_CORPUS_RUNS:-3}" large "$large" "$tmp/ocispec" lint large.md)
start=$(date +%s%N)
(cd "$corpus" && "$rumdl" check --no-cache --config "$tmp/rumdl.toml" . >/dev/null 2>&1 || true)
end=$(date +%s%N)
t_rumdl_corpus=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')

say "Go benchmarks (one core)"
go test ./lint -run '^$' -bench . -benchtime 2s -cpu 1 | tee "$tmp/gobench.txt" >&2
go test ./specs -run '^$' -bench 'ParseOCISpecs$' -benchtime 2s -cpu 1 | tee -a "$tmp/gobench.txt" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
cat <<EOF

## Results ($(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m))

Peers: $(peers_version)

| Run | Input | Wall time (s) | vs ocispec |
| --- | ----- | ------------- | ---------- |
| ocispec lint (all default rules) | three OCI specs, $spec_files files, $spec_bytes bytes | $t_ocispec | 1.0 |
| ocispec lint, one core | same | $t_ocispec1 | $(ratio "$t_ocispec1" "$t_ocispec") |
| markdownlint-cli2 + max-one-sentence-per-line | same | $t_mdl | $(ratio "$t_mdl" "$t_ocispec") |
| rumdl check (sentence-per-line reflow) | same | $t_rumdl | $(ratio "$t_rumdl" "$t_ocispec") |
| ocispec lint, all cores (best of ${BENCH_CORPUS_RUNS:-3}) | generated corpus, $corpus_files files, $corpus_bytes bytes | $corpus_secs ($corpus_cpu s CPU) | $corpus_mbs MB/s, max RSS $((corpus_rss_kb / 1024)) MB |
| ocispec lint, one core (best of ${BENCH_CORPUS_RUNS:-3}) | same corpus | $corpus1_secs ($corpus1_cpu s CPU) | $corpus1_mbs MB/s, max RSS $((corpus1_rss_kb / 1024)) MB |
| rumdl check | same corpus | $t_rumdl_corpus | |
| ocispec lint (best of ${BENCH_CORPUS_RUNS:-3}) | one generated file, $large_bytes bytes | $large_secs ($large_cpu s CPU) | max RSS $((large_rss_kb / 1024)) MB |

Load average at the end of the run: $(cut -d' ' -f1-3 /proc/loadavg)

Go benchmarks (\`go test ./lint -bench . -cpu 1\` and the parsers in \`specs\`):

\`\`\`text
$(grep -E '^Benchmark' "$tmp/gobench.txt")
\`\`\`
EOF
