package output

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	// maxExcerptWidth is how many terminal columns of a source line the text
	// format shows at most; longer lines (minified payloads are one line)
	// are cut around the finding.
	maxExcerptWidth = 120
	// tabWidth is the distance between tab stops when tabs are expanded.
	tabWidth = 4
)

// sourceLines finds lines in a payload. It indexes the line starts once, so
// that many findings in a large file cost one pass, and lays out each line
// that a finding quotes once (lineLayout), so that many findings on one long
// line, as a minified payload has them, cost one pass over it.
type sourceLines struct {
	src     string
	starts  []int
	layouts map[int]*lineLayout // by line number
}

func newSourceLines(src []byte) *sourceLines {
	starts := []int{0}
	for i, c := range src {
		// A line ends at LF, CRLF or a lone CR, as the validator counts.
		if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			starts = append(starts, i+1)
		}
	}
	return &sourceLines{src: string(src), starts: starts}
}

// line returns line n (1-based) without its line ending.
func (s *sourceLines) line(n int) (string, bool) {
	if n < 1 || n > len(s.starts) {
		return "", false
	}
	start, end := s.starts[n-1], len(s.src)
	if n < len(s.starts) {
		end = s.starts[n] - 1
	}
	return strings.TrimSuffix(s.src[start:end], "\r"), true
}

// layout returns the layout of line n (1-based), made on first use.
func (s *sourceLines) layout(n int) (*lineLayout, bool) {
	if l, ok := s.layouts[n]; ok {
		return l, true
	}
	line, ok := s.line(n)
	if !ok {
		return nil, false
	}
	if s.layouts == nil {
		s.layouts = map[int]*lineLayout{}
	}
	l := newLineLayout(line)
	s.layouts[n] = l
	return l, true
}

// cell is how one code point of a source line shows on a terminal.
type cell struct {
	text  string
	width int
}

// spaces holds the text of a tab, which is at most tabWidth spaces.
const spaces = "    "

// layoutCell lays out the code point at the start of s, the k-th of its line
// (0-based) as the validator counts them (an invalid byte is one code
// point), starting at display column col. It returns the cell and the code
// point's length in bytes.
func layoutCell(s string, k, col int) (cell, int) {
	if b := s[0]; b < utf8.RuneSelf { // ASCII, most of every payload
		switch {
		case b == '\t':
			w := tabWidth - col%tabWidth
			return cell{text: spaces[:w], width: w}, 1
		case b < 0x20 || b == 0x7f: // control characters (unicode.Cc)
			return cell{text: "\uFFFD", width: 1}, 1
		}
		return cell{text: s[:1], width: 1}, 1
	}
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case r == '\uFEFF' && k == 0:
		// A byte order mark at the start: the file's, which editors
		// do not show either (json-bom reports it).
		return cell{}, size
	case r == utf8.RuneError && size == 1, !visible(r):
		return cell{text: "\uFFFD", width: 1}, size
	}
	return cell{text: s[:size], width: runeWidth(r)}, size
}

// layoutStride is how many code points lie between two marks of a
// lineLayout: the most an excerpt lays out to find a column.
const layoutStride = 64

// cursor is a place in a line: code point k (0-based), which starts at byte
// off and at display column col.
type cursor struct{ k, off, col int }

// lineLayout is how a source line shows on a terminal, indexed so that an
// excerpt lays out only the cells it shows, however long the line: it keeps
// a cursor every layoutStride code points and lays out the cells from the
// nearest one, one pass over the line when it is made and a bounded amount
// of work per excerpt after.
type lineLayout struct {
	line  string
	n     int      // code points in the line
	width int      // display columns of the whole line
	marks []cursor // marks[i] is at code point i*layoutStride
}

func newLineLayout(line string) *lineLayout {
	l := &lineLayout{line: line}
	cur := cursor{}
	for cur.off < len(line) {
		if cur.k%layoutStride == 0 {
			l.marks = append(l.marks, cur)
		}
		cur = l.next(cur)
	}
	if cur.k%layoutStride == 0 {
		l.marks = append(l.marks, cur)
	}
	l.n, l.width = cur.k, cur.col
	return l
}

