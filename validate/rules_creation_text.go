package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules of the variables in a template's texts: the text header, the
// body and the bodies of carousel cards (TEMPLATE-CREATION.md §4, §5).

// textSite is a text of a template body that may hold variables.
type textSite struct {
	// comp is the component, text its text (a string node, whose Text is
	// the string the variables were read from).
	comp, text *jsontree.Node
	// header says the text is a TEXT header's; otherwise it is a body's
	// (the template's or a carousel card's).
	header bool
	// where names the text for a message: "header", "body" or "card 2 body".
	where string
	vars  []textVar
	set   variableSet
}

// creationTexts returns the texts of the body that may hold variables, in
// order, with their variables, finding them on the first call.
func (p *pass) creationTexts() []textSite {
	t := p.template()
	if t.textsDone {
		return t.texts
	}
	t.textsDone = true
	add := func(comp *jsontree.Node, header bool, where string) {
		text := comp.Get("text")
		s, ok := text.Str()
		if !ok {
			return
		}
		vars := scanVars(s)
		t.texts = append(t.texts, textSite{comp: comp, text: text, header: header, where: where, vars: vars, set: variablesOf(vars)})
	}
	if t.header != nil && upper(t.header, "format") == "TEXT" {
		add(t.header, true, "header")
	}
	if t.body != nil && !authenticationLike(t) {
		// An authentication template's body has no text of its own:
		// creation-authentication reports one, whatever its variables.
		add(t.body, false, "body")
	}
	for i, card := range t.carousel.Get("cards").Elems() {
		for _, c := range card.Get("components").Elems() {
			if upper(c, "type") == "BODY" {
				add(c, false, "card "+strconv.Itoa(i)+" body")
				break
			}
		}
	}
	return t.texts
}

// twoBraces is the hint of a malformed variable.
const twoBraces = "Write each variable with two braces on each side and nothing else inside: {{1}}, {{2}} … or {{first_name}}."

var ruleCreationVariableSyntax = &Rule{
	ID: "creation-variable-syntax", Severity: SeverityError, Certainty: CertaintyDocumented, Review: "INVALID_FORMAT",
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template text has a variable that is not written {{1}} or {{name}}",
	Doc: `A variable of a template's text header or body is a number (` + "`{{1}}`" + `) or a name of lower-case letters and
underscores (` + "`{{first_name}}`" + `) between double braces (Template fundamentals). Meta's review rejects a template
with malformed or mismatched braces (` + "`{1}`, `{{1}`, `{{1}}}`" + `) or special characters inside a variable
(` + "`{{#1}}`, `{{first-name}}`" + `) as INVALID_FORMAT (Template review, "Common rejection reasons"); the API accepts the
body. A name with upper-case letters is an error too, with the snake_case name as the hint. Spaces inside the braces
(` + "`{{ 1 }}`" + `) are rejected by third-party accounts only, and digits in a name (` + "`{{line1}}`" + `) are not stated
by Meta (SDKs accept them): both are warnings. A lone brace that does not enclose a word (` + "`{ … }`" + ` in prose) is
left alone.`,
	check: checkCreationVariableSyntax,
}

func checkCreationVariableSyntax(p *pass) {
	for _, s := range p.creationTexts() {
		for _, v := range s.vars {
			switch {
			case v.kind == varBad:
				p.reportIn(s.text, v.start, v.end, 0, twoBraces, "%s text has %q, which is not a variable: %s", s.where, v.raw, v.fault)
			case v.upper:
				p.reportIn(s.text, v.start, v.end, 0, "Name it {{"+snakeCase(v.name)+"}}, in lower-case letters and underscores, in the text and in its sample.",
					"%s variable %q has upper-case letters; a variable's name is lower-case letters and underscores", s.where, v.raw)
			case v.spaced:
				p.reportIn(s.text, v.start, v.end, SeverityWarning, "Write it "+strings.ReplaceAll(v.raw, " ", "")+", without spaces inside the braces.",
					"%s variable %q has spaces inside its braces, which are reported to get templates rejected", s.where, v.raw)
			case v.digits:
				p.reportIn(s.text, v.start, v.end, SeverityWarning, "Prefer a name of letters and underscores only, such as {{"+strings.Trim(strings.Map(dropDigit, v.name), "_")+"}} or a word for the number.",
					"%s variable %q has digits in its name; Meta names variables with lower-case letters and underscores", s.where, v.raw)
			}
		}
	}
}

func dropDigit(r rune) rune {
	if r >= '0' && r <= '9' {
		return -1
	}
	return r
}

