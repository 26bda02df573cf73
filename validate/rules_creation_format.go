package validate

import (
	"slices"
	"strings"
)

// The rules of what a template's text header and footer may hold besides
// their length (TEMPLATE-CREATION.md §5).

var ruleCreationHeaderText = &Rule{
	ID: "creation-header-text", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100, Subcode: 2388047,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's text header has a line break, an emoji or formatting characters",
	Doc: `A TEXT header is one line of plain text, up to 60 characters, with at most one variable (Template components).
Meta answers a header with a line break or an emoji with "(#100) Invalid parameter", error_subcode 2388047,
"Message header format is incorrect" (the error codes page names the subcode; codebases that measured the live API
name line breaks and emoji as its causes). Template components also asks to avoid WhatsApp's formatting characters
in a header (` + "`*`, `_`, `~`, `` ` ``" + `), which a header does not render and which are reported to get the same
answer: a warning.`,
	check: checkCreationHeaderText,
}

func checkCreationHeaderText(p *pass) {
	for _, s := range p.creationTexts() {
		if !s.header {
			continue
		}
		text := s.text.Text
		if i := strings.IndexAny(text, "\r\n"); i >= 0 {
			p.reportIn(s.text, i, i+1, 0, "Write the header on one line; put what follows into the body.",
				"header text has a line break; a text header is one line")
		}
		if e := firstEmoji(text); e != "" {
			i := strings.Index(text, e)
			p.reportIn(s.text, i, i+len(e), 0, "Remove the emoji from the header; the body may have emoji.",
				"header text has the emoji %s; a text header cannot have emoji", e)
		}
		if i, c := formattingChar(text, s.vars); i >= 0 {
			p.reportIn(s.text, i, i+1, SeverityWarning, "Remove the formatting characters: a header is shown as plain text, and Meta asks to leave them out.",
				"header text has the formatting character %q, which a header does not render", c)
		}
	}
}

// formattingChar returns the offset of the first of WhatsApp's formatting
// characters (* _ ~ `) in text outside vars, its braced tokens (whose names
// have underscores), and the character; -1 when there is none.
func formattingChar(text string, vars []textVar) (int, string) {
	for i := 0; i < len(text); i++ {
		inVar := func(v textVar) bool { return i >= v.start && i < v.end }
		if strings.IndexByte("*_~`", text[i]) >= 0 && !slices.ContainsFunc(vars, inVar) {
			return i, text[i : i+1]
		}
	}
	return -1, ""
}

var ruleCreationFooterVariables = &Rule{
	ID: "creation-footer-variables", Severity: SeverityWarning, Certainty: CertaintyHeuristic, CloudCode: 100, Subcode: 2388073,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's footer has a variable",
	Doc: `A footer is fixed text of up to 60 characters (Template components), and its component takes no example, so
a variable there has no sample. The error codes page lists 2388073, "Message footer format is incorrect", which
codebases report for variables in a footer; Meta's catalog template page, though, says footer variables are
supported. The sources disagree, so this is a warning.`,
	check: checkCreationFooterVariables,
}

func checkCreationFooterVariables(p *pass) {
	t := p.template()
	if t.footer == nil {
		return
	}
	n := t.footer.Get("text")
	text, ok := n.Str()
	if !ok {
		return
	}
	// A footer is not among creationTexts: only this rule reads its
	// variables.
	if v := firstVar(scanVars(text)); v != nil {
		p.reportIn(n, v.start, v.end, 0, "Write the footer as fixed text, and put "+v.raw+" in the body.",
			"footer has the variable %s; a footer is fixed text", v.raw)
	}
}
