package validate

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/internal/schema"
)

// The rules in this file are reported by the schema pass: explain maps each
// kind of violation (schema.Kind) to one of them.

var ruleRequiredField = &Rule{
	kinds: forAll,
	ID:    "required-field", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1008, CloudCode: 131008,
	Summary: "a required field is missing",
	Doc: `WhatsApp refuses a message that lacks a field its type requires, with "(#131008) Required parameter is missing"
in the Cloud API (sometimes 100) and 1008 in the On-Premises API. The pointer names the missing field.

An empty text where one is required (a reply button's or a list row's title, an interactive body, a text parameter)
is missing too, and Meta answers it with code 100, not the 131009 of a text too long: "(#100) The parameter
interactive['action']['buttons'][0]['reply']['title'] is required." (a real refusal), "(#100) Invalid parameter",
"Parameter 'text' is mandatory for component parameter type 'text'". Such a finding predicts 100. (An empty member
the object does not require is read as absent: empty-field.)`,
}

var ruleWrongType = &Rule{
	kinds: forAll,
	ID:    "wrong-type", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 400, CloudCode: 100,
	Summary: "a value has the wrong JSON type",
	Doc: `A string where an object belongs, a number where a string belongs, a null from a template engine: WhatsApp
answers with HTTP 400, "(#100) Invalid parameter". A phone number or id written as a JSON number gets the string as a
certain fix (and loses nothing, since it is an integer); for a null, give the value or leave the member out.`,
}

var ruleQuotedBoolean = &Rule{
	kinds: forAll,
	ID:    "quoted-boolean", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 400, CloudCode: 100,
	Summary: `a boolean is written as a string ("true" instead of true)`,
	Doc: "360dialog's error table says it plainly: \"Booleans don't need double quotes!\". `\"preview_url\": \"true\"`\n" +
		"is a string, and WhatsApp rejects it with HTTP 400 (Graph code 100). The fix, the bare boolean, is certain.",
}

var ruleQuotedNumber = &Rule{
	kinds: forAll,
	ID:    "quoted-number", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 400, CloudCode: 100,
	Summary: `a number is written as a string ("100990" instead of 100990)`,
	Doc: "Fields such as a currency parameter's `amount_1000` take a JSON number. A numeric string there is rejected\n" +
		"with HTTP 400 (Graph code 100). The fix, the bare number, is certain. (Latitude and longitude are different:\n" +
		"Meta documents them as strings and its examples send numbers, so both are accepted.)",
}

var ruleEnumValue = &Rule{
	kinds: forAll,
	ID:    "enum-value", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 100,
	Summary: "a value is not one of those the field accepts",
	Doc: `Some fields take one of a set of values that Meta fixes: "messaging_product", "recipient_type", a message's
"type", a header's "type", "language.policy", a read receipt's "status". Anything else is refused with "(#100) Param
... must be one of {...}" (older versions answer 131009 or 1009). The message lists the accepted values.

Where Meta keeps adding values (interactive types, template components, parameter types, button sub_types), a value
walint does not know is only a warning (unknown-value), but a near miss of a known value (a letter added, dropped,
changed or swapped, "-" for "_", a missing "_") is still this error, with the known value as its certain fix:
"buton" is "button", "quickreply" is "quick_reply".

So is a value walint knows to belong somewhere else, which the schemas list with "x-misplaced": a template
definition's values sent in a send. A button component's sub_type "phone_number" (call buttons take no parameter, so
a send gives no component for them: Meta answers "(#100) Param template['components'][1]['sub_type'] must be one of
{...}", a real refusal) and "otp" (an authentication template's code button, which a send gives as sub_type "url",
Meta's authentication template pages: the certain fix), and a component type "footer" or "buttons" (definition
components: a footer has no variables, and each button is sent as its own "button" component).`,
}

