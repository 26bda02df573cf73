package validate

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/walint/walint/internal/schemadocs"
	"github.com/walint/walint/schemas"
	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/internal/schema"
)

// compiled is the embedded schemas, compiled: they never change, and a
// compiled schema is safe for concurrent use, so every Validator of the
// process shares one compilation.
type compiled struct {
	cloud, onprem  *schema.Schema
	types          []string        // the message types, from both roots' "type" enum
	names          map[string]bool // every member name the message schemas define
	creation, edit *schema.Schema  // template creation and edit bodies
	templateNames  map[string]bool // every member name the template schemas define
}

var compiledSchemas = sync.OnceValues(func() (compiled, error) {
	docs, err := schemaDocuments()
	if err != nil {
		return compiled{}, err
	}
	isRule := func(id string) bool { return ruleByID(id) != nil }
	roots, err := schema.Compile(docs, isRule, schemas.CloudURL, schemas.OnPremURL, schemas.TemplateURL, schemas.TemplateEditURL)
	if err != nil {
		return compiled{}, err
	}
	messages, templates := map[string]any{}, map[string]any{}
	for id, doc := range docs {
		if strings.HasPrefix(id, schemas.TemplateBase) {
			templates[id] = doc
		} else {
			messages[id] = doc
		}
	}
	return compiled{cloud: roots[0], onprem: roots[1], types: enumOf(roots[:2], "type"), names: propertyNames(messages),
		creation: roots[2], edit: roots[3], templateNames: propertyNames(templates)}, nil
})

// MessageTypes returns the message types walint knows, Cloud API and
// On-Premises ("text", "image", ..., "hsm"), in the order the schemas list
// them. Each names the object that carries the message's content. The list is
// the schemas' (schemas/cloud/message.json and schemas/onprem/message.json),
// so that a type Meta adds is added there, once. It is nil if the embedded
// schemas do not compile, which New reports.
func MessageTypes() []string {
	c, _ := compiledSchemas()
	return slices.Clone(c.types)
}

// enumOf returns the string values of the enum of the property prop of the
// given object schemas, without repeats, in order.
func enumOf(roots []*schema.Schema, prop string) []string {
	var out []string
	for _, r := range roots {
		p := r.Property(prop)
		if p == nil {
			continue
		}
		for _, s := range stringValues(p.Allowed()) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// schemaDocuments decodes the embedded schemas, by $id, numbers as
// json.Number, with their discriminator branches rewritten as x-switch
// (schema.ToSwitches).
func schemaDocuments() (map[string]any, error) {
	docs, err := decodeSchemas()
	for _, doc := range docs {
		schema.ToSwitches(doc)
	}
	return docs, err
}

// decodeSchemas decodes the embedded schemas as they are written, by $id,
// numbers as json.Number: the documents schemadocs.Decode gives
// (TestDecodeSchemasAsDocuments holds the two equal). They are read with
// jsontree, which every check needs anyway, rather than with encoding/json:
// under WebAssembly, where each function is compiled on its first call,
// encoding/json's reflective decoder made up most of the start of the
// checker page's module (about 100 ms in a cold browser, against 1 ms
// natively).
func decodeSchemas() (map[string]any, error) {
	docs, err := schemadocs.DecodeWith(schemas.FS, func(data []byte) (map[string]any, error) {
		var bad error
		root := jsontree.Parse(string(data), func(is jsontree.Issue) {
			if bad == nil {
				bad = errors.New(is.Msg)
			}
		})
		if bad != nil {
			return nil, bad
		}
		doc, ok := documentValue(root).(map[string]any)
		if !ok {
			return nil, errors.New("not an object")
		}
		return doc, nil
	})
	out := make(map[string]any, len(docs))
	for id, doc := range docs {
		out[id] = doc
	}
	return out, err
}

// documentValue is a parsed JSON value as encoding/json decodes it into an
// any with UseNumber: maps, slices, strings, json.Number, bools and nil. Of
// a repeated member name the last counts, as there.
func documentValue(n *jsontree.Node) any {
	switch n.Kind {
	case jsontree.Object:
		m := make(map[string]any, len(n.Kids))
		for _, k := range n.Kids {
			m[k.Key] = documentValue(k)
		}
		return m
	case jsontree.Array:
		a := make([]any, len(n.Kids))
		for i, k := range n.Kids {
			a[i] = documentValue(k)
		}
		return a
	case jsontree.String:
		return n.Text
	case jsontree.Number:
		return json.Number(n.Text)
	case jsontree.Bool:
		return n.Bool
	}
	return nil
}

// messageSchema returns the schema of messages of the dialect d.
func (v *Validator) messageSchema(d Dialect) *schema.Schema {
	if d == DialectOnPrem {
		return v.onprem
	}
	return v.cloud
}

// schemaPass validates root against sch and reports each violation. names
// are the member names sch's documents define (emptyMembers).
func (v *Validator) schemaPass(sch *schema.Schema, root *jsontree.Node, msgType string, names map[string]bool, c *collector) {
	found := schema.Eval(sch, root)
	if found == nil {
		return
	}
	// Overlapping schemas (a base schema and the branch its "type" picks)
	// can find one fault twice: report each missing or unknown member once,
	// and one violation of each other kind per value, the first. A text
	// near one limit and over another is over it.
	type place struct {
		n    *jsontree.Node
		k    schema.Kind
		name string
	}
	seen := map[place]bool{}
	fresh := func(p place) bool {
		if seen[p] {
			return false
		}
		seen[p] = true
		return true
	}
	for _, vi := range found {
		if vi.Kind == schema.MaxLength {
			seen[place{vi.Node, schema.NearMaxLength, ""}] = true
		}
	}
	unknown := map[*jsontree.Node][]*jsontree.Node{} // the unknown members reported, by object
	empty := emptyMembers{sch: sch, root: root, msgType: msgType, names: names}
	for _, vi := range found {
		// A member with no value that the object need not have is read as
		// absent (empty-field): none of its violations is reported.
		if vi.Kind == schema.Additional {
			vi.Unknown = slices.DeleteFunc(slices.Clone(vi.Unknown), empty.readAsAbsent)
			if len(vi.Unknown) == 0 {
				continue
			}
		} else if empty.readAsAbsent(vi.Node) {
			continue
		}
		switch vi.Kind {
		case schema.Required:
			vi.Missing = slices.DeleteFunc(slices.Clone(vi.Missing), func(m string) bool { return !fresh(place{vi.Node, vi.Kind, m}) })
			if len(vi.Missing) == 0 {
				continue
			}
		case schema.Additional:
			if done := unknown[vi.Node]; done != nil {
				set := make(map[*jsontree.Node]bool, len(done))
				for _, m := range done {
					set[m] = true
				}
				vi.Unknown = slices.DeleteFunc(slices.Clone(vi.Unknown), func(m *jsontree.Node) bool { return set[m] })
			}
			unknown[vi.Node] = append(unknown[vi.Node], vi.Unknown...)
			if len(vi.Unknown) == 0 {
				continue
			}
		default:
			if !fresh(place{vi.Node, vi.Kind, ""}) {
				continue
			}
		}
		explain(vi, c)
	}
	empty.report(c)
}
