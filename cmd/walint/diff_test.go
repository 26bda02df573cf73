package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// diffCases are the shapes fix --diff meets: one changed value, changes
// near and far from each other, files that grow from or shrink to nothing,
// and a last line without its newline on either side.
var diffCases = []struct {
	name, a, b, want string
}{
	{"equal", "a\nb\n", "a\nb\n", ""},
	{"one line", "a\n", "b\n", "--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a\n+b\n"},
	{"from empty", "", "a\nb\n", "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n"},
	{"to empty", "a\n", "", "--- a/f\n+++ b/f\n@@ -1,1 +0,0 @@\n-a\n"},
	{"no newline at end", "a\nb", "a\nc",
		"--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"},
	{"newline added", "a", "a\n", "--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+a\n"},
	{"newline removed", "a\nb\n", "a\nb", "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n"},
	{"unchanged last line without newline", "a\nb\nc", "X\nb\nc",
		"--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+X\n b\n c\n\\ No newline at end of file\n"},
	{"context is three lines", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nX\n6\n7\n8\n9\n",
		"--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n"},
	{"five unchanged lines join two hunks", "1\n2\n3\n4\n5\n6\n7\n", "X\n2\n3\n4\n5\n6\nY\n",
		"--- a/f\n+++ b/f\n@@ -1,7 +1,7 @@\n-1\n+X\n 2\n 3\n 4\n 5\n 6\n-7\n+Y\n"},
	{"six split them", "1\n2\n3\n4\n5\n6\n7\n8\n", "X\n2\n3\n4\n5\n6\n7\nY\n",
		"--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+X\n 2\n 3\n 4\n@@ -5,4 +5,4 @@\n 5\n 6\n 7\n-8\n+Y\n"},
	{"line endings kept", "a\r\nb\r\n", "a\r\nc\r\n", "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n"},
}