var ruleUnknownValue = &Rule{
	kinds: forAll,
	ID:    "unknown-value", Severity: SeverityWarning, Certainty: CertaintyHeuristic, Code: 1009, CloudCode: 100,
	Summary: "a value walint does not know, where Meta keeps adding values",
	Doc: `Meta adds interactive types, template components, parameter types and button sub_types every year. A value
walint does not know in one of these fields may be a mistake, or something Meta added after the reference walint's rules
follow (see walint --version), so it is a warning, not an error: a valid send must not fail CI the day Meta ships a
feature. If the value is new, upgrade walint (or disable this rule until a release knows it); if it is not, WhatsApp
refuses it with "(#100) Invalid parameter". Values that differ from a known one only in case ("CATALOG") are accepted,
as Meta's own samples write some of them that way; near misses of a known value, and values walint knows belong to
a template's definition rather than a send ("phone_number", "otp"), are errors (enum-value).`,
}

var ruleStringLength = &Rule{
	kinds: forAll,
	ID:    "string-length", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a text is longer (or shorter) than its documented limit",
	Doc: `Every text field of a message has a documented limit: 4096 for a text body, 1024 for captions and interactive
bodies, 60 for headers and footers, 20 for button titles, 24 for list row titles, 72 for row descriptions, and so on.
WhatsApp refuses a longer one with "(#131009) Parameter value is not valid". Meta never says what a character is; walint
counts Unicode code points, which is what the limit means for most text (some clients count UTF-16 units, in which an
emoji counts twice). The message gives the limit and the actual length.`,
}

var ruleNearLengthLimit = &Rule{
	kinds: forAll,
	ID:    "near-length-limit", Severity: SeverityInfo, Certainty: CertaintyHeuristic, Code: 1009, CloudCode: 131009,
	Summary: "a text is within 5% of its length limit",
	Doc: "Meta gives its limits in \"characters\" without saying what a character is. walint counts Unicode code points,\n" +
		"but some clients and servers count UTF-16 units, in which an emoji or any character outside the Basic\n" +
		"Multilingual Plane counts twice, and a text built from a template can grow. A text within 5% of its limit (at\n" +
		"least one character) gets this note, with its UTF-16 length when that is over the limit.",
}

var ruleArrayCount = &Rule{
	kinds: forAll,
	ID:    "array-count", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a list has more (or fewer) items than allowed",
	Doc: `Reply buttons: 1 to 3. List sections: 1 to 10. Template components, parameters, product items: each has
its documented count. WhatsApp refuses a payload outside them with "(#131009) Parameter value is not valid".`,
}

var ruleNumberRange = &Rule{
	kinds: forAll,
	ID:    "number-range", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a number is outside the range the field accepts",
	Doc:     `Such as a template button "index" above 9. WhatsApp refuses it with "(#131009) Parameter value is not valid".`,
}

var ruleStringFormat = &Rule{
	kinds: forAll,
	ID:    "string-format", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a text does not have the form the field requires",
	Doc: `Such as a currency code that is not three upper-case letters (ISO 4217), a template name with capitals or
spaces, or a language code that is not of the form en or en_US. WhatsApp refuses it with "(#131009) Parameter value is
not valid" or "(#100) Invalid parameter".`,
}

