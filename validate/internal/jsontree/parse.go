package jsontree

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of objects and arrays the parser accepts.
// Real payloads nest about eight levels; the limit keeps hostile input from
// costing stack or time.
const MaxDepth = 64

// MaxNumberLen is the longest number literal read as a number. A longer one
// is an ExtremeNumber issue: no WhatsApp field takes a number of 40 digits,
// and the schema evaluator compares numbers as big.Rat.
const MaxNumberLen = 40

// maxExponent is the largest exponent (either sign) of a number read as one.
const maxExponent = 400

// MaxValues is the most JSON values a payload may hold. A real message holds
// a few hundred; the limit keeps a hostile payload of tiny values (a million
// keys in a megabyte) from costing a large tree, schema pass and report.
const MaxValues = 100000

// maxDupMapless is how many members an object may have before duplicate keys
// are tracked with a map rather than by scanning.
const maxDupMapless = 8

// IssueKind is what is wrong in an Issue.
type IssueKind uint8

// The issue kinds. Those up to TooManyValues end the parse (Fatal); the
// others leave a tree to check.
const (
	// Syntax is text that is not JSON from here on.
	Syntax IssueKind = iota + 1
	// WideEncoding is a payload in UTF-16 or UTF-32, not UTF-8.
	WideEncoding
	// TooDeep is objects and arrays nested more than MaxDepth levels.
	TooDeep
	// TooManyValues is a payload of more than MaxValues values.
	TooManyValues
	// BOM is a UTF-8 byte order mark before the document.
	BOM
	// TrailingData is something after the document.
	TrailingData
	// DuplicateKey is a member name repeated in one object: Issue.Node is
	// the later member, which counts; the earlier is Shadowed.
	DuplicateKey
	// ExtremeNumber is a number too long or too large to take exactly:
	// Issue.Node is marked Extreme.
	ExtremeNumber
	// InvalidUTF8 is a byte of a string that is not UTF-8.
	InvalidUTF8
	// LoneSurrogate is a \u escape of half a surrogate pair.
	LoneSurrogate
	// TypographicQuotes is a member name or string value that typographic
	// quotes delimit where JSON needs its own: Issue.Fix is the same
	// string in straight double quotes. The parser reports it, and reads
	// past it, only when it can read the whole payload so (quotes.go).
	TypographicQuotes

	endIssueKinds // after the last kind; a kind added goes before it
)

var issueKindNames = [...]string{Syntax: "syntax", WideEncoding: "wide encoding", TooDeep: "too deep",
	TooManyValues: "too many values", BOM: "byte order mark", TrailingData: "trailing data", DuplicateKey: "duplicate key",
	ExtremeNumber: "extreme number", InvalidUTF8: "invalid UTF-8", LoneSurrogate: "lone surrogate",
	TypographicQuotes: "typographic quotes"}

// IssueKinds returns every issue kind, in order.
func IssueKinds() []IssueKind {
	out := make([]IssueKind, 0, endIssueKinds-1)
	for k := Syntax; k < endIssueKinds; k++ {
		out = append(out, k)
	}
	return out
}

// String names the kind for a person: "syntax", "duplicate key"...
func (k IssueKind) String() string {
	if int(k) < len(issueKindNames) && issueKindNames[k] != "" {
		return issueKindNames[k]
	}
	return fmt.Sprintf("IssueKind(%d)", int(k))
}

// Fatal reports whether an issue of this kind ends the parse.
func (k IssueKind) Fatal() bool { return k >= Syntax && k <= TooManyValues }

// Issue is a problem the parser found: its kind, the byte range it
// concerns, the value it concerns when there is one, and a message and
// hint that describe it for a person.
type Issue struct {
	Kind       IssueKind
	Start, End int
	// Node is the value concerned, for its pointer; nil when the issue
	// concerns the document, or bytes outside any value read (such as a
	// member name).
	Node      *Node
	Msg, Hint string
	// Fix, when set, is the text that should replace Start to End: a JSON
	// value. Only TypographicQuotes issues have one.
	Fix string
}

