package schema

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

	"github.com/walint/walint/validate/internal/jsontree"
)

// Compile compiles the schemas at the given absolute locations (such as
// "https://walint.dev/schemas/cloud/message.json" or "...#/$defs/button")
// from the decoded documents docs, by $id, with numbers as json.Number.
// Every document is compiled, so that an error anywhere shows at once; a
// keyword the evaluator does not implement, a misspelt annotation, an x-rule
// for which isRule is false and a schema that applies itself to one value in
// a cycle are errors.
func Compile(docs map[string]any, isRule func(id string) bool, locations ...string) ([]*Schema, error) {
	c := &compiler{docs: docs, isRule: isRule, done: map[string]*Schema{}}
	for _, id := range slices.Sorted(maps.Keys(docs)) {
		if _, err := c.compile(id); err != nil {
			return nil, err
		}
	}
	if err := c.checkCycles(); err != nil {
		return nil, err
	}
	out := make([]*Schema, len(locations))
	for i, loc := range locations {
		var err error
		if out[i], err = c.compile(loc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// compiler compiles decoded schema documents (by $id) into Schemas, each
// schema object once, references included.
type compiler struct {
	docs   map[string]any
	isRule func(id string) bool
	done   map[string]*Schema // by absolute location: id#pointer
}

// compile compiles the schema at an absolute location such as
// "https://walint.dev/schemas/cloud/message.json" or "...#/$defs/button".
func (c *compiler) compile(loc string) (*Schema, error) {
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
	s := &Schema{minItems: -1, maxItems: -1, minLength: -1, maxLength: -1}
	c.done[loc] = s // before the subschemas, for recursive references
	// Boolean schemas (false: "no value allowed here") would need a finding
	// of their own; the schemas use additionalProperties: false instead,
	// which is a keyword.
	x, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema must be an object (boolean schemas are not supported)", loc)
	}
	if _, hasConst := x["const"]; hasConst && x["enum"] != nil {
		// Both would give the values a message lists; no schema needs both.
		return nil, fmt.Errorf("%s: a schema with both const and enum is not supported", loc)
	}
	if err := c.keywords(s, x, id, frag); err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	return s, nil
}

// keywords compiles the keywords of the schema object doc at id#frag into s.
func (c *compiler) keywords(s *Schema, doc map[string]any, id, frag string) error {
	sub := func(path ...string) (*Schema, error) {
		p := frag
		for _, tok := range path {
			p += "/" + jsontree.EscapePointer(tok)
		}
		return c.compile(id + "#" + p)
	}
	var err error
	for kw, val := range doc {
		switch kw {
		case "$id":
			if frag != "" {
				return fmt.Errorf("$id below a document's root is not supported")
			}
		case "$schema", "$defs", "title", "description":
			// Annotations, and definitions compiled when referenced.
		case "x-hint", "x-expected":
			text, ok := val.(string)
			if !ok {
				return fmt.Errorf("%s must be a string", kw)
			}
			if kw == "x-hint" {
				s.hint = text
			} else {
				s.expected = text
			}
		case "x-vocabulary":
			// A misspelt value would quietly close what should be open.
			if val != "open" {
				return fmt.Errorf("%s must be \"open\", not %v", kw, val)
			}
			s.openVocabulary = true
		case "x-members":
			switch val {
			case "open":
				s.openMembers = true
			case "free":
				// The business chooses the keys: no member is unknown, which
				// an object without properties already says; the annotation
				// marks it for readers and for unexpected-field's doc
				// (TestFreeObjectsDocumented).
				if doc["additionalProperties"] == false || doc["properties"] != nil {
					return fmt.Errorf("x-members \"free\" is for objects whose keys the business chooses: no properties, no additionalProperties false")
				}
			default:
				return fmt.Errorf("%s must be \"open\" or \"free\", not %v", kw, val)
			}
		case "x-misplaced":
			if s.misplaced, err = misplacedNotes(val); err != nil {
				return fmt.Errorf("%s: %w", kw, err)
			}
		case "x-rule":
			rule, _ := val.(string)
			if c.isRule == nil || !c.isRule(rule) {
				return fmt.Errorf("x-rule names no rule: %v", val)
			}
			s.rule = rule
		case "type":
			s.types, err = typeNames(val)
		case "const":
			s.hasConst = true
			s.allowed = []any{val}
			s.constVal, err = constValue(val)
		case "enum":
			list, ok := val.([]any)
			if !ok || len(list) == 0 {
				return fmt.Errorf("enum must be a non-empty array")
			}
			s.allowed = list
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
			for _, name := range slices.Sorted(maps.Keys(props)) {
				p, err := sub("properties", name)
				if err != nil {
					return err
				}
				s.propNames = append(s.propNames, name)
				s.propSchemas = append(s.propSchemas, p)
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
		case SwitchKeyword:
			// In the order of the property names, so that which of two
			// violations of one kind at one place is kept never varies.
			sw, _ := val.(map[string]any)
			for _, prop := range slices.Sorted(maps.Keys(sw)) {
				cases, _ := sw[prop].(map[string]any)
				entry := switchEntry{prop: prop, cases: map[string]*Schema{}}
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
			s.maxLength, err = count(val)
			s.nearFrom = s.maxLength - nearMargin(s.maxLength)
		case "pattern":
			p, _ := val.(string)
			s.pattern, err = regexp.Compile(p)
			s.simple = compileSimple(p)
		case "minimum":
			s.minimum, err = ratValue(val)
		case "maximum":
			s.maximum, err = ratValue(val)
		default:
			return fmt.Errorf("keyword %q is not one walint's schema evaluator implements (see validate/internal/schema)", kw)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", kw, err)
		}
	}
	s.intBounds = intBound(s.minimum, &s.minInt) && intBound(s.maximum, &s.maxInt)
	return nil
}

// intBound stores in i the bound r, when it is an integer an int64 holds,
// and says whether it is (or there is no bound).
func intBound(r *big.Rat, i *int64) bool {
	if r == nil {
		return true
	}
	if !r.IsInt() || !r.Num().IsInt64() {
		return false
	}
	*i = r.Num().Int64()
	return true
}

// ref compiles the target of a $ref in the document id.
func (c *compiler) ref(id string, val any) (*Schema, error) {
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
func (c *compiler) checkCycles() error {
	state := map[*Schema]int{}
	for loc, s := range c.done {
		if err := inPlaceCycle(s, state); err != nil {
			return fmt.Errorf("%s: %w", loc, err)
		}
	}
	return nil
}

func inPlaceCycle(s *Schema, state map[*Schema]int) error {
	const visiting, done = 1, 2
	switch state[s] {
	case visiting:
		return fmt.Errorf("the schema applies itself to the same value in a cycle of $ref, allOf, if/then/else or x-switch")
	case done:
		return nil
	}
	state[s] = visiting
	next := append([]*Schema{s.ref, s.ifS, s.thenS, s.elseS}, s.allOf...)
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

// misplacedNotes decodes an "x-misplaced" annotation: for each name, an
// object with "belongs" (where the member or value belongs) and "hint" (what
// to do), both non-empty strings, and optionally "fix" (the value to write
// instead, a non-empty string).
func misplacedNotes(val any) (map[string]Misplaced, error) {
	m, ok := val.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, fmt.Errorf("must be a non-empty object")
	}
	out := make(map[string]Misplaced, len(m))
	for name, v := range m {
		note, _ := v.(map[string]any)
		belongs, _ := note["belongs"].(string)
		hint, _ := note["hint"].(string)
		fix, hasFix := note["fix"].(string)
		keys := 2
		if hasFix {
			keys++
		}
		if belongs == "" || hint == "" || len(note) != keys || hasFix && fix == "" || name != strings.ToLower(name) {
			return nil, fmt.Errorf("%q: want a lower-case name and {\"belongs\": TEXT, \"hint\": TEXT}, optionally \"fix\": TEXT", name)
		}
		out[name] = Misplaced{Belongs: belongs, Hint: hint, Fix: fix}
	}
	return out, nil
}
