package validate

import (
	"encoding/json"
	"testing"
)

func TestToSwitches(t *testing.T) {
	var doc any
	json.Unmarshal([]byte(`{"allOf":[
		{"if":{"properties":{"type":{"const":"a"}},"required":["type"]},"then":{"required":["x"]}},
		{"if":{"properties":{"sub":{"enum":["b","B"]}},"required":["sub"]},"then":{"required":["y"]}},
		{"if":{"properties":{"type":{"const":"a"}},"required":["type"]},"then":{"required":["z"]}},
		{"required":["kept"]},
		{"if":{"properties":{"type":{"const":"c"}}},"then":{}}
	]}`), &doc)
	toSwitches(doc)
	got, _ := json.Marshal(doc)
	want := `{"allOf":[{"required":["kept"]},{"if":{"properties":{"type":{"const":"c"}}},"then":{}}],` +
		`"x-switch":{"sub":{"B":{"required":["y"]},"b":{"required":["y"]}},"type":{"a":{"allOf":[{"required":["x"]},{"required":["z"]}]}}}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