var ruleUnexpectedField = &Rule{
	kinds: forAll,
	ID:    "unexpected-field", Severity: SeverityError, Certainty: CertaintyObserved, Code: 400, CloudCode: 100,
	Summary: "a field that WhatsApp refuses: misspelt, not snake_case, of another message kind, of a template's definition, or unknown in a fixed object",
	Doc: `WhatsApp refuses members it does not know: "(#100) Unexpected key \"previewUrl\" on param \"text\"",
"Unexpected key \"policystring\" on param \"template['language']\"" (real answers posted in public issue trackers).
This error is reported for:

- a member that is a near miss of a known one ("previewUrl" for "preview_url"); where only case and separators
  differ ("previewUrl", "recipient-type") renaming it is a certain fix, unless the object has the known member already;
- a member whose name is not snake_case ("headerText", "mediaUrl", "PreviewUrl", "recipient-type"), in every object,
  those where Meta keeps adding members included: every member name of Meta's message API is lower-case letters,
  digits and underscores, so such a name can never be a member Meta added after walint's reference. Meta answers
  "(#100) Unexpected key \"<key>\" on param \"interactive\"" (real refusals, 2026); an application object
  serialised into the payload is the usual cause;
- a member of a template's definition in a send's component: "format", "text", "example" and "buttons" (the shape
  GET /message_templates returns, or a creation body), and an authentication template's creation-only
  "add_security_recommendation" and "code_expiration_minutes". Meta answers "(#100) Unexpected key \"text\" on param
  \"template.components.0\"" (real refusal); a send passes only the values of the template's variables, as
  "parameters", which the message says;
- a member that belongs to another kind of the same object but not this one (a "header" on a single-product message, or on a catalog message: Meta answers "The parameter interactive['header'] is not allows for catalog messages.");
- any unknown member of a small object whose members Meta does not change (text, language, location, a media object,
  a reply button, a list row).

Where Meta keeps adding members (the message envelope, interactive, action, template components and parameters) an
unknown snake_case member is only a warning (unknown-field). The message names the field meant when there is one.

No key is judged inside the objects whose keys the business chooses, which the schemas mark "x-members": "free": a
flow's first-screen input, ` + "`flow_action_payload.data`" + ` of a flow message and ` + "`flow_action_data`" + ` of a
template's flow button. Nor inside the objects walint does not model member by member: an address message's
` + "`values`" + ` and ` + "`validation_errors`" + ` and its saved addresses, an order_details or order_status message's
parameters, a checkout button's ` + "`order_details`" + `, and the On-Premises localized currency and date_time.`,
}

var ruleUnknownField = &Rule{
	kinds: forAll,
	ID:    "unknown-field", Severity: SeverityWarning, Certainty: CertaintyHeuristic, Code: 400, CloudCode: 100,
	Summary: "a field walint does not know, where Meta keeps adding fields",
	Doc: `The message envelope, interactive objects and their actions, template components and parameters gain members
every year. A member walint does not know there may be one Meta added after the reference walint's rules follow (see
walint --version), so it is a warning: WhatsApp refuses a member it does not know with "(#100) Unexpected key", and
a misspelt optional one is at best ignored, so the feature it was meant to switch on silently does not happen. Only
snake_case names get this benefit of the doubt, as all of Meta's are: near misses of a known member, names in
camelCase, PascalCase or with hyphens, and a template definition's members in a send are errors (unexpected-field).`,
}

