package validate

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestCleanTemplatesMatchDefinitions checks every clean template fixture
// against the example definitions: each names an approved template and
// fits it, so none gains a finding.
func TestCleanTemplatesMatchDefinitions(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "clean", "cloud_template_*.json"))
	if len(files) == 0 {
		t.Fatal("no clean template fixtures")
	}
	v := validatorWith(t, validatorKey{dialect: DialectCloud, templates: true})
	for _, f := range files {
		payload, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range v.Validate(context.Background(), payload).Findings {
			t.Errorf("%s: %s", filepath.Base(f), formatWant(x)+" "+x.Message)
		}
	}
}

// TestTemplateDefinitionFailures is the acceptance table: with the
// example definitions, one parameter too few, a wrong header kind and a
// template that does not exist each give exactly one finding with the
// right code.
func TestTemplateDefinitionFailures(t *testing.T) {
	v := validatorWith(t, validatorKey{dialect: DialectCloud, templates: true})
	msg := func(template string) []byte {
		return []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":` + template + `}`)
	}
	tests := []struct {
		name, template, rule string
		cloud                int
	}{
		{"one parameter too few", `{"name":"payment_reminder","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"$5"}]}]}`, "template-parameter-count", 132000},
		{"wrong header kind", `{"name":"spring_sale_image","language":{"code":"en_US"},"components":[{"type":"header","parameters":[{"type":"video","video":{"link":"https://example.com/a.mp4"}}]},{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"25%"}]}]}`, "template-header-format", 132012},
		{"no such template", `{"name":"spring_sale_imagee","language":{"code":"en_US"}}`, "template-unknown", 132001},
		{"missing translation", `{"name":"hello_world","language":{"code":"pt_BR"}}`, "template-unknown", 132001},
		// The Cloud code of template-not-approved follows the status.
		{"paused", `{"name":"winter_clearance","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"70%"}]}]}`, "template-not-approved", 132015},
		{"disabled", `{"name":"black_friday_2025","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}`, "template-not-approved", 132016},
		{"pending", `{"name":"referral_invite","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"$10"}]}]}`, "template-not-approved", 132001},
		{"rejected", `{"name":"summer_teaser","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"}]}]}`, "template-not-approved", 132001},
		{"positional parameter to a named template", `{"name":"order_confirmation","language":{"code":"en_US"},"components":[{"type":"header","parameters":[{"type":"text","parameter_name":"order_number","text":"#1"}]},{"type":"body","parameters":[{"type":"text","parameter_name":"customer_name","text":"Ana"},{"type":"text","text":"#1"}]}]}`, "template-parameter-format", 100},
		{"new-line in a text parameter", `{"name":"payment_reminder","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"$5"},{"type":"text","text":"Friday\nor Monday"}]}]}`, "template-text-whitespace", 132018},
		{"image header missing", `{"name":"spring_sale_image","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"25%"}]}]}`, "template-header-format", 132012},
		{"url button without parameter", `{"name":"track_your_order","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"#1"}]}]}`, "template-buttons", 131008},
		{"unknown named parameter", `{"name":"order_confirmation","language":{"code":"en_US"},"components":[{"type":"header","parameters":[{"type":"text","parameter_name":"order_number","text":"#1"}]},{"type":"body","parameters":[{"type":"text","parameter_name":"customer","text":"Ana"},{"type":"text","parameter_name":"order_id","text":"#1"}]}]}`, "template-parameter-name", 132000},
		{"hydrated body too long", `{"name":"product_launch_video","language":{"code":"en_US"},"components":[{"type":"header","parameters":[{"type":"video","video":{"link":"https://example.com/a.mp4"}}]},{"type":"body","parameters":[{"type":"text","text":"` + strings.Repeat("x", 1000) + `"}]}]}`, "template-hydrated-length", 132005},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := v.Validate(context.Background(), msg(tt.template)).Findings
			if len(fs) != 1 || fs[0].Rule != tt.rule || fs[0].CloudCode != tt.cloud {
				t.Fatalf("got %v, want exactly one %s finding with cloud code %d", fs, tt.rule, tt.cloud)
			}
		})
	}
	// The same payloads without definitions are clean: the rules need them.
	plain := validatorWith(t, validatorKey{dialect: DialectCloud})
	if fs := plain.Validate(context.Background(), msg(tests[0].template)).Findings; len(fs) != 0 {
		t.Errorf("without definitions: got %v, want no findings", fs)
	}
}

