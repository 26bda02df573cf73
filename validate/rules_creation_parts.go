package validate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules of a template body's components as a whole: which appear, how
// often, and what each category allows (TEMPLATE-CREATION.md §2, §3, §5,
// §7). The limits of one component or button alone are the schema's
// (schemas/template/components.json); the buttons' rules are in
// rules_creation_buttons.go.

var ruleCreationComponents = &Rule{
	ID: "creation-components", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template has no body, no components, or a component type twice",
	Doc: `A template has one BODY, and at most one HEADER, one FOOTER and one BUTTONS component (all buttons go in
that one component), one CAROUSEL, one LIMITED_TIME_OFFER and one CALL_PERMISSION_REQUEST (Template components,
Template fundamentals). A body's text is required except in an authentication template, whose body is a preset
(Meta answers a missing one "BODY is missing expected field(s) (text)", subcode 2388043). A creation body without
components is refused, except in its Template Library form (library_template_name), which takes none. An edit
replaces the components as a whole, so an edit that sends components sends the body too.`,
	check: checkCreationComponents,
}

func checkCreationComponents(p *pass) {
	t := p.template()
	comps := p.root.Get("components")
	if comps == nil {
		if p.kind == KindTemplate && p.root.Get("library_template_name") == nil {
			p.ReportMissing(p.root, "components", "Give the template's components: at least {\"type\": \"BODY\", \"text\": \"...\"}.",
				"the template has no components")
		}
		return
	}
	if comps.Kind != jsontree.Array {
		return // wrong-type says so
	}
	seen := firstSeen{}
	for _, c := range t.components {
		typ := upper(c, "type")
		if !knownComponent(typ) {
			continue
		}
		if first, dup := seen.first(typ, c); dup {
			p.reportRepeat(c, first, "Keep one "+typ+" component: merge the two, or remove one.",
				"the template has a second %s component; a template has at most one", typ)
		}
	}
	if t.body == nil {
		p.Reportf(comps, "Add {\"type\": \"BODY\", \"text\": \"...\"}: every template has a body.",
			"the template has no BODY component")
		return
	}
	if t.body.Get("text") == nil && !authenticationLike(t) {
		p.reportMissingMember(t.body, "text", "Give the body's text, up to 1024 characters.",
			"the BODY component has no \"text\"; only an authentication template's body has none")
	}
}

// authenticationLike reports whether the template is an authentication
// template, or, in a body that gives no current category (an edit body
// without one, a pre-2023 category such as OTP), looks like one (an OTP
// button, or a body with add_security_recommendation).
func authenticationLike(t *templateView) bool {
	switch t.category {
	case "AUTHENTICATION":
		return true
	case "MARKETING", "UTILITY":
		return false
	}
	if t.body != nil && t.body.Get("add_security_recommendation") != nil {
		return true
	}
	for range ofType(t.buttonList, "OTP") {
		return true
	}
	return false
}

var ruleCreationAuthentication = &Rule{
	ID: "creation-authentication", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "an authentication template has more than its preset parts, or an OTP button is outside one",
	Doc: `Authentication templates are presets (Authentication templates, Copy code, One-tap and Zero-tap pages): no
header; a body without text, with at most add_security_recommendation; a footer with only code_expiration_minutes;
one BUTTONS component holding exactly one OTP button. A body with a text is refused with "(#100) Message template
\"components\" param contains unexpected field(s)", "component of type BODY has unexpected field(s) (text)"
(subcode 2388042, a real answer of 2026); so is a footer with a text. The old free-text style (a header, "Please use
the code {{1}}", a quick reply) is no longer accepted. Only authentication templates may carry an OTP button
(Template categorization), and add_security_recommendation and code_expiration_minutes are theirs only.`,
	check: checkCreationAuthentication,
}