// explain reports one schema violation under the rule for its kind.
func explain(vi schema.Violation, c *collector) {
	n, sch := vi.Node, vi.Schema
	// "x-hint" is walint's annotation for what to do about a failure of the
	// schema it sits in.
	desc := sch.Hint()
	at := func(rule *Rule, msg, hint string) report {
		return report{rule: rule, start: n.Start, end: n.End, pointer: n.Pointer(), msg: msg, hint: hint}
	}
	switch vi.Kind {
	case schema.Required:
		for _, m := range vi.Missing {
			start, end := missingSpan(n)
			c.add(report{rule: ruleRequiredField, start: start, end: end, pointer: jsontree.ChildPointer(n, m),
				msg:  fmt.Sprintf("%s is missing the required field %q", label(n), m),
				hint: hintOr(desc, fmt.Sprintf("Add %q to %s.", m, label(n)))})
		}
	case schema.Type:
		c.add(typeReport(n, sch.Types()))
	case schema.Enum, schema.Const:
		if r, ok := enumReport(vi); ok {
			c.add(r)
		}
	case schema.NearMaxLength:
		c.add(at(ruleNearLengthLimit, nearLimitMessage(label(n), n.Text, vi.Got, vi.Limit),
			"Leave some room: Meta does not define how it counts characters."))
	case schema.MaxLength:
		c.add(at(ruleStringLength,
			fmt.Sprintf("%s is %d characters long, over the limit of %d", label(n), vi.Got, vi.Limit),
			hintOr(desc, fmt.Sprintf("Shorten it to at most %d characters (%d too many).", vi.Limit, vi.Got-vi.Limit))))
	case schema.MinLength:
		if vi.Got == 0 && n.Parent != nil && n.Parent.Kind == jsontree.Object {
			// An empty member the object requires (one it need not have is
			// read as absent, empty-field): WhatsApp answers that it is
			// required, with code 100, not the 131009 of a text too long.
			r := at(ruleRequiredField, fmt.Sprintf("%s is empty, and %s requires it", label(n), label(n.Parent)),
				hintOr(desc, fmt.Sprintf("Give %s a value: WhatsApp refuses an empty one with \"(#100) The parameter ... is required\".", label(n))))
			r.cloudCode = 100
			c.add(r)
			return
		}
		msg := fmt.Sprintf("%s is %d characters long, under the minimum of %d", label(n), vi.Got, vi.Limit)
		if vi.Got == 0 {
			msg = fmt.Sprintf("%s is empty", label(n))
		}
		c.add(at(ruleStringLength, msg, hintOr(desc, "Give it a value, or leave the field out if it is optional.")))
	case schema.MaxItems:
		c.add(at(ruleArrayCount,
			fmt.Sprintf("%s has %s, over the limit of %d", label(n), plural(vi.Got, "item"), vi.Limit),
			hintOr(desc, fmt.Sprintf("Keep at most %d.", vi.Limit))))
	case schema.MinItems:
		c.add(at(ruleArrayCount,
			fmt.Sprintf("%s has %s, under the minimum of %d", label(n), plural(vi.Got, "item"), vi.Limit),
			hintOr(desc, fmt.Sprintf("Give at least %d.", vi.Limit))))
	case schema.Minimum:
		c.add(at(ruleNumberRange, fmt.Sprintf("%s is %s, below the minimum of %s", label(n), n.Text, ratString(vi.Bound)),
			hintOr(desc, fmt.Sprintf("Use a value of at least %s.", ratString(vi.Bound)))))
	case schema.Maximum:
		c.add(at(ruleNumberRange, fmt.Sprintf("%s is %s, above the maximum of %s", label(n), n.Text, ratString(vi.Bound)),
			hintOr(desc, fmt.Sprintf("Use a value of at most %s.", ratString(vi.Bound)))))
	case schema.Pattern:
		// "x-expected" is walint's annotation naming, for people, what a
		// pattern accepts.
		want := sch.Expected()
		if want == "" {
			want = fmt.Sprintf("a value matching %s", sch.Pattern())
		}
		c.add(at(ruleStringFormat, fmt.Sprintf("%s is %s, expected %s", label(n), quoteValue(n), want),
			hintOr(desc, "Rewrite it in that form.")))
	case schema.Additional:
		unknownMembers(vi, c)
	default:
		// Validate recovers this into an internal-error finding: a kind the
		// evaluator reports must have its case here.
		panic(fmt.Sprintf("explain: no report for a %v violation", vi.Kind))
	}
}

