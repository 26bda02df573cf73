package bench

import (
	"fmt"
	"strings"
)

// A kind is one shape of payload the corpus holds: a message type, and for
// interactive and template messages the variety within it.
type kind struct {
	name    string // such as "interactive.list"; the part before the dot is the message type
	dialect string // "cloud" or "onprem"
	weight  int    // relative frequency in the corpus (they sum to about 1,000: 10 is about 1%)
	build   func(c *draw) *object
}

// draw is what building one payload needs: its random stream, its recipient
// and the language its texts are in.
type draw struct {
	r    *rng
	to   phone
	lang string
}

// kinds is the mix of the corpus, roughly that of a business's outgoing
// traffic: mostly texts and templates, then interactive messages of every
// kind, media, reactions, read receipts, and a few On-Premises payloads.
var kinds = []kind{
	{"text", "cloud", 300, buildText},
	{"template.text", "cloud", 80, buildTemplateText},
	{"template.media_header", "cloud", 40, buildTemplateMediaHeader},
	{"template.currency_date", "cloud", 20, buildTemplateCurrency},
	{"template.buttons", "cloud", 40, buildTemplateButtons},
	{"template.named", "cloud", 15, buildTemplateNamed},
	{"template.carousel", "cloud", 10, buildTemplateCarousel},
	{"template.limited_offer", "cloud", 5, buildTemplateLimitedOffer},
	{"interactive.button", "cloud", 50, buildButtons},
	{"interactive.list", "cloud", 40, buildList},
	{"interactive.cta_url", "cloud", 30, buildCTA},
	{"interactive.flow", "cloud", 20, buildFlow},
	{"interactive.product", "cloud", 10, buildProduct},
	{"interactive.product_list", "cloud", 15, buildProductList},
	{"interactive.catalog_message", "cloud", 10, buildCatalog},
	{"interactive.location_request_message", "cloud", 10, buildLocationRequest},
	{"interactive.address_message", "cloud", 5, buildAddress},
	{"interactive.call_permission_request", "cloud", 5, buildCallPermission},
	{"interactive.order_details", "cloud", 3, buildOrderDetails},
	{"interactive.order_status", "cloud", 2, buildOrderStatus},
	{"image", "cloud", 40, mediaBuilder("image")},
	{"document", "cloud", 30, mediaBuilder("document")},
	{"video", "cloud", 20, mediaBuilder("video")},
	{"audio", "cloud", 20, mediaBuilder("audio")},
	{"sticker", "cloud", 10, mediaBuilder("sticker")},
	{"location", "cloud", 40, buildLocation},
	{"contacts", "cloud", 30, buildContacts},
	{"reaction", "cloud", 50, buildReaction},
	{"status", "cloud", 30, buildStatus},
	{"text", "onprem", 15, buildOnPremText},
	{"template", "onprem", 10, buildOnPremTemplate},
	{"hsm", "onprem", 5, buildOnPremHSM},
}

// envelope starts a Cloud API message to the draw's recipient.
func (c *draw) envelope(typ string) *object {
	o := obj("messaging_product", "whatsapp")
	if c.r.chance(0.7) {
		o.set("recipient_type", "individual")
	}
	o.set("to", c.to.to())
	if typ != "text" || c.r.chance(0.85) {
		o.set("type", typ)
	}
	if c.r.chance(0.08) {
		o.set("context", obj("message_id", wamid(c.r)))
	}
	return o
}

func buildText(c *draw) *object {
	body := message(c.r, c.lang, textLength(c.r))
	t := obj("body", body)
	if c.r.chance(0.3) {
		t.set("preview_url", c.r.chance(0.5))
	}
	return c.envelope("text").set("text", t)
}

// Media files are named as a CMS or a bucket names them.
var mediaFiles = map[string][]string{
	"image":    {"jpg", "jpeg", "png"},
	"video":    {"mp4", "3gp"},
	"audio":    {"ogg", "mp3", "m4a", "aac", "amr"},
	"document": {"pdf", "pdf", "pdf", "docx", "xlsx", "pptx", "txt"},
	"sticker":  {"webp"},
}

var mediaHosts = []string{"https://cdn.shop-example.com/media/", "https://files.example.org/uploads/2026/03/",
	"https://storage.googleapis.com/acme-wa-assets/", "https://acme-media.s3.amazonaws.com/outbound/"}

// mediaLink is a link to a file of the media type.
func mediaLink(r *rng, typ string) string {
	ext := pick(r, mediaFiles[typ])
	if typ == "audio" && r.chance(0.3) {
		ext = "ogg"
	}
	link := pick(r, mediaHosts) + pick(r, []string{"invoice", "promo", "catalog", "receipt", "banner", "ticket", "manual"}) +
		"-" + r.token(r.between(6, 12), "abcdefghijklmnopqrstuvwxyz0123456789") + "." + ext
	if r.chance(0.1) {
		link += "?v=" + r.digits(3)
	}
	return link
}

// pdfLink is a link to a PDF, the one document type template headers take.
func pdfLink(r *rng) string {
	for {
		if l := mediaLink(r, "document"); strings.HasSuffix(l, ".pdf") {
			return l
		}
	}
}