func checkCreationAuthentication(p *pass) {
	t := p.template()
	if t.components == nil {
		return
	}
	if t.category != "AUTHENTICATION" {
		if t.category == "MARKETING" || t.category == "UTILITY" {
			checkAuthOnlyParts(p, t)
		}
		return
	}
	for _, c := range t.components {
		switch typ := upper(c, "type"); typ {
		case "BODY", "FOOTER":
			if n := c.Get("text"); n != nil {
				p.reportSubcode(n, subcodeUnexpectedField, "Remove \"text\": Meta writes the text of an authentication template itself.",
					"component of type %s has unexpected field(s) (text): an authentication template's %s is Meta's preset", typ, strings.ToLower(typ))
			}
		case "HEADER", "CAROUSEL", "LIMITED_TIME_OFFER", "CALL_PERMISSION_REQUEST":
			p.Reportf(c, "Remove the "+typ+" component: an authentication template has a body, an optional footer and one OTP button.",
				"an authentication template has a %s component; it takes none", typ)
		}
	}
	if t.buttons == nil {
		p.Reportf(p.root.Get("components"), "Add {\"type\": \"BUTTONS\", \"buttons\": [{\"type\": \"OTP\", \"otp_type\": \"COPY_CODE\"}]}.",
			"the authentication template has no BUTTONS component; it needs one OTP button")
		return
	}
	otp := 0
	for _, b := range t.buttonList {
		typ := upper(b, "type")
		if typ == "" {
			continue // no type, or not a string: required-field or wrong-type says so
		}
		if typ != "OTP" {
			p.Reportf(b, "Keep only the OTP button (COPY_CODE, ONE_TAP or ZERO_TAP).",
				"an authentication template has a %s button; it takes one OTP button and nothing else", typ)
			continue
		}
		otp++
		if otp == 2 {
			p.Reportf(b, "Keep one OTP button.", "an authentication template has a second OTP button; it takes exactly one")
		}
	}
	if len(t.buttonList) == 0 {
		p.Reportf(t.buttons, "Add {\"type\": \"OTP\", \"otp_type\": \"COPY_CODE\"}.", "the authentication template has no OTP button")
	}
}

// checkAuthOnlyParts reports, in a marketing or utility template, the
// parts only an authentication template has.
func checkAuthOnlyParts(p *pass, t *templateView) {
	for b := range ofType(t.buttonList, "OTP") {
		p.Reportf(b.Get("type"), "Create the code as an AUTHENTICATION template; a "+t.category+" template cannot carry a one-time passcode.",
			"an OTP button in a %s template; only authentication templates have one", t.category)
	}
	for _, c := range t.components {
		for _, member := range []string{"add_security_recommendation", "code_expiration_minutes"} {
			if n := c.Get(member); n != nil {
				p.reportSubcode(n, subcodeUnexpectedField, fmt.Sprintf("Remove %q.", member),
					"%q in a %s template; it belongs to authentication templates only", member, t.category)
			}
		}
	}
}

var ruleCreationCategoryComponents = &Rule{
	ID: "creation-category-components", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a utility template has a part that only marketing templates have, or a call permission request is combined",
	Doc: `Limited-time offers, carousels (media and product cards), catalog, multi-product (MPM) and single-product
(SPM) templates are marketing templates (their pages: Limited-time offer, Media card carousel, Product card carousel,
Catalog, MPM and SPM template messages); a UTILITY template with one of their parts (a LIMITED_TIME_OFFER or
CAROUSEL component, a CATALOG, MPM or SPM button, a PRODUCT header) is an error. A COPY_CODE button in a utility
template only gets a warning: Meta calls coupon templates marketing, but does not say a copy code refuses the
category. A call permission request component (Call permission request templates, 2026) goes in a MARKETING or
UTILITY template with a body, and cannot be combined with other interactive components: no BUTTONS, CAROUSEL or
LIMITED_TIME_OFFER beside it. (Location headers are for UTILITY and MARKETING templates: creation-authentication
refuses any header in an authentication template.)`,
	check: checkCreationCategoryComponents,
}

func checkCreationCategoryComponents(p *pass) {
	t := p.template()
	if t.callPermission != nil {
		for _, c := range []*jsontree.Node{t.buttons, t.carousel, t.lto} {
			if c != nil {
				p.Reportf(c, "Send the call permission request in a template of its own: body and call_permission_request only.",
					"a %s component beside call_permission_request; a call permission request cannot be combined with other interactive components", upper(c, "type"))
			}
		}
	}
	if t.category != "UTILITY" {
		return // marketing takes them all; authentication: creation-authentication
	}
	hint := "Create it as a MARKETING template, or remove the part."
	for _, c := range []*jsontree.Node{t.lto, t.carousel} {
		if c != nil {
			p.Reportf(c.Get("type"), hint, "a %s component in a UTILITY template; it is for marketing templates only", upper(c, "type"))
		}
	}
	if t.header != nil && upper(t.header, "format") == "PRODUCT" {
		p.Reportf(t.header.Get("format"), hint, "a PRODUCT header in a UTILITY template; single-product and product card templates are marketing templates")
	}
	for _, b := range t.buttonList {
		switch typ := upper(b, "type"); typ {
		case "CATALOG", "MPM", "SPM":
			p.Reportf(b.Get("type"), hint, "a %s button in a UTILITY template; catalog and product templates are marketing templates", typ)
		case "COPY_CODE":
			p.reportGraded(b.Get("type"), SeverityWarning, 0, "Meta calls coupon code templates marketing: create it as MARKETING unless the code is part of a transaction.",
				"a COPY_CODE button in a UTILITY template; coupon code templates are marketing templates")
		}
	}
}

