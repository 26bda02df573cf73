package validate

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/media"
)

func mustNew(t testing.TB, opts ...Option) *Validator {
	t.Helper()
	v, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

const cleanText = `{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}`

func TestCleanPayloadHasNoFindings(t *testing.T) {
	rep := mustNew(t).Validate(context.Background(), []byte(cleanText))
	if len(rep.Findings) != 0 || rep.HasErrors() || rep.Err() != nil {
		t.Fatalf("clean payload: got findings %v", rep.Findings)
	}
	if rep.Dialect != DialectCloud || rep.Type != "text" {
		t.Errorf("got dialect %v type %q, want cloud text", rep.Dialect, rep.Type)
	}
}

func TestReportErr(t *testing.T) {
	payload := `{"messaging_product":"whatsapp","to":"+16505551234","type":"location","location":{"latitude":91,"longitude":0}}`
	rep := mustNew(t).Validate(context.Background(), []byte(payload))
	err := rep.Err()
	var verr *Error
	if !errors.As(err, &verr) {
		t.Fatalf("Err() = %v, want an *Error", err)
	}
	if len(verr.Findings) != 1 || verr.Findings[0].Rule != "latitude-range" {
		t.Fatalf("got findings %v, want one latitude-range", verr.Findings)
	}
	if !strings.Contains(err.Error(), "/location/latitude") || !strings.Contains(err.Error(), "latitude-range") {
		t.Errorf("error text %q does not name the pointer and rule", err)
	}
}

func TestFindingPositions(t *testing.T) {
	// The smart quote is three bytes but one column; "é" two bytes, one column.
	payload := "{\n  \"text\": {\"body\": \"é\"},\n  “x”: 1\n}"
	rep := mustNew(t, WithDialect(DialectCloud)).Validate(context.Background(), []byte(payload))
	i := slices.IndexFunc(rep.Findings, func(f Finding) bool { return f.Rule == "json-syntax" })
	if i < 0 {
		t.Fatalf("got %v, want a json-syntax finding", rep.Findings)
	}
	f := rep.Findings[i]
	// Line 3 starts at byte 28: "{\n" is 2 bytes, line 2 is 26 with its "é"
	// of two. The member name “x” is 7 bytes and 3 columns.
	want := Span{Start: Pos{Line: 3, Column: 3, Offset: 30}, End: Pos{Line: 3, Column: 6, Offset: 37}}
	if f.Rule != "json-syntax" || f.Span != want || f.Pointer != "/x" {
		t.Errorf("got %s at %+v pointer %q, want json-syntax at %+v pointer \"/x\"", f.Rule, f.Span, f.Pointer, want)
	}
	if !strings.Contains(f.Hint, "curly quotes") {
		t.Errorf("hint %q does not name the curly quotes", f.Hint)
	}
}

func TestFixes(t *testing.T) {
	v := mustNew(t, WithDialect(DialectCloud))
	tests := []struct {
		payload, rule, pointer, fix string
	}{
		{`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x","preview_url":"true"}}`, "quoted-boolean", "/text/preview_url", `true`},
		{`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x","preview_url":"False"}}`, "quoted-boolean", "/text/preview_url", `false`},
		{`{"messaging_product":"whatsapp","to":"1 (650) 555-1234","text":{"body":"x"}}`, "recipient-e164", "/to", `"+16505551234"`},
		{`{"messaging_product":"whatsapp","to":"0033612345678","text":{"body":"x"}}`, "recipient-intl-prefix", "/to", `"+33612345678"`},
		{`{"messaging_product":"whatsapp","to":16505551234,"text":{"body":"x"}}`, "wrong-type", "/to", `"16505551234"`},
		{`{"messaging_product":"whatsapp","to":"+16505551234","type":"image","image":{"link":"https://e.com/a%2520b.png"}}`, "link-double-encoded", "/image/link", `"https://e.com/a%20b.png"`},
		{`{"messaging_product":"whatsapp","to":"+16505551234","type":"image","image":{"link":"https://e.com/a b.png"}}`, "link-invalid", "/image/link", `"https://e.com/a%20b.png"`},
	}
	for _, tt := range tests {
		rep := v.Validate(context.Background(), []byte(tt.payload))
		found := false
		for _, f := range rep.Findings {
			if f.Rule == tt.rule {
				found = true
				if f.Pointer != tt.pointer || string(f.Fix) != tt.fix {
					t.Errorf("%s: got pointer %q fix %s, want %q %s", tt.rule, f.Pointer, f.Fix, tt.pointer, tt.fix)
				}
			}
		}
		if !found {
			t.Errorf("%s: no finding in %v", tt.rule, rep.Findings)
		}
	}
}

func TestPayloadTooLarge(t *testing.T) {
	v := mustNew(t, WithMaxSize(len(cleanText)))
	rep := v.Validate(context.Background(), []byte(cleanText+" "))
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "payload-too-large" || rep.Findings[0].Severity != SeverityError {
		t.Fatalf("got %v, want one payload-too-large error", rep.Findings)
	}
	if rep := v.Validate(context.Background(), []byte(cleanText)); len(rep.Findings) != 0 {
		t.Errorf("small payload under the limit: got %v", rep.Findings)
	}

	// The CLI reads at most the limit and one byte more of a file, so the
	// message cannot give the payload's size: 1048577 bytes would be the
	// size of what was read, not of the file.
	head := []byte(`{"text":{"body":"` + strings.Repeat("a", DefaultMaxSize) + `"}}`)[:DefaultMaxSize+1]
	rep = mustNew(t).Validate(context.Background(), head)
	want := "payload is larger than the 1048576-byte (1 MiB) limit of this validator"
	if len(rep.Findings) != 1 || rep.Findings[0].Message != want || rep.Findings[0].Hint == "" {
		t.Errorf("got %v, want one finding %q with a hint", rep.Findings, want)
	}
}

func TestByteLimit(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1 << 20, "1048576-byte (1 MiB)"},
		{3 << 20, "3145728-byte (3 MiB)"},
		{64 << 10, "65536-byte (64 KiB)"},
		{1000, "1000-byte"},
		{85, "85-byte"},
	}
	for _, tt := range tests {
		if got := byteLimit(tt.n); got != tt.want {
			t.Errorf("byteLimit(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestPanickingRuleBecomesFinding: a rule that panics is an internal-error
// report naming it and the panic, and the rules after it still run.
func TestPanickingRuleBecomesFinding(t *testing.T) {
	c := newCollector(nil)
	p := &pass{root: &jsontree.Node{Kind: jsontree.Object}, out: c}
	ran := 0
	boom := &Rule{ID: "boom", check: func(*pass) { panic("kaboom") }}
	after := &Rule{ID: "after", check: func(*pass) { ran++ }}
	checks := []*Rule{after, boom, after, boom, after}
	for i := 0; i < len(checks); {
		i = runChecks(p, checks, i, nil)
	}
	if out := c.kept; len(out) != 2 || out[0].rule != ruleInternalError || !strings.Contains(out[0].msg, "kaboom") || !strings.Contains(out[0].msg, "boom") {
		t.Fatalf("got %+v, want two internal-error reports naming the rule and the panic", out)
	}
	if ran != 3 {
		t.Errorf("%d of the 3 rules around the panicking ones ran", ran)
	}
}

// TestCancelledContext: a cancelled or expired context ends Validate with
// the context's error from Report.Err, and no finding blames the payload:
// it was an internal-error finding, which a send pipeline took for a bad
// payload and dropped instead of retrying.
func TestCancelledContext(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Unix(1, 0))
	defer cancel2()
	for _, tt := range []struct {
		ctx  context.Context
		want error
	}{{cancelled, context.Canceled}, {expired, context.DeadlineExceeded}} {
		rep := mustNew(t).Validate(tt.ctx, []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi","preview_url":"true"}}`))
		err := rep.Err()
		var verr *Error
		if !errors.Is(err, tt.want) || errors.As(err, &verr) {
			t.Errorf("Err() = %v, want an error that is %v and not an *Error", err, tt.want)
		}
		for _, f := range rep.Findings {
			if f.Rule == "internal-error" {
				t.Errorf("finding %v blames the payload for the context", f)
			}
		}
	}
	// A context that is fine changes nothing: Err is the findings' *Error.
	rep := mustNew(t).Validate(context.Background(), []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi","preview_url":"true"}}`))
	var verr *Error
	if err := rep.Err(); !errors.As(err, &verr) || errors.Is(err, context.Canceled) {
		t.Errorf("Err() = %v, want the *Error of the quoted boolean", err)
	}
}

// TestCancelledDuringMediaFetch: a context cut short while the media rules
// open a file is the context's error, not a media-unavailable finding.
func TestCancelledDuringMediaFetch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	src := sourceFunc(func(ctx context.Context, link string) (*media.Object, error) {
		cancel()
		return nil, ctx.Err()
	})
	rep := mustNew(t, WithMediaSource(src)).Validate(ctx, []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"image","image":{"link":"https://example.com/a.png"}}`))
	if err := rep.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err() = %v, want context.Canceled", err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("findings %v, want none: the file was never looked at", rep.Findings)
	}
}

// sourceFunc is a media.Source made of a function.
type sourceFunc func(ctx context.Context, link string) (*media.Object, error)

func (f sourceFunc) Open(ctx context.Context, link string) (*media.Object, error) {
	return f(ctx, link)
}

func TestOptions(t *testing.T) {
	payload := []byte(`{"messaging_product":"whatsapp","to":"16505551234","text":{"body":"x","preview_url":"true"}}`)
	v := mustNew(t, WithDisabled("recipient-e164"), WithSeverity("quoted-boolean", SeverityWarning))
	rep := v.Validate(context.Background(), payload)
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "quoted-boolean" || rep.Findings[0].Severity != SeverityWarning {
		t.Fatalf("got %v, want only quoted-boolean as a warning", rep.Findings)
	}
	for _, bad := range []Option{WithDisabled("nope"), WithSeverity("nope", SeverityError), WithSeverity("json-syntax", 0), WithMaxSize(0), WithDialect(7)} {
		if _, err := New(bad); err == nil {
			t.Errorf("New accepted an invalid option")
		}
	}
}

func TestDialectDetection(t *testing.T) {
	v := mustNew(t)
	for payload, want := range map[string]Dialect{
		`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x"}}`:                                                       DialectCloud,
		`{"to":"16505551234","type":"text","text":{"body":"x"}}`:                                                                         DialectOnPrem,
		`{"to":"16505551234","type":"hsm","hsm":{"namespace":"n","element_name":"e","language":{"policy":"deterministic","code":"en"}}}`: DialectOnPrem,
	} {
		if got := v.Validate(context.Background(), []byte(payload)).Dialect; got != want {
			t.Errorf("%s: got dialect %v, want %v", payload, got, want)
		}
	}
}

func TestSeverityText(t *testing.T) {
	for _, s := range []Severity{SeverityInfo, SeverityWarning, SeverityError} {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("round trip of %v: got %v, %v", s, back, err)
		}
	}
	if _, err := Severity(0).MarshalText(); err == nil {
		t.Error("the zero Severity marshalled without error")
	}
	b, _ := json.Marshal(Finding{Rule: "x", Severity: SeverityWarning})
	if !strings.Contains(string(b), `"severity":"warning"`) {
		t.Errorf("finding JSON %s does not spell the severity", b)
	}
}

// TestConcurrentValidate shares one Validator between goroutines; run with
// -race it proves Validate is safe for concurrent use.
func TestConcurrentValidate(t *testing.T) {
	v := mustNew(t)
	payloads := []string{cleanText,
		`{"messaging_product":"whatsapp","to":"0033612345678","type":"location","location":{"latitude":"91","longitude":0}}`,
		`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x","preview_url":"true"},}`}
	want := make([]int, len(payloads))
	for i, p := range payloads {
		want[i] = len(v.Validate(context.Background(), []byte(p)).Findings)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				k := (g + i) % len(payloads)
				if got := len(v.Validate(context.Background(), []byte(payloads[k])).Findings); got != want[k] {
					t.Errorf("payload %d: got %d findings concurrently, want %d", k, got, want[k])
				}
			}
		}()
	}
	wg.Wait()
}

// TestWithSenderChecksTheNumber: a sender that is not a number with its
// country code makes New fail; accepted silently, it turned the
// recipient-is-sender check off without a word.
func TestWithSenderChecksTheNumber(t *testing.T) {
	for _, n := range []string{"+16505550000", "16505550000", "+1 (650) 555-0000", "0016505550000", "+447911123456"} {
		if _, err := New(WithSender(n)); err != nil {
			t.Errorf("WithSender(%q): %v", n, err)
		}
	}
	for _, n := range []string{"notanumber", "", "+1", "6505550000x12", "07911 123456", "+999123"} {
		if _, err := New(WithSender(n)); err == nil || !strings.Contains(err.Error(), "not a valid phone number") {
			t.Errorf("WithSender(%q) = %v, want an error", n, err)
		}
	}
}
