package validate

import (
	"slices"
	"strconv"
	"strings"
)

// This file reads the variables of a template text ({{1}}, {{first_name}})
// once, for every rule about variables and their samples.

// varKind says what a braced token of a template text is.
type varKind uint8

const (
	// varPositional is a number between double braces: {{1}}.
	varPositional varKind = iota + 1
	// varNamed is a name between double braces: {{first_name}}.
	varNamed
	// varBad is a token that looks meant as a variable but is not one: a
	// single or unbalanced brace ({1}, {{1}, {{1}}}), nothing between the
	// braces, or characters other than letters, digits and underscores.
	varBad
)

// textVar is one braced token of a template text.
type textVar struct {
	// start and end are the token's byte offsets in the text, braces
	// included; raw is the token.
	start, end int
	raw        string
	kind       varKind
	// name is what stands between the braces without the spaces around it
	// (for varPositional and varNamed).
	name string
	// num is a positional variable's number (at most 1e6: more is no
	// template's).
	num int
	// spaced says there are spaces inside the braces ({{ 1 }}); upper and
	// digits that a name has upper-case letters or digits.
	spaced, upper, digits bool
	// fault says, for varBad, what is wrong, for a message.
	fault string
}

// scanVars returns the braced tokens of text, in order. It never fails:
// text that is no variable at all (a lone brace before a space) is left
// out.
func scanVars(text string) []textVar {
	var out []textVar
	for i := 0; i < len(text); {
		switch text[i] {
		case '{':
			k := run(text, i, '{')
			x := i + k
			for x < len(text) && text[x] != '{' && text[x] != '}' {
				x++
			}
			if x == len(text) || text[x] == '{' {
				// Braces that open and never close before the next one.
				if k >= 2 {
					end := i + k + identLen(text[i+k:])
					out = append(out, textVar{start: i, end: end, raw: text[i:end], kind: varBad,
						fault: "its braces are not closed"})
				}
				i = x
				continue
			}
			m := run(text, x, '}')
			v := textVar{start: i, end: x + m, raw: text[i : x+m]}
			inner := text[i+k : x]
			switch {
			case k == 2 && m == 2:
				classifyVar(&v, inner)
				out = append(out, v)
			case k == 1 && m == 1:
				if inner != "" && identLen(inner) == len(inner) {
					v.kind, v.fault = varBad, "it has one brace on each side, where a variable has two"
					out = append(out, v)
				}
			default:
				v.kind, v.fault = varBad, "its braces do not pair: "+strconv.Itoa(k)+" open and "+strconv.Itoa(m)+" close"
				out = append(out, v)
			}
			i = x + m
		case '}':
			m := run(text, i, '}')
			if m >= 2 {
				out = append(out, textVar{start: i, end: i + m, raw: text[i : i+m], kind: varBad,
					fault: "it closes braces that were not opened"})
			}
			i += m
		default:
			i++
		}
	}
	return out
}

// run returns how many times c repeats in s from i.
func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// identLen returns the length of the run of ASCII letters, digits and
// underscores that s starts with.
func identLen(s string) int {
	n := 0
	for n < len(s) && isIdentByte(s[n]) {
		n++
	}
	return n
}

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// classifyVar sets what v is from inner, what stands between its double
// braces.
func classifyVar(v *textVar, inner string) {
	name := strings.TrimSpace(inner)
	v.spaced = name != inner
	switch {
	case name == "":
		v.kind, v.fault = varBad, "there is nothing between its braces"
	case identLen(name) != len(name):
		v.kind, v.fault = varBad, "it holds characters other than letters, digits and underscores"
	case allIn(name, '0', '9'):
		v.kind, v.name, v.num = varPositional, name, 1_000_001
		if n, err := strconv.Atoi(name); err == nil && n <= 1_000_000 {
			v.num = n
		}
	default:
		v.kind, v.name = varNamed, name
		v.upper = strings.ToLower(name) != name
		v.digits = strings.ContainsAny(name, "0123456789")
	}
}

// isVar reports whether v is a variable, positional or named.
func (v *textVar) isVar() bool { return v.kind == varPositional || v.kind == varNamed }

// variableSet is what the variables of one text are.
type variableSet struct {
	// positional are the distinct numbers, named the distinct names, in
	// order of first appearance.
	positional []int
	named      []string
	// count is the number of variables, repeats included; bad says a token
	// is malformed (varBad).
	count int
	bad   bool
}

// variablesOf sums up the variables among vars.
func variablesOf(vars []textVar) variableSet {
	var s variableSet
	for i := range vars {
		v := &vars[i]
		switch v.kind {
		case varPositional:
			s.count++
			if !slices.Contains(s.positional, v.num) {
				s.positional = append(s.positional, v.num)
			}
		case varNamed:
			s.count++
			if !slices.Contains(s.named, v.name) {
				s.named = append(s.named, v.name)
			}
		case varBad:
			s.bad = true
		}
	}
	return s
}