type parser struct {
	s      string
	pos    int
	depth  int
	values int
	out    func(Issue) // the caller's report
	stop   *Issue      // the fatal issue, once there is one

	// strict is the fatal issue a strict reading stops at, the first
	// typographic quote read as JSON's own, once there is one; from then on
	// issues wait in held until the end, where they are reported if the
	// payload could be read to its end, and strict is reported alone if not.
	strict *Issue
	held   []Issue

	// stack holds the members of the objects and arrays being read, so
	// that each gets its Kids in one allocation of the right size.
	stack []*Node

	// slab is where new Nodes are taken from, a block at a time (node), and
	// kidSlab where the Kids of objects and arrays are (kids).
	slab    []Node
	kidSlab []*Node
	// block is the size of the slabs' first blocks, once known (blockSize).
	block int
	// arena, when the caller passed one, gives the slabs' first blocks and
	// takes them back at the end (ParseIn).
	arena *Arena

	// stackBuf holds the stack of a payload that nests a few dozen values
	// deep at most, as messages do, without an allocation.
	stackBuf [32]*Node
}

// slabMax is the most values one block of a slab holds: a megabyte payload
// of tiny values takes blocks of this size one after another, never one
// block sized by a guess.
const slabMax = 1024

// blockSize returns the size of a slab's next block: for its first (first),
// an upper bound of the payload's values (every value but the root follows a
// colon, a comma or an opening bracket), so that a message's whole tree
// usually costs one allocation for its Nodes and one for their Kids; slabMax
// for the others.
func (p *parser) blockSize(first bool) int {
	if !first {
		return slabMax
	}
	if p.block == 0 {
		p.block = min(strings.Count(p.s, ":")+strings.Count(p.s, ",")+strings.Count(p.s, "[")+1, slabMax)
	}
	return p.block
}

// node returns a new zero Node from the slab.
func (p *parser) node() *Node {
	if len(p.slab) == cap(p.slab) {
		switch first := cap(p.slab) == 0; {
		case first && p.arena != nil:
			// An arena's block is reused, so it is made full size once
			// rather than sized by counting the payload's values.
			if cap(p.arena.nodes) < slabMax {
				p.arena.nodes = make([]Node, 0, slabMax)
			}
			p.slab = p.arena.nodes[:0]
		default:
			p.slab = make([]Node, 0, p.blockSize(first))
		}
	}
	p.slab = p.slab[:len(p.slab)+1]
	return &p.slab[len(p.slab)-1]
}

// keep records how much of the arena's blocks the parse p took.
func (a *Arena) keep(p *parser) {
	a.usedNodes, a.usedKids = 0, 0
	if cap(a.nodes) > 0 && cap(p.slab) > 0 && &a.nodes[:1][0] == &p.slab[:1][0] {
		a.usedNodes = len(p.slab)
	} else if cap(p.slab) > 0 {
		a.usedNodes = cap(a.nodes) // the parse went past the first block
	}
	if cap(a.kids) > 0 && cap(p.kidSlab) > 0 && &a.kids[:1][0] == &p.kidSlab[:1][0] {
		a.usedKids = len(p.kidSlab)
	} else if cap(p.kidSlab) > 0 {
		a.usedKids = cap(a.kids)
	}
}

// kids returns the members pushed on the stack since mark, and pops them.
func (p *parser) kids(mark int) []*Node {
	if len(p.stack) == mark {
		return nil
	}
	n := len(p.stack) - mark
	if cap(p.kidSlab)-len(p.kidSlab) < n {
		switch first := cap(p.kidSlab) == 0; {
		case first && p.arena != nil && n <= slabMax:
			if cap(p.arena.kids) < slabMax {
				p.arena.kids = make([]*Node, 0, slabMax)
			}
			p.kidSlab = p.arena.kids[:0]
		default:
			p.kidSlab = make([]*Node, 0, max(n, p.blockSize(first)))
		}
	}
	at := len(p.kidSlab)
	p.kidSlab = p.kidSlab[:at+n]
	k := p.kidSlab[at : at+n : at+n] // capped: an append to one node's Kids never reaches the next's
	copy(k, p.stack[mark:])
	clear(p.stack[mark:])
	p.stack = p.stack[:mark]
	return k
}

