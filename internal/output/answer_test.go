package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

// templateSrc is a template creation body whose body ends with a variable
// (Meta answers 100 with subcode 2388299) and whose name has a capital.
const templateSrc = `{"name": "Order_update", "language": "en_US", "category": "UTILITY",
 "components": [{"type": "BODY", "text": "Your order {{1}}"}]}
`

// templateFiles is a run over a template creation body with two findings,
// one with a subcode and one that only Meta's review rejects, and a clean
// edit body.
func templateFiles() []File {
	return []File{
		{Path: "templates/order.json", Source: []byte(templateSrc), Report: &validate.Report{
			Kind: validate.KindTemplate, Findings: []validate.Finding{{
				Rule: "creation-name", Severity: validate.SeverityError, CloudCode: 100, Subcode: 2388046,
				Pointer: "/name", Span: span(1, 10, 9, 1, 25, 24),
				Message: `template name "Order_update" has a capital letter`,
				Hint:    `Use "order_update".`,
			}, {
				Rule: "creation-variable-at-end", Severity: validate.SeverityWarning, Review: "INVALID_FORMAT",
				Pointer: "/components/0/text", Span: span(2, 42, 111, 2, 60, 129),
				Message: "the body ends with the variable {{1}}",
				Hint:    "End the body with text.",
			}}}},
		{Path: "templates/edit.json", Source: []byte(`{"components": []}`), Report: &validate.Report{Kind: validate.KindTemplateEdit}},
	}
}

func TestTextTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, templateFiles(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `templates/order.json: checked as a template creation body
templates/order.json:1:10: error: template name "Order_update" has a capital letter [creation-name] (cloud 100/2388046)
  1 | {"name": "Order_update", "language": "en_US", "category": "UTILITY",
    |          ^~~~~~~~~~~~~~~
  hint: Use "order_update".
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#creation-name

templates/order.json:2:42: warning: the body ends with the variable {{1}} [creation-variable-at-end] (review: INVALID_FORMAT)
  2 |  "components": [{"type": "BODY", "text": "Your order {{1}}"}]}
    |                                          ^~~~~~~~~~~~~~~~~~
  hint: End the body with text.
  docs: https://github.com/walint/walint/blob/main/docs/rules.md#creation-variable-at-end

1 error, 1 warning in 1 file (2 files checked, 2 of them templates)
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestSummaryTemplates(t *testing.T) {
	for _, c := range []struct {
		sum  Summary
		want string
	}{
		{Summary{Files: 3, Templates: 1}, "no problems in 3 files (1 of them a template)"},
		{Summary{Files: 1, Templates: 1}, "no problems in 1 file (a template)"},
		{Summary{Files: 4, FilesWithFindings: 1, Errors: 1, Templates: 2}, "1 error in 1 file (4 files checked, 2 of them templates)"},
		{Summary{Files: 4, FilesWithFindings: 1, Errors: 1}, "1 error in 1 file (4 files checked)"},
	} {
		if got := c.sum.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.sum, got, c.want)
		}
	}
}

func TestJSONTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, templateFiles()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files []struct {
			Kind     string `json:"kind"`
			Findings []map[string]any
		}
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 2 || doc.Files[0].Kind != "template" || doc.Files[1].Kind != "template-edit" {
		t.Fatalf("kinds of %s, want template and template-edit", b.String())
	}
	fs := doc.Files[0].Findings
	if fs[0]["subcode"] != 2388046.0 || fs[0]["review"] != nil || fs[1]["review"] != "INVALID_FORMAT" || fs[1]["subcode"] != nil {
		t.Errorf("findings %v, want subcode 2388046 on the first, review INVALID_FORMAT on the second, and nothing else", fs)
	}
	if !strings.Contains(b.String(), "\"dialect\": \"auto\",\n      \"kind\": \"template\",\n      \"type\": \"\"") {
		t.Errorf("kind is not between dialect and type:\n%s", b.String())
	}
}

// TestFormatsCarryAnswer checks that every format names Meta's answer
// where it names findings: the subcode and the review's reason.
func TestFormatsCarryAnswer(t *testing.T) {
	for _, c := range []struct{ format, subcode, review string }{
		{FormatGitHub, "%0Ameta: cloud 100/2388046%0A", "%0Ameta: review: INVALID_FORMAT%0A"},
		{FormatJUnit, "[creation-name] (cloud 100/2388046)", "[creation-variable-at-end] (review: INVALID_FORMAT)"},
		{FormatSARIF, `"subcode": 2388046`, `"review": "INVALID_FORMAT"`},
	} {
		var b bytes.Buffer
		if err := Write(&b, c.format, templateFiles(), Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), c.subcode) || !strings.Contains(b.String(), c.review) {
			t.Errorf("%s: no %q or no %q in\n%s", c.format, c.subcode, c.review, b.String())
		}
	}
	var b strings.Builder
	var s StepSummary
	for _, f := range templateFiles() {
		s.Add(f)
	}
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "capital letter (cloud 100/2388046) |") || !strings.Contains(b.String(), "(review: INVALID\\_FORMAT) |") {
		t.Errorf("step summary without the answers:\n%s", b.String())
	}
}

// TestSARIFAnswer checks the property bags: a result's carries its
// finding's answer, a rule's the rule's, and neither is there without one.
func TestSARIFAnswer(t *testing.T) {
	files := append(templateFiles(), sampleFiles()...)
	var b bytes.Buffer
	if err := SARIF(&b, files, ""); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	for _, r := range run.Tool.Driver.Rules {
		want := (*sarifAnswer)(nil)
		if r.ID == "creation-name" {
			want = &sarifAnswer{Subcode: 2388046}
		}
		if (r.Properties == nil) != (want == nil) || (want != nil && *r.Properties != *want) {
			t.Errorf("rule %s: properties %+v, want %+v", r.ID, r.Properties, want)
		}
	}
	for _, r := range run.Results {
		var want *sarifAnswer
		switch r.RuleID {
		case "creation-name":
			want = &sarifAnswer{Subcode: 2388046}
		case "creation-variable-at-end":
			want = &sarifAnswer{Review: "INVALID_FORMAT"}
		}
		if (r.Properties == nil) != (want == nil) || (want != nil && *r.Properties != *want) {
			t.Errorf("result of %s: properties %+v, want %+v", r.RuleID, r.Properties, want)
		}
	}
}

func TestExplainAnswer(t *testing.T) {
	var b strings.Builder
	if err := Explain(&b, &validate.Rule{ID: "x", Summary: "s", Severity: validate.SeverityWarning, CloudCode: 100, Subcode: 2388299, Review: "INVALID_FORMAT", Doc: "d"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nsubcode: 2388299 ", "\nreview: INVALID_FORMAT "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

// TestCodes checks the answer a finding's line ends with: each code that
// is known once, the subcode beside the Cloud API code, and the review's
// reason after them.
func TestCodes(t *testing.T) {
	for _, c := range []struct {
		f    validate.Finding
		want string
	}{
		{validate.Finding{}, ""},
		{validate.Finding{Code: 400, CloudCode: 100}, " (code 400, cloud 100)"},
		{validate.Finding{CloudCode: 100, Subcode: 2388046}, " (cloud 100/2388046)"},
		{validate.Finding{Subcode: 2388046}, " (subcode 2388046)"},
		{validate.Finding{Review: "INVALID_FORMAT"}, " (review: INVALID_FORMAT)"},
		{validate.Finding{CloudCode: 100, Review: "INVALID_FORMAT"}, " (cloud 100, review: INVALID_FORMAT)"},
		{validate.Finding{Code: 400, CloudCode: 100, Subcode: 2388299, Review: "INVALID_FORMAT"}, " (code 400, cloud 100/2388299, review: INVALID_FORMAT)"},
	} {
		if got := Codes(c.f); got != c.want {
			t.Errorf("Codes of code %d, cloud %d, subcode %d, review %q: %q, want %q", c.f.Code, c.f.CloudCode, c.f.Subcode, c.f.Review, got, c.want)
		}
	}
}
