#!/usr/bin/env bash
# CLI benchmark: lint 10,000 payload files with the walint command and
# report the median wall time and how much of both cores it used.
#
#   bench/cli.sh [COUNT]     (default 10000; run from anywhere in the repo)
#
# The files are copies of testdata/clean and testdata/rules fixtures, each
# with a small variation (the recipient's last digits, an extra line at the
# end) so that no two files are the same, spread over 10 directories. The
# timing uses hyperfine when it is installed (apt-get install -y hyperfine),
# a plain loop of 5 runs otherwise (or with NO_HYPERFINE=1). It is a
# measurement, not a test: nothing here fails on a slow run.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -trimpath -o "$work/walint" ./cmd/walint

# One awk process reads every fixture and writes all the copies.
mkdir -p "$work/payloads"
find testdata/clean testdata/rules -name '*.json' | LC_ALL=C sort |
	xargs awk -v n="$count" -v out="$work/payloads" '
		FNR == 1 { files++; name[files] = FILENAME; sub(".*/", "", name[files]) }
		{ body[files] = body[files] $0 "\n" }
		END {
			for (d = 0; d < 10; d++) system("mkdir -p " out "/d" d)
			for (i = 0; i < n; i++) {
				f = i % files + 1
				text = body[f]
				sub(/6505551234/, sprintf("650555%04d", i % 10000), text)
				path = sprintf("%s/d%d/%05d_%s", out, i % 10, i, name[f])
				printf "%s%s", text, (i % 2 ? "\n" : "") > path
				close(path)
			}
			printf "%d files from %d fixtures\n", n, files
		}'

cmd=("$work/walint" --color never "$work/payloads")
echo "cores: $(nproc), GOMAXPROCS default"
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
	hyperfine --warmup 1 --runs 10 --ignore-failure --export-json "$work/h.json" \
		"${cmd[*]} >/dev/null" >&2
	# hyperfine's JSON has one result with median, mean, user and system in seconds.
	get() { grep -o "\"$1\": *[0-9.e-]*" "$work/h.json" | head -1 | sed 's/.*: *//'; }
	median=$(get median) mean=$(get mean) user=$(get user) sys=$(get system)
else
	TIMEFORMAT='%R %U %S'
	for _ in 1 2 3 4 5; do
		{ time "${cmd[@]}" >/dev/null || true; } 2>>"$work/times"
	done
	median=$(sort -n "$work/times" | awk 'NR == 3 { print $1 }')
	read -r mean user sys < <(awk '{ r += $1; u += $2; s += $3 } END { print r/NR, u/NR, s/NR }' "$work/times")
fi
awk -v m="$median" -v mean="$mean" -v u="$user" -v s="$sys" -v n="$count" 'BEGIN {
	printf "median wall time: %.3f s for %d files (%.1f µs per file)\n", m, n, m / n * 1e6
	printf "mean user %.3f s + sys %.3f s over mean wall %.3f s: %.2f cores busy\n", u, s, mean, (u + s) / mean
}'
