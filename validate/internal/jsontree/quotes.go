package jsontree

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text pasted through a word processor or chat app comes back with its
// straight quotes curled: {“body”: “hi”}. Where such a quote stands where
// a JSON string opens (a member name or a string value), the parser reads
// it as JSON's own quote, and the string up to the next quote of the same
// family as the string's content, and reports a TypographicQuotes issue
// whose fix is the same string in straight double quotes. The reading is
// kept only if the whole payload can be read so; otherwise the parse fails
// at the first typographic quote, as a strict reader does. So a fix is
// given only when every typographic quote read as JSON's own opens or
// closes a string of a payload that is JSON once they are straightened,
// and every other one (inside a string, straight-quoted or curly-quoted)
// stays as it is.
//
// The quotes read so, by family:
//
//   - double: “ ” (U+201C, U+201D, which Word, Google Docs, macOS and iOS,
//     Slack and most chat apps produce), „ (U+201E, the opening quote of
//     German, Polish and Czech autocorrection) and ‟ (U+201F); a string a
//     double one opens is closed by any of them or by a straight '"'.
//   - single: ‘ ’ (U+2018, U+2019, what autocorrection makes of single
//     quotes); a string a single one opens is closed by either, and the
//     reading fails at a '"' inside it, which would end the straightened
//     string early.
//
// So an apostrophe (’) is content in a double-quoted string, and a double
// quote content in a single-quoted one. Not read as JSON's quotes: « »
// (French autocorrection puts a no-break space inside them, which would
// become part of the name), ″ (U+2033, a double prime: inches and seconds,
// content far more often than a quote), ‚ and ‛ (U+201A, which reads as a
// comma, and U+201B, which nothing produces), the fullwidth ＂ (U+FF02),
// and straight single quotes, which the parser names but does not read.
const (
	doubleQuotes = 2
	singleQuotes = 1
)

// quoteFamily returns doubleQuotes or singleQuotes for a typographic quote
// the parser reads as JSON's own, and 0 for any other rune.
func quoteFamily(r rune) int {
	switch r {
	case '\u201C', '\u201D', '\u201E', '\u201F':
		return doubleQuotes
	case '\u2018', '\u2019':
		return singleQuotes
	}
	return 0
}

// opensQuote reports whether s starts with a typographic quote the parser
// reads as JSON's own.
func opensQuote(s string) bool {
	// All of them are U+2018 to U+201F, encoded E2 80 98 to E2 80 9F.
	if len(s) < 3 || s[0] != 0xE2 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return quoteFamily(r) != 0
}

// closingQuote returns where the string whose content starts at s[i] ends,
// and the width of its closing quote: the first quote of family fam that
// no backslash escapes (and, for a double quote, a straight '"'). It
// returns -1 when there is none, or when a single-quoted string holds a
// straight '"'.
func closingQuote(s string, i, fam int) (at, width int) {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			i += 2 // The escape itself is checked as the content is decoded.
		case c == '"':
			if fam != doubleQuotes {
				return -1, 0
			}
			return i, 1
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if quoteFamily(r) == fam {
				return i, size
			}
			i += size
		}
	}
	return -1, 0
}

// quoted reads the member name (n nil) or string value n that the
// typographic quote at p.pos opens, where the parser wants want. It returns
// its decoded value and where in held its TypographicQuotes issue is, or
// fails (the strict reader's issue, at the first such quote, is what Parse
// then reports) and returns -1.
func (p *parser) quoted(n *Node, want string) (string, int) {
	start := p.pos
	open, size := utf8.DecodeRuneInString(p.s[start:])
	if p.strict == nil {
		msg, hint := p.unexpectedText(want)
		p.strict = &Issue{Kind: Syntax, Start: start, End: start + size, Msg: msg, Hint: hint}
	}
	from := start + size
	end, width := closingQuote(p.s, from, quoteFamily(open))
	if end < 0 || !utf8.ValidString(p.s[from:end]) {
		p.stop = p.strict
		return "", -1
	}
	text := p.s[from:end] // without escapes, the content is its value
	if plainRun(p.s[:end], from) != end {
		var b strings.Builder
		if i := p.chars(&b, n, from, end); p.stop != nil || i != end {
			p.stop = p.strict
			return "", -1
		}
		text = b.String()
	}
	p.pos = end + width
	closing, _ := utf8.DecodeRuneInString(p.s[end:])
	what := "string"
	if n == nil {
		what = "member name"
	}
	p.issue(Issue{Kind: TypographicQuotes, Start: start, End: p.pos, Node: n,
		Msg: fmt.Sprintf("%s %q is in typographic quotes %c…%c, expected straight double quotes (\")",
			what, clip(text), open, closing),
		Hint: "Replace the curly quotes around it with straight double quotes (\"), as the fix does; word processors " +
			"and chat apps curl the quotes of text pasted through them. Curly quotes inside a string can stay.",
		Fix: `"` + p.s[from:end] + `"`})
	return text, len(p.held) - 1
}

// maxClip is how many characters of a string a message quotes.
const maxClip = 40

// clip returns s, or its first characters and "…" when it is long.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxClip {
		return s
	}
	n := 0
	for i := range s {
		if n == maxClip-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
