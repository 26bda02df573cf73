package validate

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The schema pass evaluates walint's schemas (schemas/, JSON Schema 2020-12)
// with an evaluator of its own, which walks the position-keeping tree the
// parser built: no conversion to maps, and for a valid payload no
// allocation but the exact values of the few numbers with a minimum or
// maximum. It knows only the keywords the schemas use and refuses to compile
// any other, so a schema edit cannot silently lose a check.
// santhosh-tekuri/jsonschema is the reference: the tests compile the same
// documents with it (which also checks them against the 2020-12
// meta-schema), and TestEvaluatorAgreesWithJSONSchema and FuzzSchemaEval
// require the same violations from both on every fixture, the shared corpus
// and whatever the fuzzer finds (the reference is given the tree as maps,
// with the numbers too long or large to evaluate as 0, as the evaluator
// takes them). The evaluation order (types, const, enum, $ref, object,
// array, string and number keywords, allOf, if, x-switch) is the
// reference's, so schemaPass, which keeps the first violation of a kind at
// a place, keeps the same one.

// schemaNode is a compiled schema object.
type schemaNode struct {
	doc map[string]any // the schema object itself: its x-hint, x-expected, enum and const explain violations

	types     []string // "type", in the reference's order (null, boolean, number, integer, string, array, object)
	hasConst  bool
	constVal  any
	enum      []any
	ref       *schemaNode
	required  []string
	props     map[string]*schemaNode
	addl      *schemaNode // additionalProperties as a schema
	noAddl    bool        // additionalProperties: false
	items     *schemaNode
	minItems  int // -1 when absent, as the other bounds
	maxItems  int
	minLength int
	maxLength int // the limit
	nearLimit int // maxLength less nearMargin: a text longer is near the limit or over it (see explain)
	pattern   *regexp.Regexp
	minimum   *big.Rat
	maximum   *big.Rat
	allOf     []*schemaNode
	ifS       *schemaNode
	thenS     *schemaNode
	elseS     *schemaNode
	switches  []schemaSwitch
	branch    string // for the branch of an x-switch: what picks it, as `"type" is "product"`, for messages

	// walint's annotations (vocabulary.go), which only explain reads.
	openVocabulary bool  // "x-vocabulary": "open"
	openMembers    bool  // "x-members": "open"
	rule           *Rule // "x-rule": the rule its violations are reported under; nil for the kind's own
}

// schemaSwitch is a compiled x-switch entry: the branch for each value of a
// discriminating property.
type schemaSwitch struct {
	prop  string
	cases map[string]*schemaNode
}

// violationKind is what a violation says is wrong.
type violationKind uint8

const (
	vType violationKind = iota + 1
	vConst
	vEnum
	vRequired
	vAdditional
	vMinItems
	vMaxItems
	vMinLength
	vMaxLength
	vPattern
	vMinimum
	vMaximum
)

var violationNames = [...]string{vType: "type", vConst: "const", vEnum: "enum", vRequired: "required",
	vAdditional: "additionalProperties", vMinItems: "minItems", vMaxItems: "maxItems", vMinLength: "minLength",
	vMaxLength: "maxLength", vPattern: "pattern", vMinimum: "minimum", vMaximum: "maximum"}

func (k violationKind) String() string { return violationNames[k] }

// violation is one failed keyword at one value.
type violation struct {
	node    *node
	sch     *schemaNode
	kind    violationKind
	names   []string // the missing members (vRequired)
	members []*node  // the unknown members (vAdditional)
	got     int      // the length or count (vMinLength... vMaxItems); the bound is the schema's
}

// schemaEval evaluates one payload, or, quiet, an if condition: that only
// answers whether the value is valid, and keeps no violation.
type schemaEval struct {
	out    []violation
	quiet  bool
	failed int // the failures so far
}

// validate evaluates s on n and reports whether n is valid.
func (e *schemaEval) validate(s *schemaNode, n *node) bool {
	if len(s.types) > 0 && !typeMatches(s.types, n) {
		return e.fail(violation{node: n, sch: s, kind: vType})
	}
	if s.hasConst && !equalsValue(n, s.constVal) {
		return e.fail(violation{node: n, sch: s, kind: vConst})
	}
	if s.enum != nil && !slices.ContainsFunc(s.enum, func(v any) bool { return equalsValue(n, v) }) {
		return e.fail(violation{node: n, sch: s, kind: vEnum})
	}
	before := e.failed
	if s.ref != nil {
		e.validate(s.ref, n)
	}
	switch n.Kind {
	case kindObject:
		e.object(s, n)
	case kindArray:
		e.array(s, n)
	case kindString:
		e.string(s, n)
	case kindNumber:
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
		cond := schemaEval{quiet: true}
		matched := cond.validate(s.ifS, n)
		if matched && s.thenS != nil {
			e.validate(s.thenS, n)
		} else if !matched && s.elseS != nil {
			e.validate(s.elseS, n)
		}
	}
	if n.Kind == kindObject {
		for _, sw := range s.switches {
			value, _ := n.Get(sw.prop).Str()
			if branch := sw.cases[strings.ToLower(value)]; branch != nil {
				e.validate(branch, n)
			}
		}
	}
	return e.failed == before
}

