// Package schemas holds walint's JSON Schemas (draft 2020-12) for WhatsApp
// Business message payloads, one tree per API dialect.
package schemas

import (
	"embed"

	"github.com/walint/walint/internal/schemadocs"
)

// FS holds every schema file, under cloud/ and onprem/ for messages and
// template/ for template creation and edit bodies. Each file's $id is
// https://walint.dev/schemas/ followed by its path in FS.
//
//go:embed cloud/*.json onprem/*.json template/*.json
var FS embed.FS

// base is what every schema's $id starts with, before its path in FS.
const base = schemadocs.Base

// CloudURL is the $id of the root schema for Cloud API payloads.
const CloudURL = "https://walint.dev/schemas/cloud/message.json"

// OnPremURL is the $id of the root schema for On-Premises API v1 payloads.
const OnPremURL = "https://walint.dev/schemas/onprem/message.json"

// TemplateBase is what the $id of every schema of template bodies starts
// with.
const TemplateBase = base + "template/"

// TemplateURL is the $id of the root schema for template creation bodies:
// POST /{waba-id}/message_templates, with its Template Library and
// upsert_message_templates forms.
const TemplateURL = TemplateBase + "create.json"

// TemplateEditURL is the $id of the root schema for template edit bodies:
// POST /{template-id}.
const TemplateEditURL = TemplateBase + "edit.json"

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
