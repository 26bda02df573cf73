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
		// Placeholders written as a phrase (issue 20): spaces, commas,
		// apostrophes, parentheses, lower-case words, any script.
		{"<ID of the uploaded image>", false, true},
		{"<media id, from upload>", false, true},
		{"<WHATSAPP_MESSAGE_ID>", false, true},
		{"<the customer's message id>", false, true},
		{"<id (from the webhook)>", false, true},
		{"<ID de l'image téléversée>", false, true},
		{"  <media id, from upload>  ", false, true},
		{"{media id}", false, true},
		{"{ media id, from upload }", false, true},
		{"${media id}", false, true},
		{"{{media id, from upload}}", false, true},
		{"[media id]", false, true},
		{"[MESSAGE_ID]", false, true},
		{"[ID of the product, as in the catalog]", true, true},
		{"{{a}", false, true}, // holds "{a}"

		{"1479537139650973", false, false},
		{"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA", false, false},
		{"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NUYyNzcwNzY3NEIyOUY1RAA=", false, false},
		{"SKU-123", true, false},
		{"SKU_123", true, false},
		{"Mug, blue (large)", true, false}, // a retailer id with phrase characters but no delimiters
		{"Mug <12 oz>", true, false},       // a size, not a name: the angle form starts with a letter
		{"size<L", true, false},
		{"[12]", true, false},
		{"[A]", true, false}, // one character: too short to be a phrase
		{"a[media id]", false, false},
		{"<https://example.com/a.jpg>", false, false},
		{"{\"id\":\"1\"}", false, false},
		{"< media id >", false, false},
		{"<>", false, false},
		{"{}", false, false},
		{"{{", false, false},
		{"<media id", false, false},
		{"YOUR", false, false},

		{"gBEGkYiEB1VXAglK1ZEqA1YKPrU", false, false},
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

// TestFindPlaceholder: the span of the first placeholder, which link-invalid
// quotes in its message, and none where there is none.
func TestFindPlaceholder(t *testing.T) {
	tests := []struct{ s, want string }{
		{"https://example.com/{{invoice_id}}.pdf", "{{invoice_id}}"},
		{"https://example.com/${id}.pdf", "${id}"},
		{"https://example.com/<FILE NAME>.pdf", "<FILE NAME>"},
		{"https://example.com/{a}/{{b}}", "{a}"},
		{"https://example.com/{{a}/b", "{a}"},
		{"{ media id }", "{ media id }"},
		{"https://example.com/a%20b.pdf", ""},
		{"https://example.com/a{1}.pdf", ""},
		{"https://example.com/a<b.pdf", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if start, end := findPlaceholder(tt.s); start >= 0 {
			got = tt.s[start:end]
		}
		if got != tt.want {
			t.Errorf("findPlaceholder(%q) finds %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestIsUpperName(t *testing.T) {
	for s, want := range map[string]bool{
		"MEDIA_ID":      true,
		"PHONE_NUMBER":  true,
		"A_1":           true,
		"V2_MESSAGE_ID": true,
		"MEDIA":         false,
		"MEDIA_":        false,
		"_MEDIA_ID":     false,
		"MEDIA__ID":     false,
		"Media_ID":      false,
		"1_ID":          false,
		"MEDIA-ID":      false,
		"":              false,
	} {
		if got := isUpperName(s); got != want {
			t.Errorf("isUpperName(%q) = %v, want %v", s, got, want)
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
