package validate

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/walint/walint/validate/internal/jsontree"
)

// templateComponents returns the components of a template message.
func templateComponents(root *jsontree.Node) []*jsontree.Node {
	return root.Path("template", "components").Elems()
}

// templateComponentsDeep yields the components of a template message and
// then those of its carousel cards
// (template.components[].cards[].components[]), for the rules about
// parameters that a card can carry as well.
func templateComponentsDeep(root *jsontree.Node) iter.Seq[*jsontree.Node] {
	return func(yield func(*jsontree.Node) bool) {
		top := templateComponents(root)
		for _, c := range top {
			if !yield(c) {
				return
			}
		}
		for _, c := range top {
			for _, card := range c.Get("cards").Elems() {
				for _, cc := range card.Get("components").Elems() {
					if !yield(cc) {
						return
					}
				}
			}
		}
	}
}

var ruleTemplateButtonParameter = &Rule{
	ID: "template-button-parameter", Severity: SeverityError, Certainty: CertaintyObserved, Code: 1008, CloudCode: 131008,
	Summary: "a template url button component carries no parameter",
	Doc: "A `button` component in a template message exists to fill the button's variable: for a url button, the part\n" +
		"of the URL after the template's fixed prefix. Without it WhatsApp refuses the message: \"(#131008) Required\n" +
		"parameter is missing. Button at index 0 of type Url requires a parameter\". (A url button without a variable\n" +
		"needs no component at all; leave the component out.)",
	check: checkTemplateButtonParameter,
}

func checkTemplateButtonParameter(p *pass) {
	for _, c := range templateComponents(p.root) {
		if !typeIs(c, "button") {
			continue
		}
		sub, _ := c.Get("sub_type").Str()
		if !strings.EqualFold(sub, "url") {
			continue
		}
		params := c.Get("parameters")
		idx := "?"
		if i := c.Get("index"); i != nil && (i.Kind == jsontree.String || i.Kind == jsontree.Number) {
			idx = i.Text
		}
		switch {
		case params == nil:
			p.ReportMissing(c, "parameters", `Add "parameters": [{"type": "text", "text": "..."}] with the URL's variable part.`,
				"url button at index %s has no parameters; it needs the text for the URL's variable", idx)
		case params.Kind == jsontree.Array && len(params.Kids) == 0:
			p.Reportf(params, `Add {"type": "text", "text": "..."} with the URL's variable part.`,
				"url button at index %s has an empty parameters list; it needs the text for the URL's variable", idx)
		}
	}
}

var ruleTemplateParameterNames = &Rule{
	ID: "template-parameter-names", Severity: SeverityError, Certainty: CertaintyObserved, Code: 1009, CloudCode: 132000,
	Summary: "a template mixes named and positional parameters",
	Doc: "A template is created either with named variables (`{{first_name}}`) or positional ones (`{{1}}`). A message\n" +
		"for a named-parameter template gives `parameter_name` on every body and header parameter; one for a positional\n" +
		"template gives it on none. A mix cannot match either kind: WhatsApp refuses it with \"(#132000) Number of\n" +
		"parameters does not match the expected number of params\" or \"(#100) Invalid parameter\". The finding points at\n" +
		"the first parameter that breaks the pattern the component's first parameter set. With the account's template\n" +
		"definitions, which say the template's kind, template-parameter-format reports instead.",
	check: checkTemplateParameterNames,
}

func checkTemplateParameterNames(p *pass) {
	if _, def := definition(p); def.parameterFormat() != "" && p.enabled(ruleTemplateParameterFormat) {
		// The definitions say which kind the template is, so
		// template-parameter-format reports every parameter of the wrong
		// kind; guessing from the first parameter would report them twice.
		return
	}
	for _, c := range templateComponents(p.root) {
		if !typeIs(c, "body") && !typeIs(c, "header") {
			continue
		}
		params := c.Get("parameters").Elems()
		if len(params) < 2 {
			continue
		}
		named := params[0].Get("parameter_name") != nil
		for _, prm := range params[1:] {
			if prm.Kind != jsontree.Object || (prm.Get("parameter_name") != nil) == named {
				continue
			}
			if named {
				p.ReportMissing(prm, "parameter_name", `Give "parameter_name" on every parameter of a named-parameter template.`,
					`parameter has no "parameter_name", but the first parameter of this component is named`)
			} else {
				p.Reportf(prm.Get("parameter_name"), `Remove "parameter_name" from every parameter of a positional template, or give it on all of them.`,
					`parameter has a "parameter_name", but the first parameter of this component is positional`)
			}
		}
	}
}

