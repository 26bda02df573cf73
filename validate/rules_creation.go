package validate

import (
	"strings"
)

// The rules of template creation and edit bodies (TEMPLATE-CREATION.md in
// the project's shared documents): what the API refuses at once is an
// error, with the code and subcode Meta answers; what Meta's review
// rejects later is an error with the review's reason; what rests on
// third-party reports or on sources that disagree is a warning.

var ruleCreationName = &Rule{
	ID: "creation-name", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100, Subcode: 2388046,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template's name is not lower-case letters, digits and underscores",
	Doc: `A template's name may hold only lower-case ASCII letters, digits and underscores, up to 512 characters
(Template fundamentals). Meta refuses any other name at creation: a real answer reads "(#100) Invalid parameter",
error_subcode 2388046, "Name Format is Incorrect: The message template name can only have lowercase letters and
underscores." The hint gives the name to use: lower case, with an underscore for each run of spaces and hyphens
and between the words of a camelCase name, other characters left out. A leading digit or a double underscore is allowed (Meta's own example name is
"2023_april_promo").`,
	check: checkCreationName,
}

func checkCreationName(p *pass) {
	n := p.root.Get("name")
	name, ok := n.Str()
	if !ok || name == "" || isSnakeCase(name) {
		return // absent, empty or not a string: required-field and wrong-type say so
	}
	hint := "Use lower-case letters, digits and underscores only."
	if s := suggestTemplateName(name); s != "" {
		hint = "Name it \"" + s + "\": lower-case letters, digits and underscores only."
	}
	p.Reportf(n, hint, "template name %q has %s; a name holds only lower-case letters, digits and underscores", name, nameFault(name))
}

// nameFault says what in name is not allowed, for the message: the first
// kind of fault found.
func nameFault(name string) string {
	switch {
	case strings.ContainsAny(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
		return "upper-case letters"
	case strings.Contains(name, " "):
		return "a space"
	case strings.Contains(name, "-"):
		return "a hyphen"
	}
	return "other characters"
}

// suggestTemplateName returns the valid name closest to name: lower case,
// one underscore for each run of spaces, hyphens and dots and before a
// capital that follows a lower-case letter or a digit (OrderUpdate is
// order_update), other characters left out; "" when nothing is left.
func suggestTemplateName(name string) string {
	var b strings.Builder
	sep, lowerBefore := false, false
	for _, r := range name {
		capital := r >= 'A' && r <= 'Z'
		switch {
		case capital || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_':
			if (sep || capital && lowerBefore) && b.Len() > 0 {
				b.WriteByte('_')
			}
			sep, lowerBefore = false, !capital && r != '_'
			if capital {
				r += 'a' - 'A'
			}
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '\t':
			sep, lowerBefore = true, false
		}
	}
	return b.String()
}