// Parse reads a payload into a tree of Nodes and returns its root. It hands
// every issue it finds to report, in the order found: those that leave a
// tree to check as it reads, and at the end, when the text cannot be read
// to its end, the one fatal issue (IssueKind.Fatal) at the byte where
// reading stopped; Parse then returns nil. Typographic quotes where a
// string opens are read as JSON's own only when the whole payload can be
// read so (quotes.go); if it cannot, the fatal issue is the first of them,
// where a strict reader stops, and the issues found after it are dropped
// with the reading. report may be nil, to read a
// payload without its issues. Parse never panics, and its cost is linear in
// the payload.
func Parse(src string, report func(Issue)) *Node {
	return ParseIn(nil, src, report)
}

// An Arena keeps the memory of one parsed tree for the next: a caller that
// parses payload after payload, and holds no Node of one once it parses the
// next, passes the same Arena to each ParseIn and allocates its trees'
// Nodes once. An Arena is not safe for concurrent use; its zero value is
// ready to use.
type Arena struct {
	nodes []Node
	kids  []*Node
	// usedNodes and usedKids are how much of nodes and kids the last
	// parse took, to be cleared before the next.
	usedNodes, usedKids int
}

// ParseIn is Parse with the tree's Nodes taken from arena, which may be
// nil. Every Node the arena gave to an earlier parse is zeroed and may be
// handed out again: the caller must be done with that tree.
func ParseIn(arena *Arena, src string, report func(Issue)) *Node {
	if report == nil {
		report = func(Issue) {}
	}
	p := &parser{s: src, out: report, arena: arena}
	if arena != nil {
		clear(arena.nodes[:arena.usedNodes])
		clear(arena.kids[:arena.usedKids])
		defer arena.keep(p)
	}
	p.stack = p.stackBuf[:0]
	var root *Node
	if msg, hint, width, ok := wideEncoding(p.s); ok {
		// Read as UTF-8 such a payload fails at its first byte with no
		// word of why; say what it is instead.
		p.stop = &Issue{Kind: WideEncoding, Start: 0, End: width, Msg: msg, Hint: hint}
	}
	if strings.HasPrefix(p.s, "\uFEFF") {
		p.issue(Issue{Kind: BOM, Start: 0, End: 3,
			Msg:  "payload starts with a byte order mark (U+FEFF)",
			Hint: "Save the file as UTF-8 without BOM; strict JSON parsers reject it."})
		p.pos = 3
	}
	p.skipSpace()
	if p.stop == nil {
		if p.pos >= len(p.s) {
			p.fail(p.pos, Syntax, "payload is empty: expected a JSON object",
				"Send the message as one JSON object, such as {\"messaging_product\": \"whatsapp\", ...}.")
		} else {
			root = p.value(nil, "")
		}
	}
	if p.stop == nil {
		p.skipSpace()
		if p.pos < len(p.s) {
			p.trailing()
		}
	}
	if p.strict != nil {
		if p.stop != nil {
			// Read with its typographic quotes as JSON's, the payload
			// still fails: the reading is not certain, and the strict
			// reader's issue is the one to give.
			p.stop = p.strict
		} else {
			for _, is := range p.held {
				report(is)
			}
		}
	}
	if p.stop != nil {
		report(*p.stop)
		return nil
	}
	return root
}

// issue reports an issue that does not end the parse: to the caller, or,
// once a typographic quote was read as JSON's own, to held.
func (p *parser) issue(is Issue) {
	if p.strict != nil {
		p.held = append(p.held, is)
		return
	}
	p.out(is)
}

func (p *parser) fail(at int, kind IssueKind, msg, hint string) {
	if p.stop != nil {
		return
	}
	end := at
	if at < len(p.s) {
		_, size := utf8.DecodeRuneInString(p.s[at:])
		end = at + size
	}
	p.stop = &Issue{Kind: kind, Start: at, End: end, Msg: msg, Hint: hint}
}

func (p *parser) skipSpace() {
	s, i := p.s, p.pos
	for i < len(s) {
		c := s[i]
		if c > ' ' || c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			break
		}
		i++
		if c == '\n' {
			// The indentation of a pretty-printed payload, a word at a time.
			for i+8 <= len(s) && s[i:i+8] == "        " {
				i += 8
			}
		}
	}
	p.pos = i
}

// trailing reports what follows the document.
func (p *parser) trailing() {
	c := p.s[p.pos]
	msg := fmt.Sprintf("unexpected %s after the end of the JSON document", describe(p.s[p.pos:]))
	hint := "Send exactly one JSON object; remove what follows its closing brace."
	if c == '{' || c == '[' {
		msg = "a second JSON document follows the first"
		hint = "Send one message per request; for a file of one payload per line, name it .jsonl or .ndjson."
	}
	p.issue(Issue{Kind: TrailingData, Start: p.pos, End: len(p.s), Msg: msg, Hint: hint})
}