// enumReport explains a value that is not one of those its schema allows,
// as vocabulary.go describes: in an open vocabulary a case variant of a
// known value is accepted (no report: ok false) and an unknown value is a
// warning; a near miss of a known value is an error with the known value as
// its fix; anything else is an error.
func enumReport(vi schema.Violation) (r report, ok bool) {
	n, sch := vi.Node, vi.Schema
	want := sch.Allowed()
	rule := ruleEnumValue
	if id := sch.Rule(); id != "" {
		rule = ruleByID(id) // compile checked that it names a rule
	}
	desc := sch.Hint()
	r = report{rule: rule, start: n.Start, end: n.End, pointer: n.Pointer()}
	if s, isStr := n.Str(); isStr {
		if note, ok := sch.Misplaced(strings.ToLower(s)); ok {
			r.rule = ruleEnumValue
			r.msg = fmt.Sprintf("%s is %s, which belongs to %s", label(n), quoteValue(n), note.Belongs)
			r.hint = note.Hint
			if note.Fix != "" {
				r.fix, _ = json.Marshal(note.Fix)
			}
			return r, true
		}
		known, open := stringValues(want), sch.OpenVocabulary()
		if _, variant := caseVariant(s, known); variant && open {
			return report{}, false // Meta's own samples write some values in upper case.
		}
		switch v, k := judge(s, known, open); v {
		case pluralOfKnown:
			r.rule = ruleUnknownValue
			r.msg = fmt.Sprintf("%s is %s, which walint does not know; did you mean %q?", label(n), quoteValue(n), k)
			r.hint = fmt.Sprintf("Write %q if that is what you meant. ", k) + olderHint(strconv.Quote(s))
			return r, true
		case misspelt:
			r.msg = fmt.Sprintf("%s is %s, expected %s; did you mean %q?", label(n), quoteValue(n), oneOf(want), k)
			r.hint = hintOr(desc, fmt.Sprintf("Write %q.", k))
			r.fix, _ = json.Marshal(k)
			return r, true
		case maybeNewer:
			r.rule = ruleUnknownValue
			r.msg = fmt.Sprintf("%s is %s, which walint does not know; it knows %s", label(n), quoteValue(n), listValues(want))
			r.hint = olderHint(strconv.Quote(s))
			return r, true
		}
	}
	r.msg = fmt.Sprintf("%s is %s, expected %s", label(n), quoteValue(n), oneOf(want))
	r.hint = hintOr(desc, "Use one of the accepted values.")
	if len(want) == 1 {
		r.hint = hintOr(desc, "Use the value given.")
	}
	return r, true
}