var ruleCreationMediaHeader = &Rule{
	ID: "creation-media-header", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a media header's sample is a URL or a media id rather than an upload handle",
	Doc: `The sample of an IMAGE, VIDEO, DOCUMENT or GIF header is a handle of the Resumable Upload API (Template
components; Resumable Upload API): "example": {"header_handle": ["4::aW..."]}. A link, or the id of POST
/{phone-number-id}/media, is refused with "(#100) Invalid parameter" (public reports, 2024-2025). A missing handle
(2388043) and a member other than header_handle, such as header_url (2388042), are the schema's: required-field and
unexpected-field. One string holding several handles separated by line breaks, as an example in Meta's OpenAPI
description does, gets a warning: give one handle.`,
	check: checkCreationMediaHeader,
}

func checkCreationMediaHeader(p *pass) {
	t := p.template()
	headers := []*jsontree.Node{t.header}
	for _, card := range t.cards {
		headers = append(headers, card.header)
	}
	for _, h := range headers {
		if h == nil {
			continue
		}
		for _, n := range h.Path("example", "header_handle").Elems() {
			s, ok := n.Str()
			if !ok {
				continue
			}
			s = strings.TrimSpace(s)
			switch {
			case strings.Contains(s, "://"):
				p.Reportf(n, "Upload the file with the Resumable Upload API (POST /{app-id}/uploads, then POST /upload:{session-id}) and give the handle it returns (\"4::...\").",
					"header_handle %q is a URL; a media header's sample is an upload handle", truncate(s, 80))
			case s != "" && strings.Trim(s, "0123456789") == "":
				p.Reportf(n, "A media id of POST /{phone-number-id}/media is for sending; upload the sample with the Resumable Upload API and give its handle (\"4::...\").",
					"header_handle %q is a media id; a media header's sample is an upload handle", s)
			case strings.Contains(s, "\n"):
				p.reportGraded(n, SeverityWarning, 0, "Give one handle, of one sample file.",
					"header_handle holds %d handles separated by line breaks in one string", strings.Count(s, "\n")+1)
			}
		}
	}
}

var ruleCreationLimitedTimeOffer = &Rule{
	ID: "creation-limited-time-offer", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a limited-time offer template has a footer, a body over 600 characters or a header other than image or video",
	Doc: `Limited-time offer templates (Meta's page of May 2026) have an optional IMAGE or VIDEO header, the
limited_time_offer component, a body of at most 600 characters (not the 1024 of other templates), and buttons: no
footer. (That they are marketing templates is creation-category-components'; the offer text's 16 characters are the
schema's.)`,
	check: checkCreationLimitedTimeOffer,
}

func checkCreationLimitedTimeOffer(p *pass) {
	t := p.template()
	if t.lto == nil {
		return
	}
	if t.footer != nil {
		p.Reportf(t.footer, "Remove the footer: a limited-time offer template has none.", "a FOOTER in a limited-time offer template; it takes none")
	}
	if t.header != nil {
		if f := upper(t.header, "format"); f != "" && f != "IMAGE" && f != "VIDEO" {
			p.Reportf(t.header.Get("format"), "Use an IMAGE or VIDEO header, or none.", "a %s header in a limited-time offer template; its header is an image or a video", f)
		}
	}
	reportBodyOver(p, t.body, 600, "a limited-time offer template's body")
}

// reportBodyOver reports the text of body when it is longer than limit
// characters: what for names the body in the message.
func reportBodyOver(p *pass, body *jsontree.Node, limit int, what string) {
	n := body.Get("text")
	s, ok := n.Str()
	if !ok {
		return
	}
	if l := len([]rune(s)); l > limit {
		p.reportSubcode(n, subcodeTooLong, fmt.Sprintf("Shorten it to at most %d characters (%d too many).", limit, l-limit),
			"%s is %d characters long, over its limit of %d", what, l, limit)
	}
}

var ruleCreationCatalog = &Rule{
	ID: "creation-catalog", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a multi-product template has no text header, or a single-product template no product header or a body over 160",
	Doc: `Multi-product message (MPM) templates have a TEXT header, a body, an optional footer and one MPM button (MPM
template messages). Single-product message (SPM) templates have a PRODUCT header, a body of at most 160 characters,
an optional footer and one SPM button (SPM template messages). A template with an MPM button needs the text header;
one with an SPM button (outside a carousel) needs the product header; a PRODUCT header needs an SPM button.`,
	check: checkCreationCatalog,
}

