package bench

import (
	"bytes"
	"slices"
	"strings"
)

// A mistake is one realistic way a payload goes wrong, and the rule walint
// reports it under (as an error). Either tree changes the payload before it is
// written, or text breaks the written bytes (a JSON syntax mistake).
type mistake struct {
	id      string
	rule    string
	weight  int
	applies func(k *kind, o *object) bool
	tree    func(c *draw, o *object)
	// text returns the broken bytes in a new slice and leaves b alone: a
	// payload's Data and Line are one slice when it is not pretty-printed.
	text func(c *draw, b []byte) []byte
}

// Applicability tests.
func cloudMessage(k *kind, _ *object) bool { return k.dialect == "cloud" && k.name != "status" }

// isKind applies to the Cloud kinds named, or below them ("template" takes
// in "template.text").
func isKind(names ...string) func(k *kind, _ *object) bool {
	return func(k *kind, _ *object) bool {
		return k.dialect == "cloud" && slices.ContainsFunc(names, func(n string) bool {
			return k.name == n || strings.HasPrefix(k.name, n+".")
		})
	}
}

var isMedia = isKind("image", "video", "audio", "document", "sticker")

// media returns a media message's media object and its type.
func media(o *object) (*object, string) {
	typ := o.get("type").(string)
	return o.at(typ), typ
}
func hasType(_ *kind, o *object) bool { return o.get("type") != nil }
func and(fs ...func(k *kind, o *object) bool) func(k *kind, o *object) bool {
	return func(k *kind, o *object) bool {
		for _, f := range fs {
			if !f(k, o) {
				return false
			}
		}
		return true
	}
}

// longASCII is n characters of English text kept to ASCII, so that bytes,
// code points and UTF-16 units agree on the length and it is over a limit in
// every way of counting.
func longASCII(c *draw, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(strings.Map(func(r rune) rune {
			if r >= 0x80 {
				return -1
			}
			return r
		}, sentence(c.r, "en")))
		b.WriteByte(' ')
	}
	return b.String()[:n]
}

