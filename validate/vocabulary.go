package validate

import (
	"fmt"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

// Meta adds message types, interactive types, template components,
// parameter types, button sub_types and fields every year (2025 and 2026
// alone brought carousels, voice_call, pin, product header parameters,
// order_details and order_status, Direct Send's category and BSUIDs). A
// linter that turns each new value into an error breaks valid sends the day
// Meta ships them, so the schemas say, with walint's own annotations, which
// vocabularies and objects Meta keeps extending:
//
//   - "x-vocabulary": "open" on an enum: a value walint does not know is a
//     warning (unknown-value) that says walint may be older than Meta's API;
//     a near miss of a known value ("buton", "quickreply") is still an error
//     (enum-value) with the known value as its fix, and a value that differs
//     from a known one only in case ("CATALOG") is accepted, as Meta's own
//     samples write some that way. Without the annotation a vocabulary is
//     closed and every other value is an error.
//   - "x-members": "open" on an object with additionalProperties false: a
//     member walint does not know is a warning (unknown-field), unless it
//     is a near miss of a known one ("messagingProduct"), which Meta refuses
//     with "(#100) Unexpected key" like every unknown member of a closed
//     object (unexpected-field).
//     Only snake_case names get that benefit of the doubt: all of Meta's
//     member names are snake_case, so "headerText" or "recipient-type" is
//     an error anywhere.
//   - "x-members": "free" on an object without properties: the business
//     chooses its keys (a flow's data), so none is judged.
//   - "x-misplaced" on an object or an enum: member names or values that
//     walint knows belong somewhere else (a template definition's "format"
//     or sub_type "otp" in a send), each with where it belongs, what to do
//     and, for a value, optionally the certain fix. They are errors, however
//     open the object or vocabulary.
//   - "x-rule": a rule ID: the violations of that schema object are reported
//     under that rule rather than the one their kind maps to.
//
// The compiler checks them (an "x-vocabulary" other than "open", or an
// "x-rule" that names no rule, is an error) and keeps them on the schema
// node; the evaluator ignores them. They change only how explain reports a
// violation, so the reference implementation still finds the same
// violations.

// Reference names the Meta reference walint's rules follow, for messages
// and version output: the Graph API version Meta's WhatsApp pages show in
// their samples, and the newest "Updated" date of the Meta pages the
// schemas were last checked against (Direct Send, Aug 13, 2026). Message
// types, fields and limits Meta added later are not known to walint. It is
// the one place that says so: when Meta's reference moves on, change it here.
const Reference = "Graph API v25.0, Meta's reference of 2026-08-13"

// verdict is how walint judges a value or a member name it does not know,
// as the comment at the top of this file describes.
type verdict int

const (
	refused       verdict = iota // closed: an error
	misspelt                     // a near miss of a known one: an error, with the known one
	pluralOfKnown                // open, a plural of a known one: a warning that suggests it
	maybeNewer                   // open: a warning, as Meta may have added it after walint's reference
)

// judge returns the verdict on s, which is none of known, in a vocabulary or
// object that is open or closed, and the known name it misspells or is the
// plural of.
func judge(s string, known []string, open bool) (verdict, string) {
	k, near := nearMiss(s, known)
	switch {
	case near && open && pluralOf(s, k):
		return pluralOfKnown, k
	case near:
		return misspelt, k
	case open:
		return maybeNewer, ""
	}
	return refused, ""
}

// caseVariant returns the known value that s spells in another case.
func caseVariant(s string, known []string) (string, bool) {
	for _, k := range known {
		if strings.EqualFold(s, k) {
			return k, true
		}
	}
	return "", false
}

// nearMiss returns the known name or value that s misspells: the same once
// case, "-", "_", "." and spaces are set aside ("quickreply", "Preview-URL"),
// or, for words of five letters or more, one letter added, dropped, changed
// or swapped ("buton", "captoin"). The bar is set low on purpose: a near miss
// is an error, and a new value of Meta's that happens to be close to an old
// one must not become one.
func nearMiss(s string, known []string) (string, bool) {
	ns := normalizeName(s)
	best, found := "", false
	var buf [64]byte
	for _, k := range known {
		// The known names are normalized on the stack, not with
		// normalizeName: the schema pass judges every unknown member of a
		// payload, perhaps tens of thousands of them.
		nk := appendNormalName(buf[:0], k)
		if ns == string(nk) {
			return k, true
		}
		if !found && len(ns) >= 5 && len(nk) >= 5 && oneEdit(ns, string(nk)) {
			best, found = k, true
		}
	}
	return best, found
}

// oneEdit reports whether osaDistance(a, b) is 1, without its table and
// in one pass: the schema pass judges every unknown member of a payload,
// perhaps tens of thousands of them.
func oneEdit(a, b string) bool {
	if len(a) > 64 || len(b) > 64 {
		return false // osaDistance's bound
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	i := 0 // the first place they differ
	for i < len(b) && a[i] == b[i] {
		i++
	}
	switch len(a) - len(b) {
	case 0: // one byte changed, or two neighbours swapped
		return i < len(a) && (a[i+1:] == b[i+1:] ||
			i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:])
	case 1: // one byte added
		return a[i+1:] == b[i:]
	}
	return false
}

// normalizeName lower-cases s and drops the separators people confuse.
func normalizeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', '.', ' ':
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// appendNormalName appends normalizeName(s) to b, for s valid UTF-8 (a
// known name). It works a byte at a time: the bytes of a multi-byte
// character are never ASCII.
func appendNormalName(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_' || c == '-' || c == '.' || c == ' ':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return b
}

// closest returns the known name nearest to s when it is close enough to
// be a likely misspelling: for a hint, where a wrong guess costs little, so
// the bar is higher than nearMiss's (up to two edits).
func closest(s string, known []string) string {
	best, bestD := "", 3
	ls := strings.ToLower(s)
	for _, k := range known {
		if d := osaDistance(ls, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" || bestD > len(s)/3+1 {
		return ""
	}
	return best
}

// osaDistance is the edit distance between a and b counting an insertion,
// a deletion, a substitution or a swap of two neighbours as one edit
// (optimal string alignment), in three rows of the usual table. Long
// strings are never near misses.
func osaDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev2, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// stringValues returns the string values of an enum.
func stringValues(vals []any) []string {
	var out []string
	for _, v := range vals {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// olderHint is the hint of a finding about something walint does not know.
func olderHint(what string) string {
	return fmt.Sprintf("If Meta added %s after walint's reference (%s), it is fine: upgrade walint, or disable this rule until then. Otherwise check the spelling against Meta's reference.", what, Reference)
}

// typeIs reports whether the "type" member of n is want, in any case: open
// vocabularies accept case variants ("LIST", "BUTTON"), so the rules must
// check an upper-case list as a list.
func typeIs(n *jsontree.Node, want string) bool {
	s, _ := n.Get("type").Str()
	return strings.EqualFold(s, want)
}

// pluralOf reports whether s is k with an "s" added or dropped ("products"
// for "product"). Such a pair is a near miss, but a plural is also just the
// kind of name Meta gives a new value or member, so where Meta keeps adding
// (an open vocabulary or object) it is a warning that suggests k rather than
// an error.
func pluralOf(s, k string) bool {
	ns, nk := normalizeName(s), normalizeName(k)
	return ns == nk+"s" || nk == ns+"s"
}
