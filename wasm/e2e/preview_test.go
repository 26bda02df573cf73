//go:build !js

package e2e

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// previewMessage is what the template preview shows of one message (the
// template's, or one carousel card's), as DOM text: the formatting marks
// are gone, the samples are in.
type previewMessage struct {
	Header  string   `json:"header"`  // a text header
	Media   string   `json:"media"`   // a media, location or product header's placeholder
	Body    string   `json:"body"`    //
	Footer  string   `json:"footer"`  //
	Buttons []string `json:"buttons"` // their labels
	Links   []string `json:"links"`   // what each button holds (its title): a filled-in URL, a number, a code
}

type preview struct {
	Hidden  bool             `json:"hidden"`
	Message previewMessage   `json:"message"`
	Cards   []previewMessage `json:"cards"`
}

// readPreview is the page's template preview, read from the DOM.
const readPreview = `(() => {
	const p = document.getElementById("preview");
	const text = (m, sel) => m?.querySelector(":scope > .pv-bubble > " + sel)?.textContent ?? "";
	const msg = (m) => ({
		header: text(m, ".pv-header"), media: text(m, ".pv-media"), body: text(m, ".pv-body"), footer: text(m, ".pv-footer"),
		buttons: [...(m?.querySelectorAll(":scope > .pv-buttons > li") ?? [])].map((li) => li.querySelector(".pv-label").textContent),
		links: [...(m?.querySelectorAll(":scope > .pv-buttons > li") ?? [])].map((li) => li.title),
	});
	const chat = p.querySelector(".pv-chat");
	return { hidden: p.hidden, message: msg(chat?.querySelector(":scope > .pv-message")),
		cards: [...(chat?.querySelectorAll(":scope > .pv-cards > .pv-message") ?? [])].map(msg) };
})()`

