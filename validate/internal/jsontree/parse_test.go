package jsontree

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// parseAll parses src and returns the root and every issue reported.
func parseAll(src string) (*Node, []Issue) {
	var issues []Issue
	root := Parse(src, func(is Issue) { issues = append(issues, is) })
	return root, issues
}

// TestIssueKinds: each kind of issue is reported, at its bytes and value,
// and a fatal one is the last issue and leaves no tree.
func TestIssueKinds(t *testing.T) {
	for _, tc := range []struct {
		src        string
		kind       IssueKind
		start, end int
		pointer    string
	}{
		{`{"a":1,}`, Syntax, 6, 7, ""},
		{"\xFF\xFE{\x00}\x00", WideEncoding, 0, 2, ""},
		{strings.Repeat("[", MaxDepth+1), TooDeep, MaxDepth, MaxDepth + 1, ""},
		{"[" + strings.Repeat("0,", MaxValues) + "0]", TooManyValues, 1 + 2*(MaxValues-1), 2 + 2*(MaxValues-1), ""},
		{"\uFEFF{}", BOM, 0, 3, ""},
		{`{} x`, TrailingData, 3, 4, ""},
		{`{"a":1,"a":2}`, DuplicateKey, 7, 10, "/a"},
		{`{"n":1e999}`, ExtremeNumber, 5, 10, "/n"},
		{"{\"s\":\"a\xFFb\"}", InvalidUTF8, 7, 8, "/s"},
		{`{"s":"\ud800"}`, LoneSurrogate, 6, 12, "/s"},
		{`{"s":“x”}`, TypographicQuotes, 5, 12, "/s"},
	} {
		root, issues := parseAll(tc.src)
		if len(issues) == 0 {
			t.Errorf("%.30q: no issue, want %d", tc.src, tc.kind)
			continue
		}
		is := issues[len(issues)-1]
		if is.Kind != tc.kind || is.Start != tc.start || is.End != tc.end || is.Node.Pointer() != tc.pointer || is.Msg == "" || is.Hint == "" {
			t.Errorf("%.30q: got %d at %d-%d %q (%q), want %d at %d-%d %q", tc.src, is.Kind, is.Start, is.End, is.Node.Pointer(), is.Msg,
				tc.kind, tc.start, tc.end, tc.pointer)
		}
		if tc.kind.Fatal() != (root == nil) {
			t.Errorf("%.30q: fatal %t but root %v", tc.src, tc.kind.Fatal(), root)
		}
	}
}

// TestIssuesNotCapped: the parser hands on every issue, however many: the
// cap on what is shown is the caller's.
func TestIssuesNotCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 500 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k":1`)
	}
	b.WriteString("}")
	_, issues := parseAll(b.String())
	if len(issues) != 499 {
		t.Errorf("got %d issues, want the 499 duplicates", len(issues))
	}
}

// addSeeds adds the repository's payloads and some odd texts to the fuzz
// corpus.
func addSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "clean", "*.json"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "rules", "*", "*.json"))
	for _, p := range append(paths, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{"", " ", "\uFEFF{}", "{", "[", `{"a":`, `"\ud800"`, "1e999999999", "-0", `{"a":1,"a":2}`, "{}{}", strings.Repeat("[", 100),
		"\xFF\xFE{\x00}\x00", "{\x00}\x00", "\x00\x00\xFE\xFF", "{\r\"a\":\r1}\r", "{\r\n\"a\":\r\n1}\r\n"} {
		f.Add([]byte(s))
	}
}

// value converts a node to what encoding/json decodes (numbers as
// json.Number; the last of duplicate names wins).
func value(n *Node) any {
	switch n.Kind {
	case Bool:
		return n.Bool
	case Number:
		return json.Number(n.Text)
	case String:
		return n.Text
	case Object:
		m := make(map[string]any, len(n.Kids))
		for _, k := range n.Kids {
			m[k.Key] = value(k)
		}
		return m
	case Array:
		a := make([]any, len(n.Kids))
		for i, k := range n.Kids {
			a[i] = value(k)
		}
		return a
	}
	return nil
}