// TestEveryTemplateFaultReported sends a named template with an image
// header and url and copy-code buttons with none of its header and button
// parameters and positional body parameters. WhatsApp names only the first
// fault; walint reports each, with the code WhatsApp gives that fault alone.
func TestEveryTemplateFaultReported(t *testing.T) {
	v := validatorWith(t, validatorKey{dialect: DialectCloud, templates: true})
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"welcome_offer_named",` +
		`"language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Pablo"},{"type":"text","text":"WELCOME10"}]}]}}`)
	got := map[string][]int{}
	for _, f := range v.Validate(context.Background(), payload).Findings {
		got[f.Rule] = append(got[f.Rule], f.CloudCode)
	}
	want := map[string][]int{
		"template-header-format":    {132012},         // header: Format mismatch, expected IMAGE, received UNKNOWN
		"template-buttons":          {131008, 131008}, // Button at index 0 of type Url requires a parameter (and the copy-code one)
		"template-parameter-format": {100, 100},       // Parameter name is missing or empty, per parameter
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got rules and cloud codes %v, want %v", got, want)
	}
}

func TestParseTemplatesErrors(t *testing.T) {
	for _, bad := range []string{`{}`, `{"data":[{"name":"x"}]}`, `[`, `"x"`} {
		if _, err := ParseTemplates([]byte(bad)); err == nil {
			t.Errorf("ParseTemplates(%s) accepted it", bad)
		}
	}
	if d, err := ParseTemplates([]byte(`[{"name":"a","language":"en","status":"APPROVED"}]`)); err != nil || d.Lookup("a", "en") == nil {
		t.Errorf("bare array: %v", err)
	}
	one := `{"name":"a","language":"en","status":"APPROVED","id":"1","components":[{"type":"BODY","text":"Hi {{1}}"}]}`
	if d, err := ParseTemplates([]byte(one)); err != nil || d.Lookup("a", "en") == nil || len(d.Lookup("a", "en").Components) != 1 {
		t.Errorf("one template: %v", err)
	}
}

func TestConversationWindow(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	v := mustNew(t, WithClock(func() time.Time { return now }))
	text := []byte(cleanText)
	template := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"hello_world","language":{"code":"en_US"}}}`)
	tests := []struct {
		name    string
		payload []byte
		last    time.Time
		want    int
	}{
		{"text inside the window", text, now.Add(-23 * time.Hour), 0},
		{"text outside the window", text, now.Add(-25 * time.Hour), 1},
		{"template outside the window", template, now.Add(-72 * time.Hour), 0},
		{"no last inbound known", text, time.Time{}, 0},
	}
	for _, tt := range tests {
		ctx := context.Background()
		if !tt.last.IsZero() {
			ctx = ContextWithLastInbound(ctx, tt.last)
		}
		fs := v.Validate(ctx, tt.payload).Findings
		if len(fs) != tt.want || (tt.want == 1 && (fs[0].Rule != "conversation-window" || fs[0].Code != 470 || fs[0].CloudCode != 131047 || fs[0].Pointer != "/type")) {
			t.Errorf("%s: got %v, want %d conversation-window finding(s) at /type", tt.name, fs, tt.want)
		}
	}
	opt := mustNew(t, WithClock(func() time.Time { return now }), WithLastInbound(now.Add(-48*time.Hour)))
	if fs := opt.Validate(context.Background(), text).Findings; len(fs) != 1 {
		t.Errorf("WithLastInbound: got %v, want one finding", fs)
	}
}

