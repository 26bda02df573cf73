package guard

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/walint/walint/validate"
)

// RejectedError is the error Transport returns for a payload it refused to
// send because of its findings. The request never reached the server. (A
// payload that could not be checked to the end, because the request's
// context was cancelled or expired, gets the context's error instead.)
type RejectedError struct {
	// URL is the request's URL, without a password.
	URL string
	// Report is the payload's report, the findings below BlockOn included.
	Report *validate.Report
	// BlockOn is the lowest severity that stopped the send, the
	// Transport's: zero means validate.SeverityError.
	BlockOn validate.Severity
}

// Error says why the payload was not sent: the findings that stopped it,
// the most serious first and the repeats of a rule on one line, and how
// many findings below BlockOn it left out. It does not repeat the URL,
// which http.Client puts before it ("Post \"https://...\": walint: ...").
func (e *RejectedError) Error() string {
	block, left := e.split()
	var b strings.Builder
	b.WriteString("walint: payload not sent")
	if len(block) > 0 {
		b.WriteString(": ")
		b.WriteString(counts(block))
	}
	if len(left) > 0 {
		fmt.Fprintf(&b, " (%s left out)", counts(left))
	}
	for _, g := range groups(block) {
		f := g[0]
		b.WriteString("\n\t")
		b.WriteString(f.Rule)
		if len(g) > 1 {
			fmt.Fprintf(&b, " ×%d", len(g))
		}
		b.WriteString(": ")
		b.WriteString(at(f))
		if len(g) > 1 {
			b.WriteString("; also ")
			b.WriteString(others(g[1:]))
		}
	}
	return b.String()
}

// CloudCode is the Cloud API error code walint predicts for the payload:
// the first blocking finding's, or 100 (Meta's code for a parameter it
// refuses) when walint knows none.
func (e *RejectedError) CloudCode() int {
	block, _ := e.split()
	if len(block) == 0 || block[0].CloudCode == 0 {
		return 100
	}
	return block[0].CloudCode
}

// split returns the findings at or above BlockOn, the most serious first
// and otherwise in the report's order, and the others.
func (e *RejectedError) split() (block, left []validate.Finding) {
	if e.Report == nil {
		return nil, nil
	}
	level := blockLevel(e.BlockOn)
	for _, f := range e.Report.Findings {
		if f.Severity >= level {
			block = append(block, f)
		} else {
			left = append(left, f)
		}
	}
	slices.SortStableFunc(block, func(a, b validate.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	return block, left
}

// blockLevel is the severity that stops a send for a BlockOn setting.
func blockLevel(s validate.Severity) validate.Severity {
	if s == 0 {
		return validate.SeverityError
	}
	return s
}

// blocks reports whether rep has a finding that stops a send at BlockOn s.
func blocks(rep *validate.Report, s validate.Severity) bool {
	level := blockLevel(s)
	return slices.ContainsFunc(rep.Findings, func(f validate.Finding) bool { return f.Severity >= level })
}

// groups gathers the findings of one rule and severity, in the order of
// each group's first finding: a repeated mistake (a button id used four
// times) is one line of the refusal, not four.
func groups(fs []validate.Finding) [][]validate.Finding {
	var gs [][]validate.Finding
	for _, f := range fs {
		i := slices.IndexFunc(gs, func(g []validate.Finding) bool { return g[0].Rule == f.Rule && g[0].Severity == f.Severity })
		if i < 0 {
			gs = append(gs, []validate.Finding{f})
		} else {
			gs[i] = append(gs[i], f)
		}
	}
	return gs
}

// counts says how many findings of each severity fs holds, most serious
// first: "6 errors and 1 warning".
func counts(fs []validate.Finding) string {
	var parts []string
	for _, s := range []validate.Severity{validate.SeverityError, validate.SeverityWarning, validate.SeverityInfo} {
		n := 0
		for _, f := range fs {
			if f.Severity == s {
				n++
			}
		}
		if n == 1 {
			parts = append(parts, "1 "+s.String())
		} else if n > 1 {
			parts = append(parts, strconv.Itoa(n)+" "+s.String()+"s")
		}
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// at is a finding's place and message: "/location/latitude: latitude 91 is
// outside -90..90".
func at(f validate.Finding) string {
	if f.Pointer == "" {
		return f.Message
	}
	return f.Pointer + ": " + f.Message
}

// maxOthers is how many places of a repeated finding the refusal names
// after the first.
const maxOthers = 3

// others names the places of the repeats of a finding: "/a/2, /a/3, /a/4
// and 2 more".
func others(fs []validate.Finding) string {
	var ps []string
	for _, f := range fs[:min(len(fs), maxOthers)] {
		p := f.Pointer
		if p == "" {
			p = "(the whole payload)"
		}
		ps = append(ps, p)
	}
	s := strings.Join(ps, ", ")
	if len(fs) > maxOthers {
		s += fmt.Sprintf(" and %d more", len(fs)-maxOthers)
	}
	return s
}

// graphBody is the body of a refusal answered as a 400: Graph's error
// object, with only the members Meta documents for the Cloud API, and
// walint's report beside it. The report is a member of its own, not of
// the error object, so that the error object stays as Meta gives it (Meta
// adds members to it, and a client reading it finds nothing it does not
// know there), and so that the findings are not mistaken for Meta's.
type graphBody struct {
	Error  graphError       `json:"error"`
	Walint *validate.Report `json:"walint,omitempty"`
}

// graphError leaves out error_subcode, which Meta no longer sends since
// v16.0, and fbtrace_id, Meta's trace of a request that never reached it:
// one made up here would be asked about at Meta's support.
type graphError struct {
	Message   string    `json:"message"`
	Type      string    `json:"type"`
	Code      int       `json:"code"`
	ErrorData errorData `json:"error_data"`
}

type errorData struct {
	MessagingProduct string `json:"messaging_product"`
	Details          string `json:"details"`
}

// response is the refusal as the Cloud API gives it for a payload it
// refuses: 400 Bad Request with Graph's error object, whose code is the
// predicted one, whose message is "(#code) " and the refusal's text, and
// whose details are the first blocking finding with its hint; walint's
// report is the body's "walint" member.
func (e *RejectedError) response(r *http.Request) *http.Response {
	code := e.CloudCode()
	details := ""
	if block, _ := e.split(); len(block) > 0 {
		details = at(block[0])
		if block[0].Hint != "" {
			details += ". " + block[0].Hint
		}
	}
	body := graphBody{
		Error: graphError{
			Message:   fmt.Sprintf("(#%d) %s", code, e.Error()),
			Type:      "OAuthException",
			Code:      code,
			ErrorData: errorData{MessagingProduct: "whatsapp", Details: details},
		},
		Walint: e.Report,
	}
	b, err := json.Marshal(body)
	if err != nil {
		// Only a finding built by hand with an invalid severity gets
		// here; the error object is still worth sending.
		body.Walint = nil
		b, _ = json.Marshal(body)
	}
	return &http.Response{
		Status:     "400 Bad Request",
		StatusCode: http.StatusBadRequest,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header: http.Header{
			"Content-Type":   {"application/json"},
			"Content-Length": {strconv.Itoa(len(b))},
		},
		Body:          io.NopCloser(bytes.NewReader(b)),
		ContentLength: int64(len(b)),
		Request:       r,
	}
}