var ruleTemplateTextWhitespace = &Rule{
	ID: "template-text-whitespace", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 132018,
	Summary: "a template text parameter contains a new-line, a tab or more than 4 consecutive spaces",
	Doc: "WhatsApp refuses a template message whose body or header text parameter contains a new-line, a tab, or more\n" +
		"than 4 spaces in a row: \"(#132018) There was an issue with the parameters in your template\", details \"Param\n" +
		"text cannot have new-line/tab characters or more than 4 consecutive spaces\" (reported in client issue\n" +
		"trackers; the wording names exactly these three). Parameters of carousel cards are checked too. Addresses and\n" +
		"notes copied from a form are the usual cause. There is no automatic fix: whether a line break should become a\n" +
		"space, a comma or a separate parameter depends on how the text should read. 360dialog's error table for the\n" +
		"On-Premises API has no code for it.",
	check: checkTemplateTextWhitespace,
}

func checkTemplateTextWhitespace(p *pass) {
	for c := range templateComponentsDeep(p.root) {
		if !typeIs(c, "body") && !typeIs(c, "header") {
			continue
		}
		for _, prm := range c.Get("parameters").Elems() {
			if !typeIs(prm, "text") {
				continue
			}
			n := prm.Get("text")
			text, ok := n.Str()
			if !ok {
				continue
			}
			if what := whitespaceProblem(text); what != "" {
				p.Reportf(n, "Replace new-lines and tabs with a space or punctuation and shorten runs of spaces before sending; "+
					"walint does not fix it for you, as only you know how the text should read on one line.",
					"text parameter %q contains %s; WhatsApp refuses new-lines, tabs and more than 4 consecutive spaces in parameters", truncate(text, 40), what)
			}
		}
	}
}

// whitespaceProblem describes the first character run of s that WhatsApp
// refuses in a template parameter, or returns "".
func whitespaceProblem(s string) string {
	spaces := 0
	for _, r := range s {
		switch r {
		case '\n', '\r': // A CR alone or in CRLF breaks the line as well.
			return "a new-line"
		case '\t':
			return "a tab"
		case ' ':
			spaces++
			if spaces > 4 {
				return "more than 4 consecutive spaces"
			}
		default:
			spaces = 0
		}
	}
	return ""
}

// minUnixMillis is 10^12 ms, 2001-09-09: an offer expiring before it is a
// duration or a time in seconds mistaken for a Unix time in milliseconds.
const minUnixMillis = 1e12

var ruleTemplateOfferExpiration = &Rule{
	ID: "template-offer-expiration", Severity: SeverityWarning, Certainty: CertaintyHeuristic,
	Summary: "a limited-time offer's expiration_time_ms looks like a duration, not a Unix time in milliseconds",
	Doc: "A limited-time offer template shows a countdown to `expiration_time_ms`, a point in time: milliseconds since\n" +
		"1970-01-01 UTC, such as 1772409600000 for 2026-03-02. A value below 10^12 (2001-09-09) is taken for a mistake:\n" +
		"a duration (1209600000 is 14 days in milliseconds) or a Unix time in seconds. Meta documents no error for it;\n" +
		"the offer would show as already expired, hence a warning. Offers inside carousel cards are checked too.",
	check: checkTemplateOfferExpiration,
}

func checkTemplateOfferExpiration(p *pass) {
	for c := range templateComponentsDeep(p.root) {
		for _, prm := range c.Get("parameters").Elems() {
			n := prm.Path("limited_time_offer", "expiration_time_ms")
			if n == nil || n.Kind != jsontree.Number {
				continue // The schema and quoted-number report other kinds.
			}
			ms, err := strconv.ParseFloat(n.Text, 64)
			if err != nil || ms >= minUnixMillis {
				continue
			}
			at := "a time before 1970"
			if ms >= 0 {
				at = time.UnixMilli(int64(ms)).UTC().Format("2006-01-02 15:04 UTC")
			}
			p.Reportf(n, "Give the moment the offer ends, in milliseconds since 1970-01-01 UTC: add the offer's duration in "+
				"milliseconds to the current time, or multiply a time in seconds by 1000.",
				"expiration_time_ms is %s, which as a Unix time in milliseconds is %s; it looks like a duration or a time in seconds", n.Text, at)
		}
	}
}

var ruleTemplateButtonIndex = &Rule{
	ID: "template-button-index", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "two template button components have the same index",
	Doc: "Each `button` component of a template message fills the button at its `index` (0 to 9, the button's position\n" +
		"in the template). Two components with the same index fill one button twice and another not at all; WhatsApp\n" +
		"refuses the message with \"(#131009) Parameter value is not valid\". The index may be written as a number or a\n" +
		"string (Meta's samples do both): \"0\" and 0 are the same index.",
	check: checkTemplateButtonIndex,
}