var ruleCreationVariableSequence = &Rule{
	ID: "creation-variable-sequence", Severity: SeverityError, Certainty: CertaintyDocumented, Review: "INVALID_FORMAT",
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template text's positional variables do not run from {{1}} without a gap",
	Doc: `The positional variables of a template's text header and of its body are numbered each from ` + "`{{1}}`" + `, in
sequence: ` + "`{{1}}`, `{{2}}`, `{{3}}`" + ` (Template fundamentals). A gap (` + "`{{1}}` … `{{3}}`" + `) or a start at
` + "`{{2}}`" + ` is among the common rejection reasons of Template review ("non-sequential variables"), so the finding
predicts the review's INVALID_FORMAT rather than an answer of the API. A number may repeat, and the order in which
they appear is not checked.`,
	check: checkCreationVariableSequence,
}

func checkCreationVariableSequence(p *pass) {
	for _, s := range p.creationTexts() {
		nums := s.set.positional
		if len(nums) == 0 {
			continue
		}
		missing := 0
		for want := 1; want <= len(nums); want++ {
			if !slices.Contains(nums, want) {
				missing = want
				break
			}
		}
		if missing == 0 {
			continue
		}
		hint := fmt.Sprintf("Number the %s's variables {{1}} to {{%d}}, without a gap, and give a sample for each in that order.", s.where, len(nums))
		if len(nums) == 1 {
			hint = "Number the " + s.where + "'s variable {{1}}."
		}
		p.Reportf(s.text, hint,
			"%s variables are %s: {{%d}} is missing; positional variables run from {{1}} without a gap", s.where, strings.Join(braced(nums), ", "), missing)
	}
}

// braced writes variables for a message as a text has them: {{1}},
// {{first_name}}.
func braced[T int | string](vars []T) []string {
	out := make([]string, len(vars))
	for i, v := range vars {
		out[i] = fmt.Sprintf("{{%v}}", v)
	}
	return out
}

var ruleCreationHeaderVariables = &Rule{
	ID: "creation-header-variables", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's text header has more than one variable",
	Doc: `A TEXT header holds at most one variable (Template components, "Text headers"); Meta refuses the body with
"(#100) Invalid parameter". A header may end with its variable (` + "`Act fast, {{1}}!`" + `).`,
	check: checkCreationHeaderVariables,
}

func checkCreationHeaderVariables(p *pass) {
	for _, s := range p.creationTexts() {
		if s.header && s.set.count > 1 {
			p.Reportf(s.text, "Keep one variable in the header and move the others to the body.",
				"header text has %d variables; a text header has at most one", s.set.count)
		}
	}
}

var ruleCreationVariableEdge = &Rule{
	ID: "creation-variable-edge", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100, Subcode: 2388299,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's body starts or ends with a variable",
	Doc: `A template's body (and a carousel card's body) must not start or end with a variable: Meta refuses it with
"(#100) Invalid parameter", error_subcode 2388299, "Leading or trailing params not allowed: Variables can't be at
the start or end of the template" (error codes page; real answers agree). A header may end with its variable, and
Template Library bodies are exempt. A body whose last variable is followed only by punctuation
(` + "`… is {{order_number}}.`" + `) is a warning: two third parties report it still counts as trailing, while Meta's
own example in Template fundamentals ends that way.`,
	check: checkCreationVariableEdge,
}

