package validate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// brief writes the tokens of a scan compactly: kind letter and raw token
// (P positional, N named, B bad), with s for spaced, u for upper case and
// d for digits.
func brief(vars []textVar) string {
	var parts []string
	for _, v := range vars {
		k := map[varKind]string{varPositional: "P", varNamed: "N", varBad: "B"}[v.kind]
		if v.spaced {
			k += "s"
		}
		if v.upper {
			k += "u"
		}
		if v.digits {
			k += "d"
		}
		parts = append(parts, k+":"+v.raw)
	}
	return strings.Join(parts, " ")
}

func TestScanVars(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Hello {{1}}, order {{2}}.", "P:{{1}} P:{{2}}"},
		{"Thanks {{first_name}}!", "N:{{first_name}}"},
		{"{{ 1 }}", "Ps:{{ 1 }}"},
		{"{{orderNumber}} {{line1}}", "Nu:{{orderNumber}} Nd:{{line1}}"},
		{"{1}", "B:{1}"},
		{"{{1}", "B:{{1}"},
		{"{{1}}}", "B:{{1}}}"},
		{"{{{1}}}", "B:{{{1}}}"},
		{"{{#1}} {{first-name}} {{}}", "B:{{#1}} B:{{first-name}} B:{{}}"},
		{"{{1}}{{2}}", "P:{{1}} P:{{2}}"},
		{"open {{name and more", "B:{{name"},
		{"closed 1}} only", "B:}}"},
		{"reply { stop } or {a b}, JSON {\"a\":1}", ""},
		{"{{1}} then {{1}}", "P:{{1}} P:{{1}}"},
		{"{{99999999999999999999}}", "P:{{99999999999999999999}}"},
		{"", ""},
	} {
		if got := brief(scanVars(tc.text)); got != tc.want {
			t.Errorf("scanVars(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	if v := scanVars("x {{12}}"); len(v) != 1 || v[0].num != 12 || v[0].start != 2 || v[0].end != 8 {
		t.Errorf("scanVars(\"x {{12}}\") = %+v, want {{12}} at 2..8 with num 12", v)
	}
}

func TestVariablesOf(t *testing.T) {
	s := variablesOf(scanVars("{{2}} {{1}} {{2}} {{name}} {{#}}"))
	if !slices.Equal(s.positional, []int{2, 1}) || !slices.Equal(s.named, []string{"name"}) || s.count != 4 || !s.bad {
		t.Errorf("variablesOf = %+v, want positional [2 1], named [name], count 4, bad", s)
	}
	if s := variablesOf(scanVars("{{1}} { prose }")); s.bad {
		t.Errorf("variablesOf(%q) = %+v, want no bad token", "{{1}} { prose }", s)
	}
}

func TestFixedWords(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Thanks {{first_name}}! Your order number is {{order_number}}.", 5},
		{"Take Rs {{1}} off any basket over {{2}}Rs!", 7},
		{"{{1}} {{2}}", 0},
		{"Hi {{1}} - {{2}} !", 1},
	} {
		if got := fixedWords(tc.text, scanVars(tc.text)); got != tc.want {
			t.Errorf("fixedWords(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

func TestFormattingChar(t *testing.T) {
	for _, tc := range []struct {
		text string
		at   int
	}{
		{"Our *{{1}}* is on!", 4},
		{"Welcome back, {{first_name}}", -1},
		{"{{first_name}}, ~50% off", 16},
		{"{{bad-name_x}} `code`", 15},
		{"order_ready", 5},
	} {
		if at, _ := formattingChar(tc.text, scanVars(tc.text)); at != tc.at {
			t.Errorf("formattingChar(%q) = %d, want %d", tc.text, at, tc.at)
		}
	}
}

// TestRatioPassesMetaExamples: every body of Meta's examples has at least
// 2x+1 words of fixed text for its x variables, so creation-variable-ratio
// is silent on them (TestCreationExamples checks errors only).
func TestRatioPassesMetaExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(creationExamplesDir, "*.json"))
	edits, _ := filepath.Glob(filepath.Join(creationExamplesDir, "edit", "*.json"))
	bodies := 0
	for _, path := range append(files, edits...) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var tmpl struct {
			Components []struct {
				Type, Text string
				Cards      []struct{ Components []struct{ Type, Text string } }
			}
		}
		if json.Unmarshal(data, &tmpl) != nil {
			continue // the two examples that are not JSON
		}
		var texts []string
		for _, c := range tmpl.Components {
			if strings.EqualFold(c.Type, "body") {
				texts = append(texts, c.Text)
			}
			for _, card := range c.Cards {
				for _, cc := range card.Components {
					if strings.EqualFold(cc.Type, "body") {
						texts = append(texts, cc.Text)
					}
				}
			}
		}
		for _, text := range texts {
			vars := scanVars(text)
			x := variablesOf(vars).count
			if x == 0 {
				continue
			}
			bodies++
			if w := fixedWords(text, vars); w < 2*x+1 {
				t.Errorf("%s: %q has %d fixed words for %d variables", filepath.Base(path), text, w, x)
			}
		}
	}
	if bodies < 20 {
		t.Errorf("checked %d bodies with variables, want the 20 and more of Meta's examples", bodies)
	}
}

func TestLanguageCodes(t *testing.T) {
	if len(templateLanguages) != 86 || !slices.IsSorted(templateLanguages) {
		t.Fatalf("templateLanguages has %d codes (sorted: %v), want Meta's 86, sorted", len(templateLanguages), slices.IsSorted(templateLanguages))
	}
	for _, c := range templateLanguages {
		if !wellFormedLanguage(c) {
			t.Errorf("%q is in the list but not well formed", c)
		}
	}
	for in, want := range map[string]string{"en-US": "en_US", "EN_us": "en_US", "FIL": "fil", "pt-br": "pt_BR", "en": "en"} {
		if got := canonicalLanguage(in); got != want {
			t.Errorf("canonicalLanguage(%q) = %q, want %q", in, got, want)
		}
	}
	for code, want := range map[string]bool{"fil": true, "en_UK": true, "xx": true, "e": false, "engl": false, "en_us": false, "en-US": false, "en_USA": false} {
		if got := wellFormedLanguage(code); got != want {
			t.Errorf("wellFormedLanguage(%q) = %v, want %v", code, got, want)
		}
	}
}

// FuzzScanVars: the scanner never panics, its tokens are in order, inside
// the text and what they say they are, and a well-formed variable is
// between double braces.
func FuzzScanVars(f *testing.F) {
	for _, s := range []string{"Hello {{1}}, order {{2}}.", "{{first_name}}", "{1} {{1} {{1}}} }}", "{{ 1 }}{{#}}", "{{{{", "é{{ñ}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		at := 0
		for _, v := range scanVars(text) {
			if v.start < at || v.end <= v.start || v.end > len(text) || text[v.start:v.end] != v.raw {
				t.Fatalf("token %+v out of place in %q (previous ended at %d)", v, text, at)
			}
			at = v.end
			if v.isVar() && (!strings.HasPrefix(v.raw, "{{") || !strings.HasSuffix(v.raw, "}}") || v.name == "" || strings.ContainsAny(v.name, "{} ")) {
				t.Fatalf("variable %+v of %q is not a name between double braces", v, text)
			}
			if v.kind == varBad && v.fault == "" {
				t.Fatalf("bad token %+v of %q says no fault", v, text)
			}
		}
		variablesOf(scanVars(text))
		fixedWords(text, scanVars(text))
	})
}