func checkTemplateButtonIndex(p *pass) {
	seen := firstSeen{}
	for _, c := range templateComponents(p.root) {
		if !typeIs(c, "button") {
			continue
		}
		idx := c.Get("index")
		if idx == nil || (idx.Kind != jsontree.String && idx.Kind != jsontree.Number) {
			continue
		}
		key := strings.TrimSpace(idx.Text)
		if first, dup := seen.first(key, idx); dup {
			p.reportRepeat(idx, first, "Give each button component the index of a different button.", "button index %s is already used at %s", key, first.Pointer())
		}
	}
}

var ruleCurrencyCode = &Rule{
	ID: "currency-code", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a currency parameter's code is not an ISO 4217 currency",
	Doc: "A currency parameter's `code` is an ISO 4217 code such as USD, EUR, INR or BRL. The schema checks the form\n" +
		"(three capital letters); this rule checks that the code names a currency in use. WhatsApp refuses an unknown\n" +
		"one with \"(#131009) Parameter value is not valid\".",
	check: checkCurrencyCode,
}

func checkCurrencyCode(p *pass) {
	for _, n := range p.views().currencyCodes {
		code, ok := n.Str()
		if !ok || len(code) != 3 || strings.ToUpper(code) != code {
			continue // The schema reports the form.
		}
		if !iso4217[code] {
			p.Reportf(n, "Use the ISO 4217 code of the currency, such as USD, EUR, GBP, INR or BRL.", "currency code %q is not an ISO 4217 currency", code)
		}
	}
}