func (p *parser) value(parent *Node, key string) *Node {
	if p.pos >= len(p.s) {
		p.fail(p.pos, Syntax, "unexpected end of payload: expected a value", "The payload is cut short; complete it.")
		return nil
	}
	p.values++
	if p.values > MaxValues {
		p.fail(p.pos, TooManyValues, fmt.Sprintf("payload holds more than %d JSON values", MaxValues),
			"No WhatsApp message holds this many values; check how the payload is built.")
		return nil
	}
	n := p.node()
	n.Parent, n.Key, n.Start = parent, key, p.pos
	switch c := p.s[p.pos]; {
	case c == '{':
		p.object(n)
	case c == '[':
		p.array(n)
	case c == '"':
		n.Kind = String
		n.Text = p.str(n)
	case c == '-' || (c >= '0' && c <= '9'):
		p.number(n)
	case c == 't':
		p.literal(n, "true", Bool)
		n.Bool = true
	case c == 'f':
		p.literal(n, "false", Bool)
	case c == 'n':
		p.literal(n, "null", Null)
	case opensQuote(p.s[p.pos:]):
		n.Kind = String
		n.Text, _ = p.quoted(n, "a value")
	default:
		p.unexpected("a value")
	}
	n.End = p.pos
	return n
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(p.pos, TooDeep, fmt.Sprintf("objects and arrays nested more than %d levels deep", MaxDepth),
			"No WhatsApp message nests this deep; check how the payload is built.")
		return false
	}
	return true
}

func (p *parser) object(n *Node) {
	n.Kind = Object
	if !p.enter() {
		return
	}
	mark := len(p.stack)
	defer func() { p.depth--; n.Kids = p.kids(mark) }()
	p.pos++ // {
	var seen map[string]*Node
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] == '}' {
		p.pos++
		return
	}
	for p.stop == nil {
		p.skipSpace()
		keyStart := p.pos
		nameIssue := -1 // where in held the name's TypographicQuotes issue is
		var key string
		switch {
		case p.pos < len(p.s) && p.s[p.pos] == '"':
			key = p.str(nil)
		case opensQuote(p.s[p.pos:]):
			key, nameIssue = p.quoted(nil, "a member name in double quotes")
		default:
			p.unexpected("a member name in double quotes")
			return
		}
		keyEnd := p.pos
		if p.stop != nil {
			return
		}
		p.skipSpace()
		if p.pos >= len(p.s) || p.s[p.pos] != ':' {
			p.unexpected("':' after the member name")
			return
		}
		p.pos++
		p.skipSpace()
		v := p.value(n, key)
		if p.stop != nil {
			return
		}
		v.KeyStart, v.KeyEnd = keyStart, keyEnd
		if nameIssue >= 0 {
			p.held[nameIssue].Node = v // The member's, for its pointer.
		}
		if dup := duplicate(p.stack[mark:], key, v, &seen); dup {
			p.issue(Issue{Kind: DuplicateKey, Start: keyStart, End: keyEnd, Node: v,
				Msg:  fmt.Sprintf("member %q appears more than once in this object", key),
				Hint: "Keep one; WhatsApp's handling of repeated names is undocumented and most parsers keep the last."})
		}
		p.stack = append(p.stack, v)
		if !p.next('}', "member") {
			return
		}
	}
}

// duplicate reports whether key is already one of an object's members so
// far, and marks the earlier member shadowed by v, the member being added.
// It switches from a scan to a map once the object grows, so a million keys
// stay linear.
func duplicate(members []*Node, key string, v *Node, seen *map[string]*Node) bool {
	if *seen == nil && len(members) < maxDupMapless {
		for i := len(members) - 1; i >= 0; i-- {
			if k := members[i]; k.Key == key {
				k.Shadowed = true
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]*Node, 2*maxDupMapless)
		for _, k := range members {
			(*seen)[k.Key] = k // the last of a name stays
		}
	}
	prev := (*seen)[key]
	(*seen)[key] = v
	if prev != nil {
		prev.Shadowed = true
	}
	return prev != nil
}

