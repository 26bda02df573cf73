package jsontree

import (
	"strings"
	"testing"
)

// TestSourceRange: the bytes of a string's text found in the payload, past
// the escapes before them and over those among them, or the whole string
// where a byte falls inside an escape.
func TestSourceRange(t *testing.T) {
	for _, c := range []struct {
		value, sub string // sub: the text wanted, found in the decoded value
		want       string
		ok         bool
	}{
		{`"Hi {{1}}, bye"`, "{{1}}", "{{1}}", true},
		{`"Line\nHi {{1}}"`, "{{1}}", "{{1}}", true},
		{`"\u00e9t\u00e9 {{1}}"`, "{{1}}", "{{1}}", true},
		{`"\ud83d\ude00 {{2}}"`, "{{2}}", "{{2}}", true},
		{`"\ud83d x {{2}}"`, "{{2}}", "{{2}}", true}, // a lone surrogate reads as U+FFFD
		{`"é {{1}}"`, "{{1}}", "{{1}}", true},
		{`"a\"b {{1}}"`, "{{1}}", "{{1}}", true},
		{`"{{1}}"`, "{{1}}", "{{1}}", true},
		{"\"\xff {{1}}\"", "{{1}}", "{{1}}", true}, // an invalid byte reads as U+FFFD
		{"“typographic {{1}}”", "{{1}}", "{{1}}", true},
		// Escapes among the bytes are theirs.
		{`"x {\u007b1}}"`, "{{1}}", `{\u007b1}}`, true},
		{`"Hi\nthere"`, "\n", `\n`, true},
		// A byte in the middle of an escape: the whole string.
		{`"\u00e9"`, "\xa9", `"\u00e9"`, false},
	} {
		src := `{"t":` + c.value + `}`
		n := Parse(src, nil).Get("t")
		i := strings.Index(n.Text, c.sub)
		if i < 0 {
			t.Fatalf("%s: %q not in %q", c.value, c.sub, n.Text)
		}
		start, end, ok := SourceRange(src, n, i, i+len(c.sub))
		if got := src[start:end]; got != c.want || ok != c.ok {
			t.Errorf("%s: %q, %t; want %q, %t", c.value, got, ok, c.want, c.ok)
		}
	}
}
