package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Report is the result of validating one payload.
type Report struct {
	// Dialect is the dialect the payload was checked as: the one asked for in
	// the options, or the detected one when the options said DialectAuto.
	Dialect Dialect `json:"dialect"`
	// Kind is what the payload was checked as: a message, a template
	// creation body or a template edit body; KindAuto when the payload could
	// not be read that far.
	Kind Kind `json:"kind"`
	// Type is the message type ("text", "image", "interactive"...), "status"
	// for a read receipt, or "" when the payload could not be read that far
	// or is not a message.
	Type string `json:"type"`
	// Findings are the problems found, sorted by position and then rule.
	Findings []Finding `json:"findings"`

	// stopped is the context's error when validation stopped before the
	// end because the context was cancelled or its deadline passed: the
	// findings are then those of the rules that ran.
	stopped error
}

// HasErrors reports whether any finding has error severity.
func (r *Report) HasErrors() bool {
	return r.Count(SeverityError) > 0
}

// Count returns how many findings have the given severity.
func (r *Report) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Err returns the error of the validation, or nil. When the context given
// to Validate was cancelled or expired before the end, that is an error for
// which errors.Is(err, context.Canceled) (or context.DeadlineExceeded)
// holds: the payload was not fully checked, which says nothing against it,
// so a send pipeline can retry. Otherwise it is an *Error that lists every
// finding of the report when one of them is an error, and nil when none is.
func (r *Report) Err() error {
	if r.stopped != nil {
		return fmt.Errorf("walint: validation stopped before the end: %w", r.stopped)
	}
	if !r.HasErrors() {
		return nil
	}
	return &Error{Findings: slices.Clone(r.Findings)}
}

// Error is the error a Report returns from Err: the payload has at least one
// error finding. Use errors.As to get at the findings.
type Error struct {
	Findings []Finding
}

// Error lists the findings, one per line after a summary.
func (e *Error) Error() string {
	var b strings.Builder
	errs := 0
	for _, f := range e.Findings {
		if f.Severity == SeverityError {
			errs++
		}
	}
	fmt.Fprintf(&b, "walint: payload has %d error(s)", errs)
	for _, f := range e.Findings {
		b.WriteString("\n\t")
		if f.Pointer != "" {
			b.WriteString(f.Pointer)
			b.WriteString(": ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// sortFindings orders findings by offset, then rule, then pointer and
// message, so that the same input always gives the same output.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Span.Start.Offset, b.Span.Start.Offset),
			strings.Compare(a.Rule, b.Rule),
			strings.Compare(a.Pointer, b.Pointer),
			strings.Compare(a.Message, b.Message),
		)
	})
}
