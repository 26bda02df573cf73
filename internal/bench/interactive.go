package bench

import "fmt"

var (
	buttonTitles = []string{"Yes", "No", "Track order", "Talk to an agent", "Reschedule", "Confirm", "Cancel", "More info",
		"Sí, confirmar", "Falar com atendente", "हाँ", "Lihat katalog", "Später"}
	headerTexts = []string{"Your order", "Appointment reminder", "Weekend offers", "Choose a time slot", "Support",
		"Nuevas ofertas", "Seu pedido", "Pesanan Anda"}
	rowTitles = []string{"Standard delivery", "Express delivery", "Pick up in store", "9:00 - 10:00", "10:00 - 11:00",
		"14:00 - 15:00", "Billing question", "Technical support", "Returns", "Small", "Medium", "Large", "Entrega rápida"}
	rowDescriptions = []string{"Arrives in 3-5 business days", "Next day, order before 2 PM", "Free, ready in 2 hours",
		"An agent replies within minutes", "Chega amanhã", "Gratis ongkir"}
	footers   = []string{"Reply STOP to opt out", "Lucky Shrub · Customer care", "Prices include VAT", "Powered by Acme"}
	ctaLabels = []string{"See offer", "Track package", "Open invoice", "Book now", "Ver pedido", "Lihat promo"}
)

// body is the body object of an interactive message.
func (c *draw) body(max int) *object {
	return obj("text", message(c.r, c.lang, c.r.between(20, max)))
}

// interactive starts an interactive payload of type typ.
func (c *draw) interactive(typ string) (*object, *object) {
	in := obj("type", typ)
	return c.envelope("interactive").set("interactive", in), in
}

// footer adds a footer now and then.
func (c *draw) footer(in *object) {
	if c.r.chance(0.4) {
		in.set("footer", obj("text", pick(c.r, footers)))
	}
}

func buildButtons(c *draw) *object {
	o, in := c.interactive("button")
	switch p := c.r.intn(10); {
	case p < 4:
		in.set("header", obj("type", "text", "text", pick(c.r, headerTexts)))
	case p < 6:
		in.set("header", obj("type", "image", "image", obj("link", mediaLink(c.r, "image"))))
	case p < 7:
		in.set("header", obj("type", "document", "document", obj("link", mediaLink(c.r, "document"), "filename", "menu.pdf")))
	case p < 8:
		in.set("header", obj("type", "video", "video", obj("id", c.r.digits(16))))
	}
	in.set("body", c.body(700))
	c.footer(in)
	var buttons []any
	for i, title := range distinct(c.r, buttonTitles, c.r.between(1, 3)) {
		buttons = append(buttons, obj("type", "reply", "reply", obj("id", fmt.Sprintf("btn_%d_%s", i, c.r.token(6, alnum)), "title", title)))
	}
	in.set("action", obj("buttons", buttons))
	return o
}

func buildList(c *draw) *object {
	o, in := c.interactive("list")
	if c.r.chance(0.5) {
		in.set("header", obj("type", "text", "text", pick(c.r, headerTexts)))
	}
	in.set("body", c.body(500))
	c.footer(in)
	nsec := c.r.between(1, 3)
	rowsLeft := c.r.between(nsec, 10)
	titles := distinct(c.r, []string{"Delivery", "Pick-up", "Morning", "Afternoon", "Help", "Sizes", "Opções"}, nsec)
	var sections []any
	for s := range nsec {
		n := rowsLeft - (nsec - s - 1)
		if s < nsec-1 {
			n = c.r.between(1, n)
		}
		rowsLeft -= n
		var rows []any
		for i, title := range distinct(c.r, rowTitles, n) {
			row := obj("id", fmt.Sprintf("row_%d_%d", s, i), "title", title)
			if c.r.chance(0.6) {
				row.set("description", pick(c.r, rowDescriptions))
			}
			rows = append(rows, row)
		}
		sec := &object{}
		if nsec > 1 || c.r.chance(0.5) {
			sec.set("title", titles[s])
		}
		sections = append(sections, sec.set("rows", rows))
	}
	in.set("action", obj("button", pick(c.r, []string{"Choose", "See options", "Ver opções", "Pilih"}), "sections", sections))
	return o
}

func buildCTA(c *draw) *object {
	o, in := c.interactive("cta_url")
	if c.r.chance(0.3) {
		in.set("header", obj("type", "image", "image", obj("link", mediaLink(c.r, "image"))))
	} else if c.r.chance(0.4) {
		in.set("header", obj("type", "text", "text", pick(c.r, headerTexts)))
	}
	in.set("body", c.body(400))
	c.footer(in)
	in.set("action", obj("name", "cta_url", "parameters", obj("display_text", pick(c.r, ctaLabels),
		"url", "https://www.example.com/track?order="+c.r.digits(8)+"&utm_source=whatsapp")))
	return o
}

