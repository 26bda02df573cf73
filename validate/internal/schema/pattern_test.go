package schema

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/walint/walint/internal/schemadocs"
	"github.com/walint/walint/schemas"
)

// patternCases are patterns that compileSimple reads (simple) or leaves to
// the regexp, the schemas' own among them.
var patternCases = []struct {
	pattern string
	simple  bool
}{
	{`^[a-z0-9_]+$`, true},
	{`^[a-z]{2,3}(_[A-Z]{2})?$`, true},
	{`^[A-Z]{3}$`, true},
	{`^[0-9]$`, true},
	{`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`, true},
	{`^ab*c$`, true},
	{`^(ab)?(cd)?e$`, true},
	{`^x{2,}y?$`, true},
	{`^[a-c]+[b-d]$`, false}, // greedy would take the b the last item needs
	{`^a*(ab)?$`, false},     // likewise, across an optional group
	{`^[^a]$`, false},        // a negated class holds non-ASCII characters
	{`^é$`, false},           // non-ASCII
	{`^a|b$`, false},         // alternation
	{`[a-z]+`, false},        // not anchored
	{`^(?i)abc$`, false},     // case folding
	{`^(?i:b){2}$`, false},   // case folding inside a repeat
	{`^(a(b)?)?c$`, true},    // nested optional groups
	{`^(ab){2}$`, false},     // a repeated group
	{`^[a-z]{2,3}(_[A-Z]{2})?(_[0-9])?(_x)?(_y)?$`, false}, // more than maxPatternAlts sequences
}

// TestSimplePatternAgreesWithRegexp: where compileSimple reads a pattern,
// it matches exactly what the regexp matches (agreeWithRegexp).
func TestSimplePatternAgreesWithRegexp(t *testing.T) {
	for _, tt := range patternCases {
		sp := compileSimple(tt.pattern)
		if (sp != nil) != tt.simple {
			t.Errorf("%s: simple %v, want %v", tt.pattern, sp != nil, tt.simple)
			continue
		}
		if sp != nil {
			agreeWithRegexp(t, tt.pattern, sp)
		}
	}
}

// agreeWithRegexp checks sp against the regexp of pattern on every string of
// up to four characters from a small alphabet (letters of both cases,
// digits, separators, a non-ASCII letter, a NUL, an invalid byte, a line
// feed), on random longer ones, and on a few real values.
func agreeWithRegexp(t *testing.T, pattern string, sp *simplePattern) {
	t.Helper()
	alphabet := "abcdexyzAZ09_-é\x00\xff\n"
	r := rand.New(rand.NewPCG(1, 2))
	re := regexp.MustCompile(pattern)
	check := func(s string) {
		if got, want := sp.match(s), re.MatchString(s); got != want {
			t.Errorf("%s on %q: %v, the regexp says %v", pattern, s, got, want)
		}
	}
	var chars []string
	for _, c := range alphabet {
		chars = append(chars, string(c))
	}
	var grow func(prefix string, depth int)
	grow = func(prefix string, depth int) {
		check(prefix)
		if depth == 0 {
			return
		}
		for _, c := range chars {
			grow(prefix+c, depth-1)
		}
	}
	grow("", 4)
	for range 2000 {
		var b strings.Builder
		for range r.IntN(14) {
			b.WriteString(chars[r.IntN(len(chars))])
		}
		check(b.String())
	}
	for _, s := range []string{"en", "en_US", "pt_BR", "eng", "en_us", "1990-04-23", "USD", "7", "order_update_2"} {
		check(s)
	}
}

// TestSchemaPatternsAreSimple: every pattern of the embedded schemas is read
// by compileSimple, so that checking a payload runs no regular expression,
// and matches as its regexp does.
func TestSchemaPatternsAreSimple(t *testing.T) {
	docs, err := schemadocs.Decode(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if p, ok := v["pattern"].(string); ok {
				n++
				if sp := compileSimple(p); sp == nil {
					t.Errorf("pattern %s is not simple: checking it runs a regexp", p)
				} else {
					agreeWithRegexp(t, p, sp)
				}
			}
			for _, sub := range v {
				walk(sub)
			}
		case []any:
			for _, sub := range v {
				walk(sub)
			}
		}
	}
	for _, doc := range docs {
		walk(map[string]any(doc))
	}
	if n < 5 {
		t.Fatalf("found %d patterns in the schemas", n)
	}
}

// FuzzSimplePattern compares compileSimple's matcher with the regexp on the
// patterns of patternCases and whatever text the fuzzer makes.
func FuzzSimplePattern(f *testing.F) {
	for i := range patternCases {
		f.Add(uint8(i), "en_US")
	}
	f.Fuzz(func(t *testing.T, which uint8, s string) {
		tt := patternCases[int(which)%len(patternCases)]
		sp := compileSimple(tt.pattern)
		if sp == nil {
			return
		}
		if got, want := sp.match(s), regexp.MustCompile(tt.pattern).MatchString(s); got != want {
			t.Fatalf("%s on %q: %v, the regexp says %v", tt.pattern, s, got, want)
		}
	})
}
