package validate

import (
	"encoding/json"
	"fmt"
)

// Severity says how serious a finding is. The zero value is invalid, so a
// finding built by hand without a severity is caught rather than silently
// treated as the mildest level.
type Severity int

// The severities, from mildest to most serious. A higher value is more serious,
// so thresholds compare with >=.
const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

// String returns the lower-case name of the severity: "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity turns "info", "warning" or "error" into a Severity.
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "info":
		return SeverityInfo, nil
	case "warning":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

// MarshalText encodes the severity by name.
func (s Severity) MarshalText() ([]byte, error) {
	if s < SeverityInfo || s > SeverityError {
		return nil, fmt.Errorf("invalid severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a severity from its name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Pos is a position in the payload: a 1-based line, a 1-based column counted
// in Unicode code points, and a 0-based byte offset.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// Span is a range of the payload, from Start inclusive to End exclusive.
type Span struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// Finding is one problem found in a payload.
type Finding struct {
	// Rule is the stable ID of the rule that found the problem, such as "latitude-range".
	Rule string `json:"rule"`
	// Severity says how serious the problem is.
	Severity Severity `json:"severity"`
	// Code is the error code of the 360dialog / On-Premises table (400, 1000,
	// 1009, 1014, 470...) that WhatsApp would return; 0 when unknown.
	Code int `json:"code"`
	// CloudCode is the Meta Cloud API error code (100, 131008, 131009,
	// 131052, 131053...) that WhatsApp would return; 0 when unknown.
	CloudCode int `json:"cloud_code"`
	// Subcode is the error_subcode Meta gives beside CloudCode, such as
	// 2388299 for a template body that ends with a variable; 0 when there
	// is none or it is unknown.
	Subcode int `json:"subcode,omitempty"`
	// Review, when set, says that Meta accepts the payload (a template
	// creation body) but its review rejects the template, and with which
	// reason, such as "INVALID_FORMAT".
	Review string `json:"review,omitempty"`
	// Pointer is the RFC 6901 JSON Pointer of the offending value ("" for the
	// whole document). For a missing field it names the field that should be there.
	Pointer string `json:"pointer"`
	// Span is where the offending value sits in the payload; for a missing
	// field, the object that should hold it.
	Span Span `json:"span"`
	// Message says what was found and what was expected.
	Message string `json:"message"`
	// Hint says what to do about it.
	Hint string `json:"hint,omitempty"`
	// Fix, when present, is the JSON value that should replace the value at
	// Pointer. It is only given where the fix is certain.
	Fix json.RawMessage `json:"fix,omitempty"`
	// Related, when present, are other places of the payload the finding
	// speaks of, such as where a value that must be unique was first used.
	Related []Location `json:"related,omitempty"`
}

// A Location is a place in the payload that a finding relates to.
type Location struct {
	// Pointer and Span say where it is, as a finding's do.
	Pointer string `json:"pointer"`
	Span    Span   `json:"span"`
	// Message says what is there, such as "first used here".
	Message string `json:"message"`
}

// String formats the finding as "line:col: severity: message [rule]".
func (f Finding) String() string {
	return fmt.Sprintf("%d:%d: %s: %s [%s]", f.Span.Start.Line, f.Span.Start.Column, f.Severity, f.Message, f.Rule)
}
