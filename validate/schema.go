package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/walint/walint/schemas"
)

// schemaDocs holds the decoded schema documents by $id, so that a schema
// error can be explained with the schema's own words (its description, the
// names of the properties it knows).
type schemaDocs map[string]any

// compiled is the embedded schemas, compiled: they never change, and a
// compiled schema is safe for concurrent use, so every Validator of the
// process shares one compilation (it costs a few hundred milliseconds in a
// browser).
type compiled struct {
	cloud, onprem *jsonschema.Schema
	docs          schemaDocs
}

var compiledSchemas = sync.OnceValues(func() (compiled, error) {
	cloud, onprem, docs, err := compileSchemas()
	return compiled{cloud, onprem, docs}, err
})

// compileSchemas compiles the embedded schemas.
func compileSchemas() (cloud, onprem *jsonschema.Schema, docs schemaDocs, err error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.RegisterVocabulary(switchVocabulary())
	c.AssertVocabs()
	docs = schemaDocs{}
	err = fs.WalkDir(schemas.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := schemas.FS.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		obj, _ := doc.(map[string]any)
		id, _ := obj["$id"].(string)
		if id == "" {
			return fmt.Errorf("%s: schema has no $id", path)
		}
		toSwitches(doc)
		docs[id] = doc
		// The compiled copy has every maxLength lowered by 5%, so that one
		// validation pass also finds the texts near their limit; explain
		// reads the real limit from the original document (docs) and tells
		// a near miss (near-length-limit) from a real excess (string-length).
		compiled, _ := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		toSwitches(compiled)
		lowerMaxLengths(compiled)
		return c.AddResource(id, compiled)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	if cloud, err = c.Compile(schemas.CloudURL); err != nil {
		return nil, nil, nil, err
	}
	if onprem, err = c.Compile(schemas.OnPremURL); err != nil {
		return nil, nil, nil, err
	}
	return cloud, onprem, docs, nil
}

// nearMargin returns how far below a length limit a text counts as near it:
// 5%, and at least one character.
func nearMargin(limit int) int {
	return max(1, limit/20)
}

// lowerMaxLengths lowers every maxLength of a decoded schema by its margin.
func lowerMaxLengths(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			if n, ok := sub.(json.Number); ok && k == "maxLength" {
				if l, err := n.Int64(); err == nil && l > 1 {
					x[k] = json.Number(strconv.FormatInt(l-int64(nearMargin(int(l))), 10))
				}
				continue
			}
			lowerMaxLengths(sub)
		}
	case []any:
		for _, sub := range x {
			lowerMaxLengths(sub)
		}
	}
}

// at returns the schema object at an absolute schema location such as
// "https://walint.dev/schemas/cloud/text.json#/properties/body", or nil.
func (d schemaDocs) at(loc string) map[string]any {
	id, frag, _ := strings.Cut(loc, "#")
	var v any = d[id]
	if frag != "" {
		for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			switch x := v.(type) {
			case map[string]any:
				v = x[tok]
			case []any:
				i := 0
				if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(x) {
					return nil
				}
				v = x[i]
			default:
				return nil
			}
		}
	}
	m, _ := v.(map[string]any)
	return m
}

// schemaPass validates root against the dialect's schema and turns each
// leaf error into a report.
func (v *Validator) schemaPass(root *Node, d Dialect, out []report) []report {
	sch := v.cloud
	if d == DialectOnPrem {
		sch = v.onprem
	}
	err := sch.Validate(root.value())
	if err == nil {
		return out
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return append(out, internalError("schema validation failed: "+err.Error()))
	}
	seen := map[string]bool{}
	for _, leaf := range schemaLeaves(verr, nil) {
		key := strings.Join(leaf.InstanceLocation, "\x00") + "\x00" + fmt.Sprintf("%T", leaf.ErrorKind)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = v.docs.explain(root, leaf, out)
	}
	return out
}

// schemaLeaves collects the errors that have no causes: the ones that say
// what is actually wrong, rather than which combinator failed.
func schemaLeaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = schemaLeaves(c, out)
	}
	return out
}
