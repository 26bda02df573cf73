package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/walint/walint/internal/schemadocs"
)

// An editor (VS Code's json.schemas, JetBrains' JSON Schema mappings) takes
// one schema document and knows only standard keywords, so Bundle turns the
// embedded tree into one self-contained document: every file becomes an
// entry of $defs, named by its path ("cloud/interactive.json" is
// "cloud-interactive"), with its $id and $schema dropped and every $ref
// rewritten to a pointer into the bundle.
//
// The bundle must never be stricter than walint's errors: an editor that
// underlines a payload walint passes teaches people to ignore it. walint's
// own annotations (vocabulary.go in validate) make some schema failures
// warnings, so they are translated into standard keywords that accept what
// walint only warns about, and then dropped:
//
//   - "x-vocabulary": "open" on an enum: any string is accepted. The known
//     values stay, as one branch of an anyOf, for completion.
//   - "x-members": "open" on an object with additionalProperties false:
//     unknown members are accepted. A discriminator branch (then) of such an
//     object that is closed too rejects only the members the object knows
//     and the branch does not take ("header" on a single-product message),
//     as walint reports the other unknown ones once, as warnings, for the
//     object.
//   - "x-expected", what a pattern accepts in words, becomes VS Code's
//     patternErrorMessage; "x-hint" and "x-rule" only shape walint's
//     messages and are dropped.
//
// The discriminator branches are standard if/then already (walint compiles
// them into its x-switch keyword only in memory), so editors get the checks
// of each message, interactive and parameter type. Unlike walint, whose
// branches ignore case, they match the value as written: an upper-case
// "LIST" gets the base checks only, which is weaker, never stricter.
//
// Coordinate ranges are walint Go rules (latitude-range, longitude-range in
// validate/rules_location.go); the bundle adds them to the location object
// (see coordinates), since an editor has nothing else to check them with.

// Bundle returns one self-contained JSON Schema (draft 2020-12) for editors
// that accepts a payload valid against any of the given root schemas,
// CloudURL or OnPremURL, indented and ending with a newline. The output depends only on the
// embedded schemas and the roots, so it is the same on every run.
func Bundle(roots ...string) ([]byte, error) {
	if len(roots) == 0 {
		return nil, fmt.Errorf("bundle: no root schema given")
	}
	b, err := loadBundler()
	if err != nil {
		return nil, err
	}
	out := bundleDoc{
		Schema: "https://json-schema.org/draft/2020-12/schema",
		ID:     "https://walint.dev/schemas/bundle.json",
		Title:  "WhatsApp Business API message payload",
		Defs:   map[string]any{},
	}
	var titles []string
	for _, root := range roots {
		key, ok := b.keys[root]
		if !ok {
			return nil, fmt.Errorf("bundle: no embedded schema has the $id %s", root)
		}
		ref := map[string]any{"$ref": "#/$defs/" + key}
		if slices.ContainsFunc(out.AnyOf, func(r map[string]any) bool { return r["$ref"] == ref["$ref"] }) {
			continue
		}
		out.AnyOf = append(out.AnyOf, ref)
		title, _ := b.docs[key]["title"].(string)
		titles = append(titles, "a "+title)
		b.reach(key, out.Defs)
	}
	out.Description = "Checks " + strings.Join(titles, " or ") + " as walint does (walint schema): " + bundleDescription
	if len(out.AnyOf) == 1 {
		// One dialect: no anyOf to explain.
		out.Title = strings.TrimPrefix(titles[0], "a ")
		base, _ := url.Parse(roots[0]) // a key of b.keys: it parsed as a base before
		out.ID = base.ResolveReference(&url.URL{Path: "bundle.json"}).String()
		out.Ref, out.AnyOf = out.AnyOf[0]["$ref"].(string), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("bundle: encoding: %w", err)
	}
	return buf.Bytes(), nil
}

const bundleDescription = "the shape of each field (types, required fields, accepted values, lengths, counts, " +
	"coordinate ranges). walint checks more: phone numbers, links, media, limits across fields. Values and fields " +
	"that Meta keeps adding (interactive types, template components, parameter types, button sub_types) are accepted " +
	"here; walint warns about the ones it does not know."

