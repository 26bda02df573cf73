package schema

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/walint/walint/validate/internal/jsontree"
)

const testID = "https://example.test/t.json"

// compileTest compiles one schema document, in which x-rule may name only
// "known-rule".
func compileTest(doc map[string]any) (*Schema, error) {
	s, err := Compile(map[string]any{testID: doc}, func(id string) bool { return id == "known-rule" }, testID)
	if err != nil {
		return nil, err
	}
	return s[0], nil
}

// mustParse parses a payload that must be well-formed.
func mustParse(t *testing.T, src string) *jsontree.Node {
	t.Helper()
	root := jsontree.Parse(src, func(is jsontree.Issue) {
		if is.Kind.Fatal() {
			t.Fatalf("%s: %s", src, is.Msg)
		}
	})
	return root
}

// TestCompileRefusesUnknownKeywords: a keyword the evaluator does not
// implement is an error, not a check silently skipped.
func TestCompileRefusesUnknownKeywords(t *testing.T) {
	for _, kw := range []string{"oneOf", "uniqueItems", "format", "patternProperties", "minProperties"} {
		if _, err := compileTest(map[string]any{kw: json.Number("1")}); err == nil || !strings.Contains(err.Error(), kw) {
			t.Errorf("%s: got %v, want an error naming it", kw, err)
		}
	}
}

// TestCompileRefusesWhatItCannotEvaluate: a schema that applies itself to
// the same value in a cycle (evaluation would never end), a $ref that is no
// string, an $id below a document's root, a boolean schema and misspelt
// annotations are errors.
func TestCompileRefusesWhatItCannotEvaluate(t *testing.T) {
	for name, doc := range map[string]map[string]any{
		"cycle through allOf": {"allOf": []any{map[string]any{"$ref": "#"}}},
		"cycle through $defs": {"$ref": "#/$defs/a", "$defs": map[string]any{
			"a": map[string]any{"$ref": "#/$defs/b"}, "b": map[string]any{"if": map[string]any{"$ref": "#/$defs/a"}}}},
		"$ref not a string": {"$ref": json.Number("1")},
		"nested $id":        {"properties": map[string]any{"a": map[string]any{"$id": "https://example.test/other.json"}}},
		"boolean schema":    {"properties": map[string]any{"a": false}},
		// walint's annotations: a misspelt one would quietly close what
		// should be open, or lose a rule.
		"x-vocabulary not open":             {"enum": []any{"a"}, "x-vocabulary": "opne"},
		"x-members not open":                {"additionalProperties": false, "x-members": true},
		"x-rule of no rule":                 {"enum": []any{"a"}, "x-rule": "unknown-rule"},
		"x-hint not a string":               {"enum": []any{"a"}, "x-hint": json.Number("1")},
		"const and enum":                    {"enum": []any{"a"}, "const": "a"},
		"x-members free but closed":         {"additionalProperties": false, "x-members": "free"},
		"x-members free with properties":    {"properties": map[string]any{}, "x-members": "free"},
		"x-misplaced not an object":         {"x-misplaced": "format"},
		"x-misplaced without a hint":        {"x-misplaced": map[string]any{"format": map[string]any{"belongs": "a definition"}}},
		"x-misplaced of an upper-case name": {"x-misplaced": map[string]any{"OTP": map[string]any{"belongs": "b", "hint": "h"}}},
		"x-misplaced with an empty fix":     {"x-misplaced": map[string]any{"otp": map[string]any{"belongs": "b", "hint": "h", "fix": ""}}},
		"x-misplaced with more":             {"x-misplaced": map[string]any{"format": map[string]any{"belongs": "b", "hint": "h", "then": "f"}}},
	} {
		if _, err := compileTest(doc); err == nil {
			t.Errorf("%s: compiled without an error", name)
		}
	}
	s, err := compileTest(map[string]any{"enum": []any{"a"}, "x-vocabulary": "open", "x-rule": "known-rule",
		"x-hint": "Do this.", "x-expected": "an a",
		"properties": map[string]any{}, "additionalProperties": false, "x-members": "open"})
	if err != nil || !s.OpenVocabulary() || !s.OpenMembers() || s.Rule() != "known-rule" || s.Hint() != "Do this." || s.Expected() != "an a" {
		t.Errorf("the annotations were not kept: %v, %+v", err, s)
	}
	s, err = compileTest(map[string]any{"x-members": "free",
		"x-misplaced": map[string]any{"format": map[string]any{"belongs": "a definition", "hint": "Pass parameters.", "fix": "f"}}})
	if m, ok := s.Misplaced("format"); err != nil || !ok || m.Belongs != "a definition" || m.Hint != "Pass parameters." || m.Fix != "f" {
		t.Errorf("x-members free and x-misplaced were not kept: %v, %+v", err, s)
	}
	if _, ok := s.Misplaced("Format"); ok {
		t.Errorf("x-misplaced matched a name not written so")
	}
	// Recursion through properties is fine: the value gets smaller.
	rec := map[string]any{"type": "object", "properties": map[string]any{"child": map[string]any{"$ref": "#"}}}
	if _, err := compileTest(rec); err != nil {
		t.Errorf("a schema recursive through properties: %v", err)
	}
}