func TestUnifiedDiff(t *testing.T) {
	for _, tt := range diffCases {
		t.Run(tt.name, func(t *testing.T) {
			if got := unifiedDiff("./f", []byte(tt.a), []byte(tt.b)); got != tt.want {
				t.Errorf("unifiedDiff(%q, %q) =\n%s\nwant\n%s", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestUnifiedDiffNames: the name is given relative, as patch -p1 and git
// apply expect, whether walint got it as ./name, /name or name.
func TestUnifiedDiffNames(t *testing.T) {
	for _, name := range []string{"payloads/v.json", "./payloads/v.json", "/payloads/v.json"} {
		got := unifiedDiff(name, []byte("a\n"), []byte("b\n"))
		if want := "--- a/payloads/v.json\n+++ b/payloads/v.json\n@@"; !strings.HasPrefix(got, want) {
			t.Errorf("unifiedDiff(%q) begins %q, want %q", name, got[:min(len(got), len(want))], want)
		}
	}
}

// TestUnifiedDiffApplies: every diff, of the cases above and of random
// texts with repeated lines and missing last newlines, turns a into b when
// applied strictly (counts, context and the no-newline marks all checked).
func TestUnifiedDiffApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		a, b := randomText(r), randomText(r)
		if i%2 == 0 {
			b = mutate(r, a)
		}
		d := unifiedDiff("f", []byte(a), []byte(b))
		got, err := applyDiff(a, d)
		if err != nil || got != b {
			t.Fatalf("the diff from %q to %q:\n%s\napplied gives %q, %v", a, b, d, got, err)
		}
	}
}

// TestUnifiedDiffLargeFile: fix --diff takes JSON Lines files of up to
// 64 MiB, where thousands of lines may change. The Myers diff walint had
// kept O(D²) memory for D changed lines (2 GB for 8,000 fixed lines, so
// some 28 GB for these 30,000); the anchored diff takes a fraction of a
// second.
func TestUnifiedDiffLargeFile(t *testing.T) {
	var a, b strings.Builder
	for i := range 60_000 {
		line := fmt.Sprintf(`{"to":"+16505551234","type":"text","text":{"body":"%d","preview_url":"true"}}`+"\n", i)
		a.WriteString(line)
		if i%2 == 0 {
			line = strings.Replace(line, `"true"`, "true", 1)
		}
		b.WriteString(line)
	}
	d := unifiedDiff("f", []byte(a.String()), []byte(b.String()))
	if n := strings.Count(d, "\n-{"); n != 30_000 {
		t.Errorf("the diff removes %d lines, want the 30000 fixed ones", n)
	}
	if got, err := applyDiff(a.String(), d); err != nil || got != b.String() {
		t.Errorf("the diff does not turn a into b: %v", err)
	}
}

// TestApplyDiffRefusesBrokenDiffs: applyDiff, which the test above trusts,
// does notice a diff that is off.
func TestApplyDiffRefusesBrokenDiffs(t *testing.T) {
	const a = "a\nb\nc"
	for name, d := range map[string]string{
		"no header":                  "@@ -1,1 +1,1 @@\n-a\n+X\n",
		"count too high":             "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+X\n",
		"count too low":              "--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a\n+X\n b\n",
		"wrong context":              "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-a\n+X\n c\n",
		"wrong line number":          "--- a/f\n+++ b/f\n@@ -2,1 +2,1 @@\n-a\n+X\n",
		"newline not marked missing": "--- a/f\n+++ b/f\n@@ -3,1 +3,1 @@\n-c\n+X\n",
	} {
		if got, err := applyDiff(a, d); err == nil {
			t.Errorf("%s: applied, giving %q", name, got)
		}
	}
}

// TestUnifiedDiffAppliesWithPatch: patch -p1 (with no fuzz, so context must
// match exactly) applies the diffs of the cases above and of random texts.
func TestUnifiedDiffAppliesWithPatch(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch not found; TestUnifiedDiffApplies checks the diffs without it")
	}
	type pair struct{ a, b string }
	var pairs []pair
	for _, tt := range diffCases[1:] {
		pairs = append(pairs, pair{tt.a, tt.b})
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 40 {
		a := randomText(r)
		pairs = append(pairs, pair{a, mutate(r, a)})
	}
	for i, p := range pairs {
		dir := t.TempDir()
		d := unifiedDiff("f", []byte(p.a), []byte(p.b))
		if err := os.WriteFile(filepath.Join(dir, "f"), []byte(p.a), 0o666); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(patch, "-p1", "-F0", "-s", "-N", "--no-backup-if-mismatch")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%d: patch refused the diff from %q to %q:\n%s\n%v: %s", i, p.a, p.b, d, err, out)
		}
		got, err := os.ReadFile(filepath.Join(dir, "f"))
		if err != nil && !errors.Is(err, os.ErrNotExist) { // patch may remove a file it empties
			t.Fatal(err)
		}
		if string(got) != p.b {
			t.Fatalf("%d: patch made %q of %q with\n%s\nwant %q", i, got, p.a, d, p.b)
		}
	}
}

// randomText returns up to 14 lines drawn from a few, so that lines repeat
// (the anchored diff must cope with few unique lines) or, with a larger
// pool, are mostly unique; now and then the last newline is missing.
func randomText(r *rand.Rand) string {
	pool := 2 + r.IntN(3)
	if r.IntN(3) == 0 {
		pool = 40
	}
	var s strings.Builder
	for range r.IntN(15) {
		s.WriteString(strconv.Itoa(r.IntN(pool)) + "\n")
	}
	if r.IntN(4) == 0 {
		return strings.TrimSuffix(s.String(), "\n")
	}
	return s.String()
}

// mutate changes, inserts or deletes a few lines of a, as fix does (and
// sometimes adds or drops the last newline).
func mutate(r *rand.Rand, a string) string {
	lines := splitLines(a)
	for range 1 + r.IntN(3) {
		i := r.IntN(len(lines) + 1)
		switch r.IntN(3) {
		case 0:
			lines = append(lines[:i], append([]string{"new" + strconv.Itoa(r.IntN(9)) + "\n"}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		case 2:
			if i < len(lines) {
				lines[i] = "changed\n"
			}
		}
	}
	s := strings.Join(lines, "")
	if r.IntN(5) == 0 {
		if strings.HasSuffix(s, "\n") {
			return strings.TrimSuffix(s, "\n")
		}
		return s + "\n"
	}
	return s
}

// splitLines splits s after each newline; the last line may lack one.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+),(\d+) \+(\d+),(\d+) @@\n$`)

// applyDiff applies unifiedDiff's diff of the file f to a, strictly: the
// headers name a/f and b/f, hunks come in order at the lines their headers
// give, their counts match their lines, context and deleted lines are a's,
// and "\ No newline at end of file" follows only a last line.
func applyDiff(a, d string) (string, error) {
	if d == "" {
		return a, nil
	}
	diff := splitLines(d)
	if len(diff) < 3 || diff[0] != "--- a/f\n" || diff[1] != "+++ b/f\n" {
		return "", fmt.Errorf("no --- a/f, +++ b/f header")
	}
	src := splitLines(a)
	var out []string
	next := 0 // a's first line not yet copied or deleted
	for i := 2; i < len(diff); {
		m := hunkHeader.FindStringSubmatch(diff[i])
		if m == nil {
			return "", fmt.Errorf("diff line %d: %q is no hunk header", i+1, diff[i])
		}
		i++
		n := make([]int, 4)
		for j := range n {
			n[j], _ = strconv.Atoi(m[j+1])
		}
		aStart, aCount, bStart, bCount := n[0], n[1], n[2], n[3]
		// A start counts from 1; with a count of 0 it is the line before.
		if aCount > 0 {
			aStart--
		}
		if bCount > 0 {
			bStart--
		}
		if aStart < next || aStart > len(src) {
			return "", fmt.Errorf("hunk at a's line %d, after line %d or past the end", aStart+1, next)
		}
		out = append(out, src[next:aStart]...)
		if bStart != len(out) {
			return "", fmt.Errorf("hunk at b's line %d, want %d", bStart+1, len(out)+1)
		}
		next = aStart
		for aCount > 0 || bCount > 0 {
			if i >= len(diff) || diff[i] == "" {
				return "", fmt.Errorf("hunk ends early")
			}
			op, text := diff[i][0], diff[i][1:]
			i++
			if i < len(diff) && diff[i] == "\\ No newline at end of file\n" {
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			if op == ' ' || op == '-' {
				if aCount == 0 || next >= len(src) || src[next] != text {
					return "", fmt.Errorf("diff line %d: %q does not match a", i, diff[i-1])
				}
				next++
				aCount--
			}
			if op == ' ' || op == '+' {
				if bCount == 0 {
					return "", fmt.Errorf("diff line %d: more lines than the hunk header says", i)
				}
				out = append(out, text)
				bCount--
			}
			if op != ' ' && op != '-' && op != '+' {
				return "", fmt.Errorf("diff line %d: %q", i, diff[i-1])
			}
		}
	}
	out = append(out, src[next:]...)
	for i, l := range out[:max(0, len(out)-1)] {
		if !strings.HasSuffix(l, "\n") {
			return "", fmt.Errorf("line %d of the result lacks its newline", i+1)
		}
	}
	return strings.Join(out, ""), nil
}