// bundleDoc is the bundle's top level, in the order people read it.
type bundleDoc struct {
	Schema      string           `json:"$schema"`
	ID          string           `json:"$id"`
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Ref         string           `json:"$ref,omitempty"`
	AnyOf       []map[string]any `json:"anyOf,omitempty"`
	Defs        map[string]any   `json:"$defs"`
}

// bundler holds the embedded schemas, rewritten for the bundle.
type bundler struct {
	docs map[string]map[string]any // by key
	keys map[string]string         // key by $id
	refs map[string][]string       // the keys each document refers to
	inIf int                       // how deep rewrite is in if conditions
}

// loadBundler decodes every embedded schema and rewrites it for the bundle.
func loadBundler() (*bundler, error) {
	b := &bundler{docs: map[string]map[string]any{}, keys: map[string]string{}, refs: map[string][]string{}}
	docs, err := schemadocs.Decode(FS)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	for id, doc := range docs {
		key := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(id, base), ".json"), "/", "-")
		b.docs[key], b.keys[id] = doc, key
	}
	if err := addCoordinates(b.docs["cloud-location"]); err != nil {
		return nil, err
	}
	for id, key := range b.keys {
		doc := b.docs[key]
		base, err := url.Parse(id)
		if err != nil {
			return nil, fmt.Errorf("bundle: %s: $id: %w", key, err)
		}
		if err := b.rewrite(key, doc, base); err != nil {
			return nil, fmt.Errorf("bundle: %s: %w", key, err)
		}
		delete(doc, "$id")
		delete(doc, "$schema")
	}
	for _, doc := range b.docs {
		if err := b.fixRefs(doc); err != nil {
			return nil, fmt.Errorf("bundle: %w", err)
		}
	}
	return b, nil
}

