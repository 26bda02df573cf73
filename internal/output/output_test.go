package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

// The sample payloads. The offsets in sampleFiles were counted by hand
// from these strings.
const (
	orderSrc = "{\n  \"to\": \"0044 7911 123456\",\n  \"text\": {\"preview_url\": \"true\", \"body\": \"hi\"}\n}\n"
	promoSrc = "{\"type\": \"text\", \"type\": \"image\"}\n"
)

func span(l1, c1, o1, l2, c2, o2 int) validate.Span {
	return validate.Span{Start: validate.Pos{Line: l1, Column: c1, Offset: o1}, End: validate.Pos{Line: l2, Column: c2, Offset: o2}}
}

// sampleFiles is a run over three payloads: one with two errors, one with
// a warning and a whole-document info finding, and a clean one.
func sampleFiles() []File {
	return []File{
		{Path: "payloads/order.json", Source: []byte(orderSrc), Report: &validate.Report{
			Dialect: validate.DialectCloud, Kind: validate.KindMessage, Type: "text", Findings: []validate.Finding{{
				Rule: "recipient-intl-prefix", Severity: validate.SeverityError, Code: 400, CloudCode: 100,
				Pointer: "/to", Span: span(2, 9, 10, 2, 27, 28),
				Message: `recipient "0044 7911 123456" starts with the 00 call prefix`,
				Hint:    "Write +447911123456.", Fix: json.RawMessage(`"+447911123456"`),
			}, {
				Rule: "quoted-boolean", Severity: validate.SeverityError, Code: 400, CloudCode: 100,
				Pointer: "/text/preview_url", Span: span(3, 27, 56, 3, 33, 62),
				Message: `"preview_url" is the string "true", expected the boolean true`,
				Hint:    "Write true.", Fix: json.RawMessage(`true`),
			}}}},
		{Path: "payloads/promo.json", Source: []byte(promoSrc), Report: &validate.Report{
			Dialect: validate.DialectOnPrem, Kind: validate.KindMessage, Type: "image", Findings: []validate.Finding{{
				Rule: "recipient-wa-id-differs", Severity: validate.SeverityInfo,
				Span:    span(1, 1, 0, 1, 1, 0),
				Message: "the payload is checked as a whole",
			}, {
				Rule: "duplicate-key", Severity: validate.SeverityWarning,
				Pointer: "/type", Span: span(1, 18, 17, 1, 24, 23),
				Message: `member "type" appears twice`,
				Hint:    "Keep one of them.",
			}}}},
		{Path: "payloads/clean.json", Source: []byte("{}\n"), Report: &validate.Report{Dialect: validate.DialectCloud, Kind: validate.KindMessage, Type: "text"}},
	}
}

// TestWrite checks that each name reaches its writer, and that an unknown
// one writes nothing.
func TestWrite(t *testing.T) {
	files := sampleFiles()
	opts := Options{Color: true, ToolVersion: "v1.2.3"}
	for _, f := range formatsUnderTest(t) {
		var got bytes.Buffer
		if err := Write(&got, f.Name, files, opts); err != nil {
			t.Fatalf("Write(%s): %v", f.Name, err)
		}
		if want := whole(t, f.Name, files, opts); got.String() != want {
			t.Errorf("Write(%s) differs from calling its writer:\n%s", f.Name, got.String())
		}
	}
	var b bytes.Buffer
	if err := Write(&b, "yaml", files, Options{}); err == nil || b.Len() > 0 {
		t.Errorf("Write(yaml) = %v and wrote %q; want an error and nothing written", err, b.String())
	}
}

func TestJSON(t *testing.T) {
	files := sampleFiles()
	files[0].Report.Findings = files[0].Report.Findings[:1]
	files = []File{files[0], files[2], {Path: "<stdin>"}}
	var b bytes.Buffer
	if err := JSON(&b, files); err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "files": [
    {
      "path": "payloads/order.json",
      "dialect": "cloud",
      "kind": "message",
      "type": "text",
      "findings": [
        {
          "rule": "recipient-intl-prefix",
          "severity": "error",
          "code": 400,
          "cloud_code": 100,
          "pointer": "/to",
          "span": {
            "start": {
              "line": 2,
              "column": 9,
              "offset": 10
            },
            "end": {
              "line": 2,
              "column": 27,
              "offset": 28
            }
          },
          "message": "recipient \"0044 7911 123456\" starts with the 00 call prefix",
          "hint": "Write +447911123456.",
          "fix": "+447911123456",
          "doc": "https://github.com/walint/walint/blob/main/docs/rules.md#recipient-intl-prefix"
        }
      ]
    },
    {
      "path": "payloads/clean.json",
      "dialect": "cloud",
      "kind": "message",
      "type": "text",
      "findings": []
    },
    {
      "path": "<stdin>",
      "dialect": "",
      "kind": "",
      "type": "",
      "findings": []
    }
  ]
}
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		s    Summary
		want string
	}{
		{Summary{Files: 12}, "no problems in 12 files"},
		{Summary{Files: 1}, "no problems in 1 file"},
		{Summary{Files: 12, FilesWithFindings: 2, Errors: 3, Warnings: 1}, "3 errors, 1 warning in 2 files (12 files checked)"},
		{Summary{Files: 1, FilesWithFindings: 1, Errors: 1}, "1 error in 1 file (1 file checked)"},
		{Summary{Files: 3, FilesWithFindings: 1, Warnings: 2, Infos: 1}, "2 warnings, 1 info in 1 file (3 files checked)"},
		{Summary{Files: 3, FilesWithFindings: 2, Infos: 2}, "2 info in 2 files (3 files checked)"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.s, got, tt.want)
		}
	}
	got := Summarize(append(sampleFiles(), File{Path: "no-report.json"}))
	want := Summary{Files: 4, FilesWithFindings: 2, Errors: 2, Warnings: 1, Infos: 1}
	if got != want {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
}

func TestWholeDocument(t *testing.T) {
	tests := []struct {
		name string
		f    validate.Finding
		want bool
	}{
		{"no position", validate.Finding{}, true},
		{"empty span at the start", validate.Finding{Span: span(1, 1, 0, 1, 1, 0)}, true},
		{"root over several lines", validate.Finding{Span: span(1, 1, 0, 9, 2, 200)}, true},
		{"root on one line", validate.Finding{Span: span(1, 1, 0, 1, 3, 2)}, false},
		{"syntax error later on", validate.Finding{Span: span(5, 5, 77, 5, 6, 80)}, false},
		{"member at the start", validate.Finding{Pointer: "/to", Span: span(1, 1, 0, 1, 1, 0)}, false},
	}
	for _, tt := range tests {
		if got := wholeDocument(tt.f); got != tt.want {
			t.Errorf("%s: wholeDocument = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestNoTrailingSpaces guards the formats read by people against
// invisible trailing blanks, which editors and diff tools flag.
func TestNoTrailingSpaces(t *testing.T) {
	for _, name := range []string{"text", "github"} {
		var b bytes.Buffer
		if err := Write(&b, name, sampleFiles(), Options{}); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(b.String(), "\n") {
			if strings.TrimRight(line, " \t") != line {
				t.Errorf("%s line %d has trailing blanks: %q", name, i+1, line)
			}
		}
	}
}
