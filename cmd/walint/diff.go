package main

import (
	"bytes"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// unifiedDiff returns the unified diff from a to b, headed --- a/name and
// +++ b/name, or "" when they are equal. The diff is go-internal's copy of
// the go command's anchored diff: three lines of context, and "\ No newline
// at end of file" where a side lacks its last newline. Its first line,
// "diff a/name b/name", reads like a command that was never run, so it is
// left out: the output is what diff -u prints, and patch -p1 or git apply
// take it as it is.
func unifiedDiff(name string, a, b []byte) string {
	name = strings.TrimPrefix(strings.TrimPrefix(name, "./"), "/")
	d := diff.Diff("a/"+name, a, "b/"+name, b)
	d, _ = bytes.CutPrefix(d, []byte("diff a/"+name+" b/"+name+"\n"))
	return string(d)
}
