package schema

import (
	"regexp/syntax"
)

// simplePattern matches what a pattern anchored at both ends matches when
// it is a sequence of ASCII character classes, each repeated a fixed or a
// bounded number of times, with optional groups of such: every pattern
// walint's schemas use ("^[a-z0-9_]+$", "^[a-z]{2,3}(_[A-Z]{2})?$",
// "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"...). It matches a byte at a time, with no
// allocation and no backtracking; compile keeps the regular expression for
// any other pattern, and for this one behind it (Pattern, the reference).
//
// An optional group makes two sequences, one with the group and one
// without; the text matches when one of them does. Within a sequence, an
// item that may take more or fewer characters takes as many as it can, which
// is exact because compile builds a simplePattern only when no later item of
// the sequence takes a character such an item takes.
type simplePattern struct {
	alts [][]patternItem
}

// patternItem is one character class, taken min to max times (max -1: any
// number).
type patternItem struct {
	set      [2]uint64 // the ASCII characters of the class, one bit each
	min, max int
}

func (it *patternItem) has(c byte) bool {
	return c < 128 && it.set[c>>6]&(1<<(c&63)) != 0
}

// match reports whether s matches the pattern.
func (sp *simplePattern) match(s string) bool {
	for _, seq := range sp.alts {
		if matchSeq(seq, s) {
			return true
		}
	}
	return false
}

func matchSeq(seq []patternItem, s string) bool {
	i := 0
	for k := range seq {
		it := &seq[k]
		n := 0
		for (it.max < 0 || n < it.max) && i < len(s) && it.has(s[i]) {
			i++
			n++
		}
		if n < it.min {
			return false
		}
	}
	return i == len(s)
}

// maxPatternAlts bounds the sequences optional groups make.
const maxPatternAlts = 8

// compileSimple returns the simplePattern of pattern p, or nil when p is not
// of that form (or its greedy reading would not be exact).
func compileSimple(p string) *simplePattern {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil || re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return nil
	}
	alts, ok := sequences(re.Sub[1:len(re.Sub)-1], [][]patternItem{nil})
	if !ok {
		return nil
	}
	for _, seq := range alts {
		if !greedyExact(seq) {
			return nil
		}
	}
	return &simplePattern{alts: alts}
}

// sequences appends the parts to each of the sequences alts, and returns
// them.
func sequences(parts []*syntax.Regexp, alts [][]patternItem) ([][]patternItem, bool) {
	for _, re := range parts {
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false
		}
		switch re.Op {
		case syntax.OpLiteral, syntax.OpCharClass:
			items, ok := classItems(re)
			if !ok {
				return nil, false
			}
			alts = appendItems(alts, items...)
		case syntax.OpCapture, syntax.OpConcat:
			var ok bool
			if alts, ok = sequences(re.Sub, alts); !ok {
				return nil, false
			}
		case syntax.OpQuest, syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
			min, max := re.Min, re.Max
			switch re.Op {
			case syntax.OpQuest:
				min, max = 0, 1
			case syntax.OpStar:
				min, max = 0, -1
			case syntax.OpPlus:
				min, max = 1, -1
			}
			if items, ok := classItems(re.Sub[0]); ok && len(items) == 1 {
				items[0].min, items[0].max = min, max
				alts = appendItems(alts, items[0])
				continue
			}
			if min != 0 || max != 1 {
				return nil, false
			}
			// An optional group: every sequence with and without it.
			with, ok := sequences(re.Sub, clone(alts))
			if !ok || len(alts)+len(with) > maxPatternAlts {
				return nil, false
			}
			alts = append(alts, with...)
		default:
			return nil, false
		}
	}
	return alts, true
}

// classItems returns the items, each taken once, of a literal (one per
// character) or a character class, all ASCII.
func classItems(re *syntax.Regexp) ([]patternItem, bool) {
	if re.Flags&syntax.FoldCase != 0 {
		return nil, false
	}
	var items []patternItem
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r >= 128 {
				return nil, false
			}
			var it patternItem
			it.set[r>>6] |= 1 << (r & 63)
			it.min, it.max = 1, 1
			items = append(items, it)
		}
	case syntax.OpCharClass:
		it := patternItem{min: 1, max: 1}
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1] >= 128 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				it.set[r>>6] |= 1 << (r & 63)
			}
		}
		items = append(items, it)
	default:
		return nil, false
	}
	return items, len(items) > 0
}

func appendItems(alts [][]patternItem, items ...patternItem) [][]patternItem {
	for i := range alts {
		alts[i] = append(alts[i], items...)
	}
	return alts
}

func clone(alts [][]patternItem) [][]patternItem {
	out := make([][]patternItem, len(alts))
	for i, seq := range alts {
		out[i] = append([]patternItem(nil), seq...)
	}
	return out
}

// greedyExact reports whether taking as many characters as it can is right
// for every item of seq whose count may vary: no later item takes a
// character it takes.
func greedyExact(seq []patternItem) bool {
	var later [2]uint64
	for k := len(seq) - 1; k >= 0; k-- {
		it := seq[k]
		if it.min != it.max && (it.set[0]&later[0] != 0 || it.set[1]&later[1] != 0) {
			return false
		}
		later[0] |= it.set[0]
		later[1] |= it.set[1]
	}
	return true
}
