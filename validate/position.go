package validate

import (
	"sort"
	"unicode/utf8"
)

// lineIndex turns byte offsets into line and column positions. Findings are
// converted in offset order, so it remembers the last position and counts
// forward from it instead of from the start of the line each time: a
// megabyte on one line with many findings stays linear.
//
// A line ends at LF, at CRLF (one line break, not two) and at a CR alone,
// as files saved with classic Mac OS line endings have them; JSON allows all
// three between tokens.
type lineIndex struct {
	src    string
	starts []int // byte offset of the first byte of each line
	last   Pos
}

func newLineIndex(src string) *lineIndex {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 == len(src) || src[i+1] != '\n' {
				starts = append(starts, i+1) // In CRLF the LF ends the line.
			}
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// pos returns the position of byte offset off, clamped to the source.
func (li *lineIndex) pos(off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
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

func (li *lineIndex) span(start, end int) Span {
	s := li.pos(start)
	if end < start {
		end = start
	}
	return Span{Start: s, End: li.pos(end)}
}
