package jsontree

import (
	"strings"
	"unicode/utf8"
)

// SourceRange returns where the bytes i to j of the text of the string n
// stand in src, the payload n was parsed from: its content is decoded again
// as the parser decoded it (escapes, surrogate pairs, invalid bytes, and
// the typographic quotes that may delimit it), so that a finding about a
// part of a text, such as a variable in a template's body, can point at
// that part. ok is false, and the range all of n, when n is no string of
// src or i or j falls inside one escape.
func SourceRange(src string, n *Node, i, j int) (start, end int, ok bool) {
	if n == nil || n.Kind != String || n.Start < 0 || n.End > len(src) || n.Start >= n.End || i < 0 || i > j || j > len(n.Text) {
		if n == nil {
			return 0, 0, false
		}
		return n.Start, n.End, false
	}
	// The delimiters are a character each: '"', or a typographic quote
	// read as one.
	_, open := utf8.DecodeRuneInString(src[n.Start:n.End])
	_, close := utf8.DecodeLastRuneInString(src[n.Start:n.End])
	first, last := n.Start+open, n.End-close
	if first > last {
		return n.Start, n.End, false
	}
	p := &parser{s: src[:last], out: func(Issue) {}}
	var b strings.Builder
	k := first
	start = -1
	for k < last && b.Len() < j {
		if b.Len() == i && start < 0 {
			start = k
		}
		if src[k] == '\\' {
			k = p.escape(&b, k, nil)
			if p.stop != nil {
				return n.Start, n.End, false
			}
			continue
		}
		// An invalid byte decodes as U+FFFD, as chars writes it.
		r, size := utf8.DecodeRuneInString(src[k:last])
		b.WriteRune(r)
		k += size
	}
	if b.Len() == i && start < 0 {
		start = k
	}
	if start < 0 || b.Len() != j || b.String()[i:] != n.Text[i:j] {
		return n.Start, n.End, false
	}
	return start, k, true
}
