package validate

import (
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules of a template body's buttons and carousel cards
// (TEMPLATE-CREATION.md §5, §6, §7). The limits of one button alone (text
// lengths, supported_apps, the forms of package_name and signature_hash,
// flow_action) are the schema's.

var ruleCreationButtons = &Rule{
	ID: "creation-buttons", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "too many buttons of one type, or quick replies split around other buttons",
	Doc: `Template components page: a template has at most 2 URL buttons, 1 PHONE_NUMBER button and 1 COPY_CODE
button, and at most one CATALOG, MPM and SPM button each (Catalog, MPM and SPM template messages); 10 buttons in all
(the schema's). Quick replies and other buttons must form two groups, the quick replies first or last: QUICK_REPLY,
URL, QUICK_REPLY is "an invalid combination".`,
	check: checkCreationButtons,
}

// buttonLimits are the most buttons of a type a template has.
var buttonLimits = map[string]int{"URL": 2, "PHONE_NUMBER": 1, "COPY_CODE": 1, "CATALOG": 1, "MPM": 1, "SPM": 1}

func checkCreationButtons(p *pass) {
	t := p.template()
	count := map[string]int{}
	groups, prevQR := 0, false
	for i, b := range t.buttonList {
		typ := upper(b, "type")
		count[typ]++
		if limit, ok := buttonLimits[typ]; ok && count[typ] == limit+1 {
			p.Reportf(b, fmt.Sprintf("Keep at most %s; remove this one.", plural(limit, typ+" button")),
				"a template has at most %s; this is one more", plural(limit, typ+" button"))
		}
		qr := typ == "QUICK_REPLY"
		if i == 0 || qr != prevQR {
			groups++
		}
		prevQR = qr
		if groups == 3 {
			groups++ // report the first break only
			p.Reportf(b, "Put the quick replies together, before or after the other buttons.",
				"%s button %d splits the buttons into three groups; quick replies and other buttons must form two (QUICK_REPLY, URL, QUICK_REPLY is invalid)", typ, i)
		}
	}
}

// ofType yields the buttons of bs whose type is typ (in upper case).
func ofType(bs []*jsontree.Node, typ string) iter.Seq[*jsontree.Node] {
	return func(yield func(*jsontree.Node) bool) {
		for _, b := range bs {
			if upper(b, "type") == typ && !yield(b) {
				return
			}
		}
	}
}

var ruleCreationURLButton = &Rule{
	ID: "creation-url-button", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a URL button's url is not an absolute URL with at most one variable at its end, or lacks its sample",
	Doc: `A URL button's url (Template components) is an absolute http(s) URL of at most 2000 characters with at most
one variable, {{1}}, at its very end, and a button with the variable needs its sample: "example": ["..."] (missing:
"component of type BUTTONS is missing expected field(s) (example)", subcode 2388043). Meta shows the sample both as
the part that replaces the variable ("summer2023") and as the whole URL (Limited-time offer, Media card carousel):
both are accepted. A url that is only "{{1}}" is refused with "Param components[..]['buttons'][..]['url'] is not a
valid URI".`,
	check: checkCreationURLButton,
}

func checkCreationURLButton(p *pass) {
	for b := range ofType(p.template().allButtons, "URL") {
		n := b.Get("url")
		url, ok := n.Str()
		if !ok || url == "" {
			continue // required-field, wrong-type
		}
		vars := placeholderSpans(url)
		host, _, _ := splitLink(strings.TrimSpace(url))
		switch {
		case len(vars) > 0 && vars[0][0] == 0:
			p.Reportf(n, "Give the fixed part of the address, with the variable at its end only: \"https://www.example.com/orders/{{1}}\".",
				"url %q is not a valid URI: it starts with a variable; only the end of a URL button's url can vary", url)
			continue
		case host == "": // not http(s), or no host: "https:///orders"
			p.Reportf(n, "Give the absolute address, starting with https://.", "url %q is not an absolute http(s) URL", truncate(url, 80))
			continue
		case len(vars) > 1:
			p.Reportf(n, "Keep one variable, {{1}}, at the end of the url.",
				"url %q has %d variables; a URL button's url has at most one", truncate(url, 80), len(vars))
			continue
		case len(vars) == 1 && vars[0][1] != len(url):
			p.Reportf(n, "Move the variable to the very end of the url: only the end can vary.",
				"url %q has its variable %s before the end; a URL button's variable ends the url", truncate(url, 80), url[vars[0][0]:vars[0][1]])
			continue
		}
		if len(vars) == 1 && b.Get("example") == nil {
			p.reportMissingMember(b, "example", "Add the sample, the part that replaces the variable or the whole URL: \"example\": [\"https://www.example.com/orders/12345\"].",
				"component of type BUTTONS is missing expected field(s) (example): the URL button's url has a variable and no sample")
		}
	}
}

// placeholderSpans returns the start and end of each {{...}} in s.
func placeholderSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i+1 < len(s); {
		start := strings.Index(s[i:], "{{")
		if start < 0 {
			break
		}
		start += i
		end := strings.Index(s[start+2:], "}}")
		if end < 0 {
			break
		}
		end += start + 4
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

var ruleCreationPhoneButton = &Rule{
	ID: "creation-phone-button", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 192,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a PHONE_NUMBER button's phone_number is not a phone number",
	Doc: `A PHONE_NUMBER button calls phone_number, at most 20 characters (Template components), in international
form. Meta refuses anything else with "(#192) Param components[i]['buttons'][j]['phone_number'] is not a valid phone
number." (a real answer of 2026): letters, a placeholder, an extension, or fewer than 7 or more than 15 digits are
errors. Digits that form no valid number of any country by libphonenumber's metadata get a warning: Meta's check is
not documented, and its examples use fictional 555 numbers.`,
	check: checkCreationPhoneButton,
}

func checkCreationPhoneButton(p *pass) {
	for b := range ofType(p.template().allButtons, "PHONE_NUMBER") {
		n := b.Get("phone_number")
		s, ok := n.Str()
		if !ok || s == "" {
			continue
		}
		hint := "Give the number in international form: country code and number, such as \"+16505551234\"."
		if hasPlaceholder(s) {
			p.Reportf(n, hint, "phone_number %q is a placeholder, not a phone number; a button's number is fixed at creation", s)
			continue
		}
		f := analyseNumber(s)
		digits := len(strings.TrimPrefix(f.e164, "+"))
		switch {
		case f.letters || f.extension:
			p.Reportf(n, hint, "phone_number %q is not a valid phone number: it has letters or an extension", s)
		case f.trunkZero:
			p.Reportf(n, hint, "phone_number %q is not a valid phone number: it starts with 0 and has no country code", s)
		case digits < 7 || digits > 15:
			p.Reportf(n, hint, "phone_number %q is not a valid phone number: it has %d digits; an international number has 7 to 15", s, digits)
		case !f.valid:
			p.reportGraded(n, SeverityWarning, 0, hint+" Check the digits: Meta refuses a number it does not take with code 192.",
				"phone_number %q is no valid number of any country by libphonenumber's metadata", s)
		}
	}
}

var ruleCreationFlowButton = &Rule{
	ID: "creation-flow-button", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a FLOW button does not name exactly one flow, or names it with a placeholder",
	Doc: `A FLOW button (Sending a flow, Mar 2026) names its flow with exactly one of flow_id (the flow's numeric id),
flow_name and flow_json (the flow's JSON, as a string); navigate_screen names the first screen. Meta's own Postman
examples leave placeholders in them ("{{Flow-ID}}", "{{Flow-Name}}", "<SCREEN_ID>"): a placeholder is never a
published flow or a screen, so it is an error, as is a flow_id that is not digits and a flow_json that is not JSON.`,
	check: checkCreationFlowButton,
}

func checkCreationFlowButton(p *pass) {
	for b := range ofType(p.template().allButtons, "FLOW") {
		var given []*jsontree.Node
		for _, key := range []string{"flow_id", "flow_name", "flow_json"} {
			if n := b.Get(key); n != nil {
				given = append(given, n)
			}
		}
		switch {
		case len(given) == 0:
			p.ReportMissing(b, "flow_id", "Give the flow's id as \"flow_id\" (or its name as \"flow_name\", or its JSON as \"flow_json\").",
				"the FLOW button names no flow: it needs one of flow_id, flow_name and flow_json")
		case len(given) > 1:
			p.Reportf(given[1], fmt.Sprintf("Keep one: remove %q or %q.", given[0].Key, given[1].Key),
				"the FLOW button has both %q and %q; it takes exactly one of flow_id, flow_name and flow_json", given[0].Key, given[1].Key)
		}
		if n := b.Get("flow_id"); n != nil {
			if s, ok := n.Str(); ok {
				if s != "" && strings.Trim(s, "0123456789") != "" {
					p.Reportf(n, "Give the published flow's id, digits only, as WhatsApp Manager or GET /{waba-id}/flows shows it.",
						"flow_id %q is %s; a flow id is digits", s, placeholderOr(s, "not digits"))
				}
			}
		}
		for _, m := range flowNames {
			n := b.Get(m.key)
			if s, ok := n.Str(); ok && hasPlaceholder(s) {
				p.Reportf(n, "Replace the placeholder with "+m.what+".", "%s %q is an unreplaced placeholder", m.key, s)
			}
		}
		if n := b.Get("flow_json"); n != nil {
			if s, ok := n.Str(); ok && !json.Valid([]byte(s)) {
				p.Reportf(n, "Give the flow's JSON as a string: the flow JSON document, escaped.", "flow_json is not a JSON document")
			}
		}
	}
}

// flowNames are the members of a FLOW button that name something of the
// flow, with what they name for a hint.
var flowNames = []struct{ key, what string }{
	{"flow_name", "the published flow's name"},
	{"navigate_screen", "the id of the flow's first screen"},
}

// placeholderOr describes s for a message: "an unreplaced placeholder" when
// it holds one, otherwise what.
func placeholderOr(s, what string) string {
	if hasPlaceholder(s) {
		return "an unreplaced placeholder"
	}
	return what
}

var ruleCreationOTPButton = &Rule{
	ID: "creation-otp-button", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a one-tap or zero-tap OTP button lacks its apps, or a zero-tap button the terms",
	Doc: `One-tap autofill and zero-tap OTP buttons (their pages, Nov 2025 - Feb 2026) name the Android apps that
receive the code, as supported_apps: 1 to 5 {package_name, signature_hash} pairs. A package_name has two or more
parts separated by dots, each a letter and then letters, digits and underscores, at most 224 characters (the length
is the schema's); signature_hash, 11 characters of letters, digits, +, / and =, not URL-encoded, is the schema's. The older form, package_name and
signature_hash on the button itself, is said to stop working from v21, yet Meta's own one-tap example still uses it:
a warning. A zero-tap button needs "zero_tap_terms_accepted": true; without it the template is not created.`,
	check: checkCreationOTPButton,
}

func checkCreationOTPButton(p *pass) {
	for b := range ofType(p.template().buttonList, "OTP") {
		checkPackageNames(p, b)
		otp := upper(b, "otp_type")
		if otp != "ONE_TAP" && otp != "ZERO_TAP" {
			continue
		}
		if b.Get("supported_apps") == nil {
			if n := b.Get("package_name"); n != nil {
				p.reportGraded(n, SeverityWarning, 0, "Move package_name and signature_hash into \"supported_apps\": [{\"package_name\": \"...\", \"signature_hash\": \"...\"}].",
					"package_name and signature_hash on the %s button are the form of v20 and older; later versions take supported_apps", otp)
			} else {
				p.ReportMissing(b, "supported_apps", "Add \"supported_apps\": [{\"package_name\": \"com.example.app\", \"signature_hash\": \"<11 characters>\"}].",
					"the %s button has no supported_apps; it needs the app that receives the code", otp)
			}
		}
		if otp != "ZERO_TAP" {
			continue
		}
		hint := "Accept the zero-tap terms: \"zero_tap_terms_accepted\": true."
		switch n := b.Get("zero_tap_terms_accepted"); {
		case n == nil:
			p.ReportMissing(b, "zero_tap_terms_accepted", hint, "the ZERO_TAP button has no zero_tap_terms_accepted; Meta creates the template only with the terms accepted")
		case n.Kind == jsontree.Bool && !n.Bool:
			p.Reportf(n, hint, "zero_tap_terms_accepted is false; Meta creates a zero-tap template only with the terms accepted")
		}
	}
}

// checkPackageNames reports the package names of an OTP button, on the
// button (the older form) and in its supported_apps, that are no Android
// package name.
func checkPackageNames(p *pass, b *jsontree.Node) {
	names := []*jsontree.Node{b.Get("package_name")}
	for _, app := range b.Get("supported_apps").Elems() {
		names = append(names, app.Get("package_name"))
	}
	for _, n := range names {
		if s, ok := n.Str(); ok && s != "" && !validPackageName(s) {
			p.Reportf(n, "Give the app's package name as its build.gradle applicationId has it, such as \"com.example.app\".",
				"package_name %q is not an Android package name: two or more parts separated by dots, each starting with a letter, of letters, digits and underscores", s)
		}
	}
}

// validPackageName reports whether s is an Android package name: two or
// more parts separated by dots, each a letter and then letters, digits and
// underscores.
func validPackageName(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, part := range parts {
		if part == "" || !(part[0] >= 'a' && part[0] <= 'z' || part[0] >= 'A' && part[0] <= 'Z') {
			return false
		}
		for i := 1; i < len(part); i++ {
			c := part[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

var ruleCreationCopyCodeLength = &Rule{
	ID: "creation-copy-code-length", Severity: SeverityWarning, Certainty: CertaintyHeuristic, CloudCode: 100, Subcode: subcodeTooLong,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a COPY_CODE button's sample code is over 15 characters",
	Doc: `The Template components and Limited-time offer pages give a COPY_CODE button's sample code at most 15
characters; the Coupon code page, whose own example has 20, says 20. Over 20 is the schema's error; 16 to 20 is a
warning, except in a limited-time offer template, whose page says 15: there it is an error.`,
	check: checkCreationCopyCodeLength,
}

func checkCreationCopyCodeLength(p *pass) {
	t := p.template()
	for b := range ofType(t.buttonList, "COPY_CODE") {
		n := b.Get("example")
		s, ok := n.Str()
		l := len([]rune(s))
		if !ok || l <= 15 || l > 20 {
			continue
		}
		hint := "Keep the sample code to 15 characters: the components page's limit."
		if t.lto != nil {
			p.reportGraded(n, SeverityError, 0, hint, "the COPY_CODE sample is %d characters long; a limited-time offer's code has at most 15", l)
			continue
		}
		p.Reportf(n, hint, "the COPY_CODE sample is %d characters long; Meta's pages give 15 (components, limited-time offer) or 20 (coupon code)", l)
	}
}

var ruleCreationCarousel = &Rule{
	ID: "creation-carousel", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a carousel's cards differ, or a card lacks its header or has buttons it cannot have",
	Doc: `Media card carousel templates (Jun 2026): each card has an IMAGE or VIDEO header with its sample handle, an
optional body (if one card has a body, all do) and one or two buttons of QUICK_REPLY, URL and PHONE_NUMBER; all
cards have the same components, header format and button types. Product card carousel templates (Mar 2026): each
card has a PRODUCT header and one SPM or URL button. Between 2 and 10 cards, a card body of at most 160 characters
and at most 2 buttons a card are the schema's.`,
	check: checkCreationCarousel,
}

func checkCreationCarousel(p *pass) {
	cards := p.template().cards
	var first string
	for i, c := range cards {
		if !checkCard(p, c) {
			continue
		}
		shape := cardShape(c)
		switch {
		case first == "":
			first = shape
		case shape != first:
			p.Reportf(c.node, "Build every card alike: the same components, header format and button types, in the same order.",
				"card %d is built as %s, card 0 as %s; all cards of a carousel have the same components", i, shape, first)
		}
	}
}

// checkCard reports what is wrong in one card alone, and says whether it
// is whole enough to compare with the others.
func checkCard(p *pass, c cardView) bool {
	if c.header == nil {
		p.Reportf(c.node, "Give the card a header: {\"type\": \"HEADER\", \"format\": \"IMAGE\", \"example\": {\"header_handle\": [\"4::...\"]}}.",
			"the card has no HEADER; a carousel card has an image, video or product header")
		return false
	}
	format := upper(c.header, "format")
	switch format {
	case "IMAGE", "VIDEO", "PRODUCT":
	case "":
		return false // required-field
	default:
		p.Reportf(c.header.Get("format"), "Use an IMAGE or VIDEO header (media cards) or a PRODUCT header (product cards).",
			"a card's header is %s; a carousel card's header is an image, a video or a product", format)
		return false
	}
	if c.buttons == nil {
		p.Reportf(c.node, "Give the card its buttons: one or two QUICK_REPLY, URL or PHONE_NUMBER buttons (media cards), one SPM or URL button (product cards).",
			"the card has no BUTTONS component")
		return false
	}
	for _, b := range c.buttonList {
		typ := upper(b, "type")
		if typ == "" {
			continue // no type, or not a string: required-field or wrong-type says so
		}
		if format == "PRODUCT" {
			if typ != "SPM" && typ != "URL" {
				p.Reportf(b.Get("type"), "Give a product card one SPM (\"View\") or URL button.", "a %s button on a product card; a product card has one SPM or URL button", typ)
			}
		} else if typ != "QUICK_REPLY" && typ != "URL" && typ != "PHONE_NUMBER" {
			p.Reportf(b.Get("type"), "Use QUICK_REPLY, URL or PHONE_NUMBER buttons on a media card.", "a %s button on a media card; its buttons are quick replies, URLs and phone numbers", typ)
		}
	}
	if format == "PRODUCT" && len(c.buttonList) > 1 {
		p.Reportf(c.buttonList[1], "Keep one button on a product card.", "a product card has one button; this is a second")
	}
	return true
}

// cardShape describes a card's components for comparing cards: the types
// in order, the header's format, the buttons' types.
func cardShape(c cardView) string {
	var parts []string
	for _, comp := range c.components {
		typ := upper(comp, "type")
		switch typ {
		case "HEADER":
			typ += " " + upper(comp, "format")
		case "BUTTONS":
			var bs []string
			for _, b := range comp.Get("buttons").Elems() {
				bs = append(bs, upper(b, "type"))
			}
			typ += " (" + strings.Join(bs, ", ") + ")"
		}
		parts = append(parts, typ)
	}
	return strings.Join(parts, ", ")
}
