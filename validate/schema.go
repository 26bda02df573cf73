package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/walint/walint/schemas"
)

// compiled is the embedded schemas, compiled: they never change, and a
// compiled schema is safe for concurrent use, so every Validator of the
// process shares one compilation.
type compiled struct {
	cloud, onprem *schemaNode
	types         []string // the message types, from both roots' "type" enum
}

var compiledSchemas = sync.OnceValues(func() (compiled, error) {
	cloud, onprem, err := compileSchemas()
	if err != nil {
		return compiled{}, err
	}
	return compiled{cloud, onprem, enumOf([]*schemaNode{cloud, onprem}, "type")}, nil
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
func enumOf(roots []*schemaNode, prop string) []string {
	var out []string
	for _, r := range roots {
		p := r.props[prop]
		if p == nil {
			continue
		}
		for _, s := range stringValues(p.enum) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// compileSchemas compiles the embedded schemas for the evaluator of
// schemaeval.go: every document, so that an error anywhere shows at once.
func compileSchemas() (cloud, onprem *schemaNode, err error) {
	docs, err := schemaDocuments()
	if err != nil {
		return nil, nil, err
	}
	c := &schemaCompiler{docs: docs, done: map[string]*schemaNode{}}
	for _, id := range slices.Sorted(maps.Keys(docs)) {
		if _, err := c.compile(id); err != nil {
			return nil, nil, err
		}
	}
	if err := c.checkCycles(); err != nil {
		return nil, nil, err
	}
	if cloud, err = c.compile(schemas.CloudURL); err != nil {
		return nil, nil, err
	}
	if onprem, err = c.compile(schemas.OnPremURL); err != nil {
		return nil, nil, err
	}
	return cloud, onprem, nil
}

// schemaDocuments decodes the embedded schemas, by $id, numbers as
// json.Number, with their discriminator branches rewritten as x-switch
// (switch.go).
func schemaDocuments() (map[string]any, error) {
	docs, err := decodeSchemas()
	for _, doc := range docs {
		toSwitches(doc)
	}
	return docs, err
}

// decodeSchemas decodes the embedded schemas as they are written, by $id,
// numbers as json.Number.
func decodeSchemas() (map[string]any, error) {
	docs := map[string]any{}
	err := fs.WalkDir(schemas.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := schemas.FS.ReadFile(path)
		if err != nil {
			return err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		obj, _ := doc.(map[string]any)
		id, _ := obj["$id"].(string)
		if id == "" {
			return fmt.Errorf("%s: schema has no $id", path)
		}
		docs[id] = doc
		return nil
	})
	return docs, err
}

// nearMargin returns how far below a length limit a text counts as near it:
// 5%, and at least one character. The evaluator checks texts against the
// limit less this margin, so that one pass also finds the texts near their
// limit; explain tells a near miss (near-length-limit) from a real excess
// (string-length).
func nearMargin(limit int) int {
	return max(1, limit/20)
}

// schemaPass validates root against the dialect's schema and turns each
// violation into reports.
func (v *Validator) schemaPass(root *node, d Dialect, out []report) []report {
	sch := v.cloud
	if d == DialectOnPrem {
		sch = v.onprem
	}
	var e schemaEval
	if e.validate(sch, root) {
		return out
	}
	// Overlapping schemas (a base schema and the branch its "type" picks)
	// can find one fault twice: report each missing or unknown member once,
	// and one violation of each other kind per value, the first.
	type place struct {
		n    *node
		k    violationKind
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
	unknown := map[*node][]*node{} // the unknown members reported, by object
	for _, vi := range e.out {
		switch vi.kind {
		case vRequired:
			vi.names = slices.DeleteFunc(slices.Clone(vi.names), func(m string) bool { return !fresh(place{vi.node, vi.kind, m}) })
			if len(vi.names) == 0 {
				continue
			}
		case vAdditional:
			if done := unknown[vi.node]; done != nil {
				set := make(map[*node]bool, len(done))
				for _, m := range done {
					set[m] = true
				}
				vi.members = slices.DeleteFunc(slices.Clone(vi.members), func(m *node) bool { return set[m] })
			}
			unknown[vi.node] = append(unknown[vi.node], vi.members...)
			if len(vi.members) == 0 {
				continue
			}
		default:
			if !fresh(place{vi.node, vi.kind, ""}) {
				continue
			}
		}
		out = explain(vi, out)
	}
	return out
}
