package validate

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// lineIndex turns byte offsets into line and column positions. Findings are
// converted in offset order, so it counts forward from the last position it
// found, and a payload whose findings come in order costs one scan up to the
// last of them and no allocation. Only when asked for a position before the
// last one (a finding's span that ends after the next one starts) does it
// list where every line starts, once, and search that list from then on; it
// still counts forward from the last position on the same line, so a
// megabyte on one line with many findings stays linear.
//
// A line ends at LF, at CRLF (one line break, not two) and at a CR alone,
// as files saved with classic Mac OS line endings have them; JSON allows all
// three between tokens.
type lineIndex struct {
	src    string
	last   Pos
	starts []int // byte offset of the first byte of each line, once listed
}

func newLineIndex(src string) *lineIndex {
	return &lineIndex{src: src, last: Pos{Line: 1, Column: 1}}
}

// breakAt reports whether the byte at i ends a line.
func (li *lineIndex) breakAt(i int) bool {
	switch li.src[i] {
	case '\n':
		return true
	case '\r':
		return i+1 == len(li.src) || li.src[i+1] != '\n' // In CRLF the LF ends the line.
	}
	return false
}

// pos returns the position of byte offset off, clamped to the source.
func (li *lineIndex) pos(off int) Pos {
	off = min(max(off, 0), len(li.src))
	if li.starts == nil && off >= li.last.Offset {
		li.last = li.forward(off)
		return li.last
	}
	if li.starts == nil {
		li.starts = []int{0}
		for i := 0; i < len(li.src); i++ {
			if li.breakAt(i) {
				li.starts = append(li.starts, i+1)
			}
		}
	}
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	from, col := li.starts[line], 1
	if li.last.Line == line+1 && li.last.Offset <= off && li.last.Offset >= from {
		from, col = li.last.Offset, li.last.Column
	}
	col += utf8.RuneCountInString(li.src[from:off])
	li.last = Pos{Line: line + 1, Column: col, Offset: off}
	return li.last
}

// forward counts from the last position to off, which is not before it.
func (li *lineIndex) forward(off int) Pos {
	p := li.last
	from := p.Offset
	if seg := li.src[from:off]; strings.IndexByte(seg, '\r') < 0 {
		// LF endings alone, as most payloads have: counted a word at a time.
		if n := strings.Count(seg, "\n"); n > 0 {
			p.Line += n
			p.Column = 1
			from += strings.LastIndexByte(seg, '\n') + 1
		}
	} else {
		for i := from; i < off; i++ {
			if li.breakAt(i) {
				p.Line++
				p.Column = 1
				from = i + 1
			}
		}
	}
	p.Column += utf8.RuneCountInString(li.src[from:off])
	p.Offset = off
	return p
}

func (li *lineIndex) span(start, end int) Span {
	s := li.pos(start)
	if end < start {
		end = start
	}
	return Span{Start: s, End: li.pos(end)}
}