func buildFlow(c *draw) *object {
	o, in := c.interactive("flow")
	if c.r.chance(0.6) {
		in.set("header", obj("type", "text", "text", pick(c.r, headerTexts)))
	}
	in.set("body", c.body(400))
	c.footer(in)
	p := obj("flow_message_version", "3", "flow_token", "AQAAAAACS5Fp"+c.r.token(16, alnum))
	if c.r.chance(0.7) {
		p.set("flow_id", c.r.digits(16))
	} else {
		p.set("flow_name", pick(c.r, []string{"appointment_booking", "lead_form", "feedback_survey"}))
	}
	p.set("flow_cta", pick(c.r, []string{"Book now", "Sign up", "Give feedback", "Agendar"}))
	if c.r.chance(0.5) {
		p.set("mode", "published")
	}
	if c.r.chance(0.7) {
		p.set("flow_action", "navigate").set("flow_action_payload", obj("screen", "WELCOME_SCREEN",
			"data", obj("customer", pick(c.r, firstNames), "store_id", c.r.digits(4))))
	} else {
		p.set("flow_action", "data_exchange")
	}
	in.set("action", obj("name", "flow", "parameters", p))
	return o
}

func buildProduct(c *draw) *object {
	o, in := c.interactive("product")
	if c.r.chance(0.6) {
		in.set("body", c.body(200))
	}
	c.footer(in)
	in.set("action", obj("catalog_id", c.r.digits(15), "product_retailer_id", "SKU-"+c.r.token(8, upperNo)))
	return o
}

func buildProductList(c *draw) *object {
	o, in := c.interactive("product_list")
	in.set("header", obj("type", "text", "text", pick(c.r, headerTexts)))
	in.set("body", c.body(300))
	c.footer(in)
	nsec := c.r.between(1, 4)
	var sections []any
	for s := range nsec {
		var items []any
		for range c.r.between(1, 30/nsec) {
			items = append(items, obj("product_retailer_id", "SKU-"+c.r.token(8, upperNo)))
		}
		sections = append(sections, obj("title", fmt.Sprintf("%s %d", pick(c.r, []string{"Best sellers", "New in", "Sale"}), s+1), "product_items", items))
	}
	in.set("action", obj("catalog_id", c.r.digits(15), "sections", sections))
	return o
}

func buildCatalog(c *draw) *object {
	o, in := c.interactive("catalog_message")
	in.set("body", c.body(300))
	c.footer(in)
	a := obj("name", "catalog_message")
	if c.r.chance(0.6) {
		a.set("parameters", obj("thumbnail_product_retailer_id", "SKU-"+c.r.token(8, upperNo)))
	}
	in.set("action", a)
	return o
}

func buildLocationRequest(c *draw) *object {
	o, in := c.interactive("location_request_message")
	in.set("body", c.body(200))
	in.set("action", obj("name", "send_location"))
	return o
}

func buildAddress(c *draw) *object {
	c.sendTo(newPhone(c.r, pick(c.r, []string{"IN", "SG"})))
	o, in := c.interactive("address_message")
	in.set("body", c.body(200))
	p := obj("country", c.to.m.region)
	if c.r.chance(0.6) {
		p.set("values", obj("name", pick(c.r, firstNames)+" "+pick(c.r, lastNames), "phone_number", c.to.e164(),
			"address", fmt.Sprintf("%d Market Road", c.r.between(1, 300)), "city", "Mumbai"))
	}
	in.set("action", obj("name", "address_message", "parameters", p))
	return o
}

func buildCallPermission(c *draw) *object {
	o, in := c.interactive("call_permission_request")
	in.set("body", c.body(200))
	in.set("action", obj("name", "call_permission_request"))
	return o
}

func buildOrderDetails(c *draw) *object {
	c.sendTo(newPhone(c.r, "IN"))
	o, in := c.interactive("order_details")
	in.set("body", c.body(200))
	var items []any
	total := 0
	for range c.r.between(1, 4) {
		price := c.r.between(100, 5000) * 100
		qty := c.r.between(1, 3)
		total += price * qty
		items = append(items, obj("retailer_id", "SKU-"+c.r.token(8, upperNo), "name", pick(c.r, rowTitles),
			"amount", obj("value", price, "offset", 100), "quantity", qty))
	}
	in.set("action", obj("name", "review_and_pay", "parameters", obj(
		"reference_id", "ORD-"+c.r.token(10, upperNo), "type", "digital-goods",
		"payment_settings", []any{obj("type", "payment_gateway", "payment_gateway", obj("type", "razorpay", "configuration_name", "default"))},
		"currency", "INR", "total_amount", obj("value", total, "offset", 100),
		"order", obj("status", "pending", "items", items, "subtotal", obj("value", total, "offset", 100)))))
	return o
}

func buildOrderStatus(c *draw) *object {
	c.sendTo(newPhone(c.r, "IN"))
	o, in := c.interactive("order_status")
	in.set("body", c.body(200))
	in.set("action", obj("name", "review_order", "parameters", obj("reference_id", "ORD-"+c.r.token(10, upperNo),
		"order", obj("status", pick(c.r, []string{"processing", "shipped", "completed"}), "description", "Thank you for your order"))))
	return o
}

// distinct picks n different elements of xs (n at most len(xs)).
func distinct(r *rng, xs []string, n int) []string {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	out := make([]string, 0, n)
	for i := range min(n, len(xs)) {
		j := i + r.intn(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out = append(out, xs[idx[i]])
	}
	return out
}
