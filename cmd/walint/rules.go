package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

const rulesUsage = `usage: walint rules [--format text|json]

Lists every rule: its ID, default severity, the error codes it predicts
(On-Premises / Cloud API) and a summary.

Flags:
`

const explainUsage = `usage: walint explain RULE

Prints the documentation of a rule and the link to its section of the rules
document, which has a failing and a passing example.
`

// runRules lists the rules.
func runRules(args []string, e *env) int {
	fs := newFlagSet("walint rules", rulesUsage, e)
	format := fs.String("format", "text", "output `format`: text or json")
	rest, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		e.errorf("rules takes no arguments; to read about one rule, run walint explain %s", rest[0])
		return exitUsage
	}
	var err error
	switch *format {
	case "text":
		err = output.RulesText(e.stdout, validate.Rules())
	case "json":
		err = output.RulesJSON(e.stdout, validate.Rules())
	default:
		e.errorf("unknown format %q (want text or json)", *format)
		return exitUsage
	}
	if err != nil {
		e.errorf("writing the rules: %v", err)
		return exitUsage
	}
	return exitClean
}

// runExplain prints the documentation of one rule.
func runExplain(args []string, e *env) int {
	fs := newFlagSet("walint explain", explainUsage, e)
	rest, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		e.errorf("explain takes one rule ID; walint rules lists them")
		return exitUsage
	}
	r := validate.RuleByID(rest[0])
	if r == nil {
		e.errorf("%s", unknownRule(rest[0]))
		return exitUsage
	}
	output.Explain(e.stdout, r)
	return exitClean
}

// unknownRule says that id names no rule, suggesting the closest IDs.
func unknownRule(id string) string {
	if s := didYouMean(id, ruleIDs()); s != "" {
		return fmt.Sprintf("unknown rule %q%s", id, s)
	}
	return fmt.Sprintf("unknown rule %q; walint rules lists them", id)
}

// ruleIDs returns the ID of every rule.
func ruleIDs() []string {
	var ids []string
	for _, r := range validate.Rules() {
		ids = append(ids, r.ID)
	}
	return ids
}

// didYouMean returns `; did you mean "x"?` (or "x", "y" or "z") naming the
// candidates closest to name, or "" when none is close.
func didYouMean(name string, candidates []string) string {
	s := suggest(name, candidates)
	if len(s) == 0 {
		return ""
	}
	q := make([]string, len(s))
	for i, c := range s {
		q[i] = fmt.Sprintf("%q", c)
	}
	if len(q) > 1 {
		q = append(q[:len(q)-2], q[len(q)-2]+" or "+q[len(q)-1])
	}
	return "; did you mean " + strings.Join(q, ", ") + "?"
}

// suggest returns up to three of the candidates closest to name: those at
// the smallest edit distance, if it is within a third of name's length (at
// least 2). A candidate that contains name counts as that close.
func suggest(name string, candidates []string) []string {
	type scored struct {
		s string
		d int
	}
	limit := max(2, len(name)/3)
	var close []scored
	for _, c := range candidates {
		d := levenshtein(name, c)
		if len(name) >= 4 && strings.Contains(c, name) {
			d = min(d, limit)
		}
		if d <= limit {
			close = append(close, scored{c, d})
		}
	}
	sort.SliceStable(close, func(i, j int) bool { return close[i].d < close[j].d })
	var out []string
	for i := 0; i < len(close) && i < 3 && close[i].d == close[0].d; i++ {
		out = append(out, close[i].s)
	}
	return out
}

// levenshtein returns the edit distance between a and b, counted in bytes.
func levenshtein(a, b string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}
