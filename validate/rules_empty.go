package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/internal/schema"
)

var ruleEmptyField = &Rule{
	kinds: forAll,
	ID:    "empty-field", Severity: SeverityWarning, Certainty: CertaintyObserved,
	Summary: `fields with no value (null, "", {} or []) that WhatsApp reads as absent`,
	Doc: "Many clients serialise every field of their structs, whatever the message: Go structs without `omitempty`,\n" +
		"PHP arrays and some SDKs send `\"currency\": null, \"image\": null` on a text parameter, `\"text\": \"\"` on an image\n" +
		"parameter, `\"policy\": \"\"` in a template's language, `\"birthday\": \"\"` and `\"org\": null` in a contact, or a\n" +
		"flow's empty `flow_*` keys beside a call-to-action URL's parameters. WhatsApp reads such a member as absent: a\n" +
		"user of one such Go client (piusalfred/whatsapp, whose structs lack `omitempty`) reported Meta parsing exactly\n" +
		"these template parameters, its only complaint a missing `parameter_name` (observed, not documented by Meta).\n\n" +
		"So walint reads a member with no value as absent when the field is one WhatsApp knows and this object does not\n" +
		"require it, and says so once per object, as a warning: leave such members out (`omitempty`). It is no error.\n" +
		"Where the object requires the member, the error stays: a `null` text on a text parameter is refused with\n" +
		"`(#100) Invalid parameter` (\"Parameter 'text' is mandatory for component parameter type 'text'\"), an empty\n" +
		"button or row title with `(#100) The parameter ... is required.` (required-field, wrong-type). A key WhatsApp\n" +
		"uses nowhere (`\"mediaUrl\": null`) is still judged as an unknown field, whatever its value.",
}

// blank reports whether n is a member of an object with no value: null,
// "", {} or [].
func blank(n *jsontree.Node) bool {
	if n == nil || n.Parent == nil || n.Parent.Kind != jsontree.Object {
		return false
	}
	switch n.Kind {
	case jsontree.Null:
		return true
	case jsontree.String:
		return n.Text == ""
	case jsontree.Object, jsontree.Array:
		return len(n.Kids) == 0
	}
	return false
}

// valued returns the member key of the object n unless it has no value
// (blank): the rules read such a member as absent, as the schema pass does
// (empty-field).
func valued(n *jsontree.Node, key string) *jsontree.Node {
	m := n.Get(key)
	if blank(m) {
		return nil
	}
	return m
}

// emptyMembers decides, for the schema pass, which members with no value are
// read as absent (empty-field): those whose name the schemas know and that
// the schemas applying to their object do not require. The required members
// of an object are found only when one of its members is blank and failed
// a keyword, which a clean payload never has.
type emptyMembers struct {
	sch     *schema.Schema
	root    *jsontree.Node
	msgType string          // the message's type (messageType)
	names   map[string]bool // every member name the schemas define

	required map[*jsontree.Node][]string // by object (schema.RequiredBy), once one is asked for
	absent   map[*jsontree.Node][]*jsontree.Node
	order    []*jsontree.Node // the objects of absent, in the order first seen
}

// readAsAbsent reports whether the blank member m is read as absent, and
// records it for the object's empty-field warning when it is.
func (e *emptyMembers) readAsAbsent(m *jsontree.Node) bool {
	if !blank(m) || !e.names[m.Key] {
		return false
	}
	obj := m.Parent
	if obj == e.root && strings.EqualFold(m.Key, e.msgType) {
		return false // The message's own object: an empty one is the content missing.
	}
	if e.required == nil {
		// Once per payload, and only for one with a blank member that
		// failed a keyword: a hostile payload with thousands of them costs
		// one evaluation more, not one per object.
		e.required = schema.RequiredBy(e.sch, e.root)
		e.absent = map[*jsontree.Node][]*jsontree.Node{}
	}
	for _, r := range e.required[obj] {
		if r == m.Key {
			return false
		}
	}
	list := e.absent[obj]
	for _, seen := range list {
		if seen == m {
			return true
		}
	}
	if list == nil {
		e.order = append(e.order, obj)
	}
	e.absent[obj] = append(list, m)
	return true
}

// report makes one empty-field warning per object with members read as
// absent, at the first of them, naming the first few.
func (e *emptyMembers) report(c *collector) {
	for _, obj := range e.order {
		list := e.absent[obj]
		slices.SortFunc(list, func(a, b *jsontree.Node) int { return a.Start - b.Start })
		const named = 6
		names := make([]string, 0, named+1)
		for i, m := range list {
			if i == named-1 && len(list) > named {
				names = append(names, fmt.Sprintf("%d more", len(list)-i))
				break
			}
			names = append(names, strconv.Quote(m.Key))
		}
		msg := fmt.Sprintf("%s has no value in %s; WhatsApp reads it as absent", names[0], label(obj))
		if len(names) > 1 {
			msg = fmt.Sprintf("%s and %s have no value in %s; WhatsApp reads them as absent",
				strings.Join(names[:len(names)-1], ", "), names[len(names)-1], label(obj))
		}
		first := list[0]
		c.add(report{rule: ruleEmptyField, start: first.KeyStart, end: first.End, pointer: first.Pointer(), msg: msg,
			hint: "Leave out the members that have no value (omitempty in Go, array_filter in PHP): they do nothing, " +
				"and where the message type requires one it is refused."})
	}
}

// propertyNames returns every member name that the schema documents
// define in a "properties" keyword, anywhere.
func propertyNames(docs map[string]any) map[string]bool {
	names := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, sub := range v {
				if k == "properties" {
					if props, ok := sub.(map[string]any); ok {
						for name := range props {
							names[name] = true
						}
					}
				}
				walk(sub)
			}
		case []any:
			for _, sub := range v {
				walk(sub)
			}
		}
	}
	for _, doc := range docs {
		walk(doc)
	}
	return names
}