// cell returns the cell at cur, which must be before the end of the line.
func (l *lineLayout) cell(cur cursor) (cell, int) {
	return layoutCell(l.line[cur.off:], cur.k, cur.col)
}

// next returns the cursor after the cell at cur.
func (l *lineLayout) next(cur cursor) cursor {
	c, size := l.cell(cur)
	return cursor{k: cur.k + 1, off: cur.off + size, col: cur.col + c.width}
}

// at returns the cursor at code point k, 0 <= k <= l.n.
func (l *lineLayout) at(k int) cursor {
	cur := l.marks[k/layoutStride]
	for cur.k < k {
		cur = l.next(cur)
	}
	return cur
}

// before returns a cursor before every cell that starts at display column
// col or later, at most layoutStride cells before the first of them.
func (l *lineLayout) before(col int) cursor {
	i := sort.Search(len(l.marks), func(i int) bool { return l.marks[i].col >= col })
	return l.marks[max(i-1, 0)]
}

// layoutExcerpt returns the source line as it will show and a caret line
// that marks columns startCol up to endCol (exclusive, counted in code
// points like the validator's columns); endCol < 0 marks to the end of the
// line. A line wider than maxExcerptWidth is cut around startCol, with an
// ellipsis where text was left out.
func layoutExcerpt(line string, startCol, endCol int) (src, caret string) {
	return newLineLayout(line).excerpt(startCol, endCol)
}

// excerpt is layoutExcerpt on the laid out line. It lays out only the cells
// around the span, so that its work does not grow with the line's length.
func (l *lineLayout) excerpt(startCol, endCol int) (src, caret string) {
	n := l.n
	s := min(max(startCol-1, 0), n)
	e := n
	if endCol >= 0 {
		e = min(max(endCol-1, s), n)
	}
	startCell, endCell, total := l.at(s).col, l.at(e).col, l.width

	lo, hi := 0, total
	if total > maxExcerptWidth {
		// Keep a third of the room for what comes before the span: enough
		// to see which member it is, while most of the span stays in view.
		budget := maxExcerptWidth - 2 // room for an ellipsis at each end
		lo = max(startCell-budget/3, 0)
		hi = lo + budget
		if hi > total {
			hi, lo = total, max(total-budget, 0)
		}
	}
	// The cells shown are those from column lo to hi. Columns only grow
	// along the line and no cell is wider than hi-lo, so the first cell
	// that ends after hi ends the excerpt.
	var b strings.Builder
	first, last := -1, lo
	for cur := l.before(lo); cur.k < n; {
		c, size := l.cell(cur)
		if cur.col+c.width > hi {
			break
		}
		if cur.col >= lo {
			if first < 0 {
				first = cur.col
			}
			b.WriteString(c.text)
			last = cur.col + c.width
		}
		cur = cursor{k: cur.k + 1, off: cur.off + size, col: cur.col + c.width}
	}
	if first < 0 {
		first = lo
	}
	offset := startCell - first
	if first > 0 {
		src = "…"
		offset++
	}
	src += b.String()
	if last < total {
		src += "…"
	}
	width := max(min(endCell, last)-startCell, 1)
	caret = strings.Repeat(" ", max(offset, 0)) + "^" + strings.Repeat("~", width-1)
	return src, caret
}

// visible reports whether r can be written to a terminal as it is. Control
// characters, line separators and format characters other than the
// zero-width joiner of emoji sequences are shown as U+FFFD instead: they
// would move the cursor, reorder the line (bidirectional overrides), or be
// invisible where a reader needs to see that something is there.
func visible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cc, r), unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
		return false
	case unicode.Is(unicode.Cf, r):
		return r == '\u200d'
	}
	return true
}

