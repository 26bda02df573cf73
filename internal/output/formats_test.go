package output

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
)

// formatTests holds, for every row of the table, what the tests of every
// format need: the format's own writer given a whole run, which Write and
// a Stream must match, and whether it writes each file as it comes. A new
// format adds its entry here.
var formatTests = map[string]struct {
	whole   func(w io.Writer, files []File, opts Options) error
	streams bool
}{
	FormatText: {func(w io.Writer, files []File, opts Options) error {
		return Text(w, files, TextOptions{Color: opts.Color})
	}, true},
	FormatJSON: {func(w io.Writer, files []File, _ Options) error { return JSON(w, files) }, true},
	FormatSARIF: {func(w io.Writer, files []File, opts Options) error {
		return SARIF(w, files, opts.ToolVersion)
	}, false},
	FormatGitHub: {func(w io.Writer, files []File, _ Options) error { return GitHub(w, files) }, true},
	FormatJUnit: {func(w io.Writer, files []File, opts Options) error {
		return JUnit(w, files, opts.FailOn)
	}, false},
}

// formatsUnderTest returns the table, failing the test for a format that
// has no entry in formatTests.
func formatsUnderTest(t *testing.T) []Format {
	t.Helper()
	for _, f := range Formats() {
		if formatTests[f.Name].whole == nil {
			t.Fatalf("format %s has no entry in formatTests (formats_test.go)", f.Name)
		}
	}
	return Formats()
}

// whole returns what the format's own writer writes for all the files at
// once, which Write and a Stream must match.
func whole(t *testing.T, format string, files []File, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := formatTests[format].whole(&b, files, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFormatTable checks the rows: a lowercase name each, unique; a
// one-line summary, for the help; a writer; and an entry in formatTests
// for each and no stale one.
func TestFormatTable(t *testing.T) {
	name := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	seen := map[string]bool{}
	for _, f := range formatsUnderTest(t) {
		if !name.MatchString(f.Name) || seen[f.Name] {
			t.Errorf("format name %q: want a lowercase word, unique", f.Name)
		}
		seen[f.Name] = true
		if f.Summary == "" || strings.ContainsAny(f.Summary, "\n") || strings.HasSuffix(f.Summary, ".") || len(f.Summary) > 70 {
			t.Errorf("%s: summary %q: want one line of at most 70 bytes without a closing period", f.Name, f.Summary)
		}
		if f.open == nil {
			t.Errorf("%s: no writer", f.Name)
		}
	}
	for name := range formatTests {
		if !seen[name] {
			t.Errorf("formatTests has %s, which is no format", name)
		}
	}
	if Formats()[0].Name != FormatText {
		t.Errorf("the first format, the default, is %s; want text", Formats()[0].Name)
	}
}

func TestParseFormat(t *testing.T) {
	for _, want := range Formats() {
		if f, err := ParseFormat(want.Name); err != nil || f.Name != want.Name {
			t.Errorf("ParseFormat(%q) = %q, %v", want.Name, f.Name, err)
		}
	}
	_, err := ParseFormat("xml")
	var unknown *UnknownFormatError
	if !errors.As(err, &unknown) || unknown.Name != "xml" {
		t.Fatalf("ParseFormat(xml) error = %v, want an *UnknownFormatError", err)
	}
	list := regexp.MustCompile(`^unknown format "xml" \(want ([a-z0-9-]+, )*[a-z0-9-]+ or [a-z0-9-]+\)$`)
	if !list.MatchString(err.Error()) {
		t.Errorf("error %q, want the name and the list of formats", err)
	}
	for _, f := range Formats() {
		if !strings.Contains(err.Error(), " "+f.Name) {
			t.Errorf("error %q does not name %s", err, f.Name)
		}
	}
}

// TestFormatSource holds the Source column to the writers: a format that
// says it does not quote the payloads writes the same without File.Source
// (so a caller may drop it), and one that says it does writes something
// else.
func TestFormatSource(t *testing.T) {
	for _, f := range formatsUnderTest(t) {
		var with, without bytes.Buffer
		if err := Write(&with, f.Name, sampleFiles(), Options{}); err != nil {
			t.Fatal(err)
		}
		files := sampleFiles()
		for i := range files {
			files[i].Source = nil
		}
		if err := Write(&without, f.Name, files, Options{}); err != nil {
			t.Fatal(err)
		}
		if quotes := with.String() != without.String(); quotes != f.Source {
			t.Errorf("%s: Source is %v, but the output with and without the sources differs: %v", f.Name, f.Source, quotes)
		}
	}
}
