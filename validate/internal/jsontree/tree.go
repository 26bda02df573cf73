// Package jsontree reads a JSON payload into a tree that keeps where each
// value sits (byte offsets of values and member names), for walint's rules
// and its schema evaluator. Its parser never panics and never stops at the
// first oddity it can read past: every problem is handed to the caller as a
// typed Issue, and only what makes the rest unreadable ends the parse.
package jsontree

import (
	"strconv"
	"strings"
)

// Kind is the JSON kind of a node.
type Kind uint8

// The JSON kinds.
const (
	Null Kind = iota + 1
	Bool
	Number
	String
	Object
	Array
)

// String returns the JSON name of the kind: "null", "boolean", "number",
// "string", "object" or "array".
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Object:
		return "object"
	case Array:
		return "array"
	}
	return "invalid"
}

// Node is one JSON value of a parsed payload, with where it sits. Its
// fields are ordered so that the small ones share a word: a payload's nodes
// are most of the memory a check touches.
type Node struct {
	// Start and End are the byte offsets of the value, End exclusive.
	Start, End int
	// KeyStart and KeyEnd are the byte offsets of the member name, quotes
	// included, for a member of an object.
	KeyStart, KeyEnd int
	// Text is the decoded value of a string, or the literal text of a number.
	Text string
	// Key is the member name in the parent object, or the decimal index in
	// the parent array.
	Key string
	// Kids are the members of an object, in document order (duplicates
	// included), or the elements of an array.
	Kids []*Node
	// Parent is the object or array holding this value; nil for the root.
	Parent *Node
	Kind   Kind
	// Bool is the value of a boolean.
	Bool bool
	// Extreme marks a number too long or too large to evaluate exactly
	// (an ExtremeNumber issue was reported for it): the schema evaluator
	// takes it for 0 rather than expand it.
	Extreme bool
	// Shadowed marks a member followed by another of the same name in its
	// object (a DuplicateKey issue was reported for the later one): the
	// later one is the one that counts, as Get returns.
	Shadowed bool
}

// Get returns the member of an object with the given name, or nil. When a
// name occurs twice the last one wins, as in most JSON parsers.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
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
func (n *Node) Path(keys ...string) *Node {
	for _, k := range keys {
		if n == nil {
			return nil
		}
		switch n.Kind {
		case Object:
			n = n.Get(k)
		case Array:
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
func (n *Node) Str() (string, bool) {
	if n == nil || n.Kind != String {
		return "", false
	}
	return n.Text, true
}

// Pointer returns the RFC 6901 JSON Pointer of the node.
func (n *Node) Pointer() string {
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
		b.WriteString(EscapePointer(toks[i]))
	}
	return b.String()
}

// ChildPointer returns the pointer of a member named key below n, which need
// not exist.
func ChildPointer(n *Node, key string) string {
	return n.Pointer() + "/" + EscapePointer(key)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// EscapePointer escapes a member name as one token of a JSON Pointer
// (RFC 6901): "~" as "~0", "/" as "~1".
func EscapePointer(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return pointerEscaper.Replace(tok)
}

// Flatten appends n and every value below it to out, in document order.
// The parser bounds the depth, so the recursion is bounded too.
func Flatten(n *Node, out []*Node) []*Node {
	out = append(out, n)
	for _, k := range n.Kids {
		out = Flatten(k, out)
	}
	return out
}

// Elems returns the elements of an array node, or nil for any other node
// (nil included), so rules can range over a value of unknown shape.
func (n *Node) Elems() []*Node {
	if n == nil || n.Kind != Array {
		return nil
	}
	return n.Kids
}
