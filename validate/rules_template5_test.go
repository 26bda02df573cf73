package validate

import (
	"context"
	"strings"
	"testing"
)

// TestTemplateBodyTextLengthCards checks that the components of a carousel
// card are counted card by card: a long body text in a card that has a
// header is reported, one in the top-level body of a carousel message too
// (the carousel is another component), and the same texts in a body-only
// message are not.
func TestTemplateBodyTextLengthCards(t *testing.T) {
	v := validatorWith(t, validatorKey{dialect: DialectCloud})
	long := strings.Repeat("a", 1025)
	msg := func(components string) []byte {
		return []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"x","language":{"code":"en_US"},"components":` + components + `}}`)
	}
	card := func(i int, text string) string {
		return `{"card_index":` + string(rune('0'+i)) + `,"components":[{"type":"header","parameters":[{"type":"image","image":{"id":"1"}}]},` +
			`{"type":"body","parameters":[{"type":"text","text":"` + text + `"}]}]}`
	}
	tests := []struct {
		name, components string
		want             []string
	}{
		{"body only", `[{"type":"body","parameters":[{"type":"text","text":"` + long + `"}]}]`, nil},
		{"long text in a card", `[{"type":"carousel","cards":[` + card(0, "a") + `,` + card(1, long) + `]}]`,
			[]string{"/template/components/0/cards/1/components/1/parameters/0/text"}},
		{"long top-level body of a carousel", `[{"type":"body","parameters":[{"type":"text","text":"` + long + `"}]},{"type":"carousel","cards":[` + card(0, "a") + `,` + card(1, "b") + `]}]`,
			[]string{"/template/components/0/parameters/0/text"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range v.Validate(context.Background(), msg(tt.components)).Findings {
			if f.Rule == ruleTemplateBodyTextLength.ID {
				got = append(got, f.Pointer)
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFirstEmoji(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Book now", ""},
		{"Réservez maintenant", ""}, // accented letters
		{"立即预约", ""},                // CJK
		{"予約する𠮷", ""},               // a CJK character outside the Basic Multilingual Plane
		{"Deals™ & more", ""},       // ™ is text unless marked as emoji
		{"© Lucky Shrubs", ""},      // likewise ©
		{"Done ✔", ""},              // heavy check mark, text by default
		{"I ❤ plants", ""},          // a heart without the variation selector shows as text
		{"Step 1 → 2", ""},          // arrows
		{"#1 deal *today*", ""},     // plain digits, # and *
		{"Ouvrir 📅", "📅"},           // a pictograph
		{"Book now📅", "📅"},
		{"Start ✅", "✅"}, // emoji presentation in the BMP
		{"Top ⭐", "⭐"},
		{"I ❤️ plants", "❤️"}, // heart with U+FE0F
		{"Deals™️", "™️"},     // ™ marked as emoji
		{"Pick 1️⃣", "1️⃣"},   // keycap
		{"Pick #⃣", "#⃣"},     // keycap without the variation selector
		{"Go 🇧🇷", "🇧"},        // a flag: its first regional indicator
		{"Hi 👋🏽", "👋"},        // with a skin tone
		{"Team 👩‍💻", "👩"},     // a ZWJ sequence
		{"Play 🀄", "🀄"},
		{"Ask 🈁", "🈁"}, // enclosed ideograph shown as emoji
		{"🈐 sale", ""}, // enclosed ideograph that is not an emoji
		{"", ""},
	}
	for _, tt := range tests {
		if got := firstEmoji(tt.in); got != tt.want {
			t.Errorf("firstEmoji(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTemplateParameterNameFormFix checks when a parameter_name that is not
// in a variable's form gets a certain fix: spaces around it or its case
// alone, or, with definitions, a snake_case form that is a variable of the
// component.
func TestTemplateParameterNameFormFix(t *testing.T) {
	plain := validatorWith(t, validatorKey{dialect: DialectCloud})
	defs := validatorWith(t, validatorKey{dialect: DialectCloud, templates: true})
	msg := func(name string) []byte {
		return []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"order_confirmation","language":{"code":"en_US"},` +
			`"components":[{"type":"header","parameters":[{"type":"text","parameter_name":"order_number","text":"#1"}]},` +
			`{"type":"body","parameters":[{"type":"text","parameter_name":` + name + `,"text":"Ana"},{"type":"text","parameter_name":"order_id","text":"#1"}]}]}}`)
	}
	tests := []struct {
		name    string
		v       *Validator
		in, fix string // fix "" for a finding without one, "-" for no finding
	}{
		{"well formed", plain, `"customer_name"`, "-"},
		{"trailing space", plain, `"customer_name "`, `"customer_name"`},
		{"capitals", plain, `"CUSTOMER_NAME"`, `"customer_name"`},
		{"title case", plain, `"Customer_Name"`, `"customer_name"`},
		{"camel case, no definitions", plain, `"customerName"`, ""},
		{"camel case, a variable of the template", defs, `"customerName"`, `"customer_name"`},
		{"camel case, no such variable", defs, `"clientName"`, ""},
		{"words", plain, `"Customer Name"`, ""},
		{"words, a variable of the template", defs, `"Customer Name"`, `"customer_name"`},
		{"not Latin", plain, `"名前"`, ""},
	}
	for _, tt := range tests {
		var got []Finding
		for _, f := range tt.v.Validate(context.Background(), msg(tt.in)).Findings {
			if f.Rule == ruleTemplateParameterNameForm.ID || f.Rule == ruleTemplateParameterName.ID {
				got = append(got, f)
			}
		}
		switch {
		case tt.fix == "-":
			if len(got) != 0 {
				t.Errorf("%s: got %v, want no finding", tt.name, got)
			}
		case len(got) != 1 || got[0].Rule != ruleTemplateParameterNameForm.ID:
			t.Errorf("%s: got %v, want one template-parameter-name-form finding", tt.name, got)
		case string(got[0].Fix) != tt.fix:
			t.Errorf("%s: fix %s, want %q", tt.name, got[0].Fix, tt.fix)
		}
	}
}