func (p *parser) array(n *Node) {
	n.Kind = Array
	if !p.enter() {
		return
	}
	mark := len(p.stack)
	defer func() { p.depth--; n.Kids = p.kids(mark) }()
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] == ']' {
		p.pos++
		return
	}
	for p.stop == nil {
		p.skipSpace()
		v := p.value(n, strconv.Itoa(len(p.stack)-mark))
		if p.stop != nil {
			return
		}
		v.KeyStart, v.KeyEnd = v.Start, v.Start
		p.stack = append(p.stack, v)
		if !p.next(']', "element") {
			return
		}
	}
}

// next reads what follows a member or element of an object or array closed
// by end: a comma (true: another one follows) or end itself (false). It
// fails on anything else, naming a trailing comma before end.
func (p *parser) next(end byte, what string) bool {
	p.skipSpace()
	container, after := "object", "member value"
	if end == ']' {
		container, after = "array", "array element"
	}
	if p.pos >= len(p.s) {
		p.fail(p.pos, Syntax, fmt.Sprintf("unexpected end of payload: expected ',' or '%c'", end), fmt.Sprintf("Close the %s with '%c'.", container, end))
		return false
	}
	switch p.s[p.pos] {
	case end:
		p.pos++
		return false
	case ',':
		comma := p.pos
		p.pos++
		p.skipSpace()
		if p.pos < len(p.s) && p.s[p.pos] == end {
			p.fail(comma, Syntax, fmt.Sprintf("trailing comma before '%c'", end), fmt.Sprintf("Remove the comma after the last %s; JSON does not allow it.", what))
			return false
		}
		return true
	}
	p.unexpected(fmt.Sprintf("',' or '%c' after the %s", end, after))
	return false
}

func (p *parser) literal(n *Node, word string, k Kind) {
	n.Kind = k
	if strings.HasPrefix(p.s[p.pos:], word) && !identByte(p.s, p.pos+len(word)) {
		p.pos += len(word)
		return
	}
	p.unexpected("a value")
}

func identByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) number(n *Node) {
	n.Kind = Number
	start := p.pos
	s := p.s
	i := p.pos
	exp := "" // the digits of the exponent
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			p.fail(start, Syntax, "number with a leading zero", "Write the number without leading zeros, or as a string if it is an identifier or phone number.")
			return
		}
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		p.pos = i
		p.unexpected("a digit")
		return
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			p.pos = i
			p.unexpected("a digit after the decimal point")
			return
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || s[i] < '0' || s[i] > '9' {
			p.pos = i
			p.unexpected("a digit in the exponent")
			return
		}
		expStart := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		exp = s[expStart:i]
	}
	p.pos = i
	n.Text = s[start:i]
	if len(n.Text) > MaxNumberLen {
		n.Extreme = true
		p.issue(Issue{Kind: ExtremeNumber, Start: start, End: i, Node: n,
			Msg:  fmt.Sprintf("number literal is %d characters long (at most %d are accepted here)", len(n.Text), MaxNumberLen),
			Hint: "No WhatsApp field takes such a number; identifiers and phone numbers belong in strings."})
		return
	}
	// A huge exponent, positive or negative, makes exact arithmetic (the
	// schema validator's big.Rat) build a number of that many digits.
	if e, err := atoiExp(exp); err != nil || e > maxExponent {
		// n.Text is at most MaxNumberLen long here: shown whole.
		n.Extreme = true
		p.issue(Issue{Kind: ExtremeNumber, Start: start, End: i, Node: n,
			Msg:  fmt.Sprintf("number %s has an exponent beyond %d", n.Text, maxExponent),
			Hint: "Use a number of sensible magnitude; no WhatsApp field takes such a number."})
		return
	}
	if _, err := strconv.ParseFloat(n.Text, 64); err != nil {
		n.Extreme = true
		p.issue(Issue{Kind: ExtremeNumber, Start: start, End: i, Node: n,
			Msg:  fmt.Sprintf("number %s is outside the range of a double-precision number", n.Text),
			Hint: "Use a number of sensible magnitude; WhatsApp's servers cannot represent this one."})
	}
}

