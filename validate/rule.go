package validate

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/walint/walint/validate/internal/jsontree"
)

// Rule is one check walint makes. Its ID is stable and is what users disable
// or re-grade; its codes are the errors WhatsApp would return for a payload
// the rule flags.
type Rule struct {
	// ID is the stable kebab-case name of the rule, such as "latitude-range".
	ID string
	// Severity is the default severity of the rule's findings.
	Severity Severity
	// Certainty says what the rule rests on: a documented limit, observed
	// behaviour, or a conservative guess.
	Certainty Certainty
	// Code is the code of the 360dialog / On-Premises table; 0 when unknown.
	Code int
	// CloudCode is the Meta Cloud API code; 0 when unknown.
	CloudCode int
	// Subcode is the error_subcode Meta gives beside CloudCode; 0 when there
	// is none or it is unknown.
	Subcode int
	// Review, when set, is the reason Meta's review gives when it rejects a
	// template the rule flags, which the API itself accepts
	// ("INVALID_FORMAT").
	Review string
	// Summary is a one-line description.
	Summary string
	// Doc is the Markdown documentation: why WhatsApp rejects such a
	// payload, and what to do instead.
	Doc string
	// Since is the walint version that added the rule, such as "1.0.0";
	// Rules and RuleByID give "1.0.0" for the rules of the first release.
	Since string
	// check runs the rule over a parsed payload. It is nil for the rules
	// that the parser, the schema pass or the media pass report.
	check func(*pass)
	// kinds are the kinds of payload the rule checks; zero means messages
	// (Kinds).
	kinds kindSet
}

// kindSet is a set of the kinds of payload a rule checks.
type kindSet uint8

const (
	// forMessages is the rules of messages: the zero value.
	forMessages kindSet = 0
	// forTemplates is the rules of template creation and edit bodies.
	forTemplates kindSet = 1
	// forAll is the rules of the parser and the schema pass, which check
	// every payload.
	forAll kindSet = 2
)

// list returns the kinds of the set (Rule.Kinds).
func (s kindSet) list() []Kind {
	switch s {
	case forTemplates:
		return []Kind{KindTemplate, KindTemplateEdit}
	case forAll:
		return []Kind{KindMessage, KindTemplate, KindTemplateEdit}
	case forMessages:
		return []Kind{KindMessage}
	}
	return nil
}

// checks reports whether a rule of the set runs on a payload of kind k.
func (s kindSet) checks(k Kind) bool {
	switch s {
	case forTemplates:
		return k.isTemplate()
	case forAll:
		return true
	case forMessages:
		return !k.isTemplate()
	}
	return false
}

// Kinds returns the kinds of payload the rule checks: messages, template
// bodies, or all three kinds for the rules of JSON and of the schemas.
func (r *Rule) Kinds() []Kind { return r.kinds.list() }

// RulesURL is the rules' document, with a section for each rule (Rule.URL).
const RulesURL = "https://github.com/walint/walint/blob/main/docs/rules.md"

// firstRelease is the version of the rules that have no Since of their own.
const firstRelease = "1.0.0"

// URL is the address of the rule's section in the rules' document.
func (r *Rule) URL() string { return RulesURL + "#" + r.ID }

// Rules returns every rule, sorted by ID. The rules are copies: changing
// one changes nothing in what a Validator does (WithSeverity and
// WithDisabled do that).
func Rules() []*Rule {
	out := make([]*Rule, len(allRules))
	for i, r := range allRules {
		out[i] = copyRule(r)
	}
	return out
}

// copyRule returns a copy of r for the caller, with its Since filled in.
func copyRule(r *Rule) *Rule {
	c := *r
	if c.Since == "" {
		c.Since = firstRelease
	}
	return &c
}

// RuleByID returns a copy of the rule with the given ID, or nil.
func RuleByID(id string) *Rule {
	r := ruleByID(id)
	if r == nil {
		return nil
	}
	return copyRule(r)
}

// ruleByID returns the rule with the given ID itself, or nil: the one the
// package's reports point at.
func ruleByID(id string) *Rule {
	i, ok := slices.BinarySearchFunc(allRules, id, func(r *Rule, id string) int {
		switch {
		case r.ID < id:
			return -1
		case r.ID > id:
			return 1
		}
		return 0
	})
	if !ok {
		return nil
	}
	return allRules[i]
}

// Certainty is how sure walint is that WhatsApp behaves as a rule says.
type Certainty int

// The certainties. The zero value is invalid, so every rule must say.
const (
	// CertaintyDocumented: Meta's reference or 360dialog's error table for
	// the On-Premises API states the limit or the error.
	CertaintyDocumented Certainty = iota + 1
	// CertaintyObserved: public reports of failed sends show the behaviour,
	// though Meta does not document it.
	CertaintyObserved
	// CertaintyHeuristic: a conservative guess where the behaviour is
	// undocumented (such rules are warnings or infos).
	CertaintyHeuristic
)

// String describes the certainty for a reader.
func (c Certainty) String() string {
	switch c {
	case CertaintyDocumented:
		return "documented limit"
	case CertaintyObserved:
		return "observed behaviour"
	case CertaintyHeuristic:
		return "conservative guess"
	}
	return fmt.Sprintf("Certainty(%d)", int(c))
}

