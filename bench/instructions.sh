#!/usr/bin/env bash
# Counts the instructions the library spends on the public corpus against
# json.Unmarshal of the same bytes, under valgrind's callgrind: a count that
# the load of a shared machine does not change, where wall-clock ratios
# vary by tens of percent from run to run. Not part of make test or CI.
#
#   bash bench/instructions.sh [CORPUS_DIR] [REV]
#
# CORPUS_DIR defaults to ../shared/corpus/valid (its cloud_*.json files,
# checked 200 times each); with REV (a commit), that commit is measured
# beside the working tree. Needs valgrind (apt-get install valgrind).
# It prints each program's instructions less those of start-up (New and
# reading the files), with the garbage collector off (the mutator's work and
# the cost of allocating, the same on every run) and on (one run: the
# collector's share varies by a few percent), and the ratios.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$top/../shared/corpus/valid}
rev=${2:-}
command -v valgrind >/dev/null || { echo "valgrind is needed: apt-get install valgrind" >&2; exit 2; }
work=$(mktemp -d)
trap '[ -z "$rev" ] || git -C "$top" worktree remove --force "$work/rev" 2>/dev/null || true; rm -rf "$work"; git -C "$top" worktree prune' EXIT
mod=$(cd "$top" && go list -m)

# build NAME REPO BODY: a program that checks every payload 200 times with BODY.
build() {
	local name=$1 repo=$2 body=$3 dir=$work/src-$1
	mkdir -p "$dir"
	cat >"$dir/go.mod" <<EOM
module instr
go 1.26
require $mod v0.0.0
replace $mod => $repo
EOM
	cat >"$dir/main.go" <<EOM
package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"

	"$mod/validate"
)

var _ = json.Unmarshal
var _ = context.Background

func main() {
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "cloud_*.json"))
	var docs [][]byte
	for _, f := range files {
		b, _ := os.ReadFile(f)
		docs = append(docs, b)
	}
	v, _ := validate.New()
	_ = v
	for i := 0; i < 200; i++ {
		for _, d := range docs {
			$body
		}
	}
}
EOM
	(cd "$dir" && GOFLAGS=-mod=mod go mod tidy >/dev/null && go build -o "$work/$name" .)
}

count() { # count PROGRAM GOGC
	GOGC=$2 GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$work/$1" "$corpus" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

build setup "$top" '_ = d'
build unmarshal "$top" 'var x any; _ = json.Unmarshal(d, &x)'
build validate "$top" 'v.Validate(context.Background(), d)'
progs="unmarshal validate"
if [ -n "$rev" ]; then
	git -C "$top" worktree add -q --detach "$work/rev" "$rev"
	build "validate@$rev" "$work/rev" 'v.Validate(context.Background(), d)'
	progs="$progs validate@$rev"
fi
for gc in off 100; do
	base=$(count setup "$gc")
	unm=$(( $(count unmarshal "$gc") - base ))
	echo "GOGC=$gc (instructions less start-up, $corpus x200)"
	for p in $progs; do
		n=$unm
		[ "$p" = unmarshal ] || n=$(( $(count "$p" "$gc") - base ))
		awk -v p="$p" -v n="$n" -v u="$unm" 'BEGIN { printf "  %-28s %12.0f  %.2fx json.Unmarshal\n", p, n, n / u }'
	done
done
