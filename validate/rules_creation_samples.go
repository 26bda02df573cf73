package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// The rules of the samples (example) of a template's text header and
// bodies (TEMPLATE-CREATION.md §4). Those of media headers and buttons are
// the rules of components.

// positionalKey and namedKey are the members of a text's example that give
// the samples of its positional and its named variables.
func (s *textSite) positionalKey() string {
	if s.header {
		return "header_text"
	}
	return "body_text"
}

func (s *textSite) namedKey() string { return s.positionalKey() + "_named_params" }

var ruleCreationSampleCount = &Rule{
	ID: "creation-sample-count", Severity: SeverityError, Certainty: CertaintyDocumented, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template text's samples do not match its variables",
	Doc: `Every variable of a template's text header and body needs a sample in the component's ` + "`example`" + `
(Template components): ` + "`header_text`" + ` and ` + "`body_text`" + ` for positional variables, one string each in the
order of the variables; ` + "`header_text_named_params`" + ` and ` + "`body_text_named_params`" + ` for named ones, an object
` + "`{\"param_name\", \"example\"}`" + ` for each variable, in any order. Without an ` + "`example`" + ` Meta answers "(#100)
Invalid parameter" with error_subcode 2388043, "BODY is missing expected field(s) (example)" (real answers). The
number of samples must equal the number of variables (product card carousel page: "Number of strings must
match"), and a named sample must name a variable of the text. Samples given for a text without variables are a
warning: they are left unused at best.`,
	check: checkCreationSampleCount,
}

func checkCreationSampleCount(p *pass) {
	texts := p.creationTexts()
	for i := range texts {
		s := &texts[i]
		named, positional := len(s.set.named) > 0, len(s.set.positional) > 0
		ex := s.comp.Get("example")
		if !named && !positional && !s.set.bad {
			for _, key := range []string{s.positionalKey(), s.namedKey()} {
				if n := ex.Get(key); n != nil {
					p.reportGraded(n, SeverityWarning, noCode, "Remove the samples, or add the variables they are for to the "+s.where+" text.",
						"%s gives %s, but the %s text has no variables", s.where, key, s.where)
				}
			}
			continue
		}
		if named && positional || s.set.bad {
			continue // creation-parameter-format reports the mix, creation-variable-syntax a malformed variable
		}
		if ex == nil {
			p.reportMissingMember(s.comp, "example", "Add \"example\": "+sampleSketch(s)+", with a realistic value for each variable.",
				"%s text has %s and no example; each variable needs a sample", s.where, s.describeVars())
			continue
		}
		if ex.Kind != jsontree.Object {
			continue // the schema pass reports an example that is not an object
		}
		n := sampleMember(p, s, ex, named)
		switch {
		case n == nil: // reported
		case named:
			checkNamedSamples(p, s, n)
		default:
			checkPositionalSamples(p, s, n)
		}
	}
}

// sampleMember returns the member of ex, the example of s, that gives the
// samples of its variables (named says they are named), or reports that
// ex lacks it and returns nil. When ex gives the member of the other form
// instead, the message says what that one is for.
func sampleMember(p *pass, s *textSite, ex *jsontree.Node, named bool) *jsontree.Node {
	key, other, otherForm := s.positionalKey(), s.namedKey(), "named"
	hint := "Give the samples as " + strings.Trim(sampleSketch(s), "{}") + ", one for each variable in order."
	if named {
		key, other, otherForm = other, key, "positional"
		hint = "Give the samples as " + strings.Trim(sampleSketch(s), "{}") + "."
	}
	if n := ex.Get(key); n != nil {
		return n
	}
	msg := fmt.Sprintf("%s text has %s and its example has no %s", s.where, s.describeVars(), key)
	if ex.Get(other) != nil {
		msg += "; " + other + " is for " + otherForm + " variables"
	}
	p.reportMissingMember(ex, key, hint, "%s", msg)
	return nil
}

// describeVars writes the variables of s for a message: "2 variables
// ({{1}}, {{2}})".
func (s *textSite) describeVars() string {
	names := append(braced(s.set.positional), braced(s.set.named)...)
	if len(names) == 1 {
		return "the variable " + names[0]
	}
	return strconv.Itoa(len(names)) + " variables (" + strings.Join(names, ", ") + ")"
}

