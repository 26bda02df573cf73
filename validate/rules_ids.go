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
		"(`{{…}}`, `{…}`, `${…}`, `<NAME>`: the forms link-invalid reports in a `link`) or a phrase written the same way\n" +
		"(`<ID of the uploaded image>`, `<media id, from upload>`, `{media id}`: words with spaces, commas, apostrophes\n" +
		"or parentheses, starting with a letter), when the whole value is such a phrase in square brackets (`[media id]`),\n" +
		"when it starts with `YOUR_`, or when it is an upper-case name ending in `_ID` (`MEDIA_ID`, `MESSAGE_ID`). A\n" +
		"business chooses its own retailer ids, so there an upper-case name counts only when it names the field\n" +
		"(`PRODUCT_RETAILER_ID`). Numeric ids, `wamid.` ids and retailer ids such as `SKU-123` or `Mug, blue (large)`\n" +
		"are never flagged.\n\n" +
		"The predicted Cloud code is 131009, except for a read receipt's `message_id`, which Meta answers with\n" +
		"\"(#100) Invalid parameter\" and \"Please check the message ID you have provided\" (a real refusal of a made-up\n" +
		"id); message-id-form judges the message ids that are not placeholders.",
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
	receipt := readReceiptID(p)
	report := func(n *jsontree.Node, field, want string) {
		if s, ok := n.Str(); ok && isPlaceholder(s, strings.HasSuffix(n.Key, "retailer_id")) {
			code := 0 // the rule's
			if n == receipt {
				code = 100 // "(#100) Invalid parameter", as for any id that is no message's
			}
			p.reportGraded(n, 0, code, "Replace the placeholder with the real id; a variable that was never filled in, or a sample copied from the documentation, leaves it there.",
				"%s %q is a placeholder; expected %s", field, truncate(s, 80), want)
		}
	}
	mediaObjects(p, func(m *jsontree.Node) {
		if id := m.Get("id"); id != nil {
			report(id, "media id", "the id that uploading the file to /media returned")
		}
	})
	for _, n := range p.views().ids {
		if want := idFields[n.Key]; want != "" { // the views' switch lists idFields' keys
			report(n, n.Key, want)
		}
	}
}

var ruleMessageIDForm = &Rule{
	ID: "message-id-form", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100,
	Summary: "a message_id that cannot be the id of a Cloud API message",
	Doc: "Every message the Cloud API sends or receives has an id that starts with `wamid.` (`wamid.HBgLMTY1MDM4Nzk0MzkV…`):\n" +
		"the id the send's answer gives (`messages[].id`) and the id a webhook reports for an incoming message. A read\n" +
		"receipt (`\"status\": \"read\"`, with or without `typing_indicator`) takes the id of the received message. Sent a\n" +
		"made-up id of digits only, Meta answers \"(#100) Invalid parameter\" with \"Please check the message ID you have\n" +
		"provided\" (a real refusal, posted with its request body): that is an error, code 100, certain by that\n" +
		"observation.\n\n" +
		"Any other `message_id` without the `wamid.` prefix (an On-Premises id such as `gBEGkYiEB1VXAglK1ZEqA1YKPrU`,\n" +
		"`WAMID.` in capitals, or a `wamid.` id with spaces around it) is a warning, in a read receipt and in a reply's\n" +
		"`context`, a `reaction` or a `pin` alike, as is a digits-only id outside a read receipt: no Cloud message has\n" +
		"such an id, but no refusal of one in those places has been seen, and Meta may ignore a reply context it cannot\n" +
		"find rather than refuse the send. A placeholder (`<WHATSAPP_MESSAGE_ID>`, `{{1}}`) is placeholder-value's\n" +
		"finding, not this one's. The On-Premises API has other ids and is not checked.",
	check: checkMessageIDForm,
}

// readReceiptID returns the message_id of a read receipt (the Cloud API's
// {"status": "read", "message_id": ...}, perhaps with a typing indicator),
// or nil when the payload is no read receipt.
func readReceiptID(p *pass) *jsontree.Node {
	if p.msgType != "status" {
		return nil
	}
	return p.root.Get("message_id")
}

func checkMessageIDForm(p *pass) {
	if p.dialect != DialectCloud {
		return
	}
	receipt := readReceiptID(p)
	for _, n := range [...]*jsontree.Node{receipt, p.root.Get("context").Get("message_id"),
		p.root.Get("reaction").Get("message_id"), p.root.Get("pin").Get("message_id")} {
		s, ok := n.Str()
		if !ok || s == "" || strings.HasPrefix(s, "wamid.") || isPlaceholder(s, false) {
			continue // The schema reports an empty or mistyped id.
		}
		const hint = `Use the id WhatsApp gave the message, starting "wamid.": messages[].id in the webhook of an incoming message, or in the answer to your send.`
		code := noCode // what Meta answers there is not known
		if n == receipt {
			code = 100
		}
		t := strings.TrimSpace(s)
		switch {
		case strings.HasPrefix(t, "wamid."):
			p.reportGraded(n, SeverityWarning, code, "Remove the spaces; send the id exactly as WhatsApp gave it.",
				"message_id %q has spaces around the message id", truncate(s, 80))
		case isDigits(t) && n == receipt:
			p.Reportf(n, hint+` Meta refuses a made-up id with "(#100) Invalid parameter".`,
				`message_id %q is digits only; a read receipt takes the "wamid." id of the received message`, truncate(s, 80))
		case isDigits(t):
			p.reportGraded(n, SeverityWarning, code, hint,
				`message_id %q is digits only; Cloud API message ids start with "wamid."`, truncate(s, 80))
		default:
			p.reportGraded(n, SeverityWarning, code, hint,
				`message_id %q does not start with "wamid."; every Cloud API message id does`, truncate(s, 80))
		}
	}
}

