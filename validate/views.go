package validate

import "github.com/walint/walint/validate/internal/jsontree"

// views are the values that rules look for anywhere in a payload, found in
// one walk of the tree, the first time a rule asks (pass.views): the links,
// the media objects, the locations, the id fields and the currency codes.
// A rule that looks at one known place (the template's components, the
// flow's parameters) goes there directly instead.
//
// Each list is in document order. The first few links, media objects,
// locations and ids live in arrays of the pass itself, so a payload with a
// link and a media object costs no allocation for them.
type views struct {
	done bool
	// links are the string members named "link" of objects.
	links []*jsontree.Node
	// media are the media objects (isMediaObject).
	media []*jsontree.Node
	// locations are the objects named "location" below the root: a
	// location message's, a template header parameter's.
	locations []*jsontree.Node
	// ids are the members of objects named in idFields.
	ids []*jsontree.Node
	// currencyCodes are the "code" members of objects named "currency".
	currencyCodes []*jsontree.Node

	linksBuf, mediaBuf, locationsBuf, idsBuf [4]*jsontree.Node
}

// views returns the payload's views, walking the tree the first time.
func (p *pass) views() *views {
	v := &p.view
	if !v.done {
		v.done = true
		v.links, v.media, v.locations, v.ids = v.linksBuf[:0], v.mediaBuf[:0], v.locationsBuf[:0], v.idsBuf[:0]
		v.walk(p.root)
	}
	return v
}

// walk files the members below n, depth first in document order.
func (v *views) walk(n *jsontree.Node) {
	if n.Kind != jsontree.Object && n.Kind != jsontree.Array {
		return
	}
	inObject := n.Kind == jsontree.Object
	for _, k := range n.Kids {
		if inObject {
			v.file(k)
		}
		v.walk(k)
	}
}

// file adds k, a member of an object, to the views it belongs to.
func (v *views) file(k *jsontree.Node) {
	switch k.Key {
	case "link":
		if k.Kind == jsontree.String {
			v.links = append(v.links, k)
		}
	case "location":
		if k.Kind == jsontree.Object {
			v.locations = append(v.locations, k)
		}
	case "code":
		if k.Parent.Key == "currency" {
			v.currencyCodes = append(v.currencyCodes, k)
		}
	case "message_id", "catalog_id", "product_retailer_id", "thumbnail_product_retailer_id", "flow_id":
		v.ids = append(v.ids, k) // idFields' keys: TestViewsIDFields holds them together
	}
	if isMediaObject(k) {
		v.media = append(v.media, k)
	}
}

// isMediaObject reports whether n, a member of an object, is a media
// object: the object of a media message, the media of an interactive
// header or of a carousel card's header, or a template parameter's media.
func isMediaObject(n *jsontree.Node) bool {
	if n.Kind != jsontree.Object {
		return false
	}
	if messageKind(n.Key) == 0 {
		return false
	}
	holder := n.Parent
	switch {
	case holder.Parent == nil: // the message itself
		return true
	case isInteractiveHeader(holder):
		return true
	}
	return holder.Parent.Key == "parameters" // a template parameter
}
