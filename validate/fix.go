package validate

import (
	"context"
	"slices"
)

// Fix returns payload with the certain fixes of its findings applied: each
// finding with a Fix has its span replaced by the fix, and nothing else
// changes (indentation, key order and all other bytes stay as they were).
// Findings whose spans overlap an earlier fix are left alone; Fix reports how
// many fixes it applied. The findings must come from validating payload.
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

// FixPayload validates payload, applies its certain fixes, and repeats until
// nothing more can be fixed (a fix can reveal another, such as a quoted
// boolean inside a value a fix replaced), at most a few rounds. It returns
// the fixed payload, the number of fixes applied and the final report.
func (v *Validator) FixPayload(ctx context.Context, payload []byte) ([]byte, int, *Report) {
	total := 0
	rep := v.Validate(ctx, payload)
	for round := 0; round < 4; round++ {
		fixed, n := Fix(payload, rep.Findings)
		if n == 0 {
			break
		}
		next := v.Validate(ctx, fixed)
		if next.Count(SeverityError)+next.Count(SeverityWarning) > rep.Count(SeverityError)+rep.Count(SeverityWarning) {
			break // A fix that makes things worse is no fix; keep what we had.
		}
		payload, rep, total = fixed, next, total+n
	}
	return payload, total, rep
}