// sampleSketch writes the example that s needs, with "…" for each sample.
func sampleSketch(s *textSite) string {
	var parts []string
	if len(s.set.named) > 0 {
		for _, n := range s.set.named {
			parts = append(parts, `{"param_name": "`+n+`", "example": "…"}`)
		}
		return `{"` + s.namedKey() + `": [` + strings.Join(parts, ", ") + `]}`
	}
	for range s.set.positional {
		parts = append(parts, `"…"`)
	}
	list := "[" + strings.Join(parts, ", ") + "]"
	if !s.header {
		list = "[" + list + "]"
	}
	return `{"` + s.positionalKey() + `": ` + list + `}`
}

// checkPositionalSamples checks n, the samples of the positional variables
// of s.
func checkPositionalSamples(p *pass, s *textSite, n *jsontree.Node) {
	key := s.positionalKey()
	samples, ok := positionalSamples(n)
	if !ok {
		return // creation-sample-shape reports the shape
	}
	if want := len(s.set.positional); len(samples) != want {
		p.Reportf(n, fmt.Sprintf("Give %d samples, one for each variable in the order they appear.", want),
			"%s gives %s for %s; the number of samples must equal the number of variables", key, plural(len(samples), "sample"), s.describeVars())
	}
}

// positionalSamples returns the samples of a body_text or header_text
// value: a string is one, a list of strings its elements, a list holding a
// list of strings (Meta's documented body_text) the inner list's. ok is
// false for any other shape.
func positionalSamples(n *jsontree.Node) (samples []*jsontree.Node, ok bool) {
	switch n.Kind {
	case jsontree.String:
		return []*jsontree.Node{n}, true
	case jsontree.Array:
		if len(n.Kids) == 1 && n.Kids[0].Kind == jsontree.Array {
			n = n.Kids[0]
		}
		for _, k := range n.Kids {
			if k.Kind != jsontree.String {
				return nil, false
			}
		}
		return n.Kids, true
	}
	return nil, false
}

// checkNamedSamples checks n, the samples of the named variables of s.
func checkNamedSamples(p *pass, s *textSite, n *jsontree.Node) {
	key := s.namedKey()
	if n.Kind != jsontree.Array {
		return // creation-sample-shape
	}
	for _, param := range n.Kids {
		if _, ok := param.Get("param_name").Str(); !ok {
			return // creation-sample-shape reports the sample
		}
	}
	given := firstSeen{}
	for _, param := range n.Kids {
		pn := param.Get("param_name")
		name, _ := pn.Str()
		if first, dup := given.first(name, pn); dup {
			p.reportRepeat(pn, first, "Give one sample for each variable: remove this one.", "%s gives a second sample for {{%s}}", key, name)
			continue
		}
		if !slices.Contains(s.set.named, name) {
			p.Reportf(pn, "Name a variable of the "+s.where+" text ("+strings.Join(braced(s.set.named), ", ")+"), or remove this sample.",
				"%s names %q, which is not a variable of the %s text", key, name, s.where)
		}
	}
	for _, name := range s.set.named {
		if _, ok := given[name]; !ok {
			p.Reportf(n, "Add {\"param_name\": \""+name+"\", \"example\": \"…\"} to "+key+".",
				"%s has no sample for the %s variable {{%s}}", key, s.where, name)
		}
	}
}

var ruleCreationSampleShape = &Rule{
	ID: "creation-sample-shape", Severity: SeverityError, Certainty: CertaintyObserved, CloudCode: 100,
	kinds: forTemplates, Since: "1.1.0",
	Summary: "a template text's samples are not in the shape Meta reads, or are empty",
	Doc: `Meta reads the samples of a body's positional variables as a list holding one list of strings,
` + "`\"body_text\": [[\"Ana\", \"W-88213\"]]`" + ` (Template fundamentals, Template components); a body with one variable may
give a one-element flat list or a plain string (` + "`\"body_text\": \"Ana\"`" + `, product card carousel page). A flat list
for two or more variables (` + "`\"body_text\": [\"Ana\", \"W-88213\"]`" + `) is refused, "BODY component does not contain
the expected field(s) (example)" (real answers, megaapp977/stack #324; the components page itself shows the flat form
once): the fix wraps it in a list. A header's samples are a flat list, ` + "`\"header_text\": [\"Ana\"]`" + `; a nested list
there is a warning with the flat list as fix. Named samples are a list of objects, each with a string
` + "`param_name`" + ` and a string ` + "`example`" + `. An empty sample is refused too (code comments of several projects:
"Meta rejects empty strings in example").`,
	check: checkCreationSampleShape,
}