// unknownMembers explains the members of an object that its schema does
// not define, as vocabulary.go describes: a near miss of a known member, a
// member that another kind of the object takes but this one does not, and
// any unknown member of a closed object are errors (unexpected-field); an
// unknown member where Meta keeps adding members is a warning
// (unknown-field).
func unknownMembers(vi schema.Violation, c *collector) {
	n, sch := vi.Node, vi.Schema
	known := sch.Properties()
	open := sch.OpenMembers()
	desc := sch.Hint()
	for _, m := range vi.Unknown {
		// Every member is judged, however many, for the collector, which
		// alone caps each rule: an error after a hundred unknown members
		// (warnings) is still shown, and still an error.
		note, misplaced := sch.Misplaced(m.Key)
		var v verdict
		var k string
		rule := ruleUnexpectedField
		if !misplaced {
			v, k = judge(m.Key, known, open)
			if (v == pluralOfKnown || v == maybeNewer) && isSnakeCase(m.Key) {
				rule = ruleUnknownField
			}
		}
		if !c.wants(rule, m.KeyStart) {
			// A report the collector would leave out is only counted, so
			// that a hostile payload with 90,000 unknown members costs a
			// spelling search each but no message.
			c.drop(rule)
			continue
		}
		r := report{rule: ruleUnexpectedField, start: m.KeyStart, end: m.KeyEnd, pointer: m.Pointer()}
		if misplaced {
			r.msg = fmt.Sprintf("unexpected field %q in %s: it belongs to %s", m.Key, label(n), note.Belongs)
			r.hint = note.Hint
			c.add(r)
			continue
		}
		if v == misspelt && normalizeName(m.Key) == normalizeName(k) && n.Get(k) == nil {
			// Only case and separators differ ("previewUrl"): the rename
			// is certain, unless the object has the member already.
			r.fix, _ = json.Marshal(k)
		}
		if (v == pluralOfKnown || v == maybeNewer) && !isSnakeCase(m.Key) {
			// Meta's member names are all snake_case: a camelCase,
			// PascalCase or hyphenated one is no member Meta may have
			// added since walint's reference, but a mistake.
			r.msg = fmt.Sprintf("unexpected field %q in %s: WhatsApp's field names are snake_case", m.Key, label(n))
			r.hint = "Remove it, or rename it to the field meant: WhatsApp refuses a field it does not know with \"(#100) Unexpected key\"; an application object serialised into the payload is the usual cause."
			if s := closest(m.Key, known); s != "" {
				r.hint = fmt.Sprintf("Did you mean %q? Otherwise remove it: WhatsApp refuses a field it does not know with \"(#100) Unexpected key\"; an application object serialised into the payload is the usual cause.", s)
			}
			c.add(r)
			continue
		}
		switch {
		case v == pluralOfKnown:
			r.rule = ruleUnknownField
			r.msg = fmt.Sprintf("unknown field %q in %s; did you mean %q?", m.Key, label(n), k)
			r.hint = fmt.Sprintf("Rename it to %q if that is what you meant. ", k) + olderHint(fmt.Sprintf("the field %q", m.Key))
		case v == misspelt:
			r.msg = fmt.Sprintf("unexpected field %q in %s; did you mean %q?", m.Key, label(n), k)
			r.hint = fmt.Sprintf("Rename it to %q: WhatsApp refuses a field it does not know with \"(#100) Unexpected key\".", k)
		case sch.Branch() != "":
			r.msg = fmt.Sprintf("%s takes no field %q when %s", label(n), m.Key, sch.Branch())
			r.hint = hintOr(desc, "Remove it: WhatsApp refuses a field this kind of message does not take with \"(#100) Unexpected key\".")
		case v == maybeNewer:
			r.rule = ruleUnknownField
			r.msg = fmt.Sprintf("unknown field %q in %s", m.Key, label(n))
			r.hint = olderHint(fmt.Sprintf("the field %q", m.Key))
		default:
			r.msg = fmt.Sprintf("unexpected field %q in %s", m.Key, label(n))
			r.hint = "Remove it, or check its spelling against Meta's reference: WhatsApp refuses a field it does not know with \"(#100) Unexpected key\"."
			if s := closest(m.Key, known); s != "" {
				r.hint = fmt.Sprintf("Did you mean %q? Otherwise remove it: WhatsApp refuses a field it does not know with \"(#100) Unexpected key\".", s)
			}
		}
		c.add(r)
	}
}

// nearLimitMessage describes a text close to its limit, with its length in
// UTF-16 units when that is over the limit.
func nearLimitMessage(name, text string, runes, limit int) string {
	msg := fmt.Sprintf("%s is %d characters long, close to the limit of %d", name, runes, limit)
	if u := len(utf16.Encode([]rune(text))); u > limit {
		msg += fmt.Sprintf("; counted in UTF-16 units, as some clients do, it is %d, over the limit", u)
	}
	return msg
}

// typeReport explains a value of the wrong JSON type, recognising the quoted
// booleans and numbers that have a certain fix.
func typeReport(n *jsontree.Node, want []string) report {
	r := report{start: n.Start, end: n.End, pointer: n.Pointer()}
	wants := func(t string) bool { return slices.Contains(want, t) }
	if n.Kind == jsontree.String {
		t := strings.TrimSpace(n.Text)
		if wants("boolean") && (strings.EqualFold(t, "true") || strings.EqualFold(t, "false")) {
			b := strings.EqualFold(t, "true")
			r.rule = ruleQuotedBoolean
			r.msg = fmt.Sprintf("%s is the string %q, expected the boolean %t", label(n), n.Text, b)
			r.hint = fmt.Sprintf("Booleans don't need double quotes: write %t.", b)
			r.fix = json.RawMessage(strconv.FormatBool(b))
			return r
		}
		if (wants("integer") || wants("number")) && isJSONNumber(t) && (wants("number") || isIntegerText(t)) {
			r.rule = ruleQuotedNumber
			r.msg = fmt.Sprintf("%s is the string %q, expected a number", label(n), n.Text)
			r.hint = fmt.Sprintf("Numbers don't need double quotes: write %s.", t)
			r.fix = json.RawMessage(t)
			return r
		}
	}
	r.rule = ruleWrongType
	r.msg = fmt.Sprintf("%s is %s, expected %s", label(n), kindPhrase(n), typeList(want))
	switch {
	case n.Kind == jsontree.Null:
		r.hint = "Give a value, or leave the field out if it is optional; a null often comes from a template engine rendering a missing variable."
	case n.Kind == jsontree.Number && wants("string") && isIntegerText(n.Text):
		r.hint = "Write it as a string; identifiers and phone numbers are strings."
		fix, _ := json.Marshal(n.Text)
		r.fix = fix
	default:
		r.hint = fmt.Sprintf("Write %s here.", typeList(want))
	}
	return r
}