// str reads a string starting at the opening quote and returns its decoded
// value. n is the node for issue pointers (nil for member names).
func (p *parser) str(n *Node) string {
	s := p.s
	start := p.pos
	// Fast path: a string without escapes, control characters or invalid
	// UTF-8 is a substring of the source, copied nowhere.
	i := plainRun(s, start+1)
	if i < len(s) && s[i] == '"' {
		p.pos = i + 1
		return s[start+1 : i]
	}
	var b strings.Builder
	b.WriteString(s[start+1 : i])
	i = p.chars(&b, n, i, len(s))
	switch {
	case p.stop != nil:
		return ""
	case i >= len(s):
		p.fail(start, Syntax, "string is never closed: expected a closing '\"'", "Add the closing double quote.")
		return ""
	}
	p.pos = i + 1 // after the closing quote
	return b.String()
}

// chars decodes the content of a string from s[i] into b, up to the first
// unescaped '"' or end, and returns where it stopped. It sets p.stop when
// the content cannot be read.
func (p *parser) chars(b *strings.Builder, n *Node, i, end int) int {
	s := p.s[:end]
	for i < end {
		c := s[i]
		switch {
		case c == '"':
			return i
		case c == '\\':
			i = p.escape(b, i, n)
			if p.stop != nil {
				return i
			}
		case c < 0x20:
			what := fmt.Sprintf("control character U+%04X", c)
			if c == '\n' {
				what = "line break"
			} else if c == '\t' {
				what = "tab"
			}
			p.fail(i, Syntax, what+" inside a string", "Write it as an escape (\\n, \\t, \\u00XX) or close the string before it.")
			return i
		default:
			if j := plainRun(s, i); j > i {
				b.WriteString(s[i:j])
				i = j
				continue
			}
			// Only an invalid byte stops a plain run here.
			p.issue(Issue{Kind: InvalidUTF8, Start: i, End: i + 1, Node: n,
				Msg:  fmt.Sprintf("byte 0x%02X is not valid UTF-8", c),
				Hint: "Re-encode the payload as UTF-8; WhatsApp only accepts UTF-8 text."})
			b.WriteRune(utf8.RuneError)
			i++
		}
	}
	return i
}

// plainRun returns the end of the run of string content starting at i that
// needs no decoding: no quote, backslash, control character or invalid UTF-8.
// Plain ASCII is passed over eight bytes at a time.
func plainRun(s string, i int) int {
	for i < len(s) {
		for i+8 <= len(s) {
			w := s[i : i+8]
			if !plainASCII8(uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
				uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56) {
				break
			}
			i += 8
		}
		// The word holds the run's end or a multi-byte character: go on
		// a byte at a time up to it.
		for i < len(s) && s[i] < utf8.RuneSelf {
			if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
				return i
			}
			i++
		}
		if i == len(s) {
			break
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return i
}

// plainASCII8 reports whether the eight bytes of x (a word of the payload)
// are all ASCII that a string holds as it is: none is a quote, a backslash,
// a control character or a byte of 0x80 and above. Each test is the classic
// "has a zero byte" on the word: (x - 0x01…) &^ x & 0x80… is set where a
// byte of x is zero.
func plainASCII8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (ones * '"')
	backslash := x ^ (ones * '\\')
	control := x - ones*0x20 // a byte below 0x20 borrows, setting its high bit
	return (x|(quote-ones)&^quote|(backslash-ones)&^backslash|control&^x)&highs == 0
}

