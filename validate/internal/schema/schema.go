package schema

import (
	"math/big"
	"regexp"
	"slices"
)

// Schema is a compiled schema object. It is safe for concurrent use: Eval
// only reads it.
type Schema struct {
	types    []string // "type", in the reference's order (null, boolean, number, integer, string, array, object)
	hasConst bool
	constVal any
	enum     []any
	allowed  []any // the const or the enum as written (strings, json.Number, bools, nil), for messages
	ref      *Schema
	required []string
	// propNames and propSchemas are "properties", as two lists in name
	// order: a member's schema is found by a linear search (Property),
	// cheaper than a map lookup for an object's few names.
	propNames   []string
	propSchemas []*Schema
	addl        *Schema // additionalProperties as a schema
	noAddl      bool    // additionalProperties: false
	items       *Schema
	minItems    int // -1 when absent, as the other bounds
	maxItems    int
	minLength   int
	maxLength   int
	nearFrom    int // texts longer than this, up to maxLength, are near it: maxLength less nearMargin
	pattern     *regexp.Regexp
	simple      *simplePattern // pattern's matcher without a regexp, when it has that form
	minimum     *big.Rat
	maximum     *big.Rat
	// intBounds says that the minimum and maximum given are integers that an
	// int64 holds, as minInt and maxInt, for the evaluator's fast path.
	intBounds      bool
	minInt, maxInt int64
	allOf          []*Schema
	ifS            *Schema
	thenS          *Schema
	elseS          *Schema
	switches       []switchEntry

	// What explains a violation: annotations and where the schema sits.
	hint           string               // "x-hint"
	expected       string               // "x-expected"
	rule           string               // "x-rule"
	openVocabulary bool                 // "x-vocabulary": "open"
	openMembers    bool                 // "x-members": "open"
	misplaced      map[string]Misplaced // "x-misplaced", by member name or value
	branch         string               // for the branch of an x-switch: what picks it, as `"type" is "product"`
}

// switchEntry is a compiled x-switch entry: the branch for each value of a
// discriminating property.
type switchEntry struct {
	prop  string
	cases map[string]*Schema
}

// Types returns the types the schema allows, in the order null, boolean,
// number, integer, string, array, object; nil when it says none.
func (s *Schema) Types() []string { return slices.Clone(s.types) }

// Allowed returns the values of the schema's const (one) or enum, as the
// schema writes them: strings, json.Number, bools and nil.
func (s *Schema) Allowed() []any { return slices.Clone(s.allowed) }

// Pattern returns the schema's pattern, "" when it has none.
func (s *Schema) Pattern() string {
	if s.pattern == nil {
		return ""
	}
	return s.pattern.String()
}

// Properties returns the names of the members the schema defines, sorted.
func (s *Schema) Properties() []string { return slices.Clone(s.propNames) }

// Property returns the schema of the member name, or nil.
func (s *Schema) Property(name string) *Schema {
	for i, p := range s.propNames {
		if p == name {
			return s.propSchemas[i]
		}
	}
	return nil
}

// Hint returns walint's "x-hint" annotation: what to do about a failure of
// this schema, for the person who reads the finding; "" when there is none.
func (s *Schema) Hint() string { return s.hint }

// Expected returns walint's "x-expected" annotation: what the pattern
// accepts, for a person; "" when there is none.
func (s *Schema) Expected() string { return s.expected }

// Rule returns walint's "x-rule" annotation: the ID of the rule the
// schema's enum or const violations are reported under; "" for the kind's
// own.
func (s *Schema) Rule() string { return s.rule }

// OpenVocabulary reports walint's "x-vocabulary": "open": Meta keeps adding
// values to this enum, so an unknown one may be new.
func (s *Schema) OpenVocabulary() bool { return s.openVocabulary }

// OpenMembers reports walint's "x-members": "open": Meta keeps adding
// members to this object, so an unknown one may be new.
func (s *Schema) OpenMembers() bool { return s.openMembers }

// Branch says, for the branch of an x-switch, what picks it, as
// `"type" is "product"`; "" for any other schema.
func (s *Schema) Branch() string { return s.branch }

// Misplaced is what walint's "x-misplaced" annotation says of a member name
// (on an object) or a value (on an enum) that is a known mistake here: where
// it belongs, and what to do.
type Misplaced struct {
	// Belongs says where the member or value belongs, for a message:
	// "a template's definition, not a send".
	Belongs string
	// Hint says what to do instead, as a sentence.
	Hint string
	// Fix, for a value, is the value to write instead when that is certain;
	// "" when there is none.
	Fix string
}

// Misplaced returns the "x-misplaced" note on name, a member name of an
// object schema or a value of an enum. Names are lower case (compile refuses
// others): a caller looks a value up lower-cased, as walint compares open
// vocabularies in any case.
func (s *Schema) Misplaced(name string) (Misplaced, bool) {
	m, ok := s.misplaced[name]
	return m, ok
}
