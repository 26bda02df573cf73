package validate

import (
	"bytes"
	"context"
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
