#!/usr/bin/env bash
# fuzz.sh runs fuzz targets, each for a set time, and fails when one of them
# fails. make fuzz calls it; CI runs it with 30s.
#
#   scripts/fuzz.sh TIME [PKG:TARGET...]    e.g. scripts/fuzz.sh 30s ./validate:FuzzValidate
#
# Without targets it runs every fuzz target under the current directory: each
# "func FuzzX(" at the start of a line in a _test.go file. Every target runs
# even after one fails; the failed ones are listed at the end.
#
# One failure is not counted: Go's fuzz coordinator can end a run that found
# nothing with "context deadline exceeded" when -fuzztime runs out while a
# worker is still busy (golang/go#75804, fixed in Go 1.27; go.mod says 1.26).
# It is recognised only by its whole signature: the target's one failure is
# that message, no failing input is named, and the target's corpus directory
# (PKG/testdata/fuzz/TARGET) gained no file. A crash, a hang, a build error or
# any other failure still fails the run.
set -uo pipefail

GO=${GO:-go}

if [ $# -lt 1 ]; then
	echo "usage: $0 TIME [PKG:TARGET...]" >&2
	exit 2
fi
fuzztime=$1
shift

# With no targets named, every one in the tree, as ./DIR:FuzzX.
if [ $# -eq 0 ]; then
	mapfile -t all < <(grep -r -o --include='*_test.go' --exclude-dir=node_modules --exclude-dir=testdata \
		'^func Fuzz[A-Za-z0-9_]*' . | sort | sed -E 's|^(.*)/[^/]*:func |\1:|')
	if [ ${#all[@]} -eq 0 ]; then
		echo "fuzz: no fuzz targets under $PWD" >&2
		exit 1
	fi
	set -- "${all[@]}"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

# corpus lists the files of a target's corpus directory, one per line.
corpus() {
	ls -1 "$1" 2>/dev/null
}

# coordinator_race tells whether the log of a failed run of target $1 shows
# only golang/go#75804: one "--- FAIL" line, for the target, followed by the
# bare message, and no failing input written.
coordinator_race() {
	[ "$(grep -c -- '--- FAIL' "$log")" -eq 1 ] || return 1
	grep -q 'Failing input written to' "$log" && return 1
	grep -A1 -- "^--- FAIL: $1 (" "$log" | tail -n 1 | grep -qx '    context deadline exceeded'
}

failed=()
for t in "$@"; do
	pkg=${t%%:*}
	name=${t#*:}
	dir=$pkg/testdata/fuzz/$name
	before=$(corpus "$dir")

	echo "fuzz $pkg $name for $fuzztime"
	"$GO" test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	[ "$status" -eq 0 ] && continue

	if coordinator_race "$name" && [ "$(corpus "$dir")" = "$before" ]; then
		echo "fuzz: $name: not counted as a failure: the run found no failing input and stopped with Go's"
		echo "fuzz: end-of-fuzztime race (golang/go#75804, fixed in Go 1.27)"
		continue
	fi
	failed+=("$pkg:$name")
done

if [ ${#failed[@]} -gt 0 ]; then
	echo "fuzz: failed: ${failed[*]}" >&2
	exit 1
fi