// FuzzParse checks the parser against encoding/json: whatever the standard
// library accepts, the parser reads without a fatal issue (unless it nests
// deeper than MaxDepth) and to the same value; whatever it rejects, the
// parser reports. A fatal issue is always the last, and only it leaves no
// tree; every issue's range lies within the input. When the parser reads
// typographic quotes as JSON's own, their fixes change nothing but those
// quotes, and give a payload the parser reads to the same value with no
// such issue (checkQuoteFixes).
func FuzzParse(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{"{“a”: “b”}", "[‘a’, „b“, ‟c”, “d\"]", `{“a”: "“b”"}`, "{“a”: “it’s”}", "{‘a’: ‘say “x”’}",
		"{“a”: “b”,}", `{‘a’: ‘b"’}`, `{“a\”: 1}`, `[“\u00e9\n”]`, "[“a\nb”]", "{“a”: “b”} x", "\uFEFF[“a”]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		root, issues := parseAll(string(data))
		has := func(kinds ...IssueKind) bool {
			return slices.ContainsFunc(issues, func(is Issue) bool { return slices.Contains(kinds, is.Kind) })
		}
		fatal := len(issues) > 0 && issues[len(issues)-1].Kind.Fatal()
		for i, is := range issues {
			if is.Kind.Fatal() && i != len(issues)-1 {
				t.Fatalf("fatal issue %q is not the last", is.Msg)
			}
			if is.Start < 0 || is.Start > is.End || is.End > len(data) || is.Msg == "" {
				t.Fatalf("issue %+v out of bounds for %d bytes", is, len(data))
			}
		}
		valid := json.Valid(data)
		switch {
		case valid && fatal && !has(TooDeep):
			t.Fatalf("encoding/json accepts %q but the parser failed: %v", data, issues)
		case !valid && !fatal && !has(TrailingData, BOM, TypographicQuotes):
			t.Fatalf("encoding/json rejects %q but the parser found nothing fatal", data)
		case fatal != (root == nil):
			t.Fatalf("fatal %t but root %v for %q", fatal, root, data)
		}
		if valid && !fatal && !has(ExtremeNumber) {
			sameValue(t, root, data)
		}
		if has(TypographicQuotes) {
			checkQuoteFixes(t, data, root, issues)
		}
		checkSourceRanges(t, string(data), root)
		// In an arena that held another tree, the same tree and issues.
		checkArena(t, `{"messaging_product":"whatsapp","to":"1","type":"text","text":{"body":"x"},"a":[1,[2,[3]]]}`, string(data))
	})
}

// sameValue fails t unless the tree root holds the value encoding/json
// decodes from data.
func sameValue(t *testing.T, root *Node, data []byte) {
	t.Helper()
	var want any
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	if err := d.Decode(&want); err == nil {
		got, _ := json.Marshal(value(root))
		exp, _ := json.Marshal(want)
		if string(got) != string(exp) {
			t.Fatalf("decoded value differs from encoding/json:\n got %s\nwant %s", got, exp)
		}
	}
}

// checkQuoteFixes checks the fixes of a payload's TypographicQuotes issues:
// each replaces a string's two quotes (a typographic one or '"' each) with
// '"' and keeps what is between; applied, they give a payload that the
// parser reads to the same tree with the same issues but those, and that
// encoding/json accepts unless the parser found it is not JSON for another
// reason (a byte order mark, trailing data).
func checkQuoteFixes(t *testing.T, data []byte, root *Node, issues []Issue) {
	t.Helper()
	if root == nil {
		t.Fatalf("typographic quotes reported in %q, which was not read", data)
	}
	var fixed []byte
	pos, others := 0, 0
	for _, is := range issues {
		if is.Kind != TypographicQuotes {
			others++
			continue
		}
		tok := string(data[is.Start:is.End])
		open, osize := utf8.DecodeRuneInString(tok)
		closing, csize := utf8.DecodeLastRuneInString(tok)
		if is.Start < pos || len(tok) < osize+csize || quoteFamily(open) == 0 || (quoteFamily(closing) == 0 && closing != '"') ||
			is.Fix != `"`+tok[osize:len(tok)-csize]+`"` || is.Node == nil {
			t.Fatalf("TypographicQuotes issue %+v on %q changes more than its quotes", is, tok)
		}
		fixed = append(append(fixed, data[pos:is.Start]...), is.Fix...)
		pos = is.End
	}
	fixed = append(fixed, data[pos:]...)
	root2, issues2 := parseAll(string(fixed))
	if root2 == nil || len(issues2) != others {
		t.Fatalf("fixing the quotes of %q gave %q, with issues %v (before, %d others)", data, fixed, issues2, others)
	}
	a, _ := json.Marshal(value(root))
	b, _ := json.Marshal(value(root2))
	if string(a) != string(b) {
		t.Fatalf("fixing the quotes of %q changed its value from %s to %s", data, a, b)
	}
	for _, is := range issues2 {
		if is.Kind == TrailingData || is.Kind == BOM {
			return
		}
	}
	if !json.Valid(fixed) {
		t.Fatalf("fixing the quotes of %q gave %q, which encoding/json rejects", data, fixed)
	}
}

