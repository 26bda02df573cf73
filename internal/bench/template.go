package bench

import (
	"fmt"
	"strings"
)

var templateNames = []string{"order_shipped", "payment_reminder", "appointment_reminder", "otp_login", "welcome_offer",
	"delivery_update", "abandoned_cart_v2", "feedback_request", "account_alert", "ticket_update"}

// templateHead is a template object with a name and a language in the
// draw's language.
func (c *draw) templateHead() *object {
	return obj("name", pick(c.r, templateNames), "language", obj("code", pick(c.r, templateLang[c.lang])))
}

// template starts a Cloud template payload and returns it and its template.
func (c *draw) template() (*object, *object) {
	t := c.templateHead()
	return c.envelope("template").set("template", t), t
}

// textParam is a body or header text parameter.
func (c *draw) textParam() *object {
	var v string
	switch c.r.intn(4) {
	case 0:
		v = pick(c.r, firstNames)
	case 1:
		v = c.r.digits(c.r.between(4, 10))
	case 2:
		v = fmt.Sprintf("%d March", c.r.between(1, 31))
	default:
		// On one line: WhatsApp refuses a text parameter with a new-line,
		// a tab or more than 4 spaces in a row (132018).
		v = strings.Join(strings.Fields(message(c.r, c.lang, c.r.between(10, 120))), " ")
	}
	return obj("type", "text", "text", v)
}

// bodyComponent holds n text parameters.
func (c *draw) bodyComponent(n int) *object {
	var params []any
	for range n {
		params = append(params, c.textParam())
	}
	return obj("type", "body", "parameters", params)
}

// textComponents gives template t body text parameters (and sometimes a
// text header), the commonest kind of template message.
func textComponents(c *draw, t *object) *object {
	if c.r.chance(0.1) {
		return t // like hello_world: no variables
	}
	var comps []any
	if c.r.chance(0.2) {
		comps = append(comps, obj("type", "header", "parameters", []any{obj("type", "text", "text", pick(c.r, firstNames))}))
	}
	comps = append(comps, c.bodyComponent(c.r.between(1, 6)))
	return t.set("components", comps)
}

func buildTemplateText(c *draw) *object {
	o, t := c.template()
	textComponents(c, t)
	return o
}

func buildTemplateMediaHeader(c *draw) *object {
	o, t := c.template()
	var p *object
	switch c.r.intn(4) {
	case 0, 1:
		p = obj("type", "image", "image", obj("link", mediaLink(c.r, "image")))
	case 2:
		p = obj("type", "document", "document", obj("link", pdfLink(c.r), "filename", "invoice-"+c.r.digits(6)+".pdf"))
		if c.r.chance(0.5) {
			p.set("document", obj("id", c.r.digits(16), "filename", "invoice-"+c.r.digits(6)+".pdf"))
		}
	default:
		pl := pick(c.r, places)
		p = obj("type", "location", "location", obj("latitude", num(pl.lat), "longitude", num(pl.lng), "name", pl.name, "address", pl.address))
	}
	t.set("components", []any{obj("type", "header", "parameters", []any{p}), c.bodyComponent(c.r.between(1, 4))})
	return o
}

func buildTemplateCurrency(c *draw) *object {
	o, t := c.template()
	amount := c.r.between(100, 999999)
	day := c.r.between(1, 28)
	t.set("components", []any{obj("type", "body", "parameters", []any{
		c.textParam(),
		obj("type", "currency", "currency", obj("fallback_value", fmt.Sprintf("$%d.%02d", amount/1000, amount%1000/10),
			"code", pick(c.r, []string{"USD", "EUR", "INR", "BRL", "IDR", "MXN"}), "amount_1000", amount)),
		obj("type", "date_time", "date_time", obj("fallback_value", fmt.Sprintf("March %d, 2026", day))),
	})})
	return o
}

func buildTemplateButtons(c *draw) *object {
	o, t := c.template()
	comps := []any{c.bodyComponent(c.r.between(1, 4))}
	switch c.r.intn(5) {
	case 0, 1:
		for i := range c.r.between(1, 3) {
			comps = append(comps, obj("type", "button", "sub_type", "quick_reply", "index", fmt.Sprint(i),
				"parameters", []any{obj("type", "payload", "payload", fmt.Sprintf("QR_%d_%s", i, c.r.token(6, upperNo)))}))
		}
	case 2:
		idx := any(fmt.Sprint(0))
		if c.r.chance(0.3) {
			idx = 0 // Meta's own samples send a number
		}
		comps = append(comps, obj("type", "button", "sub_type", "url", "index", idx,
			"parameters", []any{obj("type", "text", "text", c.r.token(10, alnum))}))
	case 3:
		comps = append(comps, obj("type", "button", "sub_type", "copy_code", "index", "0",
			"parameters", []any{obj("type", "coupon_code", "coupon_code", c.r.token(8, upperNo))}))
	default:
		comps = append(comps, obj("type", "button", "sub_type", "flow", "index", "0",
			"parameters", []any{obj("type", "action", "action", obj("flow_token", c.r.token(20, alnum)))}))
	}
	t.set("components", comps)
	return o
}

func buildTemplateNamed(c *draw) *object {
	o, t := c.template()
	var params []any
	for _, name := range distinct(c.r, []string{"customer_name", "order_id", "delivery_date", "store", "amount"}, c.r.between(1, 5)) {
		params = append(params, obj("type", "text", "parameter_name", name, "text", c.textParam().get("text")))
	}
	t.set("components", []any{obj("type", "body", "parameters", params)})
	return o
}

func buildTemplateCarousel(c *draw) *object {
	o, t := c.template()
	var cards []any
	for i := range c.r.between(2, 6) {
		cards = append(cards, obj("card_index", i, "components", []any{
			obj("type", "header", "parameters", []any{obj("type", "image", "image", obj("link", mediaLink(c.r, "image")))}),
			c.bodyComponent(c.r.between(1, 2)),
			obj("type", "button", "sub_type", "quick_reply", "index", "0",
				"parameters", []any{obj("type", "payload", "payload", fmt.Sprintf("CARD_%d", i))}),
		}))
	}
	t.set("components", []any{c.bodyComponent(1), obj("type", "carousel", "cards", cards)})
	return o
}

func buildTemplateLimitedOffer(c *draw) *object {
	o, t := c.template()
	t.set("components", []any{
		c.bodyComponent(1),
		obj("type", "limited_time_offer", "parameters", []any{obj("type", "limited_time_offer",
			"limited_time_offer", obj("expiration_time_ms", num(fmt.Sprint(1767225600000+int64(c.r.intn(90))*86400000))))}),
		obj("type", "button", "sub_type", "copy_code", "index", "0",
			"parameters", []any{obj("type", "coupon_code", "coupon_code", c.r.token(8, upperNo))}),
	})
	return o
}
