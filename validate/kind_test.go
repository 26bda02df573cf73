package validate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/walint/walint/validate/internal/jsontree"
)

// TestDetectKind: a payload's kind by its shape, and the kind asked for
// whatever the shape.
func TestDetectKind(t *testing.T) {
	for _, c := range []struct {
		payload string
		want    Kind
	}{
		{`{"messaging_product":"whatsapp","to":"15551234567","text":{"body":"hi"}}`, KindMessage},
		{`{"to":"15551234567","type":"text","text":{"body":"hi"}}`, KindMessage},
		{`{}`, KindMessage},
		// A message whose template carries a definition's components is
		// still a message (template is a message's member).
		{`{"messaging_product":"whatsapp","to":"1","type":"template","template":{"name":"x","components":[]}}`, KindMessage},
		// Direct Send's category beside to is a message's.
		{`{"messaging_product":"whatsapp","to":"1","category":"utility","text":{"body":"hi"}}`, KindMessage},
		{`{"name":"order_update","language":"en_US","category":"UTILITY","components":[]}`, KindTemplate},
		{`{"name":"order_update","category":"UTILITY"}`, KindTemplate},
		{`{"name":"Order Update","language":"en_US","components":[]}`, KindTemplate},
		{`{"name":"auth","languages":["en_US","es"],"category":"AUTHENTICATION","components":[]}`, KindTemplate},
		{`{"name":"x","language":"en_US","category":"UTILITY","library_template_name":"delivery_update_1"}`, KindTemplate},
		{`{"name":"x","library_template_name":"delivery_update_1"}`, KindTemplate},
		{`{"components":[{"type":"BODY","text":"Hi"}]}`, KindTemplateEdit},
		{`{"category":"MARKETING","components":[]}`, KindTemplateEdit},
		{`{"message_send_ttl_seconds":600}`, KindTemplateEdit},
		// A category alone says nothing of a template.
		{`{"category":"UTILITY"}`, KindMessage},
	} {
		root := jsontree.Parse(c.payload, nil)
		if got := detectKind(root, KindAuto); got != c.want {
			t.Errorf("detectKind(%s) = %v, want %v", c.payload, got, c.want)
		}
		for _, asked := range []Kind{KindMessage, KindTemplate, KindTemplateEdit} {
			if got := detectKind(root, asked); got != asked {
				t.Errorf("detectKind(%s, %v) = %v", c.payload, asked, got)
			}
		}
	}
}