// TestTypographicQuotes: which quotes are read as JSON's own, and the
// fixes that gives; where the reading fails, the parse fails at the first
// typographic quote read, with the strict reader's issue.
func TestTypographicQuotes(t *testing.T) {
	for _, tc := range []struct {
		src   string
		fixes []string // nil: the parse fails at byte fail
		fail  int
	}{
		{`{“a”: “b”}`, []string{`"a"`, `"b"`}, 0},
		{`[„a“, ‟b”, ”c”, ‘d’, ’e‘, “f"]`, []string{`"a"`, `"b"`, `"c"`, `"d"`, `"e"`, `"f"`}, 0},
		{`[“it’s ‘x’ \"y\" \n”, ‘say “hi”’]`, []string{`"it’s ‘x’ \"y\" \n"`, `"say “hi”"`}, 0},
		{`["“a”", “b”]`, []string{`"b"`}, 0},
		{`{"k": «a»}`, nil, 6},
		{`{"k": ″a″}`, nil, 6},
		{`{"k": ‚a‘}`, nil, 6},
		{`{"k": ＂a＂}`, nil, 6},
		{`{"k": 'a'}`, nil, 6},
		{`[1, “a “b” c”]`, nil, 4},
		{`[1, ‘a"b’]`, nil, 4},
		{`[1, “a\”]`, nil, 4},
		{"[1, “a\tb”]", nil, 4},
		{`[1, “a”, “b”,]`, nil, 4},
		{`[1, “a”“b”]`, nil, 4},
		{`[1, “a”: “b”]`, nil, 4},
	} {
		root, issues := parseAll(tc.src)
		var fixes []string
		for _, is := range issues {
			if is.Kind == TypographicQuotes {
				fixes = append(fixes, is.Fix)
			}
		}
		if tc.fixes == nil {
			last := issues[len(issues)-1]
			if root != nil || fixes != nil || last.Kind != Syntax || last.Start != tc.fail {
				t.Errorf("%s: got %v, want the parse to fail at byte %d, with no fix", tc.src, issues, tc.fail)
			}
			continue
		}
		if root == nil || !slices.Equal(fixes, tc.fixes) {
			t.Errorf("%s: got fixes %q with %v, want %q", tc.src, fixes, issues, tc.fixes)
		}
	}
}

// sameTree reports where two trees differ, field by field, or "" when they
// hold the same nodes at the same places.
func sameTree(a, b *Node, at string) string {
	switch {
	case (a == nil) != (b == nil):
		return at + ": one tree is nil"
	case a == nil:
		return ""
	case a.Kind != b.Kind || a.Start != b.Start || a.End != b.End || a.Text != b.Text || a.Bool != b.Bool ||
		a.Key != b.Key || a.KeyStart != b.KeyStart || a.KeyEnd != b.KeyEnd || a.Extreme != b.Extreme ||
		a.Shadowed != b.Shadowed || len(a.Kids) != len(b.Kids) || (a.Parent == nil) != (b.Parent == nil):
		return at + ": nodes differ"
	}
	for i := range a.Kids {
		if a.Kids[i].Parent != a || b.Kids[i].Parent != b {
			return at + ": a member's Parent is not its object"
		}
		if d := sameTree(a.Kids[i], b.Kids[i], at+"/"+a.Kids[i].Key); d != "" {
			return d
		}
	}
	return ""
}

