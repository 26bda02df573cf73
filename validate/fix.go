package validate

import (
	"context"
	"maps"
	"slices"
)

// Fix returns payload with the certain fixes of its findings applied: each
// finding with a Fix has its span replaced by the fix, and nothing else
// changes (indentation, key order and all other bytes stay as they were).
// Findings whose spans overlap an earlier fix are left alone; Fix reports how
// many fixes it applied. The findings must come from validating payload.
//
// Each fix is certain on its own, but Fix does not check how the fixes meet
// the rest of the payload: trimming the reply button id " yes " makes it a
// duplicate when another button's id is "yes". FixPayload checks that.
func Fix(payload []byte, findings []Finding) ([]byte, int) {
	var fixes []Finding
	for _, f := range findings {
		if f.Fix != nil && f.Span.Start.Offset <= f.Span.End.Offset && f.Span.End.Offset <= len(payload) {
			fixes = append(fixes, f)
		}
	}
	slices.SortStableFunc(fixes, func(a, b Finding) int { return a.Span.Start.Offset - b.Span.Start.Offset })
	out := make([]byte, 0, len(payload)+64)
	pos, applied := 0, 0
	for _, f := range fixes {
		if f.Span.Start.Offset < pos {
			continue // Overlaps the previous fix.
		}
		out = append(out, payload[pos:f.Span.Start.Offset]...)
		out = append(out, f.Fix...)
		pos = f.Span.End.Offset
		applied++
	}
	out = append(out, payload[pos:]...)
	return out, applied
}

// maxFixRounds is how many rounds of fixes FixPayload applies at most.
const maxFixRounds = 4

// maxFixChecks is how many fixed payloads FixPayload validates at most, so
// that a hostile payload with hundreds of clashing fixes costs a bounded
// number of validations. A round without a clash takes one.
const maxFixChecks = 32

// FixPayload validates payload, applies its certain fixes, and repeats until
// nothing more can be fixed, at most a few rounds: a fix can reveal another,
// as when a "to" given as a number becomes a string that then lacks its +.
//
// A round's fixes are kept only if the payload after them has no new
// finding, of any severity, other than one that has a fix of its own for the
// next round. When a round's fixes together do add one, FixPayload tries them
// in halves, down to single fixes, and keeps the others: one fix that clashes
// with the payload (a trimmed reply button id that becomes a duplicate) costs
// only itself, and is not tried again. It returns the fixed payload, the
// number of fixes applied and the final report.
func (v *Validator) FixPayload(ctx context.Context, payload []byte, opts ...FixOption) ([]byte, int, *Report) {
	var cfg fixConfig
	for _, o := range opts {
		o(&cfg)
	}
	check := v.Validate
	if leave := cfg.leave; leave != nil {
		check = func(ctx context.Context, b []byte) *Report {
			rep := v.Validate(ctx, b)
			rep.Findings = slices.DeleteFunc(rep.Findings, leave)
			return rep
		}
	}
	return fixWith(ctx, payload, check)
}

// A FixOption changes what FixPayload does.
type FixOption func(*fixConfig)

type fixConfig struct {
	leave func(Finding) bool
}

// FixLeaving makes FixPayload leave alone the findings for which leave
// returns true, as those a configuration says to ignore: they are not
// fixed, and the reports FixPayload judges its fixes by, and returns, do
// not hold them.
func FixLeaving(leave func(Finding) bool) FixOption {
	return func(c *fixConfig) { c.leave = leave }
}

// fixWith is FixPayload with the validation given: check returns the report
// on a payload.
func fixWith(ctx context.Context, payload []byte, check func(context.Context, []byte) *Report) ([]byte, int, *Report) {
	total := 0
	rep := check(ctx, payload)
	fx := &fixer{check: check, ctx: ctx, checks: maxFixChecks, refused: map[fixKey]bool{}}
	for range maxFixRounds {
		var fixes []Finding
		for _, f := range rep.Findings {
			if f.Fix != nil && !fx.refused[keyOfFix(f)] {
				fixes = append(fixes, f)
			}
		}
		if len(fixes) == 0 {
			break
		}
		fx.payload, fx.before = payload, tally(rep.Findings)
		fx.out, fx.n, fx.rep = payload, 0, rep
		fx.keep(nil, fixes)
		if fx.n == 0 {
			break
		}
		payload, rep, total = fx.out, fx.rep, total+fx.n
	}
	return payload, total, rep
}

// fixer runs the rounds of FixPayload.
type fixer struct {
	check   func(context.Context, []byte) *Report
	ctx     context.Context
	checks  int             // validations left (maxFixChecks)
	refused map[fixKey]bool // fixes that added a finding, not tried again

	// payload is the round's payload and before the tally of its findings;
	// out, n and rep are the payload, fix count and report with the fixes
	// kept so far in the round applied.
	payload []byte
	before  map[findingKey]int
	out     []byte
	n       int
	rep     *Report
}

// keep returns kept, fixes already applied to fx.out, with those of cands
// that add no finding: it tries them all, and when that fails each half in
// turn, down to single fixes, which it refuses. Each try validates a payload,
// so one clashing fix among n costs about 2·log2(n) validations.
func (fx *fixer) keep(kept, cands []Finding) []Finding {
	if len(cands) == 0 {
		return kept
	}
	all := append(slices.Clip(kept), cands...)
	if fx.try(all) {
		return all
	}
	if len(cands) == 1 {
		fx.refused[keyOfFix(cands[0])] = true
		return kept
	}
	kept = fx.keep(kept, cands[:len(cands)/2])
	return fx.keep(kept, cands[len(cands)/2:])
}

// try applies fixes to the round's payload and reports whether that adds no
// finding; if so, the result becomes fx.out.
func (fx *fixer) try(fixes []Finding) bool {
	if fx.checks == 0 {
		return false
	}
	fx.checks--
	fixed, n := Fix(fx.payload, fixes)
	rep := fx.check(fx.ctx, fixed)
	if addsFindings(fx.before, rep.Findings) {
		return false
	}
	fx.out, fx.n, fx.rep = fixed, n, rep
	return true
}

// findingKey identifies a finding across a fix: by its rule, severity and
// pointer, not by its position, since a fix moves the bytes after it, nor by
// its message, which may quote the value a fix changed (recipient-wa-id-differs
// quotes "to" as written, and goes on after "0052..." becomes "+52...").
type findingKey struct {
	rule, pointer string
	severity      Severity
}

// tally counts the findings of each key.
func tally(fs []Finding) map[findingKey]int {
	m := make(map[findingKey]int, len(fs))
	for _, f := range fs {
		m[findingKey{f.Rule, f.Pointer, f.Severity}]++
	}
	return m
}

// addsFindings reports whether after, the findings of a fixed payload, has
// one more of some key than before, the tally of the payload's own. A new
// finding with a fix of its own does not count: it is a step the next round
// takes, not a fault the fix made.
func addsFindings(before map[findingKey]int, after []Finding) bool {
	left := maps.Clone(before)
	for _, f := range after {
		k := findingKey{f.Rule, f.Pointer, f.Severity}
		if left[k] > 0 {
			left[k]--
			continue
		}
		if f.Fix == nil {
			return true
		}
	}
	return false
}

// fixKey identifies a fix across rounds: fixes replace values, never members,
// so the pointers of a payload stay the same.
type fixKey struct {
	rule, pointer, fix string
}

func keyOfFix(f Finding) fixKey { return fixKey{f.Rule, f.Pointer, string(f.Fix)} }
