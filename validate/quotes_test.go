package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTypographicQuotesFix: a payload whose member names and string values
// typographic quotes delimit gets a json-syntax finding with a fix for each,
// and Fix and FixPayload straighten exactly those quotes, leaving every
// other byte (typographic quotes inside strings included) as it was; the
// result has no json-syntax finding. Where the reading is not certain there
// is one finding, at the first such quote, and no fix.
func TestTypographicQuotesFix(t *testing.T) {
	pasted, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "pasted_from_docs.json"))
	if err != nil {
		t.Fatal(err)
	}
	const text = `"messaging_product": "whatsapp", "to": "+16505551234", "type": "text"`
	for _, tc := range []struct {
		name, payload string
		want          string // the fixed payload; "" when there is no certain fix
	}{
		{"the page's pasted-from-docs example", string(pasted), strings.NewReplacer("“", `"`, "”", `"`).Replace(string(pasted))},
		{"quotes inside a straight-quoted string stay",
			"{" + text + ", “text”: {“body”: \"He said “hi”, ‘bye’ and „tschüss“\"}}",
			"{" + text + ", \"text\": {\"body\": \"He said “hi”, ‘bye’ and „tschüss“\"}}"},
		{"apostrophes and single quotes inside a curly-quoted string stay",
			"{" + text + ", “text”: {“body”: “Don’t miss ‘Summer Sale’”}}",
			"{" + text + ", \"text\": {\"body\": \"Don’t miss ‘Summer Sale’\"}}"},
		{"double quotes inside a single-curly-quoted string stay",
			"{" + text + ", ‘text’: {‘body’: ‘the “best” offer’}}",
			"{" + text + ", \"text\": {\"body\": \"the “best” offer\"}}"},
		{"German quotes, and a straight quote closing a curly one",
			"{" + text + ", „text“: {“body\": „Hallo“}}",
			"{" + text + ", \"text\": {\"body\": \"Hallo\"}}"},
		{"escapes and layout are kept as written",
			"{\n\t" + text + ",\r\n\t“text”:{“body”:“line\\nbreak \\u00e9 \\\"x\\\"”}\n}",
			"{\n\t" + text + ",\r\n\t\"text\":{\"body\":\"line\\nbreak \\u00e9 \\\"x\\\"\"}\n}"},

		{"a curly quote inside a curly-quoted string", "{" + text + ", “text”: {“body”: “He said “hi” and left”}}", ""},
		{"a straight quote inside a curly-quoted string", "{" + text + ", “text”: {“body”: “Reply \"STOP\" to stop”}}", ""},
		{"a straight quote inside a single-curly-quoted string", "{" + text + ", ‘text’: {‘body’: ‘a \"b’}}", ""},
		{"an apostrophe inside a single-curly-quoted string", "{" + text + ", ‘text’: {‘body’: ‘Don’t’}}", ""},
		{"another syntax error after the quotes", "{" + text + ", “text”: {“body”: “hi”,}}", ""},
		{"an escaped closing quote", "{" + text + ", “text”: {“body”: “hi\\”}}", ""},
		{"a line break inside a curly-quoted string", "{" + text + ", “text”: {“body”: “hi\nthere”}}", ""},
		{"guillemets are not read as JSON's quotes", "{" + text + ", «text»: {«body»: «hi»}}", ""},
		{"a curly quote where a comma belongs", "{" + text + "“ “text”: {“body”: “hi”}}", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := mustNew(t, WithDialect(DialectCloud))
			rep := v.Validate(context.Background(), []byte(tc.payload))
			fixed, n := Fix([]byte(tc.payload), rep.Findings)
			syntax := slices.DeleteFunc(slices.Clone(rep.Findings), func(f Finding) bool { return f.Rule != "json-syntax" })
			if tc.want == "" {
				if n != 0 || len(syntax) != 1 || syntax[0].Pointer != "" || !strings.Contains(syntax[0].Hint, "curly quotes") {
					t.Errorf("got %d fixes and %v, want one json-syntax finding naming the curly quotes, without a fix", n, syntax)
				}
				return
			}
			for _, f := range syntax {
				if f.Fix == nil || f.Pointer == "" {
					t.Errorf("finding %v has no fix or no pointer", f)
				}
			}
			if string(fixed) != tc.want {
				t.Errorf("Fix gave\n%s\nwant\n%s", fixed, tc.want)
			}
			all, _, after := v.FixPayload(context.Background(), []byte(tc.payload))
			if string(all) != tc.want || len(after.Findings) != len(rep.Findings)-len(syntax) {
				t.Errorf("FixPayload gave\n%s\nwith %v\nwant\n%s\nwith the findings before less the json-syntax ones", all, after.Findings, tc.want)
			}
		})
	}
}

// TestTypographicQuotesRevealed: a payload with typographic quotes is read
// past them, so its other faults are found at once, and FixPayload
// straightens the quotes though they remain (it adds no finding).
func TestTypographicQuotesRevealed(t *testing.T) {
	payload := "{“messaging_product”: “whatsapp”, “to”: “+16505551234”, “type”: “text”, “text”: {“body”: “”}}"
	v := mustNew(t, WithDialect(DialectCloud))
	rep := v.Validate(context.Background(), []byte(payload))
	other := slices.DeleteFunc(slices.Clone(rep.Findings), func(f Finding) bool { return f.Rule == "json-syntax" })
	if len(other) == 0 || other[0].Pointer != "/text/body" || other[0].Severity != SeverityError {
		t.Fatalf("got %v, want the empty body found too", rep.Findings)
	}
	fixed, n, after := v.FixPayload(context.Background(), []byte(payload))
	want := strings.NewReplacer("“", `"`, "”", `"`).Replace(payload)
	if string(fixed) != want || n != len(rep.Findings)-len(other) || len(after.Findings) != len(other) {
		t.Errorf("FixPayload gave %q (%d fixes) with %v; want %q with %v", fixed, n, after.Findings, want, other)
	}
}