// TestReportKind: the report names the kind, and a template body is checked
// by the template rules only: a name a message's template would take
// without a word is flagged in a creation body, and the same creation body
// checked as a message gets the message rules' findings instead.
func TestReportKind(t *testing.T) {
	body := []byte(`{"name":"Order Update","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Your order has shipped."}]}`)
	rep := mustNew(t).Validate(context.Background(), body)
	if rep.Kind != KindTemplate || rep.Dialect != DialectCloud || rep.Type != "" {
		t.Fatalf("kind %v, dialect %v, type %q; want template, cloud, \"\"", rep.Kind, rep.Dialect, rep.Type)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "creation-name" {
		t.Fatalf("findings %v, want one of creation-name", rep.Findings)
	}
	f := rep.Findings[0]
	if f.Code != 0 || f.CloudCode != 100 || f.Subcode != 2388046 {
		t.Errorf("answer %d / %d / %d, want 0 / 100 / 2388046", f.Code, f.CloudCode, f.Subcode)
	}
	v, err := New(WithKind(KindMessage))
	if err != nil {
		t.Fatal(err)
	}
	rep = v.Validate(context.Background(), body)
	if rep.Kind != KindMessage {
		t.Fatalf("kind %v with WithKind(KindMessage)", rep.Kind)
	}
	for _, f := range rep.Findings {
		if f.Rule == "creation-name" {
			t.Errorf("a creation rule checked a message: %v", f)
		}
	}
	if !rep.HasErrors() {
		t.Error("a creation body checked as a message has no error")
	}
	if _, err := New(WithKind(Kind(9))); err == nil {
		t.Error("WithKind(9) accepted")
	}
}

// TestTemplateAnswer: what Meta answers a template body for the faults the
// schema pass finds, by rule and place.
func TestTemplateAnswer(t *testing.T) {
	for _, c := range []struct {
		rule               *Rule
		pointer            string
		code, cloud, subcd int
	}{
		{ruleStringLength, "/components/0/text", 0, 100, 2388040},
		{ruleStringLength, "/name", 0, 100, 2388040},
		{ruleUnexpectedField, "/components/1/text", 0, 100, 2388042},
		{ruleUnexpectedField, "/nmae", 0, 100, 0},
		{ruleRequiredField, "/components/0/example", 0, 100, 2388043},
		{ruleRequiredField, "/name", 0, 100, 0},
		{ruleWrongType, "/components/0/buttons", 0, 100, 0},
		{ruleJSONSyntax, "", 0, 100, 0},
		{ruleInternalError, "", 0, 0, 0},
	} {
		code, cloud, sub := templateAnswer(report{rule: c.rule, pointer: c.pointer})
		if code != c.code || cloud != c.cloud || sub != c.subcd {
			t.Errorf("%s at %s: %d / %d / %d, want %d / %d / %d", c.rule.ID, c.pointer, code, cloud, sub, c.code, c.cloud, c.subcd)
		}
	}
	// Through Validate: a creation body over a schema limit.
	rep := mustNew(t).Validate(context.Background(), []byte(`{"name":"x","language":"en_US","category":"UTILITY","components":[],"message_send_ttl_seconds":"600"}`))
	for _, f := range rep.Findings {
		if f.Code != 0 || f.CloudCode != 100 {
			t.Errorf("%s: codes %d / %d, want 0 / 100", f.Rule, f.Code, f.CloudCode)
		}
	}
	if len(rep.Findings) == 0 {
		t.Error("a quoted number in a creation body gives no finding")
	}
	// The finding that sums up a rule's findings past its cap predicts
	// what the others do.
	var b strings.Builder
	b.WriteString(`{"name":"x","language":"en_US","category":"UTILITY","components":[{"type":"BODY","text":"Hello."}]`)
	for i := range maxPerRule + 5 {
		fmt.Fprintf(&b, `,"extra_%d":1`, i)
	}
	b.WriteString("}")
	summed := false
	for _, f := range mustNew(t).Validate(context.Background(), []byte(b.String())).Findings {
		if strings.HasSuffix(f.Message, "more findings of this rule are not shown") {
			summed = true
			if f.Code != 0 || f.CloudCode != 100 {
				t.Errorf("the summing finding of %s: codes %d / %d, want 0 / 100", f.Rule, f.Code, f.CloudCode)
			}
		}
	}
	if !summed {
		t.Errorf("%d unknown members of a creation body are not summed up", maxPerRule+5)
	}
}

// TestTemplateRulesSince: the rules of template bodies came after the first
// release, and say which.
func TestTemplateRulesSince(t *testing.T) {
	n := 0
	for _, r := range allRules {
		if r.kinds != forTemplates {
			continue
		}
		n++
		if r.Since == "" || r.Since == firstRelease {
			t.Errorf("rule %s checks template bodies, which came after %s, and has Since %q", r.ID, firstRelease, r.Since)
		}
		if r.Code != 0 {
			t.Errorf("rule %s predicts On-Premises code %d: that API has no template endpoints", r.ID, r.Code)
		}
		if (r.Review == "") == (r.CloudCode == 0) && r.Severity == SeverityError {
			t.Errorf("rule %s: an error predicts either a refusal (CloudCode %d) or a review's rejection (Review %q), one of the two", r.ID, r.CloudCode, r.Review)
		}
	}
	if n == 0 {
		t.Error("no rule checks template bodies")
	}
}

// TestSuggestTemplateName: the valid name creation-name's hint gives.
func TestSuggestTemplateName(t *testing.T) {
	for in, want := range map[string]string{
		"Order Update":     "order_update",
		"OrderUpdate":      "order_update",
		"orderUpdate2":     "order_update2",
		"order2Update":     "order2_update",
		"SUMMER Sale":      "summer_sale",
		"Order_Update":     "order_update",
		"summer-sale.2026": "summer_sale_2026",
		"  ¡Hola!  ":       "hola",
		"€$%":              "",
	} {
		if got := suggestTemplateName(in); got != want {
			t.Errorf("suggestTemplateName(%q) = %q, want %q", in, got, want)
		}
	}
}