// isDigits reports whether s is one or more ASCII digits and nothing else.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// findPlaceholder returns where the first variable written between
// delimiters starts and ends in s, as template engines and documentation
// pages write them: {{media_id}}, {{1}}, {media_id}, ${mediaId},
// <IMAGE_OBJECT_ID>, and the phrases documentation writes in their place,
// <ID of the uploaded image> or <media id, from upload>. It returns -1, -1
// when there is none. No real id contains braces or angle brackets, and no
// link may (link-invalid reports these same forms there).
//
// Inside {{ }} anything but a brace counts. The single-brace and angle forms
// start with a letter or an underscore (after optional spaces inside a
// brace) and continue with phrase characters (see isPhraseByte) up to the
// closing delimiter, so that "a < b > c" and a JSON object written into a
// string are not taken for one. The angle form needs two characters, so that
// an HTML tag such as "<b>" is not taken for one either. It is a scanner, not
// a regular expression, because it runs on every id and link of every
// payload: the regular expression it replaced cost 9% of validating a valid
// payload (issue 21).
func findPlaceholder(s string) (start, end int) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			if i+1 < len(s) && s[i+1] == '{' {
				j := i + 2
				for j < len(s) && s[j] != '{' && s[j] != '}' {
					j++
				}
				if j+1 < len(s) && s[j] == '}' && s[j+1] == '}' {
					return i, j + 2
				}
				continue // A brace follows: "{{a}" may still hold "{a}".
			}
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if e := phraseEnd(s, j, '}', 1); e > 0 {
				if i > 0 && s[i-1] == '$' {
					return i - 1, e
				}
				return i, e
			}
		case '<':
			if e := phraseEnd(s, i+1, '>', 2); e > 0 {
				return i, e
			}
		}
	}
	return -1, -1
}

// hasPlaceholder reports whether s contains a delimited placeholder.
func hasPlaceholder(s string) bool {
	start, _ := findPlaceholder(s)
	return start >= 0
}

// phraseEnd returns the end, past the closing delimiter, of a placeholder
// name or phrase that starts at s[i]: a letter or an underscore, then phrase
// characters, at least min of them in all, then close. It returns 0 when
// there is none.
func phraseEnd(s string, i int, close byte, min int) int {
	if i >= len(s) || !isNameStart(s[i]) {
		return 0
	}
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == close:
			if j-i < min {
				return 0
			}
			return j + 1
		case !isPhraseByte(c):
			return 0
		}
	}
	return 0
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isPhraseByte reports whether c may stand inside a placeholder after its
// first character: letters (any script), digits, the underscore, and what a
// phrase such as "ID of the customer's order, from the webhook (v2)" holds.
// A colon or a slash is no part of one, so that a link written between angle
// brackets ("<https://example.com/a.jpg>") is not taken for a placeholder.
func isPhraseByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c >= 0x80 || strings.IndexByte(" \t.,'()-", c) >= 0
}

// isBracketed reports whether the whole of s is a phrase between square
// brackets, "[media id]" or "[MESSAGE_ID]": how some documentation writes a
// value to fill in. Only a whole id counts: a link may contain brackets.
func isBracketed(s string) bool {
	return len(s) > 2 && s[0] == '[' && phraseEnd(s, 1, ']', 2) == len(s)
}

// isUpperName reports whether s is an upper-case name, such as MEDIA_ID or
// PHONE_NUMBER: what a sample writes where a value belongs. It is capital
// letters and digits in words joined by single underscores, at least two
// words, starting with a letter.
func isUpperName(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' || s[len(s)-1] == '_' {
		return false
	}
	words := 1
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '_' && s[i-1] != '_':
			words++
		default:
			return false
		}
	}
	return words > 1
}

// isPlaceholder reports whether an id is a placeholder: a delimited
// variable or phrase, a whole phrase in square brackets, YOUR_ and a name,
// or an upper-case name ending in _ID. A free-form id (a retailer id the
// business chose, "MUG_BLUE_ID" perhaps) counts as a bare name only when it
// names the field itself.
func isPlaceholder(s string, freeForm bool) bool {
	if hasPlaceholder(s) {
		return true
	}
	s = strings.TrimSpace(s)
	if isBracketed(s) {
		return true
	}
	if len(s) >= 5 && strings.EqualFold(s[:4], "YOUR") && (s[4] == '_' || s[4] == '-') {
		return true
	}
	if !strings.HasSuffix(s, "_ID") || !isUpperName(s) {
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
	case isPlaceholder(s, false) || isUpperName(trimmed):
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
