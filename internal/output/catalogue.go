package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/walint/walint/validate"
)

// RuleJSON is one rule of the rule catalogue, the one JSON shape of a rule
// for every program that lists them (`walint rules --format json`). As in
// a finding, "doc" is the link to the rule's section of the rules
// document; the documentation itself, Markdown, is "description".
// Kinds are the kinds of payload the rule checks ("message", "template",
// "template-edit"); Subcode and Review are Meta's answer as in a finding.
// Certainty is what the rule rests on, as docs/rules.md says it
// ("documented limit", "observed behaviour" or "conservative guess").
type RuleJSON struct {
	ID          string            `json:"id"`
	Severity    validate.Severity `json:"severity"`
	Certainty   string            `json:"certainty"`
	Code        int               `json:"code"`
	CloudCode   int               `json:"cloud_code"`
	Subcode     int               `json:"subcode,omitempty"`
	Review      string            `json:"review,omitempty"`
	Kinds       []validate.Kind   `json:"kinds"`
	Summary     string            `json:"summary"`
	Description string            `json:"description"`
	Doc         string            `json:"doc"`
}

// NewRuleJSON returns the catalogue's entry for a rule.
func NewRuleJSON(r *validate.Rule) RuleJSON {
	return RuleJSON{ID: r.ID, Severity: r.Severity, Certainty: r.Certainty.String(), Code: r.Code, CloudCode: r.CloudCode,
		Subcode: r.Subcode, Review: r.Review, Kinds: r.Kinds(), Summary: r.Summary,
		Description: strings.TrimSpace(r.Doc), Doc: DocURL(r.ID)}
}

// RulesJSON writes the rule catalogue as one JSON document:
//
//	{"version":1,"rules":[{"id","severity","certainty","code","cloud_code","subcode","review","kinds","summary","description","doc"}]}
//
// subcode and review are left out when the rule has none.
func RulesJSON(w io.Writer, rules []*validate.Rule) error {
	out := struct {
		Version int        `json:"version"`
		Rules   []RuleJSON `json:"rules"`
	}{Version: Version, Rules: []RuleJSON{}}
	for _, r := range rules {
		out.Rules = append(out.Rules, NewRuleJSON(r))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// RulesText writes the rule catalogue as a table for a person, a rule a
// line: its ID, default severity, codes (RuleCodes) with the subcode or
// review reason of a template rule (Answer), and summary.
func RulesText(w io.Writer, rules []*validate.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rules {
		codes := RuleCodes(r)
		if a := Answer(validate.Finding{CloudCode: r.CloudCode, Subcode: r.Subcode, Review: r.Review}); a != "" {
			codes += " (" + a + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, codes, r.Summary)
	}
	return tw.Flush()
}
