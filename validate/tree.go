package validate

import (
	"strconv"
	"strings"
)

// valueKind is the JSON kind of a node.
type valueKind uint8

// The JSON kinds.
const (
	kindNull valueKind = iota + 1
	kindBool
	kindNumber
	kindString
	kindObject
	kindArray
)

// String returns the JSON name of the kind: "null", "boolean", "number",
// "string", "object" or "array".
func (k valueKind) String() string {
	switch k {
	case kindNull:
		return "null"
	case kindBool:
		return "boolean"
	case kindNumber:
		return "number"
	case kindString:
		return "string"
	case kindObject:
		return "object"
	case kindArray:
		return "array"
	}
	return "invalid"
}

// node is one JSON value of a parsed payload, with where it sits.
type node struct {
	Kind valueKind
	// Start and End are the byte offsets of the value, End exclusive.
	Start, End int
	// Text is the decoded value of a string, or the literal text of a number.
	Text string
	// Bool is the value of a boolean.
	Bool bool
	// Kids are the members of an object, in document order (duplicates
	// included), or the elements of an array.
	Kids []*node
	// Parent is the object or array holding this value; nil for the root.
	Parent *node
	// Key is the member name in the parent object, or the decimal index in
	// the parent array.
	Key string
	// KeyStart and KeyEnd are the byte offsets of the member name, quotes
	// included, for a member of an object.
	KeyStart, KeyEnd int
	// extreme marks a number too long or too large to evaluate exactly; it
	// was reported by the parser, and the schema pass takes it for 0.
	extreme bool
	// shadowed marks a member followed by another of the same name in its
	// object: the later one is the one that counts (see Get).
	shadowed bool
}

// Get returns the member of an object with the given name, or nil. When a
// name occurs twice the last one wins, as in most JSON parsers.
func (n *node) Get(key string) *node {
	if n == nil || n.Kind != kindObject {
		return nil
	}
	for i := len(n.Kids) - 1; i >= 0; i-- {
		if n.Kids[i].Key == key {
			return n.Kids[i]
		}
	}
	return nil
}

// Path returns the value at the given member names (or array indices, in
// decimal) below n, or nil when any step is missing.
func (n *node) Path(keys ...string) *node {
	for _, k := range keys {
		if n == nil {
			return nil
		}
		switch n.Kind {
		case kindObject:
			n = n.Get(k)
		case kindArray:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(n.Kids) {
				return nil
			}
			n = n.Kids[i]
		default:
			return nil
		}
	}
	return n
}

// Str returns the value of a string node and true, or "" and false for any
// other node (nil included).
func (n *node) Str() (string, bool) {
	if n == nil || n.Kind != kindString {
		return "", false
	}
	return n.Text, true
}

// Pointer returns the RFC 6901 JSON Pointer of the node.
func (n *node) Pointer() string {
	if n == nil || n.Parent == nil {
		return ""
	}
	var toks []string
	for m := n; m.Parent != nil; m = m.Parent {
		toks = append(toks, m.Key)
	}
	var b strings.Builder
	for i := len(toks) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(escapePointer(toks[i]))
	}
	return b.String()
}

// childPointer returns the pointer of a member named key below n, which need
// not exist.
func childPointer(n *node, key string) string {
	return n.Pointer() + "/" + escapePointer(key)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapePointer(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return pointerEscaper.Replace(tok)
}

// flatten appends n and every value below it to out, in document order.
// The parser bounds the depth, so the recursion is bounded too.
func flatten(n *node, out []*node) []*node {
	out = append(out, n)
	for _, k := range n.Kids {
		out = flatten(k, out)
	}
	return out
}

// Elems returns the elements of an array node, or nil for any other node
// (nil included), so rules can range over a value of unknown shape.
func (n *node) Elems() []*node {
	if n == nil || n.Kind != kindArray {
		return nil
	}
	return n.Kids
}

// firstSeen remembers where each key was first seen, for the rules that
// want values unique (row ids, button ids and titles, button indices).
type firstSeen map[string]*node

// first returns the node key was first seen at and true, or records n as
// the first and returns false.
func (s firstSeen) first(key string, n *node) (*node, bool) {
	if at, ok := s[key]; ok {
		return at, true
	}
	s[key] = n
	return nil, false
}