// escape decodes the escape sequence at s[i] (a backslash) into b and returns
// the index after it.
func (p *parser) escape(b *strings.Builder, i int, n *Node) int {
	s := p.s
	if i+1 >= len(s) {
		p.fail(i, Syntax, "string is never closed: expected a closing '\"'", "Add the closing double quote.")
		return i
	}
	switch c := s[i+1]; c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, ok := hex4(s, i+2)
		if !ok {
			p.fail(i, Syntax, "\\u must be followed by four hex digits", "Write the character as \\uXXXX, or as itself.")
			return i
		}
		end := i + 6
		if r >= 0xD800 && r <= 0xDBFF {
			if lo, ok := hex4(s, i+8); ok && strings.HasPrefix(s[i+6:], "\\u") && lo >= 0xDC00 && lo <= 0xDFFF {
				b.WriteRune(0x10000 + (r-0xD800)<<10 + (lo - 0xDC00))
				return i + 12
			}
		}
		if r >= 0xD800 && r <= 0xDFFF {
			p.issue(Issue{Kind: LoneSurrogate, Start: i, End: end, Node: n,
				Msg:  fmt.Sprintf("escape \\u%04X is half of a surrogate pair without its other half", r),
				Hint: "Encode the emoji or character as a full pair (\\uD83D\\uDE00) or write it directly in UTF-8."})
			r = utf8.RuneError
		}
		b.WriteRune(r)
		return end
	default:
		esc := `'\` + s[i+1:i+2] + "'"
		if c >= utf8.RuneSelf {
			esc = "of " + describe(s[i+1:]) // A backslash before a multi-byte character or a stray byte.
		}
		p.fail(i, Syntax, fmt.Sprintf("invalid escape %s in a string", esc), "JSON strings allow only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\.")
		return i
	}
	return i + 2
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// unexpected fails at the current position, naming what was found and, for
// the common mistakes of hand-written JSON, what it probably is.
func (p *parser) unexpected(want string) {
	if p.pos >= len(p.s) {
		p.fail(p.pos, Syntax, "unexpected end of payload: expected "+want, "The payload is cut short; complete it.")
		return
	}
	msg, hint := p.unexpectedText(want)
	p.fail(p.pos, Syntax, msg, hint)
}

// unexpectedText returns the message and hint of unexpected, for a
// position before the end of the payload.
func (p *parser) unexpectedText(want string) (msg, hint string) {
	rest := p.s[p.pos:]
	r, _ := utf8.DecodeRuneInString(rest)
	msg = fmt.Sprintf("unexpected %s: expected %s", describe(rest), want)
	switch {
	case r == '\u201C' || r == '\u201D' || r == '\u2018' || r == '\u2019' || r == '\u201E' || r == '\u00AB' || r == '\u00BB':
		hint = "Replace the curly quotes with straight double quotes (\"); they come from pasting through a word processor or chat app."
	case r == '\'':
		hint = "JSON strings and names take double quotes (\"), not single quotes."
	case strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "/*"):
		msg = fmt.Sprintf("comment found: expected %s", want)
		hint = "JSON has no comments; remove them before sending."
	case r == '\u00A0' || r == '\u200B' || r == '\u2028' || r == '\u2029' || r == '\u3000':
		hint = "Replace it with a plain space or remove it; JSON allows only space, tab and line breaks between tokens."
	case r == '"' && strings.HasPrefix(want, "','"):
		hint = "Put a comma between the members."
	case r == '}' || r == ']':
		hint = "Check the brackets: a value is missing, or the closing bracket does not match its opener."
	case strings.HasPrefix(rest, "True") || strings.HasPrefix(rest, "False") || strings.HasPrefix(rest, "TRUE") || strings.HasPrefix(rest, "FALSE"):
		hint = "JSON booleans are lower-case: true or false."
	case strings.HasPrefix(rest, "NaN") || strings.HasPrefix(rest, "Infinity") || strings.HasPrefix(rest, "-Infinity"):
		hint = "JSON has no NaN or Infinity; send a finite number."
	case strings.HasPrefix(rest, "None") || strings.HasPrefix(rest, "undefined") || strings.HasPrefix(rest, "nil"):
		hint = "JSON's empty value is null; better, leave the member out."
	case r < utf8.RuneSelf && identByte(rest, 0) && want == "a member name in double quotes":
		hint = "Member names must be in double quotes."
	case r == '+':
		hint = "JSON numbers have no plus sign; phone numbers belong in strings: \"+14155550123\"."
	}
	return msg, hint
}

// describe names the token at the start of s for a message.
func describe(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError:
		return fmt.Sprintf("byte 0x%02X", s[0])
	case r < 0x20 || r == 0x7F:
		return fmt.Sprintf("control character U+%04X", r)
	case r > 0x7F && !strconvIsPrint(r):
		return fmt.Sprintf("character U+%04X", r)
	case r > 0x7F:
		return fmt.Sprintf("character %q (U+%04X)", r, r)
	}
	return fmt.Sprintf("character %q", r)
}

func strconvIsPrint(r rune) bool { return strconv.IsPrint(r) }

// atoiExp reads a number's exponent digits; none is 0. (strconv.Atoi of ""
// would allocate its error for every number without an exponent.)
func atoiExp(exp string) (int, error) {
	if exp == "" {
		return 0, nil
	}
	return strconv.Atoi(exp)
}