// label names a value for a message: its member name in quotes, an array
// element as name[i], the root as "payload".
func label(n *jsontree.Node) string {
	switch {
	case n.Parent == nil:
		return "payload"
	case n.Parent.Kind == jsontree.Array:
		return fmt.Sprintf("%s[%s]", strings.Trim(label(n.Parent), `"`), n.Key)
	}
	return strconv.Quote(n.Key)
}

func kindPhrase(n *jsontree.Node) string {
	switch n.Kind {
	case jsontree.Null:
		return "null"
	case jsontree.String:
		return fmt.Sprintf("the string %q", truncate(n.Text, 40))
	case jsontree.Number:
		return "the number " + n.Text
	case jsontree.Bool:
		return fmt.Sprintf("the boolean %t", n.Bool)
	case jsontree.Object:
		return "an object"
	case jsontree.Array:
		return "an array"
	}
	return "a value"
}

func typeList(want []string) string {
	ws := make([]string, len(want))
	for i, w := range want {
		switch w {
		case "integer", "array", "object":
			ws[i] = "an " + w
		default:
			ws[i] = "a " + w
		}
	}
	return strings.Join(ws, " or ")
}

func quoteValue(n *jsontree.Node) string {
	if n.Kind == jsontree.String {
		return strconv.Quote(truncate(n.Text, 60))
	}
	return kindPhrase(n)
}

// listValues lists accepted values, dropping the upper-case spellings the
// schema accepts besides the lower-case ones, to keep the message short.
func listValues(vals []any) string {
	var out []string
	seen := map[string]bool{}
	for _, v := range vals {
		s := fmt.Sprint(v)
		if str, ok := v.(string); ok {
			s = strconv.Quote(str)
		}
		if seen[strings.ToLower(s)] {
			continue
		}
		seen[strings.ToLower(s)] = true
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// oneOf phrases a list of accepted values: the value itself when there is
// only one, "one of ..." otherwise.
func oneOf(vals []any) string {
	l := listValues(vals)
	if strings.Contains(l, ", ") {
		return "one of " + l
	}
	return l
}

// plural formats a count with its noun: "1 item", "3 items".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// article returns "a" or "an" for a word, by its first letter.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

func hintOr(desc, hint string) string {
	if desc != "" {
		return desc
	}
	return hint
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func isJSONNumber(s string) bool {
	if s == "" || len(s) > jsontree.MaxNumberLen || !(s[0] == '-' || s[0] >= '0' && s[0] <= '9') {
		return false
	}
	// JSON's number grammar, as encoding/json reads it (which also allows
	// white space after the number): -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
	s = strings.TrimRight(s, " \t\n\r")
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// isIntegerText reports whether s is a JSON number without a fraction or an
// exponent, as 12 is and 12.0 and 1e3 are not.
func isIntegerText(s string) bool {
	return isJSONNumber(s) && !strings.ContainsAny(s, ".eE")
}

// isSnakeCase reports whether name is lower-case ASCII letters, digits and
// underscores, and not empty: the form of every member name of Meta's
// message API and of a named template variable.
func isSnakeCase(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
