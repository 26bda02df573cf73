package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		glob, name string
		want       bool
	}{
		{"a.json", "a.json", true},
		{"*.json", "a.json", true},
		{"*.json", "dir/a.json", false},
		{"dir/*.json", "dir/a.json", true},
		{"**/*.json", "a.json", true},
		{"**/*.json", "x/y/a.json", true},
		{"dir/**", "dir/x/a.json", true},
		{"dir/**", "other/a.json", false},
		{"dir/**/a.json", "dir/a.json", true},
		{"dir/**/a.json", "dir/x/y/a.json", true},
		{"dir/**/a.json", "dir/x/y/b.json", false},
		{"./dir/*.json", "dir/a.json", true},
		{"d?r/[ab].json", "dir/b.json", true},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.glob, strings.Split(tt.name, "/")); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.glob, tt.name, got, tt.want)
		}
	}
}

func TestIgnored(t *testing.T) {
	base := t.TempDir()
	s := &settings{base: base, Ignore: []string{"legacy", "**/*.draft.json"}}
	for name, want := range map[string]bool{
		"legacy/a.json":          true, // a glob that matches a directory covers what is in it
		"x/legacy/a.json":        false,
		"a.draft.json":           true,
		"x/y/a.draft.json":       true,
		"a.json":                 false,
		"../outside/legacy.json": false,
	} {
		if got := s.ignored(filepath.Join(base, name)); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestFindingIgnoreHides(t *testing.T) {
	f := validate.Finding{Rule: "quoted-boolean", Pointer: "/text/preview_url"}
	for _, tt := range []struct {
		ig   findingIgnore
		want bool
	}{
		{findingIgnore{Rule: "quoted-boolean"}, true},
		{findingIgnore{Rule: "quoted-boolean", Pointer: "/text"}, true},
		{findingIgnore{Rule: "quoted-boolean", Pointer: "/text/preview_url"}, true},
		{findingIgnore{Rule: "quoted-boolean", Pointer: "/te"}, false},
		{findingIgnore{Rule: "quoted-boolean", Pointer: "/text/preview_url/x"}, false},
		{findingIgnore{Rule: "quoted-number", Pointer: "/text"}, false},
	} {
		if got := tt.ig.hides(f); got != tt.want {
			t.Errorf("%+v hides %s at %s = %v, want %v", tt.ig, f.Rule, f.Pointer, got, tt.want)
		}
	}
}

// TestMatchGlobManyStars checks the cost of "**" segments: ten of them
// against a path 25 directories deep that they do not match took 26 s of
// backtracking before each pair of positions was tried only once.
func TestMatchGlobManyStars(t *testing.T) {
	pat := strings.Split(strings.Repeat("**/", 10)+"x.json", "/")
	name := strings.Split(strings.Repeat("d/", 25)+"a.json", "/")
	m := segmentMatcher{pat: pat, name: name}
	if m.match(0, 0) {
		t.Fatal("matched")
	}
	// Each of the 11 × 27 pairs of positions is entered at most once, and
	// from there compares at most one segment per name segment.
	if bound := len(pat) * len(name) * len(name); m.steps > bound {
		t.Errorf("%d segment comparisons, want at most %d", m.steps, bound)
	}
	if !matchGlob(strings.Repeat("**/", 10)+"a.json", name) {
		t.Error("the same glob ending in a.json does not match")
	}
}

func TestSuggest(t *testing.T) {
	ids := ruleIDs()
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"latitude-rang", []string{"latitude-range"}},
		{"quoted-bool", []string{"quoted-boolean"}},
		{"zzz", nil},
	} {
		if got := suggest(tt.name, ids); !slices.Equal(got, tt.want) {
			t.Errorf("suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEachLine(t *testing.T) {
	long := strings.Repeat("x", 100<<10) // over eachLine's buffer
	data := "{\"a\":1}\r\n\n  \n {\"b\":2}\n" + long + "\n{\"c\":3}"
	var got []payload
	err := eachLine(strings.NewReader(data), 200<<10, func(p payload) bool {
		got = append(got, p)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []payload{{[]byte(`{"a":1}`), 1, 0}, {[]byte(` {"b":2}`), 4, 13}, {[]byte(long), 5, 22}, {[]byte(`{"c":3}`), 6, 22 + len(long) + 1}}
	if len(got) != len(want) {
		t.Fatalf("eachLine: %d payloads, want %d", len(got), len(want))
	}
	for i := range got {
		if string(got[i].data) != string(want[i].data) || got[i].line != want[i].line || got[i].offset != want[i].offset ||
			data[got[i].offset:got[i].offset+len(got[i].data)] != string(got[i].data) {
			t.Errorf("payload %d = %.20q at line %d offset %d, want %.20q at line %d offset %d", i,
				got[i].data, got[i].line, got[i].offset, want[i].data, want[i].line, want[i].offset)
		}
	}
}

// TestEachLineCuts checks that a line over the limit is passed on cut short
// (two bytes over it, so the validator sees it is too large) and that the
// lines after it keep their numbers and offsets.
func TestEachLineCuts(t *testing.T) {
	for _, tt := range []struct {
		data string
		want []string
	}{
		{"0123456789\n{}", []string{"0123456789", "{}"}},           // exactly the limit
		{"0123456789\r\n{}", []string{"0123456789", "{}"}},         // the limit and CRLF
		{"0123456789a\n{}", []string{"0123456789a", "{}"}},         // one over: kept whole
		{"0123456789abcdef\n{}", []string{"0123456789ab", "{}"}},   // cut at the limit + 2
		{"0123456789abcdef\r\n{}", []string{"0123456789ab", "{}"}}, // cut, CRLF not kept
	} {
		var got []string
		var last payload
		eachLine(strings.NewReader(tt.data), 10, func(p payload) bool {
			got, last = append(got, string(p.data)), p
			return true
		})
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: lines %q, want %q", tt.data, got, tt.want)
		}
		if last.line != 2 || last.offset != strings.Index(tt.data, "{}") {
			t.Errorf("%q: last line at %d offset %d, want line 2 offset %d", tt.data, last.line, last.offset, strings.Index(tt.data, "{}"))
		}
	}
}

// TestEachLineStops checks that eachLine stops reading when told to.
func TestEachLineStops(t *testing.T) {
	n := 0
	err := eachLine(strings.NewReader("{}\n{}\n{}\n"), 10, func(payload) bool {
		n++
		return n < 2
	})
	if !errors.Is(err, errStopped) || n != 2 {
		t.Errorf("eachLine = %v after %d lines, want errStopped after 2", err, n)
	}
}

// TestColorAuto checks the terminal test of --color auto on a character
// device (a terminal is one; /dev/null stands in for it here) and NO_COLOR.
func TestColorAuto(t *testing.T) {
	dev, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer dev.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	t.Setenv("NO_COLOR", "")
	if on, _ := colorMode("auto", dev); !on {
		t.Error("auto on a character device: no colour")
	}
	if on, _ := colorMode("auto", file); on {
		t.Error("auto on a regular file: colour")
	}
	t.Setenv("NO_COLOR", "1")
	if on, _ := colorMode("auto", dev); on {
		t.Error("auto with NO_COLOR: colour")
	}
	if on, _ := colorMode("always", file); !on {
		t.Error("always: no colour")
	}
}

// TestRewriteFileInPlace checks that fix rewrites a file as gofmt -w does:
// in place, so that its mode (setgid included), its hard links and a
// symbolic link to it stay, with no file left beside it.
func TestRewriteFileInPlace(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.json")
	if err := os.WriteFile(name, []byte("the old content"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, 0o640|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.json")
	if err := os.Link(name, hard); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("a.json", link); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := rewriteFile(link, []byte("the old content"), []byte("new")); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{name, hard, link} {
		if data, _ := os.ReadFile(p); string(data) != "new" {
			t.Errorf("%s holds %q after the rewrite, want \"new\"", filepath.Base(p), data)
		}
	}
	if after.Mode() != before.Mode() || !os.SameFile(before, after) {
		t.Errorf("after the rewrite: mode %v (was %v), same file %v; want the same file with its mode", after.Mode(), before.Mode(), os.SameFile(before, after))
	}
	if l, err := os.Lstat(link); err != nil || l.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced: %v %v", l, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("directory holds %d entries, want 3 (a copy was left behind)", len(entries))
	}
}

// TestRewriteFileRefusesReadOnly checks that fix leaves a read-only file
// alone and says why, as gofmt -w does, even when run as root (who could
// write it).
func TestRewriteFileRefusesReadOnly(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.json")
	if err := os.WriteFile(name, []byte("old"), 0o444); err != nil {
		t.Fatal(err)
	}
	err := rewriteFile(name, []byte("old"), []byte("new"))
	if err == nil {
		t.Fatal("rewriteFile wrote a read-only file")
	}
	if data, _ := os.ReadFile(name); string(data) != "old" {
		t.Errorf("the read-only file holds %q, want \"old\"", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("directory holds %d entries, want 1", len(entries))
	}
}