var mistakes = []mistake{
	// The recipient: the commonest failures in a send pipeline.
	{"to-intl-prefix", "recipient-intl-prefix", 6, cloudMessage, func(c *draw, o *object) {
		o.set("to", "00"+c.to.digitsOnly())
	}, nil},
	{"to-no-country-code", "recipient-country-code", 6, cloudMessage, func(c *draw, o *object) {
		p := newPhone(c.r, pick(c.r, []string{"GB", "IN", "DE", "NG", "BR"}))
		o.set("to", p.m.trunk+p.national)
	}, nil},
	{"to-digit-missing", "recipient-invalid", 4, cloudMessage, func(c *draw, o *object) {
		e := newPhone(c.r, pick(c.r, []string{"IN", "US", "BR", "MX"})).e164() // markets whose numbers have one length
		o.set("to", e[:len(e)-1])
	}, nil},
	{"to-whatsapp-prefix", "recipient-invalid", 2, cloudMessage, func(c *draw, o *object) {
		o.set("to", "whatsapp:"+c.to.e164())
	}, nil},
	{"to-missing", "required-field", 2, cloudMessage, func(c *draw, o *object) { o.del("to") }, nil},
	{"type-object-mismatch", "type-object", 2, and(hasType, isKind("text", "image", "location")), func(c *draw, o *object) {
		o.set("type", map[string]string{"text": "image", "image": "document", "location": "text"}[o.get("type").(string)])
	}, nil},
	{"type-capitalised", "enum-value", 1, and(cloudMessage, hasType), func(c *draw, o *object) {
		t := o.get("type").(string)
		o.set("type", strings.ToUpper(t[:1])+t[1:])
	}, nil},

	// JSON syntax, as hand-edited fixtures and string-built payloads break it.
	{"trailing-comma", "json-syntax", 2, func(*kind, *object) bool { return true }, nil, func(c *draw, b []byte) []byte {
		i := bytes.LastIndexByte(b, '}')
		j := bytes.LastIndexByte(b[:i], '"')
		return append(append(append([]byte{}, b[:j+1]...), ','), b[j+1:]...)
	}},
	{"smart-quotes", "json-syntax", 1, func(*kind, *object) bool { return true }, nil, func(c *draw, b []byte) []byte {
		return bytes.Replace(bytes.Replace(b, []byte(`"to"`), []byte("“to”"), 1), []byte(`"messaging_product"`), []byte("“messaging_product”"), 1)
	}},

	// Text messages.
	{"quoted-boolean", "quoted-boolean", 6, isKind("text"), func(c *draw, o *object) {
		o.at("text").set("preview_url", pick(c.r, []string{"true", "false"}))
	}, nil},
	{"text-too-long", "string-length", 5, isKind("text"), func(c *draw, o *object) {
		o.at("text").set("body", longASCII(c, c.r.between(4097, 4600)))
	}, nil},
	{"text-as-string", "wrong-type", 2, isKind("text"), func(c *draw, o *object) {
		o.set("text", o.at("text").get("body"))
	}, nil},
	{"text-empty", "required-field", 1, isKind("text"), func(c *draw, o *object) { o.at("text").set("body", "") }, nil},

	// Media.
	{"media-id-and-link", "media-id-and-link", 3, isMedia, func(c *draw, o *object) {
		m, typ := media(o)
		m.set("id", c.r.digits(16)).set("link", mediaLink(c.r, typ))
	}, nil},
	{"media-no-source", "media-source-missing", 2, isMedia, func(c *draw, o *object) {
		m, _ := media(o)
		m.del("id")
		m.del("link")
	}, nil},
	{"link-not-absolute", "link-invalid", 3, isMedia, func(c *draw, o *object) {
		m, typ := media(o)
		m.del("id")
		m.set("link", strings.TrimPrefix(mediaLink(c.r, typ), "https://"))
	}, nil},
	{"link-double-encoded", "link-double-encoded", 2, isMedia, func(c *draw, o *object) {
		m, typ := media(o)
		m.del("id")
		l := mediaLink(c.r, typ)
		i := strings.LastIndexByte(l, '/')
		m.set("link", l[:i+1]+"summer%2520sale%2520"+l[i+1:])
	}, nil},
	{"link-wrong-extension", "media-extension", 3, isKind("image", "video", "sticker"), func(c *draw, o *object) {
		m, _ := media(o)
		m.del("id")
		m.set("link", mediaLink(c.r, "document"))
	}, nil},
	{"caption-too-long", "string-length", 2, isKind("image", "video", "document"), func(c *draw, o *object) {
		m, _ := media(o)
		m.set("caption", longASCII(c, c.r.between(1025, 1400)))
	}, nil},
	{"voice-quoted", "quoted-boolean", 4, isKind("audio"), func(c *draw, o *object) { o.at("audio").set("voice", "true") }, nil},

	// Location.
	{"lat-lng-swapped", "latitude-range", 4, isKind("location"), func(c *draw, o *object) {
		p := pick(c.r, []place{places[0], places[3]}) // longitude beyond ±90
		o.set("location", obj("latitude", num(p.lng), "longitude", num(p.lat), "name", p.name))
	}, nil},
	{"lng-microdegrees", "longitude-range", 1, isKind("location"), func(c *draw, o *object) {
		o.at("location").set("longitude", num("-122162200"))
	}, nil},
	{"coordinate-text", "coordinate-not-numeric", 2, isKind("location"), func(c *draw, o *object) {
		o.at("location").set("latitude", "37.4443° N")
	}, nil},

	// Contacts.
	{"birthday-invalid", "contact-birthday", 2, isKind("contacts"), func(c *draw, o *object) {
		o.get("contacts").([]any)[0].(*object).set("birthday", "1990-02-30")
	}, nil},
	{"birthday-format", "string-format", 2, isKind("contacts"), func(c *draw, o *object) {
		o.get("contacts").([]any)[0].(*object).set("birthday", "14/03/1988")
	}, nil},
	{"contact-no-formatted-name", "required-field", 2, isKind("contacts"), func(c *draw, o *object) {
		o.get("contacts").([]any)[0].(*object).at("name").del("formatted_name")
	}, nil},

	// Reactions and read receipts.
	{"reaction-shortcode", "reaction-emoji", 3, isKind("reaction"), func(c *draw, o *object) {
		o.at("reaction").set("emoji", pick(c.r, []string{":thumbsup:", "thumbs up", "👍👍", "+1"}))
	}, nil},
	{"status-upper-case", "enum-value", 2, isKind("status"), func(c *draw, o *object) { o.set("status", "READ") }, nil},
	{"status-no-message-id", "required-field", 1, isKind("status"), func(c *draw, o *object) { o.del("message_id") }, nil},

	// Interactive messages.
	{"four-buttons", "array-count", 5, isKind("interactive.button"), func(c *draw, o *object) {
		a := o.at("interactive", "action")
		var buttons []any
		for i, t := range distinct(c.r, buttonTitles, 4) {
			buttons = append(buttons, obj("type", "reply", "reply", obj("id", "btn_"+string(rune('a'+i)), "title", t)))
		}
		a.set("buttons", buttons)
	}, nil},
	{"button-title-too-long", "string-length", 4, isKind("interactive.button"), func(c *draw, o *object) {
		b := o.at("interactive", "action").get("buttons").([]any)
		b[len(b)-1].(*object).at("reply").set("title", pick(c.r, []string{"Talk to a human agent", "Confirmar mi cita ahora", "Track my order status"}))
	}, nil},
	{"duplicate-button-ids", "reply-buttons-unique", 2, isKind("interactive.button"), func(c *draw, o *object) {
		a := o.at("interactive", "action")
		a.set("buttons", []any{
			obj("type", "reply", "reply", obj("id", "yes", "title", "Yes")),
			obj("type", "reply", "reply", obj("id", "yes", "title", "Yes, later")),
		})
	}, nil},
	{"interactive-body-too-long", "string-length", 2, isKind("interactive.button", "interactive.list", "interactive.cta_url"), func(c *draw, o *object) {
		o.at("interactive", "body").set("text", longASCII(c, c.r.between(1025, 1500)))
	}, nil},
	{"eleven-rows", "list-rows-total", 4, isKind("interactive.list"), func(c *draw, o *object) {
		var sections []any
		n := 0
		for s, title := range []string{"Morning", "Afternoon"} {
			var rows []any
			for i := range 5 + s {
				n++
				rows = append(rows, obj("id", "slot_"+string(rune('a'+n)), "title", title+" slot "+string(rune('1'+i))))
			}
			sections = append(sections, obj("title", title, "rows", rows))
		}
		o.at("interactive", "action").set("sections", sections)
	}, nil},
	{"row-title-too-long", "string-length", 3, isKind("interactive.list"), func(c *draw, o *object) {
		s := o.at("interactive", "action").get("sections").([]any)[0].(*object)
		s.get("rows").([]any)[0].(*object).set("title", "Express delivery (next day)")
	}, nil},
	{"list-image-header", "interactive-header-type", 1, isKind("interactive.list"), func(c *draw, o *object) {
		o.at("interactive").set("header", obj("type", "image", "image", obj("link", mediaLink(c.r, "image"))))
	}, nil},
	{"cta-label-too-long", "string-length", 2, isKind("interactive.cta_url"), func(c *draw, o *object) {
		o.at("interactive", "action", "parameters").set("display_text", "Click here to see your offer")
	}, nil},
	{"flow-id-and-name", "flow-id-or-name", 4, isKind("interactive.flow"), func(c *draw, o *object) {
		o.at("interactive", "action", "parameters").set("flow_id", c.r.digits(16)).set("flow_name", "appointment_booking")
	}, nil},
	{"flow-version-number", "wrong-type", 2, isKind("interactive.flow"), func(c *draw, o *object) {
		o.at("interactive", "action", "parameters").set("flow_message_version", num("3"))
	}, nil},
	{"too-many-products", "product-list-items-total", 2, isKind("interactive.product_list"), func(c *draw, o *object) {
		var sections []any
		for s := range 2 {
			var items []any
			for range 16 {
				items = append(items, obj("product_retailer_id", "SKU-"+c.r.token(8, upperNo)))
			}
			sections = append(sections, obj("title", []string{"Best sellers", "New in"}[s], "product_items", items))
		}
		o.at("interactive", "action").set("sections", sections)
	}, nil},

	// Templates.
	{"language-hyphen", "string-format", 5, isKind("template"), func(c *draw, o *object) {
		o.at("template", "language").set("code", pick(c.r, []string{"en-US", "pt-BR", "es-MX"}))
	}, nil},
	{"template-name-spaces", "string-format", 2, isKind("template"), func(c *draw, o *object) {
		o.at("template").set("name", pick(c.r, []string{"Order Shipped", "Payment-Reminder", "OTP Login"}))
	}, nil},
	{"amount-quoted", "quoted-number", 8, isKind("template.currency_date"), func(c *draw, o *object) {
		p := o.at("template").get("components").([]any)[0].(*object).get("parameters").([]any)[1].(*object)
		p.at("currency").set("amount_1000", "100990")
	}, nil},
	{"url-button-no-parameter", "template-button-parameter", 8, and(isKind("template.buttons"), hasURLButton), func(c *draw, o *object) {
		for _, comp := range o.at("template").get("components").([]any) {
			if comp.(*object).get("sub_type") == "url" {
				comp.(*object).del("parameters")
			}
		}
	}, nil},
	{"button-index-missing", "required-field", 2, isKind("template.buttons"), func(c *draw, o *object) {
		comps := o.at("template").get("components").([]any)
		comps[len(comps)-1].(*object).del("index")
	}, nil},
	{"empty-text-parameter", "required-field", 3, isKind("template.text", "template.media_header", "template.buttons"), func(c *draw, o *object) {
		t := o.at("template")
		if t.get("components") == nil {
			t.set("components", []any{c.bodyComponent(1)})
		}
		for _, comp := range t.get("components").([]any) {
			if comp.(*object).get("type") == "body" {
				comp.(*object).get("parameters").([]any)[0].(*object).set("text", "")
			}
		}
	}, nil},
	{"named-parameter-missing-name", "template-parameter-names", 2, isKind("template.named"), func(c *draw, o *object) {
		params := o.at("template").get("components").([]any)[0].(*object).get("parameters").([]any)
		params = append(params, c.textParam())
		o.at("template").get("components").([]any)[0].(*object).set("parameters", params)
	}, nil},

	// On-Premises payloads.
	{"onprem-text-too-long", "string-length", 3, func(k *kind, _ *object) bool { return k.dialect == "onprem" && k.name == "text" }, func(c *draw, o *object) {
		o.at("text").set("body", longASCII(c, c.r.between(4097, 4600)))
	}, nil},
	{"onprem-language-hyphen", "string-format", 3, func(k *kind, _ *object) bool { return k.dialect == "onprem" && k.name != "text" }, func(c *draw, o *object) {
		o.at(o.get("type").(string), "language").set("code", "en-US")
	}, nil},
}

func hasURLButton(_ *kind, o *object) bool {
	for _, comp := range o.at("template").get("components").([]any) {
		if comp.(*object).get("sub_type") == "url" {
			return true
		}
	}
	return false
}