func (e *schemaEval) fail(v violation) bool {
	e.failed++
	if !e.quiet {
		e.out = append(e.out, v)
	}
	return false
}

func (e *schemaEval) object(s *schemaNode, n *node) {
	var missing []string
	for _, name := range s.required {
		if n.Get(name) != nil {
			continue
		}
		if e.quiet {
			// An if condition such as {"required": ["status"]} only asks
			// whether the member is there: no list of the missing to build.
			e.fail(violation{})
			return
		}
		missing = append(missing, name)
	}
	if missing != nil {
		e.fail(violation{node: n, sch: s, kind: vRequired, names: missing})
	}
	if s.props == nil && s.addl == nil && !s.noAddl {
		return
	}
	var unknown []*node
	for _, k := range n.Kids {
		if k.shadowed {
			continue // a later member of the same name is the one that counts
		}
		if sub, ok := s.props[k.Key]; ok {
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
		e.fail(violation{node: n, sch: s, kind: vAdditional, members: unknown})
	}
}

func (e *schemaEval) array(s *schemaNode, n *node) {
	if s.minItems >= 0 && len(n.Kids) < s.minItems {
		e.fail(violation{node: n, sch: s, kind: vMinItems, got: len(n.Kids)})
	}
	if s.maxItems >= 0 && len(n.Kids) > s.maxItems {
		e.fail(violation{node: n, sch: s, kind: vMaxItems, got: len(n.Kids)})
	}
	if s.items != nil {
		for _, k := range n.Kids {
			e.validate(s.items, k)
		}
	}
}

func (e *schemaEval) string(s *schemaNode, n *node) {
	if s.minLength >= 0 || s.maxLength >= 0 {
		l := utf8.RuneCountInString(n.Text)
		if s.minLength >= 0 && l < s.minLength {
			e.fail(violation{node: n, sch: s, kind: vMinLength, got: l})
		}
		if s.maxLength >= 0 && l > s.nearLimit {
			e.fail(violation{node: n, sch: s, kind: vMaxLength, got: l})
		}
	}
	if s.pattern != nil && !s.pattern.MatchString(n.Text) {
		e.fail(violation{node: n, sch: s, kind: vPattern})
	}
}

func (e *schemaEval) number(s *schemaNode, n *node) {
	if s.minimum == nil && s.maximum == nil {
		return
	}
	v := numberValue(n)
	if s.minimum != nil && v.Cmp(s.minimum) < 0 {
		e.fail(violation{node: n, sch: s, kind: vMinimum})
	}
	if s.maximum != nil && v.Cmp(s.maximum) > 0 {
		e.fail(violation{node: n, sch: s, kind: vMaximum})
	}
}

// numberValue is a number node's exact value. A number the parser found too
// long or too large counts as 0: it was reported already, and big.Rat would
// expand an exponent such as 1e999999 into a million digits.
func numberValue(n *node) *big.Rat {
	if n.extreme {
		return new(big.Rat)
	}
	r, ok := new(big.Rat).SetString(n.Text)
	if !ok {
		return new(big.Rat)
	}
	return r
}

func typeMatches(types []string, n *node) bool {
	for _, t := range types {
		switch t {
		case "integer":
			if n.Kind == kindNumber && (n.extreme || !strings.ContainsAny(n.Text, ".eE") || numberValue(n).IsInt()) {
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
func equalsValue(n *node, v any) bool {
	switch v := v.(type) {
	case string:
		return n.Kind == kindString && n.Text == v
	case bool:
		return n.Kind == kindBool && n.Bool == v
	case nil:
		return n.Kind == kindNull
	case *big.Rat:
		return n.Kind == kindNumber && numberValue(n).Cmp(v) == 0
	}
	return false
}

// schemaCompiler compiles decoded schema documents (by $id) into
// schemaNodes, each schema object once, references included.
type schemaCompiler struct {
	docs map[string]any
	done map[string]*schemaNode // by absolute location: id#pointer
}

// compile compiles the schema at an absolute location such as
// "https://walint.dev/schemas/cloud/message.json" or "...#/$defs/button".
func (c *schemaCompiler) compile(loc string) (*schemaNode, error) {
	if !strings.Contains(loc, "#") {
		loc += "#"
	}
	if s, ok := c.done[loc]; ok {
		return s, nil
	}
	id, frag, _ := strings.Cut(loc, "#")
	doc, ok := c.docs[id]
	if !ok {
		return nil, fmt.Errorf("no schema %s", id)
	}
	v, err := resolvePointer(doc, frag)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	s := &schemaNode{minItems: -1, maxItems: -1, minLength: -1, maxLength: -1}
	c.done[loc] = s // before the subschemas, for recursive references
	// Boolean schemas (false: "no value allowed here") would need a finding
	// of their own; the schemas use additionalProperties: false instead,
	// which is a keyword.
	x, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be an object (boolean schemas are not supported)", loc)
	}
	s.doc = x
	if err := c.keywords(s, id, frag); err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	return s, nil
}

// keywords compiles the keywords of the schema object s.doc at id#frag.
func (c *schemaCompiler) keywords(s *schemaNode, id, frag string) error {
	sub := func(path ...string) (*schemaNode, error) {
		p := frag
		for _, tok := range path {
			p += "/" + escapePointer(tok)
		}
		return c.compile(id + "#" + p)
	}
	var err error
	for kw, val := range s.doc {
		switch kw {
		case "$id":
			if frag != "" {
				return fmt.Errorf("$id below a document's root is not supported")
			}
		case "$schema", "$defs", "title", "description", "x-hint", "x-expected":
			// Annotations, and definitions compiled when referenced.
		case "x-vocabulary", "x-members":
			// A misspelt value would quietly close what should be open.
			if val != "open" {
				return fmt.Errorf("%s must be \"open\", not %v", kw, val)
			}
			if kw == "x-vocabulary" {
				s.openVocabulary = true
			} else {
				s.openMembers = true
			}
		case "x-rule":
			id, _ := val.(string)
			if s.rule = ruleByID(id); s.rule == nil {
				return fmt.Errorf("x-rule names no rule: %v", val)
			}
		case "type":
			s.types, err = typeNames(val)
		case "const":
			s.hasConst = true
			s.constVal, err = constValue(val)
		case "enum":
			list, ok := val.([]any)
			if !ok || len(list) == 0 {
				return fmt.Errorf("enum must be a non-empty array")
			}
			s.enum = make([]any, len(list))
			for i, v := range list {
				if s.enum[i], err = constValue(v); err != nil {
					return err
				}
			}
		case "$ref":
			s.ref, err = c.ref(id, val)
		case "required":
			list, _ := val.([]any)
			for _, r := range list {
				name, ok := r.(string)
				if !ok {
					return fmt.Errorf("required must list strings")
				}
				s.required = append(s.required, name)
			}
		case "properties":
			props, ok := val.(map[string]any)
			if !ok {
				return fmt.Errorf("properties must be an object")
			}
			s.props = make(map[string]*schemaNode, len(props))
			for name := range props {
				if s.props[name], err = sub("properties", name); err != nil {
					return err
				}
			}
		case "additionalProperties":
			if b, ok := val.(bool); ok {
				s.noAddl = !b
			} else {
				s.addl, err = sub(kw)
			}
		case "items":
			s.items, err = sub(kw)
		case "allOf":
			list, _ := val.([]any)
			for i := range list {
				a, err := sub(kw, strconv.Itoa(i))
				if err != nil {
					return err
				}
				s.allOf = append(s.allOf, a)
			}
		case "if":
			s.ifS, err = sub(kw)
		case "then":
			s.thenS, err = sub(kw)
		case "else":
			s.elseS, err = sub(kw)
		case switchKeyword:
			// In the order of the property names, so that which of two
			// violations of one kind at one place is kept never varies.
			sw, _ := val.(map[string]any)
			for _, prop := range slices.Sorted(maps.Keys(sw)) {
				cases, _ := sw[prop].(map[string]any)
				entry := schemaSwitch{prop: prop, cases: map[string]*schemaNode{}}
				for value := range cases {
					if entry.cases[value], err = sub(kw, prop, value); err != nil {
						return err
					}
					entry.cases[value].branch = fmt.Sprintf("%q is %q", prop, value)
				}
				s.switches = append(s.switches, entry)
			}
		case "minItems":
			s.minItems, err = count(val)
		case "maxItems":
			s.maxItems, err = count(val)
		case "minLength":
			s.minLength, err = count(val)
		case "maxLength":
			// Texts are checked against the limit less the near-limit
			// margin (see nearMargin), as the reference's copy is.
			if s.maxLength, err = count(val); err == nil {
				s.nearLimit = s.maxLength
				if s.maxLength > 1 {
					s.nearLimit -= nearMargin(s.maxLength)
				}
			}
		case "pattern":
			p, _ := val.(string)
			s.pattern, err = regexp.Compile(p)
		case "minimum":
			s.minimum, err = ratValue(val)
		case "maximum":
			s.maximum, err = ratValue(val)
		default:
			return fmt.Errorf("keyword %q is not one walint's schema evaluator implements (see validate/schemaeval.go)", kw)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", kw, err)
		}
	}
	return nil
}

// ref compiles the target of a $ref in the document id.
func (c *schemaCompiler) ref(id string, val any) (*schemaNode, error) {
	ref, ok := val.(string)
	if !ok {
		return nil, fmt.Errorf("$ref must be a string")
	}
	base, err := url.Parse(id)
	if err != nil {
		return nil, err
	}
	target, err := url.Parse(ref)
	if err != nil {
		return nil, err
	}
	// The fragment, a JSON Pointer, decoded: String would encode it again.
	abs := base.ResolveReference(target)
	frag := abs.Fragment
	abs.Fragment, abs.RawFragment = "", ""
	return c.compile(abs.String() + "#" + frag)
}

// checkCycles refuses schemas that apply themselves to the same value
// again through $ref, allOf, if, then, else or x-switch: evaluating one
// would never end. (Through properties and items the value gets smaller,
// and the parser bounds the depth.)
func (c *schemaCompiler) checkCycles() error {
	state := map[*schemaNode]int{}
	for loc, s := range c.done {
		if err := inPlaceCycle(s, state); err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
	}
	return nil
}

func inPlaceCycle(s *schemaNode, state map[*schemaNode]int) error {
	const visiting, done = 1, 2
	switch state[s] {
	case visiting:
		return fmt.Errorf("the schema applies itself to the same value in a cycle of $ref, allOf, if/then/else or x-switch")
	case done:
		return nil
	}
	state[s] = visiting
	next := append([]*schemaNode{s.ref, s.ifS, s.thenS, s.elseS}, s.allOf...)
	for _, sw := range s.switches {
		for _, b := range sw.cases {
			next = append(next, b)
		}
	}
	for _, sub := range next {
		if sub != nil {
			if err := inPlaceCycle(sub, state); err != nil {
				return err
			}
		}
	}
	state[s] = done
	return nil
}

// typeOrder is the order in which the reference lists a schema's types.
var typeOrder = []string{"null", "boolean", "number", "integer", "string", "array", "object"}

func typeNames(val any) ([]string, error) {
	var names []string
	switch v := val.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, t := range v {
			s, _ := t.(string)
			names = append(names, s)
		}
	}
	var out []string
	for _, t := range typeOrder {
		if slices.Contains(names, t) {
			out = append(out, t)
		}
	}
	if len(out) != len(names) || len(out) == 0 {
		return nil, fmt.Errorf("unknown type in %v", val)
	}
	return out, nil
}

// constValue turns a decoded const or enum value into what equalsValue
// compares: numbers become exact rationals; objects and arrays are refused.
func constValue(v any) (any, error) {
	switch x := v.(type) {
	case string, bool, nil:
		return x, nil
	case json.Number:
		return ratValue(x)
	}
	return nil, fmt.Errorf("const and enum values must be strings, numbers, booleans or null, not %T", v)
}

func ratValue(v any) (*big.Rat, error) {
	r, ok := new(big.Rat).SetString(fmt.Sprint(v))
	if !ok {
		return nil, fmt.Errorf("%v is not a number", v)
	}
	return r, nil
}

func count(v any) (int, error) {
	n, err := strconv.Atoi(fmt.Sprint(v))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%v is not a count", v)
	}
	return n, nil
}

// resolvePointer returns the value at a JSON Pointer fragment ("" or
// "/properties/body") of a decoded document.
func resolvePointer(doc any, frag string) (any, error) {
	if frag == "" {
		return doc, nil
	}
	v := doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, fmt.Errorf("no %q", tok)
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("no item %q", tok)
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("no %q", tok)
		}
	}
	return v, nil
}
