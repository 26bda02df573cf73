package validate

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// creationBodies rewrites the example definitions (testdata/templates.json,
// as GET /message_templates returns them) as the bodies that would create
// them: without the members only Meta's answer has (id, status, quality
// and rejection details).
func creationBodies(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "templates.json"))
	if err != nil {
		t.Fatal(err)
	}
	var export struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		t.Fatal(err)
	}
	for _, d := range export.Data {
		for _, answer := range []string{"id", "status", "quality_score", "rejected_reason", "previous_category"} {
			delete(d, answer)
		}
	}
	out, err := json.Marshal(export.Data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTemplatesAsCode checks every payload that the fixtures check against
// the example definitions against the same templates written as creation
// bodies: the findings are the same, except that a creation body has no
// status, so nothing is held to its approval (template-not-approved).
func TestTemplatesAsCode(t *testing.T) {
	defs, err := ParseTemplates(creationBodies(t))
	if err != nil {
		t.Fatal(err)
	}
	asCode, err := New(WithDialect(DialectCloud), WithSender("+16505550000"), WithTemplates(defs))
	if err != nil {
		t.Fatal(err)
	}
	export := validatorWith(t, validatorKey{dialect: DialectCloud, templates: true})
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "clean", "cloud_template_*.json"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*with_templates*.json"))
	files = append(files, more...)
	if len(files) < 20 {
		t.Fatalf("only %d payloads to check against the definitions", len(files))
	}
	notApproved := 0
	for _, f := range files {
		payload, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if fixtureDialect(filepath.Base(f)) == DialectOnPrem {
			continue
		}
		want := export.Validate(context.Background(), payload).Findings
		want = slices.DeleteFunc(want, func(x Finding) bool {
			if x.Rule == ruleTemplateNotApproved.ID {
				notApproved++
				return true
			}
			return false
		})
		got := asCode.Validate(context.Background(), payload).Findings
		if (len(got) > 0 || len(want) > 0) && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: against creation bodies\n%v\nagainst the export\n%v", f, got, want)
		}
	}
	if notApproved == 0 {
		t.Error("no payload names an unapproved template: the test cannot tell a status from none")
	}
}

// TestParseTemplatesCreationForms reads the upsert form (a definition for
// each of its languages) and the Template Library form (known in its
// languages, with no components to check against).
func TestParseTemplatesCreationForms(t *testing.T) {
	upsert := `{"name": "otp", "languages": ["en_US", "es_ES"], "category": "AUTHENTICATION",
		"components": [{"type": "BODY"}, {"type": "BUTTONS", "buttons": [{"type": "OTP", "otp_type": "COPY_CODE"}]}]}`
	library := `[{"name": "order_shipped", "language": "en_US", "category": "UTILITY", "library_template_name": "shipment_confirmation_2"}]`
	up, err := ParseTemplates([]byte(upsert))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en_US", "es_ES"} {
		if d := up.Lookup("otp", lang); d == nil || d.Language != lang || len(d.Components) != 2 || d.Status != "" {
			t.Errorf("upsert body in %s: %+v", lang, d)
		}
	}
	// An authentication body gives no text: the code is the variable of
	// the text Meta writes.
	if d := up.Lookup("otp", "en_US"); d == nil || len(variables(d.component("body").Text)) != 1 {
		t.Errorf("authentication body without Meta's text and its one variable: %+v", d)
	}
	lib, err := ParseTemplates([]byte(library))
	if err != nil {
		t.Fatal(err)
	}
	if d := lib.Lookup("order_shipped", "en_US"); d != nil || !reflect.DeepEqual(lib.Languages("order_shipped"), []string{"en_US"}) {
		t.Errorf("library body: definition %+v, languages %v; want none, and en_US", d, lib.Languages("order_shipped"))
	}
	v, err := New(WithDialect(DialectCloud), WithTemplates(MergeTemplates(up, lib)))
	if err != nil {
		t.Fatal(err)
	}
	send := func(name, lang string) []Finding {
		return v.Validate(context.Background(), []byte(`{"messaging_product": "whatsapp", "to": "+16505551234", "type": "template",
			"template": {"name": "`+name+`", "language": {"code": "`+lang+`"}, "components": [{"type": "body", "parameters": [{"type": "text", "text": "Ana"}]}]}}`)).Findings
	}
	if fs := send("order_shipped", "en_US"); len(fs) != 0 {
		t.Errorf("a send of a library template: %v, want no finding", fs)
	}
	if fs := send("order_shipped", "fr_FR"); len(fs) != 1 || fs[0].Rule != ruleTemplateUnknown.ID {
		t.Errorf("a send of a library template in another language: %v, want template-unknown", fs)
	}
	if fs := send("otp", "es_ES"); len(fs) != 0 {
		t.Errorf("a send of the upsert body's authentication template with the code: %v, want no finding", fs)
	}
	for _, bad := range []string{`{"name": "a", "languages": []}`, `{"name": "a", "languages": ["en", ""]}`, `{"name": "a", "category": "UTILITY"}`} {
		if _, err := ParseTemplates([]byte(bad)); err == nil {
			t.Errorf("ParseTemplates(%s) accepted it", bad)
		}
	}
}

func TestMergeTemplates(t *testing.T) {
	a, _ := ParseTemplates([]byte(`[{"name": "x", "language": "en", "status": "PAUSED"}, {"name": "y", "language": "en"}]`))
	b, _ := ParseTemplates([]byte(`{"name": "x", "language": "en", "category": "UTILITY"}`))
	m := MergeTemplates(a, nil, b)
	if d := m.Lookup("x", "en"); d == nil || d.Status != "" || m.Lookup("y", "en") == nil || !reflect.DeepEqual(m.Languages("x"), []string{"en"}) {
		t.Errorf("merged: x %+v, y %+v, languages of x %v; want b's x, a's y, one en", d, m.Lookup("y", "en"), m.Languages("x"))
	}
}