// escapeInvisible writes the code points that visible refuses as JSON
// escapes (\u202e), for the text that is shown as it is, such as a fix's
// JSON value: a bidirectional override inside a member name or a string
// would otherwise reorder the line on the terminal. In JSON text the escape
// means the same, so the fix still reads as what will be written.
func escapeInvisible(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !visible(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s { // An invalid byte comes as U+FFFD, which is visible.
		switch {
		case visible(r):
			b.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, "\\u%04x\\u%04x", r1, r2)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// runeWidth approximates how many terminal columns r takes: none for
// combining marks and the zero-width joiner, two for East Asian wide
// characters and most emoji, one otherwise. The standard library has no
// width tables; this covers the characters WhatsApp messages are full of.
func runeWidth(r rune) int {
	switch {
	case r == '\u200d', unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r):
		return 0
	case isWide(r):
		return 2
	}
	return 1
}

// wideRanges are the blocks that terminals draw two columns wide.
var wideRanges = [][2]rune{
	{0x1100, 0x115F},   // Hangul Jamo initials
	{0x231A, 0x231B},   // watch, hourglass
	{0x23E9, 0x23EC},   // media buttons
	{0x23F0, 0x23F0},   // alarm clock
	{0x23F3, 0x23F3},   // hourglass flowing
	{0x25FD, 0x25FE},   // small squares
	{0x2614, 0x2615},   // umbrella, hot beverage
	{0x2648, 0x2653},   // zodiac
	{0x267F, 0x267F},   // wheelchair
	{0x2693, 0x2693},   // anchor
	{0x26A1, 0x26A1},   // high voltage
	{0x26AA, 0x26AB},   // circles
	{0x26BD, 0x26BE},   // balls
	{0x26C4, 0x26C5},   // snowman, sun behind cloud
	{0x26CE, 0x26CE},   // ophiuchus
	{0x26D4, 0x26D4},   // no entry
	{0x26EA, 0x26EA},   // church
	{0x26F2, 0x26F3},   // fountain, golf
	{0x26F5, 0x26F5},   // sailboat
	{0x26FA, 0x26FA},   // tent
	{0x26FD, 0x26FD},   // fuel pump
	{0x2705, 0x2705},   // check mark button
	{0x270A, 0x270B},   // raised fist, hand
	{0x2728, 0x2728},   // sparkles
	{0x274C, 0x274C},   // cross mark
	{0x274E, 0x274E},   // cross mark button
	{0x2753, 0x2755},   // question and exclamation marks
	{0x2757, 0x2757},   // exclamation mark
	{0x2795, 0x2797},   // plus, minus, divide
	{0x27B0, 0x27B0},   // curly loop
	{0x27BF, 0x27BF},   // double curly loop
	{0x2B1B, 0x2B1C},   // large squares
	{0x2B50, 0x2B50},   // star
	{0x2B55, 0x2B55},   // circle
	{0x2E80, 0x303E},   // CJK radicals, punctuation
	{0x3041, 0x33FF},   // kana, CJK compatibility
	{0x3400, 0x4DBF},   // CJK extension A
	{0x4E00, 0x9FFF},   // CJK unified ideographs
	{0xA000, 0xA4CF},   // Yi
	{0xAC00, 0xD7A3},   // Hangul syllables
	{0xF900, 0xFAFF},   // CJK compatibility ideographs
	{0xFE30, 0xFE4F},   // CJK compatibility forms
	{0xFF00, 0xFF60},   // fullwidth forms
	{0xFFE0, 0xFFE6},   // fullwidth signs
	{0x1F004, 0x1F004}, // mahjong tile
	{0x1F0CF, 0x1F0CF}, // joker
	{0x1F18E, 0x1F18E}, // AB button
	{0x1F191, 0x1F19A}, // squared words
	{0x1F200, 0x1F2FF}, // enclosed ideographic supplement
	{0x1F300, 0x1F64F}, // pictographs, emoticons
	{0x1F680, 0x1F6FF}, // transport and map
	{0x1F7E0, 0x1F7EB}, // coloured circles and squares
	{0x1F90C, 0x1F9FF}, // supplemental symbols and pictographs
	{0x1FA70, 0x1FAFF}, // symbols and pictographs extended-A
	{0x20000, 0x3FFFD}, // CJK extensions B and beyond
}

func isWide(r rune) bool {
	for _, w := range wideRanges {
		if r < w[0] {
			return false
		}
		if r <= w[1] {
			return true
		}
	}
	return false
}