func checkCreationSampleShape(p *pass) {
	for _, s := range p.creationTexts() {
		ex := s.comp.Get("example")
		if n := ex.Get(s.positionalKey()); n != nil {
			checkPositionalShape(p, &s, n)
		}
		if n := ex.Get(s.namedKey()); n != nil {
			checkNamedShape(p, &s, n)
		}
	}
}

func checkPositionalShape(p *pass, s *textSite, n *jsontree.Node) {
	key := s.positionalKey()
	samples, ok := positionalSamples(n)
	if !ok {
		what := article(n.Kind.String()) + " " + n.Kind.String()
		if n.Kind == jsontree.Array {
			what = "a list of something other than strings"
			if len(n.Kids) > 1 && n.Kids[0].Kind == jsontree.Array {
				what = "a list of " + strconv.Itoa(len(n.Kids)) + " lists"
			}
		}
		p.Reportf(n, "Write "+strings.Trim(sampleSketch(s), "{}")+": strings only, one for each variable.",
			"%s is %s, not %s", key, what, shapeName(s))
		return
	}
	flat := n.Kind == jsontree.Array && (len(n.Kids) == 0 || n.Kids[0].Kind == jsontree.String)
	switch {
	case !s.header && flat && len(n.Kids) >= 2:
		p.ReportFix(n, [][]string{stringsOf(n.Kids)}, "Wrap the samples in a second list: [[…]], one list holding one string for each variable.",
			"body_text is a flat list of %d strings; Meta reads a list holding one list of strings, such as [[\"Ana\", \"W-88213\"]]", len(n.Kids))
	case s.header && n.Kind == jsontree.Array && !flat:
		p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), sev: SeverityWarning, fix: fixOrNil(stringsOf(samples)),
			hint: "Write header_text as a flat list of strings, as Meta documents it: [\"Ana\"].",
			msg:  "header_text is a list of lists; Meta documents a flat list of strings, such as [\"Ana\"]"})
	case s.header && n.Kind == jsontree.String:
		p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), sev: SeverityWarning, fix: fixOrNil([]string{n.Text}),
			hint: "Write header_text as a list of strings: [\"" + n.Text + "\"].",
			msg:  "header_text is a string; Meta documents a list of strings, such as [\"Ana\"]"})
	}
	for _, smp := range samples {
		if strings.TrimSpace(smp.Text) == "" {
			p.Reportf(smp, "Write a realistic value for the variable, such as a name, a date or an order number.", "%s has an empty sample", key)
		}
	}
}

// shapeName says what shape the samples of s take, for a message.
func shapeName(s *textSite) string {
	if s.header {
		return "a list of strings"
	}
	return "a list holding one list of strings"
}

func checkNamedShape(p *pass, s *textSite, n *jsontree.Node) {
	key := s.namedKey()
	if n.Kind != jsontree.Array {
		p.Reportf(n, "Write "+key+" as a list of objects: [{\"param_name\": \"first_name\", \"example\": \"Ana\"}].",
			"%s is %s %s, not a list of {param_name, example} objects", key, article(n.Kind.String()), n.Kind)
		return
	}
	for _, param := range n.Kids {
		if param.Kind != jsontree.Object {
			p.Reportf(param, "Write each sample as {\"param_name\": \"first_name\", \"example\": \"Ana\"}.",
				"%s holds %s %s, not a {param_name, example} object", key, article(param.Kind.String()), param.Kind)
			continue
		}
		for _, member := range []string{"param_name", "example"} {
			v := param.Get(member)
			str, ok := v.Str()
			switch {
			case v == nil:
				p.ReportMissing(param, member, "Write each sample as {\"param_name\": \"first_name\", \"example\": \"Ana\"}.",
					"a sample of %s has no %s", key, member)
			case !ok:
				p.Reportf(v, "Write "+member+" as a string.", "%s of a sample of %s is %s %s, not a string", member, key, article(v.Kind.String()), v.Kind)
			case strings.TrimSpace(str) == "":
				hint := "Write a realistic value for the variable, such as a name, a date or an order number."
				if member == "param_name" {
					hint = "Write the name of the variable the sample is for, without braces."
				}
				p.Reportf(v, hint, "a sample of %s has an empty %s", key, member)
			}
		}
	}
}

// stringsOf returns the texts of string nodes.
func stringsOf(ns []*jsontree.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}

// fixOrNil encodes a fix for a report; nil (no fix) if it cannot be.
func fixOrNil(v any) json.RawMessage {
	raw, err := marshalFix(v)
	if err != nil {
		return nil
	}
	return raw
}