func TestTemplatePreview(t *testing.T) {
	tb := newTab(t)
	base := serve(t)
	tb.do(t, "opening the page", chromedp.Navigate(base+"/"), settled)

	// The template creation examples have a group of their own in the
	// picker, the broken one first, as examples.txt lists them.
	got := eval[[]string](t, tb, `[...document.querySelectorAll('#example optgroup[label="Template creation"] option')].map((o) => o.value)`)
	wantFiles := []string{"template_summer_sale.json", "template_seasonal_offer.json", "template_carousel.json", "template_verification_code.json"}
	if !slices.Equal(got, wantFiles) {
		t.Errorf("the picker's template creation examples are %q, want %q", got, wantFiles)
	}

	for _, tc := range []struct {
		file string
		want preview
	}{
		{"template_summer_sale.json", preview{Message: previewMessage{
			Header: "Summer sale starts today",
			Body: "Hi Maria, our summer sale is on: everything in the garden shop is 20% off until Sunday. " +
				"Show this code at the till: SUN20",
			Footer:  "Reply STOP to opt out",
			Buttons: []string{"Stop promotions"}, Links: []string{""},
		}}},
		{"template_seasonal_offer.json", preview{Message: previewMessage{
			Media:   "IMAGE",
			Body:    "Hi Maria, the new autumn collection is in store. Order before October 31 and delivery is free.\n\nSee you soon!",
			Footer:  "Lucky Shrub Garden Centre",
			Buttons: []string{"Show me more", "Not interested", "Shop now"},
			Links:   []string{"", "", "https://www.luckyshrub.com/autumn?ref=whatsapp"},
		}}},
		{"template_carousel.json", preview{
			Message: previewMessage{Body: "Autumn planting time, Maria! Use code PLANT15 at checkout for 15% off any of the plants below.", Buttons: []string{}, Links: []string{}},
			Cards: []previewMessage{
				{Media: "IMAGE", Body: "Tulip bulbs for spring colour: a bag of 20 for $12, delivered free.", Buttons: []string{"More like this", "Buy now"},
					Links: []string{"", "https://www.luckyshrub.com/p/tulips"}},
				{Media: "IMAGE", Body: "Winter heather in a 12 cm pot: $6 each, flowering until March.", Buttons: []string{"More like this", "Buy now"},
					Links: []string{"", "https://www.luckyshrub.com/p/heather"}},
			},
		}},
		{"template_verification_code.json", preview{Message: previewMessage{
			Body:    "{{1}} is your verification code. For your security, do not share this code.",
			Footer:  "This code expires in 10 minutes.",
			Buttons: []string{"Copy code"}, Links: []string{""},
		}}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			lints := eval[int](t, tb, `walintStats.lints`)
			tb.do(t, "picking "+tc.file, setValue("example", tc.file, "change"), relinted(lints))
			if tc.want.Cards == nil {
				tc.want.Cards = []previewMessage{}
			}
			if got := eval[preview](t, tb, readPreview); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("the preview shows\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}

	// WhatsApp's formatting marks become elements; the text inside them
	// is the user's, as text.
	t.Run("formatting", func(t *testing.T) {
		tb.do(t, "picking the broken marketing example", setValue("example", "template_summer_sale.json", "change"), settled)
		got := eval[[]string](t, tb, `[...document.querySelectorAll("#preview .pv-body > *")].map((e) => e.tagName + " " + e.textContent)`)
		if want := []string{"STRONG summer sale", "EM everything"}; !slices.Equal(got, want) {
			t.Errorf("the body's formatted parts are %q, want %q", got, want)
		}
	})

	// A finding names Meta's answer: the subcode beside the Cloud API
	// code (creation-name's 100/2388046 for the capital in the name).
	t.Run("answer", func(t *testing.T) {
		tb.do(t, "picking the broken marketing example", setValue("example", "template_summer_sale.json", "change"), settled)
		got := eval[[]string](t, tb, `[...document.querySelectorAll("#findings .codes")].map((e) => e.textContent)`)
		if !slices.Contains(got, "cloud 100/2388046") {
			t.Errorf("the findings' codes are %q, want one \"cloud 100/2388046\"", got)
		}
	})

	// Named samples fill their variables; a variable without a sample
	// stays as written; markup in the text is shown, never made.
	t.Run("named, unfilled and markup", func(t *testing.T) {
		body := `{"name": "x", "language": "en", "category": "UTILITY", "parameter_format": "named", "components": [
			{"type": "body", "text": "Order {{order_id}} for {{name}}: <img src=x onerror=alert(1)> ~gone~ ` + "```{{order_id}}```" + `",
			 "example": {"body_text_named_params": [{"param_name": "order_id", "example": "A-17"}]}},
			{"type": "header", "format": "location"},
			{"type": "buttons", "buttons": [{"type": "phone_number", "text": "Call us", "phone_number": "+15550001111"},
				{"type": "copy_code", "example": "SAVE10"}, {"type": "flow", "text": "Book", "flow_id": "1"},
				{"type": "catalog", "text": "x"}]}]}`
		tb.typeInto(t, "pasting a named body", "editor", body)
		got := eval[preview](t, tb, readPreview)
		want := preview{Message: previewMessage{
			Media: "LOCATION",
			Body:  "Order A-17 for {{name}}: <img src=x onerror=alert(1)> gone A-17",
			// More than three buttons: the first two, and "See all options".
			Buttons: []string{"Call us", "Copy offer code", "See all options"},
			Links:   []string{"+15550001111", "SAVE10", "Call us · Copy offer code · Book · View catalog"},
		}, Cards: []previewMessage{}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("the preview shows\n%+v\nwant\n%+v", got, want)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("#preview img").length`); n != 0 {
			t.Errorf("the preview made %d img elements from the body's text, want none", n)
		}
		parts := eval[[]string](t, tb, `[...document.querySelectorAll("#preview .pv-body > *")].map((e) => e.tagName)`)
		if want := []string{"S", "CODE"}; !slices.Equal(parts, want) {
			t.Errorf("the body's formatted parts are %q, want %q", parts, want)
		}
	})

	// A message payload, or text that is not JSON, hides the preview.
	for _, tc := range []struct{ what, text string }{
		{"a message payload", broken},
		{"a template message", `{"messaging_product": "whatsapp", "to": "+15550001111", "type": "template",
			"template": {"name": "x", "language": {"code": "en"}, "components": []}}`},
		{"text that is not JSON", `{"name": "x", "components": [`},
	} {
		t.Run(tc.what, func(t *testing.T) {
			tb.typeInto(t, "pasting "+tc.what, "editor", tc.text)
			if !eval[bool](t, tb, `document.getElementById("preview").hidden`) {
				t.Errorf("the preview is shown for %s", tc.what)
			}
			if n := eval[int](t, tb, `document.getElementById("preview-body").childElementCount`); n != 0 {
				t.Errorf("the hidden preview keeps %d elements", n)
			}
		})
	}

	// An edit body has only components (and maybe a category).
	t.Run("edit body", func(t *testing.T) {
		tb.typeInto(t, "pasting an edit body", "editor", `{"components": [{"type": "BODY", "text": "Hello {{1}}, *welcome*!",
			"example": {"body_text": ["Ana"]}}]}`)
		got := eval[preview](t, tb, readPreview)
		if got.Hidden || got.Message.Body != "Hello Ana, welcome!" {
			t.Errorf("an edit body's preview: %+v, want shown with the body %q", got, "Hello Ana, welcome!")
		}
	})

	shot := filepath.Join(artifacts(t), "walint-page-preview.png")
	tb.do(t, "picking the carousel", setValue("example", "template_carousel.json", "change"), settled)
	screenshot(t, tb, shot)
	t.Logf("screenshot: %s", shot)
	if !strings.Contains(eval[string](t, tb, `document.getElementById("preview-h").textContent`), "Template preview") {
		t.Error("the preview has no heading")
	}
	tb.checkClean(t, base)
}
