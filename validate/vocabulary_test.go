package validate

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/walint/walint/validate/internal/schema"
)

func TestNearMiss(t *testing.T) {
	known := []string{"button", "list", "cta_url", "quick_reply", "preview_url", "product", "product_list", "mpm", "url"}
	for _, tt := range []struct {
		in, want string
	}{
		{"buton", "button"},           // a letter dropped
		{"buttton", "button"},         // a letter added
		{"butotn", "button"},          // two letters swapped
		{"quickreply", "quick_reply"}, // "_" left out
		{"quick-reply", "quick_reply"},
		{"QUICK_REPLY", "quick_reply"},
		{"previewUrl", "preview_url"},
		{"Preview-URL", "preview_url"},
		{"products", "product"},
		{"hologram", ""}, // not close to anything
		{"pix", ""},      // short words are never near misses by spelling
		{"ur", ""},
		{"catalogue", ""}, // two edits
		{"", ""},
	} {
		got, ok := nearMiss(tt.in, known)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("nearMiss(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"abc", "abd", 1},
		{"kitten", "sitting", 3}, {"ca", "abc", 3}, {strings.Repeat("a", 65), "a", 99},
	} {
		if got := osaDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOneEdit holds oneEdit to osaDistance on every pair of strings of up
// to four letters of three, and at osaDistance's length bound.
func TestOneEdit(t *testing.T) {
	words := []string{""}
	for i := 0; i < len(words) && len(words[i]) < 4; i++ {
		for _, c := range "abc" {
			words = append(words, words[i]+string(c))
		}
	}
	long := strings.Repeat("a", 64)
	words = append(words, long, long+"a", long[1:]+"b")
	for _, a := range words {
		for _, b := range words {
			if got, want := oneEdit(a, b), osaDistance(a, b) == 1; got != want {
				t.Errorf("oneEdit(%q, %q) = %v; osaDistance is %d", a, b, got, osaDistance(a, b))
			}
		}
	}
}

// TestAppendNormalName holds appendNormalName to normalizeName.
func TestAppendNormalName(t *testing.T) {
	for _, s := range []string{"", "messaging_product", "Preview-URL", "quick reply", "a.b_c-d e", "ÉTÉ_été", "ÀZaz09"} {
		if got, want := string(appendNormalName(nil, s)), normalizeName(s); got != want {
			t.Errorf("appendNormalName(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestVocabularyGrading: in an open vocabulary an unknown value is a
// warning and a case variant is accepted; in a closed one both are errors,
// the case variant with its fix; a near miss is an error with its fix in
// either.
func TestVocabularyGrading(t *testing.T) {
	v := mustNew(t, WithDialect(DialectCloud))
	interactive := func(typ string) string {
		return `{"messaging_product":"whatsapp","to":"+16505551234","type":"interactive","interactive":{"type":"` + typ +
			`","body":{"text":"x"},"action":{"buttons":[{"type":"reply","reply":{"id":"a","title":"A"}}]}}}`
	}
	for _, tt := range []struct {
		name, payload, rule string
		sev                 Severity
		fix                 string
	}{
		{"open, unknown", interactive("hologram"), "unknown-value", SeverityWarning, ""},
		{"open, near miss", interactive("buton"), "enum-value", SeverityError, `"button"`},
		{"open, case variant", interactive("BUTTON"), "", 0, ""},
		{"open, plural", interactive("products"), "unknown-value", SeverityWarning, ""},
		{"closed, unknown", `{"messaging_product":"whatsapp","to":"+16505551234","recipient_type":"everyone","text":{"body":"x"}}`, "enum-value", SeverityError, ""},
		{"closed, case variant", `{"messaging_product":"whatsapp","to":"+16505551234","recipient_type":"Group","text":{"body":"x"}}`, "enum-value", SeverityError, `"group"`},
		{"closed message type", `{"messaging_product":"whatsapp","to":"+16505551234","type":"poll","poll":{"question":"?"}}`, "enum-value", SeverityError, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []Finding
			for _, f := range v.Validate(context.Background(), []byte(tt.payload)).Findings {
				if f.Rule == "enum-value" || f.Rule == "unknown-value" {
					got = append(got, f)
				}
			}
			if tt.rule == "" {
				if len(got) != 0 {
					t.Fatalf("got %v, want no vocabulary finding", got)
				}
				return
			}
			if len(got) != 1 || got[0].Rule != tt.rule || got[0].Severity != tt.sev || string(got[0].Fix) != tt.fix {
				t.Fatalf("got %v, want one %s %s with fix %q", got, tt.sev, tt.rule, tt.fix)
			}
		})
	}
}

// TestBranchesListedInVocabulary: every value a schema branches on (x-switch)
// is in the enum of the property it branches on, so that a type added with
// its branch is not refused by the enum; and every interactive type has its
// branch, so that no type's action goes unchecked. This is what keeps a
// vocabulary in one place, the schema, consistent with itself. It reads the
// schemas as the evaluator compiles them, rewritten into x-switch.
func TestBranchesListedInVocabulary(t *testing.T) {
	docs, err := schemaDocuments()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, sub := range x {
				walk(sub)
			}
		case map[string]any:
			sw, _ := x[schema.SwitchKeyword].(map[string]any)
			props, _ := x["properties"].(map[string]any)
			for _, prop := range slices.Sorted(maps.Keys(sw)) {
				p, _ := props[prop].(map[string]any)
				enum, _ := p["enum"].([]any)
				if enum == nil {
					continue // the enum sits in another schema the object also has
				}
				checked++
				known := map[string]bool{}
				for _, v := range stringValues(enum) {
					known[strings.ToLower(v)] = true
				}
				cases, _ := sw[prop].(map[string]any)
				for value := range cases {
					if !known[value] {
						t.Errorf("a branch for %s %q, which its enum does not list", prop, value)
					}
				}
				if title, _ := x["title"].(string); title == "Interactive object" {
					for v := range known {
						if cases[v] == nil {
							t.Errorf("interactive type %q has no branch", v)
						}
					}
				}
			}
			for _, k := range slices.Sorted(maps.Keys(x)) {
				walk(x[k])
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(docs)) {
		walk(docs[id])
	}
	if checked < 3 {
		t.Errorf("checked %d discriminators, want the interactive type, the component type and the sub_type at least", checked)
	}
}

func TestMessageTypesFromSchemas(t *testing.T) {
	got := MessageTypes()
	for _, want := range []string{"text", "interactive", "template", "pin", "hsm"} {
		if !slices.Contains(got, want) {
			t.Errorf("MessageTypes() = %v, lacks %q", got, want)
		}
	}
	got[0] = "changed"
	if MessageTypes()[0] == "changed" {
		t.Error("MessageTypes returns the list itself, not a copy")
	}
}

// TestCaseVariantsKeepTheirChecks: an upper-case interactive, component or
// parameter type is accepted, and the rules check it as its lower-case self.
func TestCaseVariantsKeepTheirChecks(t *testing.T) {
	v := mustNew(t, WithDialect(DialectCloud))
	rows := strings.Repeat(`{"id":"r","title":"Row"},`, 10) + `{"id":"s","title":"Row"}`
	for rule, payload := range map[string]string{
		"list-rows-total": `{"messaging_product":"whatsapp","to":"+16505551234","type":"interactive","interactive":{"type":"LIST","body":{"text":"x"},` +
			`"action":{"button":"Pick","sections":[{"rows":[` + rows + `]}]}}}`,
		"template-button-parameter": `{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"t","language":{"code":"en"},` +
			`"components":[{"type":"BUTTON","sub_type":"URL","index":"0"}]}}`,
		"template-text-whitespace": `{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"t","language":{"code":"en"},` +
			`"components":[{"type":"BODY","parameters":[{"type":"TEXT","text":"a\nb"}]}]}}`,
		"flow-data-empty": `{"messaging_product":"whatsapp","to":"+16505551234","type":"interactive","interactive":{"type":"FLOW","body":{"text":"x"},` +
			`"action":{"name":"flow","parameters":{"flow_message_version":"3","flow_id":"1","flow_cta":"Go","flow_action_payload":{"screen":"A","data":{}}}}}}`,
	} {
		found := false
		for _, f := range v.Validate(context.Background(), []byte(payload)).Findings {
			found = found || f.Rule == rule
		}
		if !found {
			t.Errorf("no %s finding for the upper-case variant", rule)
		}
	}
}

// TestJudge: the four verdicts on a name walint does not know, for values
// and member names alike.
func TestJudge(t *testing.T) {
	known := []string{"button", "preview_url", "product"}
	for _, tt := range []struct {
		s    string
		open bool
		want verdict
		k    string
	}{
		{"hologram", false, refused, ""},
		{"hologram", true, maybeNewer, ""},
		{"buton", false, misspelt, "button"},
		{"buton", true, misspelt, "button"},
		{"previewUrl", true, misspelt, "preview_url"},
		{"products", true, pluralOfKnown, "product"},
		{"products", false, misspelt, "product"}, // closed: a plural is just a mistake
	} {
		if v, k := judge(tt.s, known, tt.open); v != tt.want || k != tt.k {
			t.Errorf("judge(%q, open %v) = %v, %q; want %v, %q", tt.s, tt.open, v, k, tt.want, tt.k)
		}
	}
}

// TestFreeObjectsDocumented: the unexpected-field rule's doc names every
// object whose keys the business chooses ("x-members": "free" in the
// schemas), as the one place a user learns where keys are not judged.
func TestFreeObjectsDocumented(t *testing.T) {
	docs, err := schemaDocuments()
	if err != nil {
		t.Fatal(err)
	}
	var free []string
	var walk func(name string, v any)
	walk = func(name string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["x-members"] == "free" {
				free = append(free, name)
			}
			for k, sub := range v {
				if props, ok := sub.(map[string]any); ok && k == "properties" {
					for p, ps := range props {
						walk(p, ps)
					}
					continue
				}
				walk(name, sub)
			}
		case []any:
			for _, sub := range v {
				walk(name, sub)
			}
		}
	}
	for _, doc := range docs {
		walk("", doc)
	}
	if len(free) < 2 {
		t.Fatalf("found %v free objects in the schemas, want the flow data objects at least", free)
	}
	for _, name := range free {
		if !strings.Contains(ruleUnexpectedField.Doc, "`"+name+"`") && !strings.Contains(ruleUnexpectedField.Doc, "."+name+"`") {
			t.Errorf("the free object %q is not named in the unexpected-field doc", name)
		}
	}
}
