package validate

import (
	"slices"

	"github.com/walint/walint/validate/internal/jsontree"
)

// detectDialect returns the dialect to check root as: the one asked for, or,
// for DialectAuto, the one the payload shows. messaging_product, or a form
// only the Cloud API knows, means Cloud; otherwise (the v1-only forms hsm
// and template.namespace, or simply no messaging_product) On-Premises v1.
func detectDialect(root *jsontree.Node, asked Dialect) Dialect {
	if asked != DialectAuto {
		return asked
	}
	if root.Get("messaging_product") != nil || (cloudMarker(root) != "" && !hasV1Markers(root)) {
		return DialectCloud
	}
	return DialectOnPrem
}

// cloudMarker names a field of the payload that only the Cloud API knows, or
// returns "". A payload with one but without messaging_product is a Cloud
// payload missing that field, not a v1 payload.
func cloudMarker(root *jsontree.Node) string {
	for _, k := range []string{"recipient", "biz_opaque_callback_data", "typing_indicator"} {
		if root.Get(k) != nil {
			return k
		}
	}
	if rt, _ := root.Get("recipient_type").Str(); rt == "group" {
		return "recipient_type"
	}
	if root.Path("text", "preview_url") != nil {
		return "text.preview_url"
	}
	if root.Path("audio", "voice") != nil {
		return "audio.voice"
	}
	if t, ok := root.Path("interactive", "type").Str(); ok && t != "" && !slices.Contains(onPremInteractiveTypes, t) {
		return "interactive.type " + t
	}
	if root.Get("template") != nil && root.Path("template", "namespace") == nil {
		// A v1 template always names its namespace.
		return "template without namespace"
	}
	return ""
}

// onPremInteractiveTypes are the interactive types the On-Premises v1 API had
// when Meta sunset it (2025-10-23); every other one is Cloud's. The list is
// frozen with the API, so a type Meta adds needs no entry here.
var onPremInteractiveTypes = []string{"button", "list", "product", "product_list"}

// messageType returns the message type the payload declares: "status" for a
// read receipt, the value of "type", or "text" (the Cloud default) when
// "type" is absent. A "type" that is not a string gives "".
func messageType(root *jsontree.Node) string {
	if root.Get("status") != nil && root.Get("type") == nil {
		return "status"
	}
	t := root.Get("type")
	if t == nil {
		return "text"
	}
	s, _ := t.Str()
	return s
}

// hasV1Markers reports whether the payload uses a form that only the
// On-Premises v1 API knows.
func hasV1Markers(root *jsontree.Node) bool {
	if root.Get("hsm") != nil {
		return true
	}
	if s, _ := root.Get("type").Str(); s == "hsm" {
		return true
	}
	return root.Path("template", "namespace") != nil
}
