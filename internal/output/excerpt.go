package output

import (
	"bytes"
	"fmt"
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
// that many findings in a large file cost one pass.
type sourceLines struct {
	src    []byte
	starts []int
}

func newSourceLines(src []byte) *sourceLines {
	starts := []int{0}
	for i, c := range src {
		// A line ends at LF, CRLF or a lone CR, as the validator counts.
		if c == '\n' || c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			starts = append(starts, i+1)
		}
	}
	return &sourceLines{src: src, starts: starts}
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
	return string(bytes.TrimSuffix(s.src[start:end], []byte("\r"))), true
}

// cell is how one code point of a source line shows on a terminal.
type cell struct {
	text  string
	width int
}

// layoutLine turns a source line into cells, one per code point as the
// validator counts them (an invalid byte is one code point), and returns
// the display column at which each code point starts; pos[len(cells)] is
// the width of the whole line.
func layoutLine(line string) (cells []cell, pos []int) {
	col := 0
	for len(line) > 0 {
		r, size := utf8.DecodeRuneInString(line)
		c := cell{text: line[:size], width: runeWidth(r)}
		switch {
		case r == '\t':
			c.width = tabWidth - col%tabWidth
			c.text = strings.Repeat(" ", c.width)
		case r == '\uFEFF' && len(cells) == 0:
			// A byte order mark at the start: the file's, which editors
			// do not show either (json-bom reports it).
			c = cell{}
		case r == utf8.RuneError && size == 1, !visible(r):
			c = cell{text: "\uFFFD", width: 1}
		}
		pos = append(pos, col)
		cells = append(cells, c)
		col += c.width
		line = line[size:]
	}
	return cells, append(pos, col)
}

// layoutExcerpt returns the source line as it will show and a caret line
// that marks columns startCol up to endCol (exclusive, counted in code
// points like the validator's columns); endCol < 0 marks to the end of the
// line. A line wider than maxExcerptWidth is cut around startCol, with an
// ellipsis where text was left out.
func layoutExcerpt(line string, startCol, endCol int) (src, caret string) {
	cells, pos := layoutLine(line)
	n := len(cells)
	s := min(max(startCol-1, 0), n)
	e := n
	if endCol >= 0 {
		e = min(max(endCol-1, s), n)
	}
	startCell, endCell, total := pos[s], pos[e], pos[n]

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
	var b strings.Builder
	first, last := -1, lo
	for i, c := range cells {
		if pos[i] < lo || pos[i]+c.width > hi {
			continue
		}
		if first < 0 {
			first = pos[i]
		}
		b.WriteString(c.text)
		last = pos[i] + c.width
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
