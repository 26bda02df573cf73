package validate

import (
	"fmt"
	"time"

	"github.com/walint/walint/validate/media"
)

// Dialect is the API a payload is written for.
type Dialect int

// The dialects. DialectAuto, the zero value, detects the dialect from the
// payload: messaging_product, or a field only the Cloud API knows
// (recipient, typing_indicator, text.preview_url...) and no v1-only form,
// means Cloud; otherwise (hsm, template.namespace, or no messaging_product)
// On-Premises v1.
const (
	DialectAuto Dialect = iota
	DialectCloud
	DialectOnPrem
)

// String returns "auto", "cloud" or "onprem".
func (d Dialect) String() string {
	switch d {
	case DialectAuto:
		return "auto"
	case DialectCloud:
		return "cloud"
	case DialectOnPrem:
		return "onprem"
	}
	return fmt.Sprintf("Dialect(%d)", int(d))
}

// ParseDialect turns "auto", "cloud" or "onprem" into a Dialect.
func ParseDialect(s string) (Dialect, error) {
	switch s {
	case "auto", "":
		return DialectAuto, nil
	case "cloud":
		return DialectCloud, nil
	case "onprem", "on-prem", "v1":
		return DialectOnPrem, nil
	}
	return 0, fmt.Errorf("unknown dialect %q (want auto, cloud or onprem)", s)
}

// MarshalText encodes the dialect by name.
func (d Dialect) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes a dialect from its name.
func (d *Dialect) UnmarshalText(b []byte) error {
	v, err := ParseDialect(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// DefaultMaxSize is the largest payload validated unless WithMaxSize says
// otherwise: 1 MiB, far above any real message.
const DefaultMaxSize = 1 << 20

// Option configures a Validator.
type Option func(*config) error

type config struct {
	dialect  Dialect
	kind     Kind
	maxSize  int
	disabled map[string]bool
	severity map[string]Severity
	sender   string

	media       media.Source
	phones      *phoneCache
	templates   *Templates
	lastInbound time.Time
	now         func() time.Time
}

// An OptionError is an option that New refused: an unknown rule, a value
// out of range, a sender that is not a phone number.
type OptionError struct {
	// Option is the option's function, such as "WithDisabled".
	Option string
	// Rule is the rule ID the option named, for WithDisabled and
	// WithSeverity.
	Rule string
	// Msg says what is wrong, such as `cannot disable rule "x": no such rule`.
	Msg string
}

func (e *OptionError) Error() string { return e.Msg }

// WithDialect checks every payload as the given dialect instead of detecting it.
func WithDialect(d Dialect) Option {
	return func(c *config) error {
		if d < DialectAuto || d > DialectOnPrem {
			return &OptionError{Option: "WithDialect", Msg: fmt.Sprintf("invalid dialect %d", int(d))}
		}
		c.dialect = d
		return nil
	}
}

// WithMaxSize sets the largest payload, in bytes, that is parsed at all. A
// larger one gets a single payload-too-large finding.
func WithMaxSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return &OptionError{Option: "WithMaxSize", Msg: fmt.Sprintf("maximum payload size must be positive, got %d", n)}
		}
		c.maxSize = n
		return nil
	}
}

// WithDisabled turns off the rules with the given IDs.
func WithDisabled(ids ...string) Option {
	return func(c *config) error {
		for _, id := range ids {
			if ruleByID(id) == nil {
				return &OptionError{Option: "WithDisabled", Rule: id, Msg: fmt.Sprintf("cannot disable rule %q: no such rule", id)}
			}
			c.disabled[id] = true
		}
		return nil
	}
}

// WithSeverity reports the findings of the rule with the given ID at the
// given severity instead of the rule's default.
func WithSeverity(id string, s Severity) Option {
	return func(c *config) error {
		if ruleByID(id) == nil {
			return &OptionError{Option: "WithSeverity", Rule: id, Msg: fmt.Sprintf("cannot set the severity of rule %q: no such rule", id)}
		}
		if s < SeverityInfo || s > SeverityError {
			return &OptionError{Option: "WithSeverity", Rule: id, Msg: fmt.Sprintf("invalid severity %d for rule %q", int(s), id)}
		}
		c.severity[id] = s
		return nil
	}
}

// WithSender gives the business's own phone number, so that a message
// addressed to it can be flagged (WhatsApp refuses it with 131021). The
// number is written with its country code, with or without the +
// ("+16505551234", "1 650 555 1234"); New fails on anything that is not a
// valid number written so, rather than leave the check off unsaid.
func WithSender(number string) Option {
	return func(c *config) error {
		if !analyseNumber(number).valid {
			return &OptionError{Option: "WithSender", Msg: fmt.Sprintf("sender %q is not a valid phone number with its country code; write it as + and the country code, e.g. +16505551234", number)}
		}
		c.sender = number
		return nil
	}
}

// WithMediaSource lets the media rules look at the file behind each media
// link: its bytes and the Content-Type its host answers. Without a source
// (the default) only the link itself is checked (media-extension). Sources:
// media.FSSource for a local directory, fetch.New for guarded downloads,
// and in the browser a dropped file. The Validator calls the source from
// every goroutine that validates, so it must be safe for concurrent use
// (media.FSSource and fetch's Fetcher are).
func WithMediaSource(src media.Source) Option {
	return func(c *config) error {
		c.media = src
		return nil
	}
}
