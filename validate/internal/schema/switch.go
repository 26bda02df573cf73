package schema

import (
	"slices"
	"strings"
)

// The schemas dispatch on a discriminator ("type", "sub_type") with
// allOf: [{if: {properties: {type: {const: "button"}}, required: ["type"]},
// then: ...}, ...], which is standard JSON Schema and gives one error per
// wrong field. A validator evaluates every if of such a list for every
// object, though, and that was most of the cost of a template message. At
// compile time those branches become one "x-switch" keyword (a vocabulary of
// walint's own; Eval evaluates it, and the tests give the reference
// implementation a vocabulary for it) that looks the discriminator up and
// validates only the matching branch: the same checks, in one map lookup.
// (Where two discriminators, "type" and "sub_type", pick branches that both
// reject one value, the branch of the first name in sorted order speaks.)
//
// The lookup ignores case: the branch values are kept in lower case, and a
// discriminator is looked up lower-cased, because Meta accepts some values in
// either case ("CATALOG" in its own samples; see validate/vocabulary.go). An enum
// still decides whether the value itself is allowed.

// SwitchKeyword is the keyword ToSwitches writes and the evaluator
// evaluates.
const SwitchKeyword = "x-switch"

// ToSwitches rewrites, throughout a decoded schema, the allOf items that are
// discriminator branches into an x-switch keyword. Other allOf items stay.
func ToSwitches(v any) {
	switch x := v.(type) {
	case map[string]any:
		if all, ok := x["allOf"].([]any); ok {
			sw := map[string]any{}
			var rest []any
			for _, item := range all {
				prop, values, then, ok := branch(item)
				if !ok {
					rest = append(rest, item)
					continue
				}
				cases, _ := sw[prop].(map[string]any)
				if cases == nil {
					cases = map[string]any{}
					sw[prop] = cases
				}
				for _, val := range values {
					val = strings.ToLower(val)
					if prev, dup := cases[val]; dup {
						cases[val] = map[string]any{"allOf": []any{prev, then}}
					} else {
						cases[val] = then
					}
				}
			}
			if len(sw) > 0 {
				x[SwitchKeyword] = sw
				if len(rest) == 0 {
					delete(x, "allOf")
				} else {
					x["allOf"] = rest
				}
			}
		}
		for _, sub := range x {
			ToSwitches(sub)
		}
	case []any:
		for _, sub := range x {
			ToSwitches(sub)
		}
	}
}

// branch recognises {if: {properties: {P: {const: V} or {enum: [V...]}},
// required: [P]}, then: T} and returns P, the values and T.
func branch(item any) (prop string, values []string, then any, ok bool) {
	m, _ := item.(map[string]any)
	cond, _ := m["if"].(map[string]any)
	then, hasThen := m["then"]
	if len(m) != 2 || !hasThen || len(cond) != 2 {
		return "", nil, nil, false
	}
	props, _ := cond["properties"].(map[string]any)
	req, _ := cond["required"].([]any)
	if len(props) != 1 || len(req) != 1 {
		return "", nil, nil, false
	}
	for p, s := range props {
		prop = p
		sm, _ := s.(map[string]any)
		if len(sm) != 1 {
			return "", nil, nil, false
		}
		if c, ok := sm["const"].(string); ok {
			values = []string{c}
		}
		enum, _ := sm["enum"].([]any)
		for _, e := range enum {
			s, ok := e.(string)
			if !ok {
				return "", nil, nil, false
			}
			values = append(values, s)
		}
	}
	if r, _ := req[0].(string); r != prop || len(values) == 0 || slices.Contains(values, "") {
		return "", nil, nil, false
	}
	return prop, values, then, true
}
