package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sampleFiles(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `payloads/order.json:2:9: error: recipient "0044 7911 123456" starts with the 00 call prefix [recipient-intl-prefix] (code 400, cloud 100)
  2 |   "to": "0044 7911 123456",
    |         ^~~~~~~~~~~~~~~~~~
  hint: Write +447911123456.
  fix: replace /to with "+447911123456"
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#recipient-intl-prefix

payloads/order.json:3:27: error: "preview_url" is the string "true", expected the boolean true [quoted-boolean] (code 400, cloud 100)
  3 |   "text": {"preview_url": "true", "body": "hi"}
    |                           ^~~~~~
  hint: Write true.
  fix: replace /text/preview_url with true
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#quoted-boolean

payloads/promo.json:1:1: info: the payload is checked as a whole [recipient-wa-id-differs]
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#recipient-wa-id-differs

payloads/promo.json:1:18: warning: member "type" appears twice [duplicate-key]
  1 | {"type": "text", "type": "image"}
    |                  ^~~~~~
  hint: Keep one of them.
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#duplicate-key

2 errors, 1 warning, 1 info in 2 files (3 files checked)
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestTextColor(t *testing.T) {
	f := sampleFiles()[1]
	f.Report.Findings = f.Report.Findings[1:]
	var b bytes.Buffer
	if err := Text(&b, []File{f}, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[1mpayloads/promo.json:1:18:\x1b[0m \x1b[1;33mwarning:\x1b[0m member \"type\" appears twice \x1b[2m[duplicate-key]\x1b[0m\n" +
		"\x1b[34m  1 |\x1b[0m {\"type\": \"text\", \"type\": \"image\"}\n" +
		"\x1b[34m    |\x1b[0m                  \x1b[1;33m^~~~~~\x1b[0m\n" +
		"  \x1b[36mhint:\x1b[0m Keep one of them.\n" +
		"  \x1b[36mdocs:\x1b[0m \x1b[2mhttps://github.com/walint/walint/blob/main/docs/rules.md#duplicate-key\x1b[0m\n" +
		"\n" +
		"\x1b[1;33m1 warning in 1 file (1 file checked)\x1b[0m\n"
	if b.String() != want {
		t.Errorf("got:\n%q\nwant:\n%q", b.String(), want)
	}

	b.Reset()
	if err := Text(&b, []File{{Path: "a.json", Report: &validate.Report{}}}, TextOptions{Color: true}); err != nil {
		t.Fatal(err)
	}
	if want := "\x1b[1;32mno problems in 1 file\x1b[0m\n"; b.String() != want {
		t.Errorf("clean run: got %q, want %q", b.String(), want)
	}
}

// TestTextSpans covers the excerpt in a whole report: multi-byte
// characters before the span, a span over several lines, a finding
// without source, and the CRLF line ending of a Windows file.
func TestTextSpans(t *testing.T) {
	src := "{\r\n  \"body\": \"é😀\", \"n\": 12,\r\n  \"location\": {\r\n    \"latitude\": 91\r\n  }\r\n}\r\n"
	files := []File{{Path: "a.json", Source: []byte(src), Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "number-range", Severity: validate.SeverityError, Pointer: "/n", Span: span(2, 22, 28, 2, 24, 30), Message: "n is 12"},
		{Rule: "required-field", Severity: validate.SeverityError, Pointer: "/location/name", Span: span(3, 15, 48, 5, 4, 74), Message: "location has no name"},
	}}}, {Path: "b.json", Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "json-syntax", Severity: validate.SeverityError, Span: span(1, 2, 1, 1, 3, 2), Message: "unexpected x"},
	}}}}
	var b bytes.Buffer
	if err := Text(&b, files, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `a.json:2:22: error: n is 12 [number-range]
  2 |   "body": "é😀", "n": 12,
    |                       ^~
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#number-range

a.json:3:15: error: location has no name [required-field]
  3 |   "location": {
    |               ^
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#required-field

b.json:1:2: error: unexpected x [json-syntax]
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#json-syntax

3 errors in 2 files (2 files checked)
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestLayoutExcerpt(t *testing.T) {
	a300 := strings.Repeat("a", 300)
	tests := []struct {
		name             string
		line             string
		start, end       int
		wantSrc, wantCar string
	}{
		{"plain", `"to": "x"`, 7, 10, `"to": "x"`, "      ^~~"},
		{"é and an emoji before the span", `  "body": "é😀", "n": 12,`, 22, 24,
			`  "body": "é😀", "n": 12,`, strings.Repeat(" ", 22) + "^~"},
		{"span over an emoji", `  "body": "é😀", "n": 12,`, 11, 15,
			`  "body": "é😀", "n": 12,`, strings.Repeat(" ", 10) + "^~~~~"},
		{"combining accent", "e\u0301x", 3, 4, "e\u0301x", " ^"},
		{"wide characters", "日本x", 3, 4, "日本x", "    ^"},
		{"tabs", "\t\"n\":\t12", 7, 9, `    "n":    12`, strings.Repeat(" ", 12) + "^~"},
		{"to the end of the line", `  "a": {"b": 1,`, 8, -1, `  "a": {"b": 1,`, "       ^~~~~~~~"},
		{"empty span", `"a"`, 2, 2, `"a"`, " ^"},
		{"after the last character", "ab", 3, 3, "ab", "  ^"},
		{"control, bidi and invalid bytes", "a\x1bb\u202ec\xffd", 7, 8, "a\uFFFDb\uFFFDc\uFFFDd", "      ^"},
		{"long line, span in the middle", strings.Repeat("a", 200) + "XY" + strings.Repeat("b", 200), 201, 203,
			"…" + strings.Repeat("a", 39) + "XY" + strings.Repeat("b", 77) + "…", strings.Repeat(" ", 40) + "^~"},
		{"long line, span at the start", a300, 5, 6, strings.Repeat("a", 118) + "…", "    ^"},
		{"long line, span at the end", a300, 299, 301, "…" + strings.Repeat("a", 118), strings.Repeat(" ", 117) + "^~"},
		{"long line, long span", a300, 10, 290, strings.Repeat("a", 118) + "…", strings.Repeat(" ", 9) + "^" + strings.Repeat("~", 108)},
	}
	for _, tt := range tests {
		src, caret := layoutExcerpt(tt.line, tt.start, tt.end)
		if src != tt.wantSrc || caret != tt.wantCar {
			t.Errorf("%s:\ngot  %q\n     %q\nwant %q\n     %q", tt.name, src, caret, tt.wantSrc, tt.wantCar)
		}
	}
}