func checkCreationCatalog(p *pass) {
	t := p.template()
	hf := upper(t.header, "format")
	var spm bool
	for _, b := range t.buttonList {
		switch upper(b, "type") {
		case "MPM":
			if hf != "TEXT" {
				p.Reportf(b.Get("type"), "Add {\"type\": \"HEADER\", \"format\": \"TEXT\", \"text\": \"...\"}: a multi-product template has a text header.",
					"an MPM button needs a TEXT header; the template has %s", headerDesc(hf))
			}
		case "SPM":
			spm = true
			if hf != "PRODUCT" {
				p.Reportf(b.Get("type"), "Add {\"type\": \"HEADER\", \"format\": \"PRODUCT\"}: a single-product template shows the product in its header.",
					"an SPM button needs a PRODUCT header; the template has %s", headerDesc(hf))
			}
		}
	}
	if hf == "PRODUCT" {
		if !spm {
			p.Reportf(t.header.Get("format"), "Add {\"type\": \"SPM\", \"text\": \"View\"} to the buttons.",
				"a PRODUCT header needs an SPM button; the template has none")
		}
		reportBodyOver(p, t.body, 160, "a single-product template's body")
	}
}

// headerDesc describes a header format for a message: "no header" for "".
func headerDesc(format string) string {
	if format == "" {
		return "no header"
	}
	return article(format) + " " + format + " header"
}

var ruleCreationTTL = &Rule{
	ID: "creation-ttl", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "message_send_ttl_seconds is outside its category's range",
	Doc: `A template's time to live (Time-to-live page, Apr 2026) is, in seconds: 30 to 900 for authentication
templates, 30 to 43200 (12 hours) for utility templates, 43200 to 2592000 (30 days) for marketing templates (set
through the Marketing Messages API). -1 means the longest, 30 days, for authentication and utility templates. Meta's
own example on that page, a MARKETING template with 120 seconds, is below the marketing minimum.`,
	check: checkCreationTTL,
}

// ttlRanges are the time to live ranges by category, in seconds, and
// whether -1 is allowed.
var ttlRanges = map[string]struct {
	min, max int
	minusOne bool
}{
	"AUTHENTICATION": {30, 900, true},
	"UTILITY":        {30, 43200, true},
	"MARKETING":      {43200, 2592000, false},
}

func checkCreationTTL(p *pass) {
	n := p.root.Get("message_send_ttl_seconds")
	if n == nil || n.Kind != jsontree.Number {
		return
	}
	t := p.template()
	r, ok := ttlRanges[t.category]
	if !ok {
		return // no category (an edit), or one creation-category reports
	}
	v, err := strconv.ParseInt(n.Text, 10, 64)
	if err != nil {
		return // a fraction or an exponent: wrong-type finds no integer
	}
	if v == -1 && r.minusOne || v >= int64(r.min) && v <= int64(r.max) {
		return
	}
	also := ""
	if r.minusOne {
		also = ", or -1 for 30 days"
	}
	category := strings.ToLower(t.category)
	p.Reportf(n, fmt.Sprintf("Give a time to live from %d to %d seconds%s.", r.min, r.max, also),
		"message_send_ttl_seconds is %s; %s %s template's time to live is %d to %d seconds%s", n.Text, article(category), category, r.min, r.max, also)
}

var ruleCreationEditFixed = &Rule{
	ID: "creation-edit-fixed", Severity: SeverityWarning, Certainty: CertaintyHeuristic, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "an edit body sends the name or language, which an edit cannot change",
	Doc: `An edit (POST /{template-id}) changes only the category, the components and message_send_ttl_seconds
(Template management); the name and the language stay. Meta's own Postman edit example sends name and language
anyway, presumably ignored, so this is a warning: leave them out, and create a new template for another name or
language.`,
	check: checkCreationEditFixed,
}

func checkCreationEditFixed(p *pass) {
	if p.kind != KindTemplateEdit {
		return
	}
	for _, key := range []string{"name", "language"} {
		if n := p.root.Get(key); n != nil {
			p.Reportf(n, fmt.Sprintf("Remove %q: create a new template to change it.", key),
				"an edit body sends %q, which an edit cannot change", key)
		}
	}
}

var ruleCreationLibraryInputs = &Rule{
	ID: "creation-library-inputs", Severity: SeverityWarning, Certainty: CertaintyHeuristic, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "library_template_button_inputs is a string rather than an array of objects",
	Doc: `The Template Library page types library_template_button_inputs as an array of objects ({"type": "URL",
"url": {...}}), yet its example passes a string holding Python-style quotes, which no JSON reader takes for the
array. Whether Meta parses such a string is not known: give the array.`,
	check: checkCreationLibraryInputs,
}

func checkCreationLibraryInputs(p *pass) {
	n := p.root.Get("library_template_button_inputs")
	if n == nil || n.Kind != jsontree.String {
		return
	}
	p.Reportf(n, "Give the inputs as a JSON array: [{\"type\": \"URL\", \"url\": {\"base_url\": \"...\", \"url_suffix_example\": \"...\"}}].",
		"library_template_button_inputs is a string; the Template Library takes an array of objects")
}
