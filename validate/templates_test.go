package validate

import (
	"context"
	"os"
	"path/filepath"
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
		{"paused", `{"name":"winter_clearance","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ana"},{"type":"text","text":"70%"}]}]}`, "template-not-approved", 132001},
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
