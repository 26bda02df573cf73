package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/walint/walint/validate"
)

// RuleCodes formats a rule's codes, On-Premises then Cloud API, as
// "1009/131009", with "-" for an unknown one.
func RuleCodes(r *validate.Rule) string {
	code := func(n int) string {
		if n == 0 {
			return "-"
		}
		return strconv.Itoa(n)
	}
	return code(r.Code) + "/" + code(r.CloudCode)
}

// Explain writes the documentation of a rule as `walint explain` prints it
// (and the npm package's explain returns it): the summary, the severity,
// the codes, the Markdown documentation and the link to the rule's section
// of the rules document.
func Explain(w io.Writer, r *validate.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\nseverity: %s\n", r.ID, r.Summary, r.Severity)
	if r.Code != 0 || r.CloudCode != 0 {
		fmt.Fprintf(&b, "codes: %s (On-Premises / Cloud API)\n", RuleCodes(r))
	}
	if r.Subcode != 0 {
		fmt.Fprintf(&b, "subcode: %d (the Cloud API's error_subcode)\n", r.Subcode)
	}
	if r.Review != "" {
		fmt.Fprintf(&b, "review: %s (the API accepts the template; Meta's review rejects it)\n", r.Review)
	}
	fmt.Fprintf(&b, "\n%s\n\nExamples: %s\n", strings.TrimSpace(r.Doc), DocURL(r.ID))
	_, err := io.WriteString(w, b.String())
	return err
}
