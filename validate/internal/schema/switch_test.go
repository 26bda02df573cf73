package schema

import (
	"encoding/json"
	"testing"
)

// TestToSwitches: discriminator branches become one x-switch, their values in
// lower case (the lookup folds case), two branches for one value are both
// kept, and other allOf items stay.
func TestToSwitches(t *testing.T) {
	var doc any
	json.Unmarshal([]byte(`{"allOf":[
		{"if":{"properties":{"type":{"const":"a"}},"required":["type"]},"then":{"required":["x"]}},
		{"if":{"properties":{"sub":{"enum":["b","C"]}},"required":["sub"]},"then":{"required":["y"]}},
		{"if":{"properties":{"type":{"const":"a"}},"required":["type"]},"then":{"required":["z"]}},
		{"required":["kept"]},
		{"if":{"properties":{"type":{"const":"c"}}},"then":{}}
	]}`), &doc)
	ToSwitches(doc)
	got, _ := json.Marshal(doc)
	want := `{"allOf":[{"required":["kept"]},{"if":{"properties":{"type":{"const":"c"}}},"then":{}}],` +
		`"x-switch":{"sub":{"b":{"required":["y"]},"c":{"required":["y"]}},"type":{"a":{"allOf":[{"required":["x"]},{"required":["z"]}]}}}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestSwitchFoldsCase: a discriminator in upper case picks the branch of its
// lower-case value, so that "CATALOG", which Meta's own samples send, is
// checked like "catalog".
func TestSwitchFoldsCase(t *testing.T) {
	var doc any
	json.Unmarshal([]byte(`{"allOf":[{"if":{"properties":{"t":{"const":"catalog"}},"required":["t"]},"then":{"required":["x"]}}]}`), &doc)
	ToSwitches(doc)
	s, err := compileTest(doc.(map[string]any))
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{`{"t":"catalog"}`, `{"t":"CATALOG"}`, `{"t":"Catalog"}`} {
		if valid(s, mustParse(t, in)) {
			t.Errorf("%s: valid, want the branch's missing x", in)
		}
	}
	if v := Eval(s, mustParse(t, `{"t":"other"}`)); v != nil {
		t.Errorf("a value without a branch is not valid: %v", v)
	}
}