func checkCreationVariableEdge(p *pass) {
	for _, s := range p.creationTexts() {
		if s.header {
			continue
		}
		text := s.text.Text
		first, last := firstVar(s.vars), lastVar(s.vars)
		if first == nil {
			continue
		}
		starts := strings.TrimLeftFunc(text[:first.start], unicode.IsSpace) == ""
		tail := text[last.end:]
		if starts && strings.TrimRightFunc(tail, unicode.IsSpace) == "" {
			p.Reportf(s.text, "Write the "+s.where+" as a sentence with fixed text before "+first.raw+" and after "+last.raw+".",
				"%s starts and ends with a variable; a body must not start or end with a variable", s.where)
			continue
		}
		if starts {
			p.reportIn(s.text, first.start, first.end, 0, "Start the "+s.where+" with fixed text before "+first.raw+", such as a greeting (\"Hello "+first.raw+", …\").",
				"%s starts with the variable %s; a body must not start or end with a variable", s.where, first.raw)
		}
		switch {
		case strings.TrimRightFunc(tail, unicode.IsSpace) == "":
			p.reportIn(s.text, last.start, last.end, 0, "End the "+s.where+" with fixed text after "+last.raw+": a closing sentence, such as \"… "+last.raw+". Thank you for your order.\"",
				"%s ends with the variable %s; a body must not start or end with a variable", s.where, last.raw)
		case strings.TrimFunc(tail, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "":
			p.reportIn(s.text, last.start, last.end, SeverityWarning, "End the "+s.where+" with words after "+last.raw+", not only punctuation: add a closing sentence, such as \"… "+last.raw+". Thank you!\"",
				"%s ends with the variable %s followed only by %q, which is reported to count as ending with a variable", s.where, last.raw, strings.TrimSpace(tail))
		}
	}
}

// firstVar and lastVar return the first and the last variable of vars, or
// nil.
func firstVar(vars []textVar) *textVar {
	for i := range vars {
		if vars[i].isVar() {
			return &vars[i]
		}
	}
	return nil
}

func lastVar(vars []textVar) *textVar {
	for i := len(vars) - 1; i >= 0; i-- {
		if vars[i].isVar() {
			return &vars[i]
		}
	}
	return nil
}

var ruleCreationVariableAdjacent = &Rule{
	ID: "creation-variable-adjacent", Severity: SeverityError, Certainty: CertaintyDocumented, Review: "INVALID_FORMAT",
	kinds: forTemplates, Since: "1.1.0",
	Summary: "two variables of a template text stand next to each other",
	Doc: `Two variables must not stand next to each other (` + "`{{1}}{{2}}`" + `): Meta's review rejects the template as
INVALID_FORMAT, with the rejection_info reason "parameters placed next to each other … without text or punctuation"
(message_template_status_update webhook reference). Variables separated only by spaces (` + "`{{1}} {{2}}`" + `) are
reported by third parties to count as adjacent: a warning.`,
	check: checkCreationVariableAdjacent,
}

func checkCreationVariableAdjacent(p *pass) {
	for _, s := range p.creationTexts() {
		text := s.text.Text
		var prev *textVar
		for i := range s.vars {
			v := &s.vars[i]
			if !v.isVar() {
				continue
			}
			if prev != nil {
				between := text[prev.end:v.start]
				hint := "Put words or punctuation between " + prev.raw + " and " + v.raw + ", or make them one variable."
				switch {
				case between == "":
					p.reportIn(s.text, prev.start, v.end, 0, hint, "%s has the variables %s%s next to each other, with nothing between them", s.where, prev.raw, v.raw)
				case strings.TrimSpace(between) == "":
					p.reportIn(s.text, prev.start, v.end, SeverityWarning, hint, "%s has the variables %s and %s separated only by spaces, which is reported to count as next to each other", s.where, prev.raw, v.raw)
				}
			}
			prev = v
		}
	}
}

var ruleCreationVariableRatio = &Rule{
	ID: "creation-variable-ratio", Severity: SeverityWarning, Certainty: CertaintyHeuristic, CloudCode: 100, Subcode: 2388293,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's body has many variables for its few words",
	Doc: `Meta refuses a body with too many variables for its length: "(#100) Invalid parameter", error_subcode
2388293, "Parameters words ratio exceeds limit: This template has too many variables for its length" (error codes
page; a real answer agrees). The limit is not published; walint warns when a body (or a carousel card's body) with
x variables has fewer than 2x+1 words of fixed text, a threshold one third party gives and that every body of
Meta's own examples passes.`,
	check: checkCreationVariableRatio,
}

func checkCreationVariableRatio(p *pass) {
	for _, s := range p.creationTexts() {
		if s.header || s.set.count == 0 {
			continue
		}
		text := s.text.Text
		words, x := fixedWords(text, s.vars), s.set.count
		if words < 2*x+1 {
			p.Reportf(s.text, fmt.Sprintf("Write at least %s of fixed text around the %s, or use fewer variables.", plural(2*x+1, "word"), plural(x, "variable")),
				"%s has %s and %s of fixed text; Meta refuses bodies with too many variables for their length", s.where, plural(x, "variable"), plural(words, "word"))
		}
	}
}

// fixedWords counts the words of text outside its variables: runs between
// spaces that hold a letter or a digit.
func fixedWords(text string, vars []textVar) int {
	var b strings.Builder
	at := 0
	for _, v := range vars {
		if v.isVar() {
			b.WriteString(text[at:v.start])
			b.WriteByte(' ')
			at = v.end
		}
	}
	b.WriteString(text[at:])
	n := 0
	for _, w := range strings.Fields(b.String()) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