// report is a finding before it has its position, codes and severity.
type report struct {
	rule       *Rule
	start, end int
	pointer    string
	msg, hint  string
	fix        json.RawMessage
	// sev, when set, replaces the rule's default severity for this finding
	// (a rule whose certainty differs by dialect); the user's override wins.
	sev Severity
	// code and cloudCode, when set, replace the rule's codes for this
	// finding (a rule whose predicted error depends on what it found, such
	// as a template's status); a negative one says no code is known.
	code, cloudCode int
	// subcode and review, when set, replace the rule's (Finding.Subcode,
	// Finding.Review); a negative subcode says none is known.
	subcode int
	review  string
	// related are other places the finding speaks of (Finding.Related).
	related []relatedRef
}

// relatedRef is a related location of a report, as report holds its own.
type relatedRef struct {
	start, end int
	pointer    string
	msg        string
}

// pass is what a rule's check sees: the parsed payload and a way to report.
type pass struct {
	ctx context.Context
	// src is the payload, of which root is the tree.
	src     string
	root    *jsontree.Node
	dialect Dialect
	kind    Kind
	msgType string
	// msgTypes are the message types the schemas know (MessageTypes),
	// shared by every pass: not to be modified.
	msgTypes []string
	cfg      *config
	rule     *Rule
	out      *collector

	// media memoises the inspection of the payload's media links, shared by
	// the media rules.
	media struct {
		done  bool
		items []mediaItem
	}

	// lastIn is the time of the customer's last message, when hasLastIn.
	lastIn    time.Time
	hasLastIn bool

	// view holds what the rules look for anywhere in the payload, found
	// in one walk (views).
	view views

	// tmpl is a template body's view (template), nil in a message's pass,
	// which has no use for it.
	tmpl *templateView

	// to memoises the recipient analysis shared by the recipient rules.
	to struct {
		done  bool
		node  *jsontree.Node
		facts *numberFacts // nil, or &f
		f     numberFacts
	}
}

// Reportf reports a problem with the value n.
func (p *pass) Reportf(n *jsontree.Node, hint, format string, args ...any) {
	p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), msg: fmt.Sprintf(format, args...), hint: hint})
}

// noCode, as a report's code, says that the finding predicts no code.
const noCode = -1

// reportGraded is Reportf for a finding graded apart from its rule (a rule
// whose severity or predicted code depends on what it found): sev and
// cloudCode, when not zero, replace the rule's severity and Cloud code
// (noCode for none; the user's severity override still wins).
func (p *pass) reportGraded(n *jsontree.Node, sev Severity, cloudCode int, hint, format string, args ...any) {
	p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), msg: fmt.Sprintf(format, args...), hint: hint, sev: sev, cloudCode: cloudCode})
}

// reportRepeat reports n, a value that must be unique and repeats the one
// at first, whose place becomes the finding's related location.
func (p *pass) reportRepeat(n, first *jsontree.Node, hint, format string, args ...any) {
	p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), msg: fmt.Sprintf(format, args...), hint: hint,
		related: []relatedRef{{start: first.Start, end: first.End, pointer: first.Pointer(), msg: "first used here"}}})
}

// ReportFix reports a problem with the value n whose certain fix is to
// replace it with fix (any value encoding/json can marshal).
func (p *pass) ReportFix(n *jsontree.Node, fix any, hint, format string, args ...any) {
	raw, err := marshalFix(fix)
	if err != nil {
		raw = nil // A fix that cannot be encoded is no fix; the finding stands.
	}
	p.add(report{start: n.Start, end: n.End, pointer: n.Pointer(), msg: fmt.Sprintf(format, args...), hint: hint, fix: raw})
}

// ReportMissing reports that the object parent lacks the member key. The
// pointer names the missing member; the span is the parent's member name
// (where a reader looks for the member), or its opening brace for the root.
func (p *pass) ReportMissing(parent *jsontree.Node, key, hint, format string, args ...any) {
	start, end := missingSpan(parent)
	p.add(report{start: start, end: end, pointer: jsontree.ChildPointer(parent, key), msg: fmt.Sprintf(format, args...), hint: hint})
}

func missingSpan(parent *jsontree.Node) (int, int) {
	if parent.Parent != nil && parent.Parent.Kind == jsontree.Object {
		return parent.KeyStart, parent.KeyEnd
	}
	return parent.Start, parent.Start + 1
}

func (p *pass) add(r report) {
	r.rule = p.rule
	p.out.add(r)
}

// firstSeen remembers where each key was first seen, for the rules that
// want values unique (row ids, button ids and titles, button indices).
type firstSeen map[string]*jsontree.Node

// first returns the node key was first seen at and true, or records n as
// the first and returns false.
func (s firstSeen) first(key string, n *jsontree.Node) (*jsontree.Node, bool) {
	if at, ok := s[key]; ok {
		return at, true
	}
	s[key] = n
	return nil, false
}

// marshalFix encodes a fix as encoding/json does, writing a string of plain
// ASCII (a phone number, a name) itself rather than through reflection.
func marshalFix(fix any) (json.RawMessage, error) {
	if s, ok := fix.(string); ok && plainASCII(s) {
		b := make([]byte, 0, len(s)+2)
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"'), nil
	}
	return json.Marshal(fix)
}

// plainASCII reports whether encoding/json writes s between quotes as it
// is: printable ASCII without a quote, a backslash or the characters it
// escapes for HTML (<, > and &).
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// enabled reports whether rule r runs for this validator: a rule that leaves
// a fault to another asks, so that the fault is still reported when that
// other rule is turned off.
func (p *pass) enabled(r *Rule) bool {
	return !p.cfg.disabled[r.ID]
}
