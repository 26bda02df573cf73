package validate

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestFixChangesOnlyTheFixedValues is the acceptance case: a quoted
// boolean, a formatted phone number and a double-encoded link are fixed, the
// result lints clean, and it differs from the input only in those values.
func TestFixChangesOnlyTheFixedValues(t *testing.T) {
	in := []byte(`{
  "messaging_product": "whatsapp",
  "to": "+1 (650) 555-1234",
  "type": "image",
  "image":   {"link": "https://example.com/my%2520photo.jpg",
              "caption": "ok"},
  "biz_opaque_callback_data": "x"
}
`)
	want := []byte(`{
  "messaging_product": "whatsapp",
  "to": "+16505551234",
  "type": "image",
  "image":   {"link": "https://example.com/my%20photo.jpg",
              "caption": "ok"},
  "biz_opaque_callback_data": "x"
}
`)
	v := mustNew(t)
	got, n, rep := v.FixPayload(context.Background(), in)
	if !bytes.Equal(got, want) || n != 2 {
		t.Fatalf("FixPayload applied %d fixes:\n%s\nwant 2:\n%s", n, got, want)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("fixed payload still has findings: %v", rep.Findings)
	}

	in2 := []byte(`{"messaging_product":"whatsapp","to":"16505551234","text":{"preview_url":"true","body":"x"}}`)
	got2, n2, rep2 := v.FixPayload(context.Background(), in2)
	want2 := `{"messaging_product":"whatsapp","to":"+16505551234","text":{"preview_url":true,"body":"x"}}`
	if string(got2) != want2 || n2 != 2 || len(rep2.Findings) != 0 {
		t.Errorf("got %s (%d fixes, %v), want %s", got2, n2, rep2.Findings, want2)
	}
}

func TestFixSkipsOverlapsAndOutOfRange(t *testing.T) {
	payload := []byte(`{"a":"true"}`)
	fs := []Finding{
		{Span: Span{Start: Pos{Offset: 5}, End: Pos{Offset: 11}}, Fix: []byte("true")},
		{Span: Span{Start: Pos{Offset: 6}, End: Pos{Offset: 10}}, Fix: []byte(`"x"`)},
		{Span: Span{Start: Pos{Offset: 5}, End: Pos{Offset: 99}}, Fix: []byte("1")},
	}
	got, n := Fix(payload, fs)
	if string(got) != `{"a":true}` || n != 1 {
		t.Errorf("got %s with %d fixes, want {\"a\":true} with 1", got, n)
	}
}

