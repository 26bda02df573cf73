// Package schemas holds walint's JSON Schemas (draft 2020-12) for WhatsApp
// Business message payloads, one tree per API dialect.
package schemas

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
)

// FS holds every schema file, under cloud/ and onprem/. Each file's $id is
// https://walint.dev/schemas/ followed by its path in FS.
//
//go:embed cloud/*.json onprem/*.json
var FS embed.FS

// base is what every schema's $id starts with, before its path in FS.
const base = "https://walint.dev/schemas/"

// Documents decodes every embedded schema, by its $id, with numbers as
// json.Number so that they come out as written. Each call decodes them
// afresh, so the caller may change what it gets. It fails on a schema that
// does not decode or whose $id is not its place in FS.
func Documents() (map[string]map[string]any, error) {
	paths, err := fs.Glob(FS, "*/*.json")
	if err != nil {
		return nil, err
	}
	docs := make(map[string]map[string]any, len(paths))
	for _, p := range paths {
		data, err := FS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			return nil, fmt.Errorf("schemas: decoding %s: %w", p, err)
		}
		if id, _ := doc["$id"].(string); id != base+p {
			return nil, fmt.Errorf("schemas: %s has the $id %q, not %q", p, id, base+p)
		}
		docs[base+p] = doc
	}
	return docs, nil
}

// CloudURL is the $id of the root schema for Cloud API payloads.
const CloudURL = "https://walint.dev/schemas/cloud/message.json"

// OnPremURL is the $id of the root schema for On-Premises API v1 payloads.
const OnPremURL = "https://walint.dev/schemas/onprem/message.json"

// The ranges of a location's coordinates, in decimal degrees: a latitude
// runs from -LatitudeLimit to LatitudeLimit, a longitude from
// -LongitudeLimit to LongitudeLimit. The schemas leave them out, since a
// coordinate may be a numeric string, which JSON Schema cannot compare:
// validate's latitude-range and longitude-range rules check them, and
// Bundle writes them into the schema it makes for editors.
const (
	LatitudeLimit  = 90
	LongitudeLimit = 180
)
