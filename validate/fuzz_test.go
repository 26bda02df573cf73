package validate

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// addSeeds adds every payload under testdata/ and the shared corpus to the
// fuzz corpus.
func addSeeds(f *testing.F) {
	var paths []string
	for _, pattern := range []string{
		filepath.Join("..", "testdata", "clean", "*.json"),
		filepath.Join("..", "testdata", "rules", "*", "*.json"),
		filepath.Join("..", "testdata", "creation", "meta", "*.json"),
		filepath.Join("..", "testdata", "creation", "meta", "edit", "*.json"),
		filepath.Join(corpusDir, "*", "*.json"),
	} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", " ", "\uFEFF{}", "{", "[", `{"a":`, `"\ud800"`, "1e999999999", "-0", `{"a":1,"a":2}`, "{}{}", strings.Repeat("[", 100),
		"\xFF\xFE{\x00}\x00", "{\x00}\x00", "\x00\x00\xFE\xFF", "{\r\"a\":\r1}\r", "{\r\n\"a\":\r\n1}\r\n"} {
		f.Add([]byte(s))
	}
}

// FuzzValidate checks that Validate never panics or fails internally, and
// that its findings are sorted, in bounds and well-formed, on any input.
func FuzzValidate(f *testing.F) {
	addSeeds(f)
	// Each input is also checked as a template creation and edit body,
	// whatever its shape, so that the template rules see every input too.
	var vs []*Validator
	for _, k := range []Kind{KindAuto, KindTemplate, KindTemplateEdit} {
		v, err := New(WithKind(k))
		if err != nil {
			f.Fatal(err)
		}
		vs = append(vs, v)
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		for _, v := range vs {
			rep := v.Validate(context.Background(), payload)
			checkReport(t, payload, rep)
		}
	})
}

func checkReport(t *testing.T, payload []byte, rep *Report) {
	t.Helper()
	if !slices.IsSortedFunc(rep.Findings, func(a, b Finding) int { return a.Span.Start.Offset - b.Span.Start.Offset }) {
		t.Fatalf("findings not sorted by offset: %v", rep.Findings)
	}
	for _, x := range rep.Findings {
		if x.Rule == "internal-error" {
			t.Fatalf("internal error: %s", x.Message)
		}
		if RuleByID(x.Rule) == nil || x.Severity < SeverityInfo || x.Severity > SeverityError || x.Message == "" {
			t.Fatalf("malformed finding %+v", x)
		}
		s, e := x.Span.Start, x.Span.End
		if s.Offset < 0 || s.Offset > e.Offset || e.Offset > len(payload) || s.Line < 1 || s.Column < 1 || e.Line < s.Line {
			t.Fatalf("span %+v out of bounds for %d bytes (%s)", x.Span, len(payload), x.Rule)
		}
		if x.Fix != nil && !json.Valid(x.Fix) {
			t.Fatalf("fix %q of %s is not valid JSON", x.Fix, x.Rule)
		}
		if !utf8.ValidString(x.Message) && utf8.Valid(payload) {
			t.Fatalf("message %q is not valid UTF-8", x.Message)
		}
	}
}

// FuzzFix checks that FixPayload adds no finding without a fix of its own,
// and that applying the certain fixes with Fix never breaks a payload: the
// fixed payload parses whenever the original did, and it has no more
// findings than the original, leaving out those inside an object whose
// discriminator a fix corrected ("Btton" to "button"): the schema checks such
// an object against its kind only once the kind is right, so the fix rightly
// brings the kind's own findings to light.
func FuzzFix(f *testing.F) {
	addSeeds(f)
	v, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		before := v.Validate(context.Background(), payload)
		// FixPayload keeps only fixes that add no finding without a fix of
		// its own.
		all, _, rep := v.FixPayload(context.Background(), payload)
		checkReport(t, all, rep)
		if addsFindings(tally(before.Findings), rep.Findings) {
			t.Fatalf("FixPayload made %q into %q, adding findings:\nbefore %v\nafter %v", payload, all, before.Findings, rep.Findings)
		}
		fixed, n := Fix(payload, before.Findings)
		if n == 0 {
			if string(fixed) != string(payload) {
				t.Fatalf("no fix applied but the payload changed")
			}
			return
		}
		after := v.Validate(context.Background(), fixed)
		checkReport(t, fixed, after)
		if !slices.ContainsFunc(before.Findings, isSyntax) && slices.ContainsFunc(after.Findings, isSyntax) {
			t.Fatalf("fixing %q gave unparsable %q", payload, fixed)
		}
		// The objects whose discriminator a fix corrected, or that a fix
		// gave a misspelt member's right name: the checks of the branch or
		// member the fix revealed may find more there.
		var scopes []string
		for _, f := range before.Findings {
			if f.Fix != nil && (f.Rule == "enum-value" || f.Rule == "unexpected-field") {
				scopes = append(scopes, f.Pointer[:strings.LastIndex(f.Pointer, "/")+1])
			}
		}
		kept := slices.DeleteFunc(slices.Clone(after.Findings), func(f Finding) bool {
			return slices.ContainsFunc(scopes, func(s string) bool { return strings.HasPrefix(f.Pointer, s) })
		})
		if len(kept) > len(before.Findings) {
			t.Fatalf("fixing %q gained findings:\nbefore %v\nafter %v", payload, before.Findings, after.Findings)
		}
	})
}

func isSyntax(f Finding) bool { return f.Rule == "json-syntax" }

// FuzzParseTemplates checks the template definitions reader never panics,
// and that what it accepts can be used for any template message.
func FuzzParseTemplates(f *testing.F) {
	if data, err := os.ReadFile(filepath.Join("..", "testdata", "templates.json")); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`[{"name":"a","language":"en","components":[{"type":"BODY","text":"{{1}} {{x}}"}]}]`))
	base, err := New()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defs, err := ParseTemplates(data)
		if err != nil {
			return
		}
		// A copy of the compiled validator with these definitions, as
		// WithTemplates would give, without compiling the schemas again.
		v := *base
		v.cfg.templates = defs
		for name := range defs.byName {
			for _, lang := range defs.Languages(name) {
				msg, _ := json.Marshal(map[string]any{"messaging_product": "whatsapp", "to": "+16505551234", "type": "template",
					"template": map[string]any{"name": name, "language": map[string]any{"code": lang},
						"components": []any{map[string]any{"type": "body", "parameters": []any{map[string]any{"type": "text", "text": "x"}}}}}})
				checkReport(t, msg, v.Validate(context.Background(), msg))
			}
		}
	})
}