// fixRefs rewrites each $ref below s whose pointer passes through a member
// schema that acceptBlanks wrapped ({"anyOf": [schema, blank]}) to pass
// through the wrapped schema instead.
func (b *bundler) fixRefs(s any) error {
	switch s := s.(type) {
	case map[string]any:
		if ref, ok := s["$ref"].(string); ok {
			fixed, err := b.unwrapPointer(ref)
			if err != nil {
				return err
			}
			s["$ref"] = fixed
		}
		for _, k := range slices.Sorted(maps.Keys(s)) {
			if err := b.fixRefs(s[k]); err != nil {
				return err
			}
		}
	case []any:
		for _, v := range s {
			if err := b.fixRefs(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// unwrapPointer resolves a bundle $ref ("#/$defs/KEY/...") step by step and
// returns it with "/anyOf/0" inserted wherever a step is not found in a
// wrapper of acceptBlanks but is in the schema it wraps.
func (b *bundler) unwrapPointer(ref string) (string, error) {
	toks := strings.Split(strings.TrimPrefix(ref, "#/$defs/"), "/")
	cur, ok := any(b.docs[toks[0]]), b.docs[toks[0]] != nil
	if !ok {
		return "", fmt.Errorf("$ref %q names no document", ref)
	}
	out := []string{"#", "$defs", toks[0]}
	for _, tok := range toks[1:] {
		name := strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, _ := cur.(map[string]any)
		if _, found := m[name]; !found && isBlankWrapper(m) {
			m = m["anyOf"].([]any)[0].(map[string]any)
			out = append(out, "anyOf", "0")
		}
		next, found := m[name]
		if !found {
			if arr, isArr := cur.([]any); isArr {
				i, err := strconv.Atoi(name)
				if err != nil || i < 0 || i >= len(arr) {
					return "", fmt.Errorf("$ref %q: no %q", ref, name)
				}
				next, found = arr[i], true
			}
		}
		if !found {
			return "", fmt.Errorf("$ref %q: no %q", ref, name)
		}
		out = append(out, tok)
		cur = next
	}
	return strings.Join(out, "/"), nil
}

// isBlankWrapper reports whether m is a wrapper made by acceptBlanks.
func isBlankWrapper(m map[string]any) bool {
	alts, _ := m["anyOf"].([]any)
	if len(m) != 1 || len(alts) != 2 {
		return false
	}
	_, isMap := alts[0].(map[string]any)
	blank, _ := alts[1].(map[string]any)
	return isMap && blank != nil && blank["maxProperties"] == 0 && blank["maxItems"] == 0
}

// reach adds the document key and every document it refers to, directly or
// not, to defs.
func (b *bundler) reach(key string, defs map[string]any) {
	if _, done := defs[key]; done {
		return
	}
	defs[key] = b.docs[key]
	for _, k := range b.refs[key] {
		b.reach(k, defs)
	}
}

// Keywords whose values are schemas, maps of schemas or arrays of schemas:
// the places rewrite descends into. (Anything else, enum and const values
// included, is data.)
var (
	schemaKeywords    = []string{"items", "additionalProperties", "if", "then", "else", "not", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"}
	schemaMapKeywords = []string{"$defs", "properties", "patternProperties", "dependentSchemas"}
	schemaArrKeywords = []string{"allOf", "anyOf", "oneOf", "prefixItems"}
)

// rewrite rewrites schema s of document key, whose base URI is base, and
// its subschemas: $ref into the bundle, walint's annotations into standard
// keywords.
func (b *bundler) rewrite(key string, s map[string]any, base *url.URL) error {
	if ref, ok := s["$ref"].(string); ok {
		target, frag, _ := strings.Cut(ref, "#")
		u, err := url.Parse(target)
		if err != nil {
			return fmt.Errorf("$ref %q: %w", ref, err)
		}
		k, ok := b.keys[base.ResolveReference(u).String()]
		if !ok {
			return fmt.Errorf("$ref %q names no embedded schema", ref)
		}
		if frag != "" && !strings.HasPrefix(frag, "/") {
			return fmt.Errorf("$ref %q: only JSON Pointer fragments can be bundled", ref)
		}
		s["$ref"] = "#/$defs/" + k + frag
		if !slices.Contains(b.refs[key], k) {
			b.refs[key] = append(b.refs[key], k)
		}
	}
	if s["x-vocabulary"] == "open" {
		if err := openVocabulary(s); err != nil {
			return err
		}
	}
	if s["x-members"] == "open" {
		openMembers(s)
	}
	if want, ok := s["x-expected"].(string); ok && s["pattern"] != nil {
		s["patternErrorMessage"] = "Expected " + want + "."
	}
	if b.inIf == 0 {
		acceptBlanks(s)
	}
	for k := range s {
		if strings.HasPrefix(k, "x-") {
			delete(s, k)
		}
	}
	var subs []any
	for _, k := range schemaKeywords {
		if k != "if" {
			subs = append(subs, s[k])
		}
	}
	if cond, ok := s["if"].(map[string]any); ok {
		// An if is a condition: what it tests must stay as written.
		b.inIf++
		err := b.rewrite(key, cond, base)
		b.inIf--
		if err != nil {
			return err
		}
	}
	for _, k := range schemaMapKeywords {
		m, _ := s[k].(map[string]any)
		for _, name := range slices.Sorted(maps.Keys(m)) {
			subs = append(subs, m[name])
		}
	}
	for _, k := range schemaArrKeywords {
		arr, _ := s[k].([]any)
		subs = append(subs, arr...)
	}
	for _, sub := range subs {
		if m, ok := sub.(map[string]any); ok { // true and false are schemas too, with nothing to rewrite
			if err := b.rewrite(key, m, base); err != nil {
				return err
			}
		}
	}
	return nil
}

// acceptBlanks lets the object schema s take, for every member it does not
// require itself, a value that is null, "", {} or [], and any unknown member
// with such a value: walint reads such a member as absent and only warns
// about it (empty-field in validate). It also accepts blank values of
// members that a branch requires, or that walint knows in no object, which
// is weaker than walint, never stricter.
func acceptBlanks(s map[string]any) {
	props, _ := s["properties"].(map[string]any)
	required, _ := s["required"].([]any)
	for name, p := range props {
		if !slices.Contains(required, any(name)) {
			props[name] = map[string]any{"anyOf": []any{p, blankSchema()}}
		}
	}
	if s["additionalProperties"] == false {
		s["additionalProperties"] = blankSchema()
	}
}

// blankSchema accepts null, "", {} and [] only: each size keyword applies to
// its own type alone.
func blankSchema() map[string]any {
	return map[string]any{"type": []any{"null", "string", "object", "array"}, "maxLength": 0, "maxProperties": 0, "maxItems": 0}
}

// openVocabulary makes the enum of s accept any string, keeping the known
// values for completion: walint only warns about a value it does not know
// in an open vocabulary, and accepts a known one in any case.
func openVocabulary(s map[string]any) error {
	enum, ok := s["enum"]
	if !ok {
		return nil
	}
	if _, ok := s["anyOf"]; ok {
		return fmt.Errorf("an open vocabulary next to an anyOf cannot be bundled")
	}
	delete(s, "enum")
	s["anyOf"] = []any{map[string]any{"enum": enum}, map[string]any{"type": "string"}}
	return nil
}

// openMembers lets the object schema s take members it does not define, as
// walint warns about them rather than refusing them, and turns its closed
// discriminator branches into lists of the members they refuse.
func openMembers(s map[string]any) {
	if s["additionalProperties"] != false {
		return
	}
	delete(s, "additionalProperties")
	known, _ := s["properties"].(map[string]any)
	all, _ := s["allOf"].([]any)
	for _, item := range all {
		m, _ := item.(map[string]any)
		then, _ := m["then"].(map[string]any)
		if then == nil || then["additionalProperties"] != false {
			continue
		}
		delete(then, "additionalProperties")
		takes, _ := then["properties"].(map[string]any)
		if takes == nil {
			takes = map[string]any{}
			then["properties"] = takes
		}
		for name := range known {
			if _, ok := takes[name]; !ok {
				takes[name] = false
			}
		}
	}
}

// coordinates are the ranges of the latitude-range and longitude-range
// rules (LatitudeLimit, LongitudeLimit), with a pattern for each that
// matches the numeric strings out of range that those rules report: digits
// past the limit, or the limit with a fraction that is not all zeros (the
// rules compare exactly, as "maximum" does for a number). A string with an
// exponent is never matched, which is weaker than walint, never stricter.
var coordinates = []struct {
	name, what string
	limit      int
	outside    string
}{
	{"latitude", "Latitude", LatitudeLimit, `^\+?-?(([1-9][0-9]{2,}|9[1-9])(\.[0-9]+)?|90\.0*[1-9][0-9]*)$`},
	{"longitude", "Longitude", LongitudeLimit, `^\+?-?(([1-9][0-9]{3,}|[2-9][0-9]{2}|19[0-9]|18[1-9])(\.[0-9]+)?|180\.0*[1-9][0-9]*)$`},
}

// addCoordinates adds the coordinate ranges to the location object.
func addCoordinates(location map[string]any) error {
	// The location object's description says the ranges are left to Go;
	// here they are not.
	if d, ok := location["description"].(string); ok {
		location["description"] = strings.TrimSuffix(d, " Ranges are checked in Go.")
	}
	props, _ := location["properties"].(map[string]any)
	for _, c := range coordinates {
		p, ok := props[c.name].(map[string]any)
		if !ok {
			return fmt.Errorf("bundle: the location schema has no %s", c.name)
		}
		p["minimum"], p["maximum"] = -c.limit, c.limit
		// "type" makes the not refuse strings only: a pattern alone
		// ignores a number, which would make the not refuse every number.
		p["not"] = map[string]any{"type": "string", "pattern": c.outside}
		p["description"] = fmt.Sprintf("%s in decimal degrees, from -%d to %d: a number or a numeric string.", c.what, c.limit, c.limit)
		p["errorMessage"] = fmt.Sprintf("%s is a number or a numeric string from -%d to %d (decimal degrees).", c.what, c.limit, c.limit)
	}
	return nil
}
