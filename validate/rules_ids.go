package validate

import (
	"regexp"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules in this file check the ids a message refers to: the ids of
// uploaded media, messages, catalogs, products and flows, and the
// business-scoped user id (BSUID) of "recipient".

var rulePlaceholderValue = &Rule{
	ID: "placeholder-value", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "an id field holds a placeholder instead of a real id",
	Doc: "Meta's samples write the ids a message refers to as placeholders (`<IMAGE_OBJECT_ID>`, `<WHATSAPP_MESSAGE_ID>`,\n" +
		"`<CATALOG_ID>`, `YOUR_MEDIA_ID`), and send pipelines fill in variables such as `{{media_id}}` or `{{1}}`. Copied\n" +
		"unchanged, or left unfilled, the placeholder reaches WhatsApp, which knows no such id: the send is refused with\n" +
		"\"(#131009) Parameter value is not valid\" or \"(#100) Invalid parameter\" (1009 On-Premises), or, for a media id,\n" +
		"fails after it was accepted with a media download error. The rule is certain (documented): Meta's reference\n" +
		"defines each of these fields as an id that WhatsApp or the business issued (the id uploading a file to `/media`\n" +
		"returned, the `wamid.` id of a message, the id of a catalog or a flow, the retailer id of a catalog item), and a\n" +
		"placeholder is none of them.\n\n" +
		"walint checks the `id` of media objects (messages, interactive headers and cards, template parameters),\n" +
		"`message_id` (reply context, reaction, read receipt, pin), `catalog_id`, `product_retailer_id`,\n" +
		"`thumbnail_product_retailer_id` and `flow_id`. A value is a placeholder when it holds a delimited variable\n" +
		"(`{{…}}`, `{…}`, `${…}`, `<NAME>`: the forms link-invalid reports in a `link`), starts with `YOUR_`, or is an\n" +
		"upper-case name ending in `_ID` (`MEDIA_ID`, `MESSAGE_ID`). A business chooses its own retailer ids, so there an\n" +
		"upper-case name counts only when it names the field (`PRODUCT_RETAILER_ID`). Numeric ids, `wamid.` ids and\n" +
		"retailer ids such as `SKU-123` are never flagged.",
	check: checkPlaceholderValue,
}

// idFields are the members, wherever they are, that hold an id WhatsApp or
// the business issued, with what a real one is. A media object's "id" is
// found by its parent instead: "id" alone also names reply buttons and rows,
// whose ids the business makes up and WhatsApp only echoes.
var idFields = map[string]string{
	"message_id":                    `the id of a message, such as "wamid.HBgL…"`,
	"catalog_id":                    "the id of the catalog connected to the WhatsApp Business Account",
	"product_retailer_id":           "the retailer id (SKU) of an item of the catalog",
	"thumbnail_product_retailer_id": "the retailer id (SKU) of an item of the catalog",
	"flow_id":                       "the id of a published flow",
}

func checkPlaceholderValue(p *pass) {
	report := func(n *jsontree.Node, field, want string) {
		if s, ok := n.Str(); ok && isPlaceholder(s, strings.HasSuffix(n.Key, "retailer_id")) {
			p.Reportf(n, "Replace the placeholder with the real id; a variable that was never filled in, or a sample copied from the documentation, leaves it there.",
				"%s %q is a placeholder; expected %s", field, truncate(s, 80), want)
		}
	}
	mediaObjects(p, func(m *jsontree.Node) {
		if id := m.Get("id"); id != nil {
			report(id, "media id", "the id that uploading the file to /media returned")
		}
	})
	for _, n := range p.nodes() {
		if want := idFields[n.Key]; want != "" && n.Parent != nil && n.Parent.Kind == jsontree.Object {
			report(n, n.Key, want)
		}
	}
}

// delimitedPlaceholder matches a variable written between delimiters, as
// template engines and documentation pages write them: {{media_id}}, {{1}},
// {media_id}, ${mediaId}, <IMAGE_OBJECT_ID>. No real id contains braces or
// angle brackets, and no link may (link-invalid reports these same forms
// there). The angle form needs two characters, so that an HTML tag such as
// "<b>" is not taken for one.
var delimitedPlaceholder = regexp.MustCompile(`\{\{[^{}]*\}\}|\$?\{\s*[A-Za-z_][\w.-]*\s*\}|<[A-Za-z_][\w .-]+>`)

// upperName matches a whole value that is an upper-case name, such as
// MEDIA_ID or PHONE_NUMBER: what a sample writes where a value belongs.
var upperName = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`)

// isPlaceholder reports whether an id is a placeholder: a delimited
// variable, YOUR_ and a name, or an upper-case name ending in _ID. A
// free-form id (a retailer id the business chose, "MUG_BLUE_ID" perhaps)
// counts as a bare name only when it names the field itself.
func isPlaceholder(s string, freeForm bool) bool {
	if delimitedPlaceholder.MatchString(s) {
		return true
	}
	s = strings.TrimSpace(s)
	upper := strings.ToUpper(s)
	if strings.HasPrefix(upper, "YOUR_") || strings.HasPrefix(upper, "YOUR-") {
		return true
	}
	if !upperName.MatchString(s) || !strings.HasSuffix(s, "_ID") {
		return false
	}
	return !freeForm || strings.Contains(s, "PRODUCT") || strings.Contains(s, "RETAILER")
}

var ruleRecipientBSUID = &Rule{
	ID: "recipient-bsuid", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	Summary: `"recipient" is not a business-scoped user id`,
	Doc: "`recipient` addresses a user by business-scoped user id (BSUID), the id Meta's webhooks report for users who\n" +
		"may hide their phone number behind a username. Meta's BSUID page gives its form: the user's two-letter ISO 3166\n" +
		"country code in capitals, a dot, then up to 128 letters and digits, such as `US.13491208655302741918`; a parent\n" +
		"BSUID, shared by linked business portfolios, looks like `US.ENT.11815799212886844830`. Anything else (a phone\n" +
		"number, an id lower-cased or cut short, a placeholder such as `<BSUID>`) names no user. The predicted code is\n" +
		"100: Meta answers an identifier of the wrong form with \"(#100) Invalid parameter\", as it does a malformed `to`,\n" +
		"and no report shows 131009 (which Meta gives for values out of range) for it. A phone number belongs in `to`;\n" +
		"a BSUID is sent exactly as the webhook gave it.",
	check: checkRecipientBSUID,
}

// bsuidForm is a BSUID ("US.13491208655302741918") or a parent BSUID
// ("US.ENT.11815799212886844830"), by Meta's BSUID page.
var bsuidForm = regexp.MustCompile(`^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$`)

func checkRecipientBSUID(p *pass) {
	if p.dialect != DialectCloud {
		return // The On-Premises API has no "recipient"; the schema says so.
	}
	n := p.root.Get("recipient")
	s, ok := n.Str()
	if !ok || bsuidForm.MatchString(s) {
		return
	}
	trimmed := strings.TrimSpace(s)
	switch {
	case trimmed != s && bsuidForm.MatchString(trimmed):
		p.ReportFix(n, trimmed, "Remove the spaces; send the id exactly as the webhook gave it.",
			"recipient %q has spaces around the business-scoped user id", s)
	case isPlaceholder(s, false) || upperName.MatchString(trimmed):
		p.Reportf(n, "Put the user's business-scoped user id, as the webhook gave it, in place of the placeholder.",
			"recipient %q is a placeholder, not a business-scoped user id", truncate(s, 80))
	case trimmed != "" && strings.Trim(trimmed, "+0123456789 -()") == "":
		p.Reportf(n, `Send to a phone number with "to"; "recipient" takes a business-scoped user id such as "US.13491208655302741918".`,
			"recipient %q is a phone number, not a business-scoped user id", s)
	default:
		p.Reportf(n, "Send the id exactly as the webhook gave it: two capital letters, a dot, then up to 128 letters and digits.",
			`recipient %q is not a business-scoped user id; expected a country code, a dot and up to 128 letters and digits, such as "US.13491208655302741918"`, truncate(s, 80))
	}
}

var ruleRecipientBSUIDUnsupported = &Rule{
	ID: "recipient-bsuid-unsupported", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 131062,
	Summary: "an authentication message is addressed to a business-scoped user id only",
	Doc: "Authentication messages go to phone numbers only. Meta's BSUID page says that Direct Send authentication\n" +
		"messages, and one-tap, zero-tap and copy-code authentication templates, cannot be sent to a business-scoped user\n" +
		"id, and refuses them with 131062 (\"Business-scoped User ID recipients are not supported for this message\").\n" +
		"walint flags a payload with `\"category\": \"authentication\"`, or a template whose definition (WithTemplates, the\n" +
		"CLI's templates file) has the AUTHENTICATION category, that gives `recipient` but no `to`. With both, `to` takes\n" +
		"precedence and the message goes to the phone number, so that is fine. Without `category` or the template\n" +
		"definitions walint cannot tell an authentication template by its name, and does not judge it.",
	check: checkRecipientBSUIDUnsupported,
}

func checkRecipientBSUIDUnsupported(p *pass) {
	if p.dialect != DialectCloud || p.root.Get("to") != nil {
		return
	}
	rcpt := p.root.Get("recipient")
	if _, ok := rcpt.Str(); !ok || !isAuthentication(p) {
		return
	}
	p.Reportf(rcpt, `Add the user's phone number as "to"; WhatsApp delivers authentication messages only to phone numbers.`,
		`authentication message is addressed only to the business-scoped user id %q; authentication messages need a phone number in "to"`, truncate(rcpt.Text, 80))
}

// isAuthentication reports whether the message is an authentication
// message: a Direct Send message of that category, or a template whose
// definition, when walint has it, has that category.
func isAuthentication(p *pass) bool {
	if c, _ := p.root.Get("category").Str(); strings.EqualFold(c, "authentication") {
		return true
	}
	_, d := definition(p)
	return d != nil && strings.EqualFold(d.Category, "AUTHENTICATION")
}