// TestTemplateParameterFormatGrading checks that named parameters sent to a
// positional template are a warning, while the rule's default, for the
// positional parameters of a named template, is an error.
func TestTemplateParameterFormatGrading(t *testing.T) {
	v := validatorWith(t, validatorKey{dialect: DialectCloud, templates: true})
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"payment_reminder","language":{"code":"en_US"},` +
		`"components":[{"type":"body","parameters":[{"type":"text","parameter_name":"name","text":"Ana"},{"type":"text","text":"$5"},{"type":"text","text":"Friday"}]}]}}`)
	fs := v.Validate(context.Background(), payload).Findings
	if len(fs) != 1 || fs[0].Rule != "template-parameter-format" || fs[0].Severity != SeverityWarning || fs[0].CloudCode != 0 ||
		fs[0].Pointer != "/template/components/0/parameters/0/parameter_name" {
		t.Fatalf("got %v, want one template-parameter-format warning without a code at the parameter_name", fs)
	}
	if ruleTemplateParameterFormat.Severity != SeverityError {
		t.Errorf("template-parameter-format defaults to %s, want error", ruleTemplateParameterFormat.Severity)
	}
}

// TestReportCodeOverride checks that finish gives a finding the codes its
// report sets, and the rule's codes otherwise.
func TestReportCodeOverride(t *testing.T) {
	v := mustNew(t)
	r := ruleTemplateNotApproved
	c := newCollector(nil)
	for _, rep := range []report{{rule: r, msg: "a"}, {rule: r, start: 1, end: 2, msg: "b", code: 2015, cloudCode: 132015},
		{rule: r, start: 2, end: 2, msg: "c", code: noCode, cloudCode: noCode}} {
		c.add(rep)
	}
	fs := v.finish(`{}`, c, KindMessage)
	if len(fs) != 3 {
		t.Fatalf("got %v, want three findings", fs)
	}
	if fs[0].Code != r.Code || fs[0].CloudCode != r.CloudCode {
		t.Errorf("no override: got codes %d/%d, want the rule's %d/%d", fs[0].Code, fs[0].CloudCode, r.Code, r.CloudCode)
	}
	if fs[1].Code != 2015 || fs[1].CloudCode != 132015 {
		t.Errorf("override: got codes %d/%d, want 2015/132015", fs[1].Code, fs[1].CloudCode)
	}
	if fs[2].Code != 0 || fs[2].CloudCode != 0 {
		t.Errorf("noCode: got codes %d/%d, want none", fs[2].Code, fs[2].CloudCode)
	}
}

func TestParameterFormat(t *testing.T) {
	body := func(text string) []TemplateComp { return []TemplateComp{{Type: "BODY", Text: text}} }
	tests := []struct {
		name string
		def  *TemplateDef
		want string
	}{
		{"no definition", nil, ""},
		{"declared named", &TemplateDef{ParameterFormat: "NAMED", Components: body("Hi")}, "NAMED"},
		{"declared positional, lower case", &TemplateDef{ParameterFormat: "positional", Components: body("Hi {{name}}")}, "POSITIONAL"},
		{"named variable in the body", &TemplateDef{Components: body("Hi {{first_name}}, order {{ order_id }}")}, "NAMED"},
		{"named variable in the header", &TemplateDef{Components: []TemplateComp{{Type: "HEADER", Format: "TEXT", Text: "Order {{order_id}}"}, {Type: "BODY", Text: "Hi {{1}}"}}}, "NAMED"},
		{"numbered variables", &TemplateDef{Components: body("Hi {{1}}, due {{2}}")}, "POSITIONAL"},
		{"no variables", &TemplateDef{Components: body("Hello")}, ""},
	}
	for _, tt := range tests {
		if got := tt.def.parameterFormat(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWhitespaceProblem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jessica", ""},
		{"a    b", ""},
		{"a     b", "more than 4 consecutive spaces"},
		{"  a  b  c  ", ""},
		{"a\nb", "a new-line"},
		{"a\r\nb", "a new-line"},
		{"a\tb", "a tab"},
		{"\u00a0\u00a0\u00a0\u00a0\u00a0", ""}, // Meta names spaces; no-break spaces are not known to fail.
	}
	for _, tt := range tests {
		if got := whitespaceProblem(tt.in); got != tt.want {
			t.Errorf("whitespaceProblem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
