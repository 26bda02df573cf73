package guard

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/walint/walint/validate"
)

// repeatedButtons has a warning before its errors (recipient-e164, which
// predicts no Cloud code) and four errors of one rule (reply-buttons-unique,
// 131009).
const repeatedButtons = `{"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"button","body":{"text":"Pick"},"action":{"buttons":[` +
	`{"type":"reply","reply":{"id":"a","title":"Same"}},{"type":"reply","reply":{"id":"a","title":"Same"}},{"type":"reply","reply":{"id":"a","title":"Same"}}]}}}`

// metaError is the error response of the Graph API, as Meta documents it
// for the Cloud API, with walint's report beside it.
type metaError struct {
	Error struct {
		Message   string `json:"message"`
		Type      string `json:"type"`
		Code      int    `json:"code"`
		ErrorData struct {
			MessagingProduct string `json:"messaging_product"`
			Details          string `json:"details"`
		} `json:"error_data"`
	} `json:"error"`
	Walint *validate.Report `json:"walint"`
}

// TestTransportRespondsAsGraph: with RefuseAs400, a refused send is answered
// as the Cloud API answers a payload it refuses, so that a client's retry
// loop, which retries a transport error as a network fault, takes it for
// the client error it is; the server is not called.
func TestTransportRespondsAsGraph(t *testing.T) {
	srv, hits, _ := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t), RefuseAs400: true}}
	url := srv.URL + "/v23.0/1234567890/messages"
	resp, err := client.Post(url, "application/json", strings.NewReader(repeatedButtons))
	if err != nil {
		t.Fatalf("got %v, want a response", err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if err := resp.Body.Close(); err != nil {
		t.Fatal(err)
	}
	if hits.Load() != 0 {
		t.Errorf("the server was contacted %d times", hits.Load())
	}
	if resp.StatusCode != http.StatusBadRequest || resp.Status != "400 Bad Request" || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("got %q, Content-Type %q; want 400 Bad Request, application/json", resp.Status, resp.Header.Get("Content-Type"))
	}
	if resp.ContentLength != int64(len(body)) || resp.Request == nil || resp.Request.URL.String() != url {
		t.Errorf("ContentLength %d for %d bytes, Request %v: want the length and the request", resp.ContentLength, len(body), resp.Request)
	}

	var g metaError
	if err := json.Unmarshal(body, &g); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	e := g.Error
	if e.Code != 131009 || e.Type != "OAuthException" || e.ErrorData.MessagingProduct != "whatsapp" {
		t.Errorf("error %+v: want code 131009 (the first error's, not the warning's), OAuthException, whatsapp", e)
	}
	if !strings.HasPrefix(e.Message, "(#131009) walint: payload not sent: 4 errors") || !strings.Contains(e.Message, "reply-buttons-unique ×4") {
		t.Errorf("message %q: want the code, then the refusal's text", e.Message)
	}
	if !strings.HasPrefix(e.ErrorData.Details, `/interactive/action/buttons/1/reply/id: button id "a" is already used`) {
		t.Errorf("details %q: want the first error, where it is", e.ErrorData.Details)
	}
	if g.Walint == nil || len(g.Walint.Findings) != 5 || g.Walint.Findings[0].Rule != "recipient-e164" || g.Walint.Type != "interactive" {
		t.Errorf("walint %+v: want the whole report, its warning included", g.Walint)
	}

	// The error object holds only the members Meta documents: a client
	// that reads it as Meta's finds nothing of walint's there.
	var raw struct{ Error map[string]json.RawMessage }
	json.Unmarshal(body, &raw)
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range raw.Error {
			if !yield(k) {
				return
			}
		}
	})
	if !slices.Equal(keys, []string{"code", "error_data", "message", "type"}) {
		t.Errorf("error members %v", keys)
	}
}

// TestTransportRefuseAs400Off: without RefuseAs400 the refusal is still
// the *RejectedError, now with the refusal's text.
func TestTransportRefuseAs400Off(t *testing.T) {
	srv, hits, _ := guardedServer(t)
	client := &http.Client{Transport: &Transport{Validator: newValidator(t)}}
	resp, err := client.Post(srv.URL+"/v23.0/1234567890/messages", "application/json", strings.NewReader(repeatedButtons))
	var rej *RejectedError
	if resp != nil || !errors.As(err, &rej) || hits.Load() != 0 {
		t.Fatalf("got %v, %v, %d requests; want a *RejectedError and none", resp, err, hits.Load())
	}
	if !strings.Contains(err.Error(), "walint: payload not sent: 4 errors (1 warning left out)") {
		t.Errorf("error %q", err)
	}
}