// iso4217 holds the active ISO 4217 currency codes.
var iso4217 = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL
		BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
		FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW
		KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO
		NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
		STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD
		XCG XOF XPF YER ZAR ZMW ZWG ZWL`) {
		m[c] = true
	}
	return m
}()

// The limits of a body text parameter (Meta's Cloud API reference for the
// parameter object): 32,768 characters when the body is the template's only
// component (the schema's maxLength), 1,024 when there are others.
const (
	bodyTextLimitAlone  = 32768
	bodyTextLimitShared = 1024
)

var ruleTemplateBodyTextLength = &Rule{
	ID: "template-body-text-length", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1009, CloudCode: 131009,
	Summary: "a body text parameter is over 1,024 characters in a template that has other components",
	Doc: "Meta's Cloud API reference gives a body text parameter two limits: \"1024 characters if other component types\n" +
		"are included, 32768 characters if body is the only component type included\" (the parameter object of the\n" +
		"messages reference; the OpenAPI description keeps only 32,768, which the schema checks). The JavaScript SDKs\n" +
		"check 1,024. So a body text parameter over 1,024 characters is an error when the message also sends a header,\n" +
		"a button or any other component beside its body, and, with the account's template definitions, when the\n" +
		"template has a header, buttons or any other component than its body and footer (a footer takes no parameter\n" +
		"and is never sent). The components of a carousel card are counted card by card. WhatsApp refuses it as a value\n" +
		"that is not valid (131009; Meta documents the limit, not the code it answers with). Characters are counted in\n" +
		"Unicode code points; Meta does not say how it counts. With definitions, template-hydrated-length reports the\n" +
		"body with its parameters filled in only when no single parameter is over this limit.",
	check: checkTemplateBodyTextLength,
}

func checkTemplateBodyTextLength(p *pass) {
	_, def := definition(p)
	top := templateComponents(p.root)
	checkBodyTexts(p, top, bodyTextLimit(top, def))
	for _, c := range top {
		for _, card := range c.Get("cards").Elems() {
			comps := card.Get("components").Elems()
			checkBodyTexts(p, comps, bodyTextLimit(comps, nil))
		}
	}
}

// checkBodyTexts reports the body text parameters of comps over limit, up to
// the schema's own limit (string-length reports those over it).
func checkBodyTexts(p *pass, comps []*jsontree.Node, limit int) {
	for _, prm := range longBodyTexts(comps, limit) {
		n := prm.Get("text")
		s, _ := n.Str()
		got := utf8.RuneCountInString(s)
		p.Reportf(n, fmt.Sprintf("Shorten it to at most %d characters (%d too many); only a template whose sole component is its body takes up to %d.",
			limit, got-limit, bodyTextLimitAlone),
			"body text parameter is %d characters long, over the limit of %d for a template with other components than its body", got, limit)
	}
}

// longBodyTexts returns the text parameters of the body among comps whose
// text is over limit but within the schema's limit.
func longBodyTexts(comps []*jsontree.Node, limit int) []*jsontree.Node {
	if limit >= bodyTextLimitAlone {
		return nil
	}
	var out []*jsontree.Node
	for _, c := range comps {
		if !typeIs(c, "body") {
			continue
		}
		for _, prm := range c.Get("parameters").Elems() {
			s, ok := prm.Get("text").Str()
			if n := utf8.RuneCountInString(s); ok && typeIs(prm, "text") && n > limit && n <= bodyTextLimitAlone {
				out = append(out, prm)
			}
		}
	}
	return out
}

// bodyTextLimit returns the limit of a body text parameter among comps, the
// components of a message or of a carousel card: 1,024 when comps has a
// component of another type than body, or when the definition def (nil for a
// card, or without definitions) has one other than its body and footer;
// 32,768 otherwise.
func bodyTextLimit(comps []*jsontree.Node, def *TemplateDef) int {
	for _, c := range comps {
		if typ, ok := c.Get("type").Str(); ok && !strings.EqualFold(typ, "body") {
			return bodyTextLimitShared
		}
	}
	if def != nil {
		for _, dc := range def.Components {
			if !strings.EqualFold(dc.Type, "BODY") && !strings.EqualFold(dc.Type, "FOOTER") {
				return bodyTextLimitShared
			}
		}
	}
	return bodyTextLimitAlone
}

var ruleTemplateParameterNameForm = &Rule{
	ID: "template-parameter-name-form", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 2000, CloudCode: 132000,
	Summary: "a parameter_name is not lower-case letters, digits and underscores",
	Doc: "A parameter's `parameter_name` names a variable of a named-parameter template, and Meta's template pages\n" +
		"allow a variable name only lower-case letters and underscores (`{{first_name}}`); digits are not stated but\n" +
		"accepted by the SDKs that check the form, so walint accepts them too. A name in another form (`firstName`,\n" +
		"`First Name`, `order-id`, a trailing space) can match no variable of an approved template, and the JavaScript\n" +
		"SDKs refuse it before sending. WhatsApp answers such a name as one the template does not have (132000, or\n" +
		"\"(#100) Invalid parameter\"). The fix is certain when only spaces around the name or its case are wrong\n" +
		"(`first_name `, `FIRST_NAME`), and, with the account's template definitions, when the name written in\n" +
		"snake_case is a variable of the component (`customerName` for `{{customer_name}}`); otherwise the hint\n" +
		"suggests the snake_case form. Parameters of carousel cards and of buttons are checked too. With definitions,\n" +
		"template-parameter-name leaves such names to this rule.",
	check: checkTemplateParameterNameForm,
}

func checkTemplateParameterNameForm(p *pass) {
	t, def := definition(p)
	for c := range templateComponentsDeep(p.root) {
		var vars []string
		if typ, _ := c.Get("type").Str(); def != nil && c.Parent == t.Get("components") {
			if dc := def.component(typ); dc != nil {
				vars = variables(dc.Text)
			}
		}
		for _, prm := range c.Get("parameters").Elems() {
			pn := prm.Get("parameter_name")
			name, ok := pn.Str()
			if !ok || name == "" || isSnakeCase(name) {
				continue // The schema reports an empty name.
			}
			msg := fmt.Sprintf("parameter_name %q is not lower-case letters, digits and underscores, the form of a template variable", truncate(name, 40))
			snake := snakeCase(name)
			switch {
			case isSnakeCase(snake) && (snake == strings.ToLower(strings.TrimSpace(name)) || slices.Contains(vars, snake)):
				p.ReportFix(pn, snake, fmt.Sprintf("Write %q, the variable's name as the template has it.", snake), "%s", msg)
			case isSnakeCase(snake):
				p.Reportf(pn, fmt.Sprintf("Write the name of the template's variable; did you mean %q?", snake), "%s", msg)
			default:
				p.Reportf(pn, "Write the name of the template's variable, as in {{first_name}}: lower-case letters, digits and underscores.", "%s", msg)
			}
		}
	}
}

// snakeCase writes name in snake_case: spaces around it dropped, capitals
// after a lower-case letter or digit, spaces and hyphens made word
// boundaries, runs of boundaries joined into one underscore.
func snakeCase(name string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range strings.TrimSpace(name) {
		switch {
		case r == ' ' || r == '-' || r == '_':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		case r >= 'A' && r <= 'Z':
			if prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9' {
				b.WriteByte('_')
			}
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}
