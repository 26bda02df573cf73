package output

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

// TestDocMeansOneThing checks that "doc" is the link to the rule's section
// of the rules document wherever walint writes it: in a finding of the
// json format, in a media finding and in the rule catalogue.
func TestDocMeansOneThing(t *testing.T) {
	r := validate.RuleByID("quoted-boolean")
	x := validate.Finding{Rule: r.ID, Severity: r.Severity, Message: "m"}
	want := DocURL(r.ID)
	docs := map[string]any{
		"json format": JSONFile(File{Path: "a.json", Report: &validate.Report{Findings: []validate.Finding{x}}}),
		"media":       NewMediaFile("a.png", &media.Info{}, []validate.Finding{x}),
		"catalogue":   NewRuleJSON(r),
	}
	for where, v := range docs {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Doc      string `json:"doc"`
			Findings []struct {
				Doc string `json:"doc"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		got := doc.Doc
		if len(doc.Findings) == 1 {
			got = doc.Findings[0].Doc
		}
		if got != want {
			t.Errorf("%s: doc = %q, want %q", where, got, want)
		}
	}
}

// TestRulesJSON checks the catalogue document: every rule, in the order
// given, each with its Markdown under "description" and its certainty.
func TestRulesJSON(t *testing.T) {
	rules := validate.Rules()
	var b bytes.Buffer
	if err := RulesJSON(&b, rules); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int        `json:"version"`
		Rules   []RuleJSON `json:"rules"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != Version || len(doc.Rules) != len(rules) {
		t.Fatalf("version %d with %d rules, want %d with %d", doc.Version, len(doc.Rules), Version, len(rules))
	}
	for i, r := range rules {
		if got := doc.Rules[i]; !reflect.DeepEqual(got, NewRuleJSON(r)) || len(got.Kinds) == 0 || got.Description != strings.TrimSpace(r.Doc) || got.Description == "" ||
			got.Certainty != r.Certainty.String() {
			t.Errorf("rule %d: %+v, want %s with its Markdown", i, got, r.ID)
		}
	}
	if strings.Contains(b.String(), `\u003c`) {
		t.Error("the catalogue escapes < as \\u003c")
	}
}
