package schema

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/walint/walint/validate/internal/jsontree"
)

// Kind is what a Violation says.
type Kind uint8

// The kinds of violation, one for each keyword that can fail, and the one
// observation, NearMaxLength.
const (
	Type Kind = iota + 1
	Const
	Enum
	Required
	Additional // additionalProperties: false
	MinItems
	MaxItems
	MinLength
	MaxLength
	Pattern
	Minimum
	Maximum
	// NearMaxLength is no violation: the text is within its maxLength, by
	// less than 5% of it.
	NearMaxLength

	endKinds // after the last kind; a kind added goes before it
)

// Kinds returns every kind, in order.
func Kinds() []Kind {
	out := make([]Kind, 0, endKinds-1)
	for k := Type; k < endKinds; k++ {
		out = append(out, k)
	}
	return out
}

var kindNames = [...]string{Type: "type", Const: "const", Enum: "enum", Required: "required",
	Additional: "additionalProperties", MinItems: "minItems", MaxItems: "maxItems", MinLength: "minLength",
	MaxLength: "maxLength", Pattern: "pattern", Minimum: "minimum", Maximum: "maximum", NearMaxLength: "near maxLength"}

// String names the keyword that failed: "type", "maxLength"...
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Violation is one failed keyword at one value (or, for NearMaxLength, one
// observation), with what it was checked against.
type Violation struct {
	Kind Kind
	// Node is the value that failed: the object for Required and
	// Additional.
	Node *jsontree.Node
	// Schema is the schema whose keyword failed. Its annotations (Hint,
	// Expected, Rule, OpenVocabulary...) help explain the violation.
	Schema *Schema
	// Missing are the missing members (Required).
	Missing []string
	// Unknown are the members the schema does not define (Additional).
	Unknown []*jsontree.Node
	// Got is the text's length in code points (MinLength, MaxLength,
	// NearMaxLength) or the array's length (MinItems, MaxItems).
	Got int
	// Limit is the bound Got was held to: the minLength, the maxLength (also
	// for NearMaxLength, the limit the text is near), the minItems or the
	// maxItems.
	Limit int
	// Bound is the minimum or maximum the number broke (a copy: changing it
	// changes nothing in the schema).
	Bound *big.Rat
}

// nearMargin returns how far below a length limit a text counts as near it:
// 5%, and at least one character. For a limit of 1 nothing is near.
func nearMargin(limit int) int {
	if limit <= 1 {
		return 0
	}
	return max(1, limit/20)
}

// Eval evaluates s on n and returns what failed, and the texts near their
// limit, in evaluation order; nil when n is valid with no text near its
// limit. Overlapping schemas (a base schema and the branch its "type"
// picks) can find one fault twice; Eval reports both.
func Eval(s *Schema, n *jsontree.Node) []Violation {
	var e evaluator
	e.validate(s, n)
	return e.out
}

// valid reports whether n is valid against s (texts near their limit are).
func valid(s *Schema, n *jsontree.Node) bool {
	e := evaluator{quiet: true}
	return e.validate(s, n)
}

// RequiredBy returns, for each object below root (root included) that
// something requires members of when s is evaluated on root, the members
// required: the "required" of its own schema and of every branch its values
// pick. It evaluates the whole payload again, so it is for the rare
// question (is this null member one its object must have?), not for every
// payload; one call answers it for every object.
func RequiredBy(s *Schema, root *jsontree.Node) map[*jsontree.Node][]string {
	e := evaluator{required: map[*jsontree.Node][]string{}}
	e.validate(s, root)
	return e.required
}

// evaluator evaluates one payload, or, quiet, an if condition: that only
// answers whether the value is valid, and keeps no violation.
type evaluator struct {
	out    []Violation
	quiet  bool
	failed int // the failures so far

	// required, when not nil, collects the members required of each
	// object (RequiredBy).
	required map[*jsontree.Node][]string
}

// validate evaluates s on n and reports whether n is valid.
func (e *evaluator) validate(s *Schema, n *jsontree.Node) bool {
	if len(s.types) > 0 && !typeMatches(s.types, n) {
		return e.fail(Violation{Kind: Type, Node: n, Schema: s})
	}
	if s.hasConst && !equalsValue(n, s.constVal) {
		return e.fail(Violation{Kind: Const, Node: n, Schema: s})
	}
	if s.enum != nil && !slices.ContainsFunc(s.enum, func(v any) bool { return equalsValue(n, v) }) {
		return e.fail(Violation{Kind: Enum, Node: n, Schema: s})
	}
	before := e.failed
	if s.ref != nil {
		e.validate(s.ref, n)
	}
	switch n.Kind {
	case jsontree.Object:
		e.object(s, n)
	case jsontree.Array:
		e.array(s, n)
	case jsontree.String:
		e.string(s, n)
	case jsontree.Number:
		e.number(s, n)
	}
	if e.quiet && e.failed > before {
		return false
	}
	for _, sub := range s.allOf {
		if !e.validate(sub, n) && e.quiet {
			return false
		}
	}
	if s.ifS != nil {
		cond := evaluator{quiet: true}
		matched := cond.validate(s.ifS, n)
		if matched && s.thenS != nil {
			e.validate(s.thenS, n)
		} else if !matched && s.elseS != nil {
			e.validate(s.elseS, n)
		}
	}
	if n.Kind == jsontree.Object {
		for _, sw := range s.switches {
			value, _ := n.Get(sw.prop).Str()
			if branch := sw.cases[strings.ToLower(value)]; branch != nil {
				e.validate(branch, n)
			}
		}
	}
	return e.failed == before
}

func (e *evaluator) fail(v Violation) bool {
	e.failed++
	if !e.quiet {
		e.out = append(e.out, v)
	}
	return false
}

// observe records an observation, which is no failure.
func (e *evaluator) observe(v Violation) {
	if !e.quiet {
		e.out = append(e.out, v)
	}
}

func (e *evaluator) object(s *Schema, n *jsontree.Node) {
	if e.required != nil && len(s.required) > 0 {
		e.required[n] = append(e.required[n], s.required...)
	}
	var missing []string
	for _, name := range s.required {
		if n.Get(name) != nil {
			continue
		}
		if e.quiet {
			// An if condition such as {"required": ["status"]} only asks
			// whether the member is there: no list of the missing to build.
			e.fail(Violation{})
			return
		}
		missing = append(missing, name)
	}
	if missing != nil {
		e.fail(Violation{Kind: Required, Node: n, Schema: s, Missing: missing})
	}
	if s.propNames == nil && s.addl == nil && !s.noAddl {
		return
	}
	var unknown []*jsontree.Node
	for _, k := range n.Kids {
		if k.Shadowed {
			continue // a later member of the same name is the one that counts
		}
		if sub := s.Property(k.Key); sub != nil {
			e.validate(sub, k)
		} else if s.addl != nil {
			e.validate(s.addl, k)
		} else if s.noAddl {
			unknown = append(unknown, k)
		}
		if e.quiet && e.failed > 0 {
			return
		}
	}
	if unknown != nil {
		e.fail(Violation{Kind: Additional, Node: n, Schema: s, Unknown: unknown})
	}
}

func (e *evaluator) array(s *Schema, n *jsontree.Node) {
	if s.minItems >= 0 && len(n.Kids) < s.minItems {
		e.fail(Violation{Kind: MinItems, Node: n, Schema: s, Got: len(n.Kids), Limit: s.minItems})
	}
	if s.maxItems >= 0 && len(n.Kids) > s.maxItems {
		e.fail(Violation{Kind: MaxItems, Node: n, Schema: s, Got: len(n.Kids), Limit: s.maxItems})
	}
	if s.items != nil {
		for _, k := range n.Kids {
			e.validate(s.items, k)
		}
	}
}

func (e *evaluator) string(s *Schema, n *jsontree.Node) {
	// A string has between a quarter of its bytes and its bytes in
	// characters: most are within their bounds by that alone, uncounted.
	b := len(n.Text)
	within := (s.minLength < 0 || (b+3)/4 >= s.minLength) && (s.maxLength < 0 || b <= s.nearFrom)
	if !within {
		l := utf8.RuneCountInString(n.Text)
		if s.minLength >= 0 && l < s.minLength {
			e.fail(Violation{Kind: MinLength, Node: n, Schema: s, Got: l, Limit: s.minLength})
		}
		switch {
		case s.maxLength < 0:
		case l > s.maxLength:
			e.fail(Violation{Kind: MaxLength, Node: n, Schema: s, Got: l, Limit: s.maxLength})
		case l > s.nearFrom:
			e.observe(Violation{Kind: NearMaxLength, Node: n, Schema: s, Got: l, Limit: s.maxLength})
		}
	}
	if s.pattern != nil && !s.matches(n.Text) {
		e.fail(Violation{Kind: Pattern, Node: n, Schema: s})
	}
}

func (e *evaluator) number(s *Schema, n *jsontree.Node) {
	if s.minimum == nil && s.maximum == nil {
		return
	}
	var below, above bool
	if i, ok := smallInt(n); ok && s.intBounds {
		// Most numbers with a bound are small integers (an index, a count
		// of days): compared without building exact values.
		below = s.minimum != nil && i < s.minInt
		above = s.maximum != nil && i > s.maxInt
	} else {
		v := numberValue(n)
		below = s.minimum != nil && v.Cmp(s.minimum) < 0
		above = s.maximum != nil && v.Cmp(s.maximum) > 0
	}
	if below {
		e.fail(Violation{Kind: Minimum, Node: n, Schema: s, Bound: new(big.Rat).Set(s.minimum)})
	}
	if above {
		e.fail(Violation{Kind: Maximum, Node: n, Schema: s, Bound: new(big.Rat).Set(s.maximum)})
	}
}

// smallInt returns the value of a number written as an integer that an
// int64 holds (a sign and at most 18 digits always fit; ParseInt refuses the
// 19-digit ones that do not).
func smallInt(n *jsontree.Node) (int64, bool) {
	t := n.Text
	if n.Extreme || len(t) == 0 || len(t) > 19 || strings.ContainsAny(t, ".eE") {
		return 0, false
	}
	i, err := strconv.ParseInt(t, 10, 64)
	return i, err == nil
}

// numberValue is a number node's exact value. A number the parser found too
// long or too large counts as 0: it was reported already, and big.Rat would
// expand an exponent such as 1e999999 into a million digits.
func numberValue(n *jsontree.Node) *big.Rat {
	if n.Extreme {
		return new(big.Rat)
	}
	r, ok := new(big.Rat).SetString(n.Text)
	if !ok {
		return new(big.Rat)
	}
	return r
}

func typeMatches(types []string, n *jsontree.Node) bool {
	for _, t := range types {
		switch t {
		case "integer":
			if n.Kind == jsontree.Number && (n.Extreme || !strings.ContainsAny(n.Text, ".eE") || numberValue(n).IsInt()) {
				return true
			}
		default:
			if t == n.Kind.String() {
				return true
			}
		}
	}
	return false
}

// equalsValue compares a node with a const or enum value of a schema: a
// string, a number (*big.Rat), a bool or nil (compile allows no other).
func equalsValue(n *jsontree.Node, v any) bool {
	switch v := v.(type) {
	case string:
		return n.Kind == jsontree.String && n.Text == v
	case bool:
		return n.Kind == jsontree.Bool && n.Bool == v
	case nil:
		return n.Kind == jsontree.Null
	case *big.Rat:
		return n.Kind == jsontree.Number && numberValue(n).Cmp(v) == 0
	}
	return false
}

// matches reports whether text matches the schema's pattern.
func (s *Schema) matches(text string) bool {
	if s.simple != nil {
		return s.simple.match(text)
	}
	return s.pattern.MatchString(text)
}