// TestFixPayloadAddsNoFinding: trimming the reply button id " yes " would
// make it a duplicate of the next button's "yes", which WhatsApp refuses,
// so that fix is left out; the fixes that clash with nothing, the recipient
// and the other button's id, still apply.
func TestFixPayloadAddsNoFinding(t *testing.T) {
	in := []byte(`{
  "messaging_product": "whatsapp",
  "to": "16505551234",
  "type": "interactive",
  "interactive": {
    "type": "button",
    "body": {"text": "Confirm?"},
    "action": {"buttons": [
      {"type": "reply", "reply": {"id": " yes ", "title": "Yes"}},
      {"type": "reply", "reply": {"id": "yes", "title": "Sure"}},
      {"type": "reply", "reply": {"id": " no", "title": "No"}}
    ]}
  }
}`)
	want := strings.NewReplacer(`"16505551234"`, `"+16505551234"`, `" no"`, `"no"`).Replace(string(in))
	v := mustNew(t)
	if rep := v.Validate(context.Background(), in); rep.Count(SeverityError) != 2 {
		t.Fatalf("the payload has %v, want two reply-button-id-spaces errors", rep.Findings)
	}
	got, n, rep := v.FixPayload(context.Background(), in)
	if string(got) != want || n != 2 {
		t.Errorf("FixPayload applied %d fixes:\n%s\nwant 2:\n%s", n, got, want)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "reply-button-id-spaces" || rep.Findings[0].Pointer != "/interactive/action/buttons/0/reply/id" {
		t.Errorf("fixed payload has %v, want only the untrimmed id", rep.Findings)
	}
}

// TestFixPayloadFindingKeys: what counts as a new finding. A finding the
// fix reveals that has a fix of its own is fixed in the next round (a "to"
// given as a number becomes a string, which then lacks its +), and a
// finding whose message quotes the fixed value is not new.
func TestFixPayloadFindingKeys(t *testing.T) {
	tests := []struct {
		name, in, want string
		fixes          int
		left           []string // the rules of the findings left
	}{
		{"number to", `{"messaging_product":"whatsapp","to":16505551234,"type":"text","text":{"body":"x"}}`,
			`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"x"}}`, 2, nil},
		{"message quoting the value", `{"messaging_product":"whatsapp","to":"00525512345678","type":"text","text":{"body":"x"}}`,
			`{"messaging_product":"whatsapp","to":"+525512345678","type":"text","text":{"body":"x"}}`, 1, []string{"recipient-wa-id-differs"}},
	}
	v := mustNew(t)
	for _, tt := range tests {
		got, n, rep := v.FixPayload(context.Background(), []byte(tt.in))
		var left []string
		for _, f := range rep.Findings {
			left = append(left, f.Rule)
		}
		if string(got) != tt.want || n != tt.fixes || !slices.Equal(left, tt.left) {
			t.Errorf("%s: got %s with %d fixes, findings %v; want %s with %d, findings %v", tt.name, got, n, left, tt.want, tt.fixes, tt.left)
		}
	}
}

// TestFixPayloadManyClashes: however many fixes clash, and however soon the
// validations FixPayload allows itself run out, none of them is applied.
func TestFixPayloadManyClashes(t *testing.T) {
	var buttons []string
	for i := range 40 {
		buttons = append(buttons,
			fmt.Sprintf(`{"type":"reply","reply":{"id":" b%d ","title":"T%d"}}`, i, 2*i),
			fmt.Sprintf(`{"type":"reply","reply":{"id":"b%d","title":"T%d"}}`, i, 2*i+1))
	}
	in := `{"messaging_product":"whatsapp","to":"+16505551234","type":"interactive","interactive":{"type":"button",` +
		`"body":{"text":"x"},"action":{"buttons":[` + strings.Join(buttons, ",") + `]}}}`
	got, n, rep := mustNew(t).FixPayload(context.Background(), []byte(in))
	if string(got) != in || n != 0 {
		t.Errorf("FixPayload applied %d fixes, want none", n)
	}
	for _, f := range rep.Findings {
		if f.Rule == "reply-buttons-unique" && strings.HasSuffix(f.Pointer, "/id") {
			t.Fatalf("a trimmed id became a duplicate: %v", f)
		}
	}
}

// TestFixRenamesMisspeltKeys: a member name that differs from a known one
// only in case and separators is renamed (the key, quotes included, is the
// finding's span), unless the object has the known member already; a
// button sub_type that exists only in template definitions ("otp") becomes
// the one a send uses.
func TestFixRenamesMisspeltKeys(t *testing.T) {
	v := mustNew(t)
	for _, tt := range []struct{ name, in, want string }{
		{"camelCase", `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"hi","previewUrl":true}}`,
			`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"hi","preview_url":true}}`},
		{"hyphenated", `{"messaging_product":"whatsapp","recipient-type":"individual","to":"+16505551234","text":{"body":"hi"}}`,
			`{"messaging_product":"whatsapp","recipient_type":"individual","to":"+16505551234","text":{"body":"hi"}}`},
		{"known member there already", `{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"hi","preview_url":false,"PreviewURL":true}}`,
			`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"hi","preview_url":false,"PreviewURL":true}}`},
		{"otp button", `{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"code","language":{"code":"en_US"},"components":[{"type":"button","sub_type":"OTP","index":"0","parameters":[{"type":"text","text":"482913"}]}]}}`,
			`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"code","language":{"code":"en_US"},"components":[{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"482913"}]}]}}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if v.Validate(context.Background(), []byte(tt.in)).Count(SeverityError) == 0 {
				t.Fatalf("no error in %s: the case tests nothing", tt.in)
			}
			got, _, _ := v.FixPayload(context.Background(), []byte(tt.in))
			if string(got) != tt.want {
				t.Errorf("fixed:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestFixLeaving: the findings FixLeaving leaves alone are neither fixed
// nor in the report FixPayload returns; the others are fixed as before.
func TestFixLeaving(t *testing.T) {
	in := []byte(`{"messaging_product": "whatsapp", "to": "16505551234", "type": "interactive", "interactive": {
  "type": "button", "body": {"text": "Confirm?"},
  "action": {"buttons": [{"type": "reply", "reply": {"id": " no", "title": "No"}}]}}}`)
	v := mustNew(t)
	leave := func(f Finding) bool { return f.Rule == "reply-button-id-spaces" }
	got, n, rep := v.FixPayload(context.Background(), in, FixLeaving(leave))
	want := strings.Replace(string(in), `"16505551234"`, `"+16505551234"`, 1)
	if string(got) != want || n != 1 {
		t.Errorf("FixPayload applied %d fixes:\n%s\nwant 1, the recipient's:\n%s", n, got, want)
	}
	if slices.ContainsFunc(rep.Findings, leave) {
		t.Errorf("the report holds a finding left alone: %v", rep.Findings)
	}
	if _, n, _ := v.FixPayload(context.Background(), in); n != 2 {
		t.Errorf("without FixLeaving FixPayload applied %d fixes, want 2", n)
	}
}
