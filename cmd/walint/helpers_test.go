package main

import (
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

func TestPayloads(t *testing.T) {
	data := "{\"a\":1}\r\n\n  \n {\"b\":2}\n{\"c\":3}"
	got := payloads([]byte(data), true)
	want := []payload{{[]byte(`{"a":1}`), 1, 0}, {[]byte(` {"b":2}`), 4, 13}, {[]byte(`{"c":3}`), 5, 22}}
	if len(got) != len(want) {
		t.Fatalf("payloads: %d, want %d", len(got), len(want))
	}
	for i := range got {
		if string(got[i].data) != string(want[i].data) || got[i].line != want[i].line || got[i].offset != want[i].offset ||
			data[got[i].offset:got[i].offset+len(got[i].data)] != string(got[i].data) {
			t.Errorf("payload %d = %q at line %d offset %d, want %q at line %d offset %d", i,
				got[i].data, got[i].line, got[i].offset, want[i].data, want[i].line, want[i].offset)
		}
	}
	if got := payloads([]byte("x\ny"), false); len(got) != 1 || string(got[0].data) != "x\ny" {
		t.Errorf("a .json file is one payload, got %d", len(got))
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

// TestReplaceFileKeepsMode checks that fix keeps the file's permissions,
// replaces the file a symbolic link points to rather than the link, and
// leaves no temporary file behind.
func TestReplaceFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.json")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink("a.json", link); err != nil {
		t.Fatal(err)
	}
	if err := replaceFile(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(name)
	if string(data) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("after replaceFile: %q with mode %v, want \"new\" with mode 0600", data, info.Mode().Perm())
	}
	if l, err := os.Lstat(link); err != nil || l.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symbolic link was replaced: %v %v", l, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("directory holds %d entries, want 2 (a temporary file was left)", len(entries))
	}
}