// mediaObject is an image, video, audio, document or sticker object: an
// uploaded media id or a link, with a caption where the type takes one.
func mediaObject(c *draw, typ string) *object {
	o := &object{}
	if c.r.chance(0.35) {
		o.set("id", c.r.digits(c.r.between(15, 16)))
	} else {
		o.set("link", mediaLink(c.r, typ))
	}
	switch typ {
	case "image", "video", "document":
		if c.r.chance(0.6) {
			o.set("caption", message(c.r, c.lang, c.r.between(10, 300)))
		}
	}
	if typ == "document" && c.r.chance(0.7) {
		o.set("filename", pick(c.r, []string{"invoice", "statement", "ticket", "manual"})+"-"+c.r.digits(5)+".pdf")
	}
	if typ == "audio" && c.r.chance(0.3) {
		if l, ok := o.get("link").(string); !ok || len(l) > 4 && l[len(l)-4:] == ".ogg" {
			o.set("voice", true)
		}
	}
	return o
}

func mediaBuilder(typ string) func(c *draw) *object {
	return func(c *draw) *object {
		return c.envelope(typ).set(typ, mediaObject(c, typ))
	}
}

type place struct {
	name, address string
	lat, lng      string
}

var places = []place{
	{"Philz Coffee", "101 Forest Ave, Palo Alto, CA 94301", "37.4443", "-122.1622"},
	{"Loja Centro", "Av. Paulista, 1578 - Bela Vista, São Paulo - SP", "-23.5614", "-46.6558"},
	{"Phoenix Marketcity", "LBS Marg, Kurla West, Mumbai 400070", "19.0865", "72.8888"},
	{"Grand Indonesia", "Jl. M.H. Thamrin No.1, Jakarta Pusat", "-6.1951", "106.8219"},
	{"Ikeja City Mall", "Obafemi Awolowo Way, Ikeja, Lagos", "6.6142", "3.3581"},
	{"Alexanderplatz", "Alexanderpl. 1, 10178 Berlin", "52.5219", "13.4132"},
	{"V&A Waterfront", "Dock Rd, Cape Town, 8001", "-33.9036", "18.4207"},
	{"Plaza Mayor", "Pl. Mayor, 28012 Madrid", "40.4155", "-3.7074"},
}

func buildLocation(c *draw) *object {
	p := pick(c.r, places)
	loc := &object{}
	if c.r.chance(0.15) {
		loc.set("latitude", p.lat).set("longitude", p.lng) // Meta's reference types them as strings
	} else {
		loc.set("latitude", num(p.lat)).set("longitude", num(p.lng))
	}
	if c.r.chance(0.8) {
		loc.set("name", p.name).set("address", p.address)
	}
	return c.envelope("location").set("location", loc)
}

func buildContacts(c *draw) *object {
	var list []any
	for range c.r.between(1, 3) {
		first, last := pick(c.r, firstNames), pick(c.r, lastNames)
		ct := &object{}
		if c.r.chance(0.4) {
			ct.set("addresses", []any{obj("street", fmt.Sprintf("%d Main Street", c.r.between(1, 999)), "city", "Springfield",
				"zip", c.r.digits(5), "country", "United States", "country_code", "US", "type", "HOME")})
		}
		if c.r.chance(0.3) {
			ct.set("birthday", fmt.Sprintf("%d-%02d-%02d", c.r.between(1950, 2005), c.r.between(1, 12), c.r.between(1, 28)))
		}
		if c.r.chance(0.6) {
			ct.set("emails", []any{obj("email", fmt.Sprintf("%s.%s@example.com", first, last), "type", "WORK")})
		}
		name := obj("formatted_name", first+" "+last, "first_name", first, "last_name", last)
		ct.set("name", name)
		if c.r.chance(0.4) {
			ct.set("org", obj("company", "Lucky Shrub", "department", "Sales", "title", "Account Manager"))
		}
		p := newPhone(c.r, "")
		ph := obj("phone", p.display(), "type", pick(c.r, []string{"CELL", "WORK", "HOME"}))
		if c.r.chance(0.5) {
			ph.set("wa_id", p.digitsOnly())
		}
		ct.set("phones", []any{ph})
		if c.r.chance(0.3) {
			ct.set("urls", []any{obj("url", "https://www.example.com/"+first, "type", "WORK")})
		}
		list = append(list, ct)
	}
	return c.envelope("contacts").set("contacts", list)
}

func buildReaction(c *draw) *object {
	emoji := pick(c.r, emojis)
	if c.r.chance(0.05) {
		emoji = "" // removes the reaction
	}
	return c.envelope("reaction").set("reaction", obj("message_id", wamid(c.r), "emoji", emoji))
}

func buildStatus(c *draw) *object {
	o := obj("messaging_product", "whatsapp", "status", "read", "message_id", wamid(c.r))
	if c.r.chance(0.3) {
		o.set("typing_indicator", obj("type", "text"))
	}
	return o
}

func buildOnPremText(c *draw) *object {
	o := obj("to", c.to.digitsOnly(), "type", "text")
	if c.r.chance(0.3) {
		o.set("preview_url", true)
	}
	return o.set("text", obj("body", message(c.r, c.lang, textLength(c.r))))
}

func buildOnPremTemplate(c *draw) *object {
	t := textComponents(c, c.templateHead()).prepend("namespace", namespace)
	t.at("language").prepend("policy", "deterministic")
	return obj("to", c.to.digitsOnly(), "type", "template", "template", t)
}

func buildOnPremHSM(c *draw) *object {
	var params []any
	for range c.r.between(1, 4) {
		params = append(params, obj("default", pick(c.r, firstNames)))
	}
	return obj("to", c.to.digitsOnly(), "type", "hsm", "hsm", obj(
		"namespace", namespace, "element_name", pick(c.r, templateNames),
		"language", obj("policy", "deterministic", "code", "en_US"), "localizable_params", params))
}

const namespace = "cdb2df51_9816_c754_c5a4_64cdabdcad3e"