// TestRefPercentEncoded: a $ref's fragment is a JSON Pointer in a URI, so a
// space in a name is written %20.
func TestRefPercentEncoded(t *testing.T) {
	s, err := compileTest(map[string]any{
		"$ref":  "#/$defs/a%20b",
		"$defs": map[string]any{"a b": map[string]any{"type": "string"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if v := Eval(s, mustParse(t, `1`)); len(v) != 1 || v[0].Kind != Type {
		t.Errorf("got %v, want the type violation of #/$defs/a b", v)
	}
}

// TestViolationsCarryTheirBound: each violation with a bound says it, and
// maxLength keeps its meaning: a text at its limit is valid, with a
// NearMaxLength observation from 5% below it; one over it violates it.
func TestViolationsCarryTheirBound(t *testing.T) {
	s, err := compileTest(map[string]any{"properties": map[string]any{
		"s": map[string]any{"minLength": json.Number("2"), "maxLength": json.Number("40")},
		"a": map[string]any{"minItems": json.Number("1"), "maxItems": json.Number("2")},
		"n": map[string]any{"minimum": json.Number("-90"), "maximum": json.Number("90.5")},
		"o": map[string]any{"maxLength": json.Number("1")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	type seen struct {
		kind       Kind
		got, limit int
		bound      string
	}
	for _, tc := range []struct {
		in   string
		want []seen
	}{
		{`{"s":"` + strings.Repeat("é", 38) + `"}`, nil},
		{`{"s":"` + strings.Repeat("é", 39) + `"}`, []seen{{NearMaxLength, 39, 40, ""}}},
		{`{"s":"` + strings.Repeat("é", 40) + `"}`, []seen{{NearMaxLength, 40, 40, ""}}},
		{`{"s":"` + strings.Repeat("é", 41) + `"}`, []seen{{MaxLength, 41, 40, ""}}},
		{`{"s":"x"}`, []seen{{MinLength, 1, 2, ""}}},
		{`{"o":"x"}`, nil}, // nothing is near a limit of 1
		{`{"a":[]}`, []seen{{MinItems, 0, 1, ""}}},
		{`{"a":[1,2,3]}`, []seen{{MaxItems, 3, 2, ""}}},
		{`{"n":-91}`, []seen{{Minimum, 0, 0, "-90"}}},
		{`{"n":90.6}`, []seen{{Maximum, 0, 0, "181/2"}}},
	} {
		var got []seen
		for _, v := range Eval(s, mustParse(t, tc.in)) {
			b := ""
			if v.Bound != nil {
				b = v.Bound.RatString()
			}
			got = append(got, seen{v.Kind, v.Got, v.Limit, b})
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("%.20s…: got %v, want %v", tc.in, got, tc.want)
		}
		if valid := valid(s, mustParse(t, tc.in)); valid != (len(tc.want) == 0 || tc.want[0].kind == NearMaxLength) {
			t.Errorf("%.20s…: Valid = %t", tc.in, valid)
		}
	}
}

// TestBoundIsACopy: a violation's bound can be changed without changing
// the schema, which every Validator of the process shares.
func TestBoundIsACopy(t *testing.T) {
	s, err := compileTest(map[string]any{"minimum": json.Number("0")})
	if err != nil {
		t.Fatal(err)
	}
	v := Eval(s, mustParse(t, `-1`))
	if len(v) != 1 || v[0].Bound == nil {
		t.Fatalf("got %v, want one minimum violation", v)
	}
	v[0].Bound.SetInt64(-5)
	if v := Eval(s, mustParse(t, `-1`)); len(v) != 1 {
		t.Errorf("after changing a violation's bound, -1 gives %v", v)
	}
}

// TestRequiredBy: the members required of one object are those of every
// schema that applies to it, branches picked by its values included, and
// not those of an if condition or of a branch not taken.
func TestRequiredBy(t *testing.T) {
	doc := map[string]any{
		"type":       "object",
		"properties": map[string]any{"items": map[string]any{"type": "array", "items": map[string]any{"$ref": "#/$defs/p"}}},
		"$defs": map[string]any{"p": map[string]any{
			"type":     "object",
			"required": []any{"type"},
			"allOf": []any{
				map[string]any{"if": map[string]any{"properties": map[string]any{"type": map[string]any{"const": "text"}}, "required": []any{"kind"}},
					"then": map[string]any{"required": []any{"text"}}, "else": map[string]any{"required": []any{"other"}}},
				map[string]any{"if": map[string]any{"properties": map[string]any{"type": map[string]any{"const": "image"}}},
					"then": map[string]any{"required": []any{"image"}}},
			},
		}},
	}
	s, err := compileTest(doc)
	if err != nil {
		t.Fatal(err)
	}
	root := mustParse(t, `{"items":[{"type":"text","kind":1,"text":null},{"type":"image","image":null}]}`)
	req := RequiredBy(s, root)
	for i, want := range []string{"type text", "type other image"} {
		got := strings.Join(req[root.Get("items").Kids[i]], " ")
		if got != want {
			t.Errorf("items[%d]: required %q, want %q", i, got, want)
		}
	}
	if got := req[root]; len(got) != 0 {
		t.Errorf("the root: required %q, want none", got)
	}
}

// TestNumberBounds: minimum and maximum give the same verdict on the
// integer fast path as on exact values, at the bounds and past them, for
// integers, fractions, exponents and numbers too long for an int64.
func TestNumberBounds(t *testing.T) {
	s, err := compileTest(map[string]any{"minimum": json.Number("-3"), "maximum": json.Number("9")})
	if err != nil {
		t.Fatal(err)
	}
	frac, err := compileTest(map[string]any{"minimum": json.Number("0.5"), "maximum": json.Number("1e1")})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sch  *Schema
		num  string
		want string
	}{
		{s, "9", ""}, {s, "10", "maximum"}, {s, "-3", ""}, {s, "-4", "minimum"}, {s, "-0", ""},
		{s, "9.0", ""}, {s, "9.5", "maximum"}, {s, "1e1", "maximum"}, {s, "90e-1", ""},
		{s, "9223372036854775807", "maximum"}, {s, "-9223372036854775808", "minimum"},
		{s, "99999999999999999999", "maximum"}, {s, "-99999999999999999999", "minimum"},
		{frac, "0", "minimum"}, {frac, "1", ""}, {frac, "10", ""}, {frac, "11", "maximum"},
	} {
		var got []string
		for _, v := range Eval(tt.sch, mustParse(t, tt.num)) {
			got = append(got, v.Kind.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: got %v, want %q", tt.num, got, tt.want)
		}
	}
}
