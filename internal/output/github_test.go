package output

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

func TestGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := GitHub(&b, sampleFiles()); err != nil {
		t.Fatal(err)
	}
	want := `::error file=payloads/order.json,line=2,col=9,endLine=2,endColumn=26,title=walint recipient-intl-prefix::recipient "0044 7911 123456" starts with the 00 call prefix%0AWrite +447911123456.%0Adocs: https://github.com/walint/walint/blob/main/docs/rules.md#recipient-intl-prefix
::error file=payloads/order.json,line=3,col=27,endLine=3,endColumn=32,title=walint quoted-boolean::"preview_url" is the string "true", expected the boolean true%0AWrite true.%0Adocs: https://github.com/walint/walint/blob/main/docs/rules.md#quoted-boolean
::notice file=payloads/promo.json,line=1,col=1,endLine=1,endColumn=1,title=walint recipient-wa-id-differs::the payload is checked as a whole%0Adocs: https://github.com/walint/walint/blob/main/docs/rules.md#recipient-wa-id-differs
::warning file=payloads/promo.json,line=1,col=18,endLine=1,endColumn=23,title=walint duplicate-key::member "type" appears twice%0AKeep one of them.%0Adocs: https://github.com/walint/walint/blob/main/docs/rules.md#duplicate-key
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestGitHubEscaping checks the escaping of the Actions toolkit: % first,
// CR and LF everywhere, and ':' and ',' in property values only.
func TestGitHubEscaping(t *testing.T) {
	files := []File{{Path: "dir/we,ird:100%.json", Report: &validate.Report{Findings: []validate.Finding{{
		Rule: "rule:x,y", Severity: validate.SeverityError, Pointer: "/a", Span: span(2, 3, 5, 4, 2, 30),
		Message: "100% sure: a,b\r\nsecond line", Hint: "50%0A is not a newline",
	}}}}}
	var b bytes.Buffer
	if err := GitHub(&b, files); err != nil {
		t.Fatal(err)
	}
	want := "::error file=dir/we%2Cird%3A100%25.json,line=2,endLine=4,title=walint rule%3Ax%2Cy::" +
		"100%25 sure: a,b%0D%0Asecond line%0A50%250A is not a newline%0Adocs: https://github.com/walint/walint/blob/main/docs/rules.md#rule:x,y\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}

	for _, tt := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"%", "%25", "%25"},
		{"%0A", "%250A", "%250A"},
		{"a\rb\nc", "a%0Db%0Ac", "a%0Db%0Ac"},
		{"k:v,w", "k:v,w", "k%3Av%2Cw"},
		{"::error::", "::error::", "%3A%3Aerror%3A%3A"},
	} {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestGitHubSummary(t *testing.T) {
	var b bytes.Buffer
	if err := GitHubSummary(&b, sampleFiles()); err != nil {
		t.Fatal(err)
	}
	want := `## walint

2 errors, 1 warning, 1 info in 2 files (3 files checked)

| File | Line | Severity | Rule | Message |
| --- | --- | --- | --- | --- |
| payloads/order.json | 2 | error | [recipient-intl-prefix](https://github.com/walint/walint/blob/main/docs/rules.md#recipient-intl-prefix) | recipient "0044 7911 123456" starts with the 00 call prefix |
| payloads/order.json | 3 | error | [quoted-boolean](https://github.com/walint/walint/blob/main/docs/rules.md#quoted-boolean) | "preview\_url" is the string "true", expected the boolean true |
| payloads/promo.json | 1 | info | [recipient-wa-id-differs](https://github.com/walint/walint/blob/main/docs/rules.md#recipient-wa-id-differs) | the payload is checked as a whole |
| payloads/promo.json | 1 | warning | [duplicate-key](https://github.com/walint/walint/blob/main/docs/rules.md#duplicate-key) | member "type" appears twice |
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}

	b.Reset()
	if err := GitHubSummary(&b, []File{{Path: "a.json", Report: &validate.Report{}}}); err != nil {
		t.Fatal(err)
	}
	if want := "## walint\n\nno problems in 1 file\n"; b.String() != want {
		t.Errorf("clean run: got %q, want %q", b.String(), want)
	}
}

func TestGitHubSummaryEscaping(t *testing.T) {
	files := []File{{Path: `a|b\c.json`, Report: &validate.Report{Findings: []validate.Finding{{
		Rule: "x", Severity: validate.SeverityError, Span: span(3, 1, 9, 3, 2, 10),
		Message: "value \"a|b\" has *stars*, _under_, `ticks`\r\nand <b>html</b> & [a](link)",
	}}}}}
	var b bytes.Buffer
	if err := GitHubSummary(&b, files); err != nil {
		t.Fatal(err)
	}
	row := "| a\\|b\\\\c.json | 3 | error | [x](https://github.com/walint/walint/blob/main/docs/rules.md#x) | " +
		"value \"a\\|b\" has \\*stars\\*, \\_under\\_, \\`ticks\\`<br>and \\<b\\>html\\</b\\> \\& \\[a\\](link) |\n"
	if !strings.HasSuffix(b.String(), row) {
		t.Errorf("got:\n%s\nwant the last row:\n%s", b.String(), row)
	}
}

// TestGitHubSummaryCap checks that a huge run lists the first rows and
// says how many it left out, staying under GitHub's size limit.
func TestGitHubSummaryCap(t *testing.T) {
	var fs []validate.Finding
	for i := range maxSummaryRows + 5 {
		fs = append(fs, validate.Finding{Rule: "x", Severity: validate.SeverityWarning, Span: span(i+1, 1, i, i+1, 2, i+1), Message: fmt.Sprint("m", i)})
	}
	var b bytes.Buffer
	if err := GitHubSummary(&b, []File{{Path: "a.json", Report: &validate.Report{Findings: fs}}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if rows := strings.Count(out, "\n| a.json |"); rows != maxSummaryRows {
		t.Errorf("%d rows, want %d", rows, maxSummaryRows)
	}
	if !strings.HasSuffix(out, "\nand 5 more findings, not listed here.\n") {
		t.Errorf("output ends %q", out[len(out)-80:])
	}
}
