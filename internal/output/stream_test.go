package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

// TestStreamJSONIsOneDocument checks the JSON written an entry at a time
// against the document encoding/json makes of the whole, byte for byte.
func TestStreamJSONIsOneDocument(t *testing.T) {
	for _, files := range [][]File{nil, sampleFiles()[:1], sampleFiles()} {
		var b bytes.Buffer
		if err := JSON(&b, files); err != nil {
			t.Fatal(err)
		}
		whole := struct {
			Version int   `json:"version"`
			Files   []any `json:"files"`
		}{Version: Version, Files: []any{}}
		for _, f := range files {
			whole.Files = append(whole.Files, JSONFile(f))
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(whole); err != nil {
			t.Fatal(err)
		}
		if b.String() != want.String() {
			t.Errorf("%d files: got:\n%s\nwant:\n%s", len(files), b.String(), want.String())
		}
	}
}

// TestStreamWritesAsItGoes checks that the streaming formats write each
// file when it is given, not at the end, and that every format's output is
// that of the format's own function given every file at once.
func TestStreamWritesAsItGoes(t *testing.T) {
	opts := Options{ToolVersion: "1.2.3"}
	for _, format := range formatsUnderTest(t) {
		var b bytes.Buffer
		s, err := NewStream(&b, format.Name, opts)
		if err != nil {
			t.Fatal(err)
		}
		files := sampleFiles()
		if err := s.File(files[0]); err != nil {
			t.Fatal(err)
		}
		streams := formatTests[format.Name].streams
		if wrote := b.Len() > 0; wrote != streams {
			t.Errorf("%s: wrote %d bytes after the first file; want output only from the streaming formats", format.Name, b.Len())
		}
		for _, f := range files[1:] {
			if err := s.File(f); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if want := whole(t, format.Name, sampleFiles(), opts); b.String() != want {
			t.Errorf("%s: the stream wrote\n%s\nthe whole-run writer\n%s", format.Name, b.String(), want)
		}
		if got := s.Summary(); got != Summarize(sampleFiles()) {
			t.Errorf("%s: Summary() = %+v, want %+v", format.Name, got, Summarize(sampleFiles()))
		}
	}
}

// TestTextLinesPayload checks the excerpt of a payload that is one line of
// a .jsonl file: its source is that line, its findings count the file's
// lines.
func TestTextLinesPayload(t *testing.T) {
	line := `{"type": "text", "type": "image"}`
	f := File{Path: "log.jsonl", Source: []byte(line), Line: 7, Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "duplicate-key", Severity: validate.SeverityWarning, Pointer: "/type", Span: span(7, 18, 400, 7, 24, 406), Message: "twice"},
	}}}
	var b bytes.Buffer
	if err := Text(&b, []File{f}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "log.jsonl:7:18: warning: twice [duplicate-key]\n" +
		"  7 | " + line + "\n" +
		"    |                  ^~~~~~\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to begin with:\n%s", b.String(), want)
	}
}

// TestTextCRLines checks that a lone CR ends a line in the excerpts, as it
// does in the validator's positions.
func TestTextCRLines(t *testing.T) {
	src := "{\r  \"a\": 1,\r  \"n\": 12\r}"
	f := File{Path: "a.json", Source: []byte(src), Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "number-range", Severity: validate.SeverityError, Pointer: "/n", Span: span(3, 8, 20, 3, 10, 22), Message: "n is 12"},
	}}}
	var b bytes.Buffer
	if err := Text(&b, []File{f}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "  3 |   \"n\": 12\n    |        ^~\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
}

// TestTextFixInvisible checks that the fix line shows a bidirectional
// override or a control character as a JSON escape, not raw: raw, it would
// reorder or move what the terminal shows.
func TestTextFixInvisible(t *testing.T) {
	f := File{Path: "a.json", Report: &validate.Report{Findings: []validate.Finding{{
		Rule: "quoted-boolean", Severity: validate.SeverityError, Pointer: "/a\u202eb",
		Span: span(1, 1, 0, 1, 2, 1), Message: "m", Fix: json.RawMessage("\"x\u202ey\u2066\U000e0001\"")}}}}
	var b bytes.Buffer
	if err := Text(&b, []File{f}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `  fix: replace /a\u202eb with "x\u202ey\u2066\udb40\udc01"` + "\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
	for _, r := range b.String() {
		if r != '\n' && !visible(r) {
			t.Errorf("the text output holds %U raw", r)
		}
	}
}

// TestStreamKeepsLittle checks what sarif and junit keep of clean payloads
// until Close: sarif one entry for a run of them in one file, junit one
// entry each without its report, and the output is still Write's.
func TestStreamKeepsLittle(t *testing.T) {
	clean := func(line int) File {
		return File{Path: "log.jsonl", Line: line, Source: []byte("{}"), Report: &validate.Report{Type: "text"}}
	}
	files := []File{clean(1), clean(2), clean(3), sampleFiles()[0], clean(9)}
	for format, want := range map[string]int{"sarif": 3, "junit": 5} {
		var b bytes.Buffer
		s, err := NewStream(&b, format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			s.File(f)
		}
		kept := keptBy(s.out)
		if len(kept) != want {
			t.Errorf("%s keeps %d files, want %d", format, len(kept), want)
		}
		for _, f := range kept {
			if f.Source != nil || (f.Report != nil && len(f.Report.Findings) == 0) {
				t.Errorf("%s keeps %+v, want no source and no empty report", format, f)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if want := whole(t, format, files, Options{}); b.String() != want {
			t.Errorf("%s: the stream wrote\n%s\nthe whole-run writer\n%s", format, b.String(), want)
		}
	}
}

// keptBy returns the files a format that writes at the end keeps.
func keptBy(w writer) []File {
	if w, ok := w.(*atEnd); ok {
		return w.files
	}
	return nil
}

// TestTextBOM checks the excerpt of a file with a byte order mark: the mark
// is not shown (as "\uFFFD" it was), and the carets stay under their
// columns, which count it.
func TestTextBOM(t *testing.T) {
	src := "\uFEFF{\"to\": 1}"
	f := File{Path: "a.json", Source: []byte(src), Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "type-mismatch", Severity: validate.SeverityError, Pointer: "/to", Span: span(1, 9, 11, 1, 10, 12), Message: "to is a number"},
	}}}
	var b bytes.Buffer
	if err := Text(&b, []File{f}, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "  1 | {\"to\": 1}\n    |        ^\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant it to contain:\n%s", b.String(), want)
	}
}
