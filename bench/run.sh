#!/usr/bin/env bash
# make bench: walint against what a JavaScript team would use, side by side,
# on one generated corpus. Needs Go, node and npm; installs the Node packages
# into bench/node/node_modules when they are missing (npm ci from the
# committed package-lock.json). See bench/README.md.
#
#   bench/run.sh                 (or: make bench)
#
# Environment: BENCH_N (payloads of the library corpus, default 10000; the
# CLI corpus is always 10,000 files), BENCH_SEED (default 1),
# BENCH_COUNT (runs of each library benchmark, default 6), BENCH_CLI_RUNS
# (runs of each CLI command, default 5), NO_HYPERFINE=1 (time the CLI with a
# plain loop even when hyperfine is installed).
#
# It measures, nothing here fails on a slow result.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

GO=${GO:-go}
n=${BENCH_N:-10000}
seed=${BENCH_SEED:-1}
count=${BENCH_COUNT:-6}
cli_runs=${BENCH_CLI_RUNS:-5}

for tool in "$GO" node npm; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done

section() { printf '\n== %s\n\n' "$*"; }

# The Node packages, exactly as locked. npm keeps a copy of the lock it
# installed from in node_modules/.package-lock.json: a newer lock means reinstall.
node_dir=bench/node
if [ ! -f "$node_dir/node_modules/.package-lock.json" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
	section "installing the Node packages (npm ci)"
	npm ci --prefix "$node_dir" --no-audit --no-fund
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

section "machine"
echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || uname -m)"
echo "$($GO version); node $(node --version); $(date -u +%Y-%m-%dT%H:%MZ)"

section "corpus"
$GO run ./bench/gen -n "$n" -seed "$seed" -out "$work/corpus"
# ajv-cli exits at the first file that is not JSON, so the CLI comparison
# gets a corpus of the same seed without the JSON syntax mistakes.
$GO run ./bench/gen -n 10000 -seed "$seed" -wellformed -out "$work/cli"

section "library: walint (go test ./internal/bench -bench Corpus -cpu 1 -count $count)"
WALINT_BENCH_CORPUS="$work/corpus" $GO test ./internal/bench -run '^$' -bench Corpus -benchmem -cpu 1 -count "$count" | tee "$work/go-corpus.txt"
echo "(and go test ./validate -bench . -benchmem -count $count, for benchstat below)"
$GO test ./validate -run '^$' -bench . -benchmem -count "$count" >"$work/go-validate.txt"

# benchstat is fetched through the Go module proxy; without it, medians.
stats() {
	if $GO run golang.org/x/perf/cmd/benchstat@latest "$1" 2>/dev/null; then
		return
	fi
	echo "(benchstat not available: medians)"
	node "$node_dir/report.js" medians "$1"
}
section "benchstat: ./internal/bench (generated corpus)"
stats "$work/go-corpus.txt"
section "benchstat: ./validate (testdata/clean payloads)"
stats "$work/go-validate.txt"

section "the npm package (make npm)"
GO="$GO" node wasm/npm/scripts/build.js

section "library: ajv + libphonenumber-js, and walint's npm package, in one Node process (node bench/node/validate.js)"
node "$node_dir/validate.js" "$work/corpus" --runs "$count" --json "$work/node.json"

# The SDK comparison is the newest and the most fragile piece (its package
# wants Node 20.19): when it fails, the rest of the run still reports.
section "library: walint's npm package against a Zod-based SDK's checks, on the payloads it expresses (node bench/node/sdk.js)"
sdk_args=()
if node "$node_dir/sdk.js" "$work/corpus" --runs "$count" --json "$work/sdk.json"; then
	sdk_args=(--sdk "$work/sdk.json")
else
	echo "bench: the SDK comparison failed; its table is left out" >&2
fi

section "CLI: walint vs ajv-cli"
$GO build -trimpath -o "$work/walint" ./cmd/walint
ajv="$root/$node_dir/node_modules/.bin/ajv"
schemas="$root/schemas"
refs_cloud=""
for f in "$schemas"/cloud/*.json; do
	[ "$f" = "$schemas/cloud/message.json" ] || refs_cloud+=" -r $f"
done
refs_onprem=""
for f in "$schemas"/cloud/*.json "$schemas"/onprem/media.json "$schemas"/onprem/template.json; do
	refs_onprem+=" -r $f"
done
ajv_opts="validate --spec=draft2020 --strict=false"
# ajv-cli takes one root schema, so the Cloud and the On-Premises files are
# two runs (as walint's auto-detection splits them), timed as one command.
ajv_all="$ajv $ajv_opts -s $schemas/cloud/message.json$refs_cloud -d 'json/*-cloud-*.json'; $ajv $ajv_opts -s $schemas/onprem/message.json$refs_onprem -d 'json/*-onprem-*.json'"
walint_all="$work/walint --color never json"
for f in "$work"/cli/json/*-cloud-text-ok.json; do
	one=${f##*/}
	break
done
ajv_one="$ajv $ajv_opts -s $schemas/cloud/message.json$refs_cloud -d json/$one"
walint_one="$work/walint --color never json/$one"
echo "files: $(ls "$work/cli/json" | wc -l) in $work/cli/json"

cd "$work/cli"
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 --runs "$cli_runs" --ignore-failure --export-json "$work/cli.json" \
		-n walint-10000 "$walint_all >/dev/null 2>&1" \
		-n ajv-cli-10000 "($ajv_all) >/dev/null 2>&1" \
		-n walint-1 "$walint_one >/dev/null 2>&1" \
		-n ajv-cli-1 "$ajv_one >/dev/null 2>&1"
else
	# A stand-in for hyperfine: one warm-up, then cli_runs timed runs of each
	# command (bash's time: wall, user and system seconds, children
	# included), written in the shape of hyperfine's --export-json.
	TIMEFORMAT='%R %U %S'
	{
		echo '{"results": ['
		sep=""
		for name in walint-10000 ajv-cli-10000 walint-1 ajv-cli-1; do
			case $name in
			walint-10000) cmd=$walint_all ;;
			ajv-cli-10000) cmd=$ajv_all ;;
			walint-1) cmd=$walint_one ;;
			ajv-cli-1) cmd=$ajv_one ;;
			esac
			sh -c "$cmd" >/dev/null 2>&1 || true
			: >"$work/times"
			for _ in $(seq "$cli_runs"); do
				{ time sh -c "$cmd" >/dev/null 2>&1; } 2>>"$work/times" || true
			done
			echo "$name: $(tr '\n' ';' <"$work/times") (wall user sys, s)" >&2
			awk -v sep="$sep" -v name="$name" '
				{ t = t (NR > 1 ? ", " : "") $1; u += $2; s += $3 }
				END { printf "%s{\"command\": \"%s\", \"times\": [%s], \"user\": %f, \"system\": %f}\n", sep, name, t, u / NR, s / NR }' "$work/times"
			sep=","
		done
		echo ']}'
	} >"$work/cli.json"
fi
cd "$root"

section "side by side"
node "$node_dir/report.js" table --go "$work/go-corpus.txt" --node "$work/node.json" "${sdk_args[@]}" --cli "$work/cli.json"
