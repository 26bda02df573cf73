package validate

import (
	"context"
	"testing"
)

// TestIsPlaceholder: the forms documentation pages and template engines
// write are placeholders; real ids of every kind are not.
func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		s        string
		freeForm bool
		want     bool
	}{
		{"<IMAGE_OBJECT_ID>", false, true},
		{"<MEDIA_ID>", false, true},
		{"<media id>", false, true},
		{"{{media_id}}", false, true},
		{"{{ media_id }}", false, true},
		{"{{1}}", false, true},
		{"{media_id}", false, true},
		{"${mediaId}", false, true},
		{"img-{{id}}", false, true},
		{"YOUR_MEDIA_ID", false, true},
		{"your-catalog-id", false, true},
		{"MEDIA_ID", false, true},
		{"MESSAGE_ID", false, true},
		{"IMAGE_OBJECT_ID", false, true},
		{"PRODUCT_RETAILER_ID", true, true},
		{"YOUR_SKU", true, true},
		{"<SKU>", true, true},

		{"1479537139650973", false, false},
		{"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA", false, false},
		{"gBEGkYiEB1VXAglK1ZEqA1YKPrU", false, false},
		{"SKU-123", true, false},
		{"LS-ECHEVERIA-001", true, false},
		{"MUG_BLUE_ID", true, false}, // a retailer id the business chose
		{"SKU_ID_12", false, false},
		{"ID", false, false},
		{"a<b", true, false},
		{"<b>", true, false},
		{"a < b > c", true, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := isPlaceholder(tt.s, tt.freeForm); got != tt.want {
			t.Errorf("isPlaceholder(%q, %v) = %v, want %v", tt.s, tt.freeForm, got, tt.want)
		}
	}
}

func TestBSUIDForm(t *testing.T) {
	for s, want := range map[string]bool{
		"US.13491208655302741918":     true,
		"US.ENT.11815799212886844830": true,
		"BR.9f3KxQ27LmA0":             true,
		"us.13491208655302741918":     false,
		"USA.13491208655302741918":    false,
		"US13491208655302741918":      false,
		"US.":                         false,
		"US.1349-1208":                false,
		"+16505551234":                false,
		" US.13491208655302741918":    false,
	} {
		if got := bsuidForm.MatchString(s); got != want {
			t.Errorf("bsuidForm matches %q: %v, want %v", s, got, want)
		}
	}
}

// TestAuthenticationTemplateToBSUID: with the template definitions, an
// AUTHENTICATION template sent to a BSUID alone is flagged even without the
// Direct Send "category"; the same template to a phone number, and a
// utility template to a BSUID, are not.
func TestAuthenticationTemplateToBSUID(t *testing.T) {
	defs, err := ParseTemplates([]byte(`[
		{"name":"login_code","language":"en_US","status":"APPROVED","category":"AUTHENTICATION",
		 "components":[{"type":"BODY","text":"{{1}} is your verification code."},
		               {"type":"BUTTONS","buttons":[{"type":"URL","text":"Copy code","url":"https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}"}]}]},
		{"name":"order_update","language":"en_US","status":"APPROVED","category":"UTILITY",
		 "components":[{"type":"BODY","text":"Your order has shipped."}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	v := mustNew(t, WithDialect(DialectCloud), WithTemplates(defs))
	login := `"type":"template","template":{"name":"login_code","language":{"code":"en_US"},"components":[` +
		`{"type":"body","parameters":[{"type":"text","text":"482913"}]},` +
		`{"type":"button","sub_type":"url","index":"0","parameters":[{"type":"text","text":"482913"}]}]}`
	update := `"type":"template","template":{"name":"order_update","language":{"code":"en_US"}}`
	tests := []struct {
		name, payload string
		want          bool
	}{
		{"authentication template to a BSUID", `{"messaging_product":"whatsapp","recipient":"US.13491208655302741918",` + login + `}`, true},
		{"authentication template to a phone number", `{"messaging_product":"whatsapp","to":"+16505551234",` + login + `}`, false},
		{"utility template to a BSUID", `{"messaging_product":"whatsapp","recipient":"US.13491208655302741918",` + update + `}`, false},
	}
	for _, tt := range tests {
		rep := v.Validate(context.Background(), []byte(tt.payload))
		got := false
		for _, f := range rep.Findings {
			if f.Rule == "recipient-bsuid-unsupported" {
				got = f.Pointer == "/recipient" && f.CloudCode == 131062 && f.Severity == SeverityError
			}
		}
		if got != tt.want {
			t.Errorf("%s: recipient-bsuid-unsupported reported %v, want %v (findings %v)", tt.name, got, tt.want, rep.Findings)
		}
	}
}