// parseAllIn is parseAll with an arena.
func parseAllIn(a *Arena, src string) (*Node, []Issue) {
	var issues []Issue
	root := ParseIn(a, src, func(is Issue) { issues = append(issues, is) })
	return root, issues
}

// checkArena parses src in an arena that has already held the tree of
// before, and again, and fails t unless each time gives the tree and issues
// a fresh Parse gives.
func checkArena(t *testing.T, before, src string) {
	t.Helper()
	want, wantIssues := parseAll(src)
	var a Arena
	parseAllIn(&a, before)
	for round := range 2 {
		got, issues := parseAllIn(&a, src)
		if d := sameTree(got, want, ""); d != "" {
			t.Fatalf("round %d, after %.40q: tree of %.60q in an arena differs at %s", round, before, src, d)
		}
		if !slices.EqualFunc(issues, wantIssues, func(a, b Issue) bool {
			return a.Node.Pointer() == b.Node.Pointer() && (a.Node == nil) == (b.Node == nil) &&
				a.Kind == b.Kind && a.Start == b.Start && a.End == b.End && a.Msg == b.Msg && a.Hint == b.Hint && a.Fix == b.Fix
		}) {
			t.Fatalf("round %d: issues in an arena %v, want %v", round, issues, wantIssues)
		}
	}
}

// TestArenaReuse: a tree parsed in an arena that held other trees, larger,
// smaller, or past one block of Nodes, is the tree Parse gives, with no
// Node or member left over from before.
func TestArenaReuse(t *testing.T) {
	big := "[" + strings.Repeat(`{"a":[1,2,{"b":"c"}]},`, 400) + "0]" // past slabMax Nodes
	wide := "[" + strings.Repeat("1,", 3000) + "1]"                   // one array past slabMax Kids
	small := `{"to":"+16505551234","text":{"body":"hi"},"x":[true,null]}`
	for _, tc := range [][2]string{
		{big, small}, {small, big}, {wide, small}, {small, wide}, {big, wide},
		{small, `{"a":1,}`}, {`{"a":1,}`, small}, {small, "{“a”: “b”}"}, {small, `{"a":1,"a":2}`},
	} {
		checkArena(t, tc[0], tc[1])
	}
}

// TestPlainASCII8: the eight-byte test agrees with the byte-by-byte one for
// every byte value at every place, among plain bytes and among other ones.
func TestPlainASCII8(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' }
	word := func(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }
	for _, fill := range []byte{'a', ' ', '~', '"' + 1, '\\' - 1} {
		for at := range 8 {
			for c := range 256 {
				b := []byte(strings.Repeat(string(fill), 8))
				b[at] = byte(c)
				if got, want := plainASCII8(word(b)), plain(byte(c)); got != want {
					t.Fatalf("plainASCII8(%q) = %t, want %t", b, got, want)
				}
			}
		}
	}
	// Two odd bytes: a borrow from one must not hide or fake the other.
	for c := range 256 {
		for d := range 256 {
			b := []byte("abcdefgh")
			b[2], b[5] = byte(c), byte(d)
			if got, want := plainASCII8(word(b)), plain(byte(c)) && plain(byte(d)); got != want {
				t.Fatalf("plainASCII8(%q) = %t, want %t", b, got, want)
			}
		}
	}
}

// checkSourceRanges fails t unless SourceRange finds every string's whole
// text, and each of its first characters, in the source between its
// delimiters.
func checkSourceRanges(t *testing.T, src string, n *Node) {
	if n == nil {
		return
	}
	for _, k := range n.Kids {
		checkSourceRanges(t, src, k)
	}
	if n.Kind != String {
		return
	}
	start, end, ok := SourceRange(src, n, 0, len(n.Text))
	if !ok || start <= n.Start || end >= n.End {
		t.Fatalf("SourceRange of all of %q in %q: %d-%d, %t; want inside %d-%d", n.Text, src, start, end, ok, n.Start, n.End)
	}
	for i, r := range n.Text {
		if i > 64 {
			break // each call decodes the text up to i: the first characters are enough
		}
		s, e, ok := SourceRange(src, n, i, i+len(string(r)))
		if !ok || s < start || e > end || s >= e {
			t.Fatalf("SourceRange of %q at %d in %q: %d-%d, %t", string(r), i, src, s, e, ok)
		}
	}
}
