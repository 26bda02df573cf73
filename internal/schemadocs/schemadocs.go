// Package schemadocs decodes walint's embedded JSON Schemas into documents:
// what the schema compiler, the editor bundle and the tests read. It is
// internal, so that the schemas' decoded form is not a promise of the API.
package schemadocs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
)

// Base is what every schema's $id starts with, before its path in the
// schemas' file system.
const Base = "https://walint.dev/schemas/"

// Decode decodes every schema of fsys (the schemas package's FS), by its
// $id, with encoding/json, numbers as json.Number so that they come out as
// written. Each call decodes them afresh, so the caller may change what it
// gets. It fails on a schema that does not decode or whose $id is not its
// place in fsys.
func Decode(fsys fs.FS) (map[string]map[string]any, error) {
	return DecodeWith(fsys, decodeJSON)
}

// DecodeWith is Decode with another decoder of one schema file, which must
// give what encoding/json gives with UseNumber (the validator reads the
// schemas with its own parser, whose code it needs anyway).
func DecodeWith(fsys fs.FS, decode func(data []byte) (map[string]any, error)) (map[string]map[string]any, error) {
	paths, err := fs.Glob(fsys, "*/*.json")
	if err != nil {
		return nil, err
	}
	docs := make(map[string]map[string]any, len(paths))
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		doc, err := decode(data)
		if err != nil {
			return nil, fmt.Errorf("schemas: decoding %s: %w", p, err)
		}
		if id, _ := doc["$id"].(string); id != Base+p {
			return nil, fmt.Errorf("schemas: %s has the $id %q, not %q", p, id, Base+p)
		}
		docs[Base+p] = doc
	}
	return docs, nil
}

// decodeJSON decodes one schema file with encoding/json.
func decodeJSON(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return doc, nil
}