// TestTransportOnReport: the callback sees every send the guard checked,
// passed or refused, and nothing else.
func TestTransportOnReport(t *testing.T) {
	srv, hits, _ := guardedServer(t)
	type call struct {
		url     string
		rules   []string
		refused bool
	}
	var mu sync.Mutex
	var calls []call
	onReport := func(r *http.Request, rep *validate.Report, refused bool) {
		var rules []string
		for _, f := range rep.Findings {
			rules = append(rules, f.Rule)
		}
		mu.Lock()
		calls = append(calls, call{r.URL.Path, rules, refused})
		mu.Unlock()
	}
	for _, as400 := range []bool{false, true} {
		calls = nil
		client := &http.Client{Transport: &Transport{Validator: newValidator(t), OnReport: onReport, RefuseAs400: as400}}
		good := `{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"hi"}}`
		bad := `{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":91,"longitude":0}}`
		for _, req := range []struct{ path, body string }{{"/v23.0/1/messages", good}, {"/v23.0/1/messages", bad}, {"/v23.0/1/media", bad}} {
			resp, err := client.Post(srv.URL+req.path, "application/json", strings.NewReader(req.body))
			if err == nil {
				resp.Body.Close()
			}
		}
		want := []call{{"/v23.0/1/messages", []string{"recipient-e164"}, false}, {"/v23.0/1/messages", []string{"latitude-range"}, true}}
		if len(calls) != len(want) {
			t.Fatalf("RefuseAs400 %v: %d calls %v, want %v", as400, len(calls), calls, want)
		}
		for i := range want {
			if calls[i].url != want[i].url || !slices.Equal(calls[i].rules, want[i].rules) || calls[i].refused != want[i].refused {
				t.Errorf("RefuseAs400 %v: call %d %v, want %v", as400, i, calls[i], want[i])
			}
		}
	}
	if hits.Load() != 4 {
		t.Errorf("the server got %d requests, want the good send and the media request twice", hits.Load())
	}
}

func finding(rule string, sev validate.Severity, cloud int, pointer, msg string) validate.Finding {
	return validate.Finding{Rule: rule, Severity: sev, CloudCode: cloud, Pointer: pointer, Message: msg}
}

// TestRefusalText: the blocking findings come first, most serious first;
// repeats of a rule are one line; what does not block is counted, not listed.
func TestRefusalText(t *testing.T) {
	findings := []validate.Finding{
		finding("recipient-e164", validate.SeverityWarning, 0, "/to", `recipient "1" has no leading +`),
		finding("unique", validate.SeverityError, 131009, "/a/1", `id "x" is already used at /a/0`),
		finding("flow-cta-length", validate.SeverityInfo, 131009, "/b", `cta is long`),
		finding("json-number", validate.SeverityError, 0, "", `number too large`),
		finding("unique", validate.SeverityError, 131009, "/a/2", `id "x" is already used at /a/0`),
		finding("unique", validate.SeverityError, 131009, "/a/3", `id "x" is already used at /a/0`),
		finding("unique", validate.SeverityError, 131009, "/a/4", `id "x" is already used at /a/0`),
		finding("unique", validate.SeverityError, 131009, "/a/5", `id "x" is already used at /a/0`),
		finding("recipient-e164", validate.SeverityWarning, 0, "/c", `recipient "2" has no leading +`),
	}
	for _, tc := range []struct {
		block validate.Severity
		want  string
	}{
		{0, "walint: payload not sent: 6 errors (2 warnings and 1 info left out)\n" +
			"\tunique ×5: /a/1: id \"x\" is already used at /a/0; also /a/2, /a/3, /a/4 and 1 more\n" +
			"\tjson-number: number too large"},
		{validate.SeverityWarning, "walint: payload not sent: 6 errors and 2 warnings (1 info left out)\n" +
			"\tunique ×5: /a/1: id \"x\" is already used at /a/0; also /a/2, /a/3, /a/4 and 1 more\n" +
			"\tjson-number: number too large\n" +
			"\trecipient-e164 ×2: /to: recipient \"1\" has no leading +; also /c"},
		{validate.SeverityInfo, "walint: payload not sent: 6 errors, 2 warnings and 1 info\n" +
			"\tunique ×5: /a/1: id \"x\" is already used at /a/0; also /a/2, /a/3, /a/4 and 1 more\n" +
			"\tjson-number: number too large\n" +
			"\trecipient-e164 ×2: /to: recipient \"1\" has no leading +; also /c\n" +
			"\tflow-cta-length: /b: cta is long"},
	} {
		err := &RejectedError{Report: &validate.Report{Findings: findings}, BlockOn: tc.block}
		if got := err.Error(); got != tc.want {
			t.Errorf("BlockOn %v:\ngot  %s\nwant %s", tc.block, got, tc.want)
		}
	}

	// The predicted code is the first blocking finding's, 100 when walint
	// knows none: Meta's code for a parameter it refuses.
	for _, tc := range []struct {
		findings []validate.Finding
		block    validate.Severity
		code     int
	}{
		{findings, 0, 131009},
		{findings[3:4], 0, 100},
		{findings[:1], validate.SeverityWarning, 100},
		{[]validate.Finding{findings[0], finding("range", validate.SeverityError, 131008, "/x", "m")}, validate.SeverityWarning, 131008},
	} {
		err := &RejectedError{Report: &validate.Report{Findings: tc.findings}, BlockOn: tc.block}
		if got := err.CloudCode(); got != tc.code {
			t.Errorf("%v, BlockOn %v: code %d, want %d", tc.findings, tc.block, got, tc.code)
		}
	}
}
