package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

func TestValidate(t *testing.T) {
	c := newChecker()
	src, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "store_location.json"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.validate(src, checkOptions{Dialect: "auto"})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Path, Dialect, Type string
		Findings            []struct {
			Rule, Pointer, Doc string
			Fix                json.RawMessage
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got.Path != "payload" || got.Dialect != "cloud" || got.Type != "location" || len(got.Findings) != 2 {
		t.Fatalf("validate = %s", out)
	}
	if f := got.Findings[1]; f.Rule != "latitude-range" || f.Pointer != "/location/latitude" || !strings.HasSuffix(f.Doc, "#latitude-range") {
		t.Errorf("second finding = %+v", f)
	}
	if _, err := c.validate(src, checkOptions{Dialect: "v2"}); err == nil || !strings.Contains(err.Error(), "unknown dialect") {
		t.Errorf("a bad dialect gives %v", err)
	}
}

// TestValidateKind: the report names the kind a payload was checked as,
// told by its shape or given by the kind option, and the templates option
// takes creation bodies.
func TestValidateKind(t *testing.T) {
	c := newChecker()
	edit := []byte(`{"name": "2024_may_promo", "components": [{"type": "BODY", "text": "Hello {{1}}, the May Sale has started. Enjoy!", "example": {"body_text": [["Ana"]]}}]}`)
	kindOf := func(src []byte, o checkOptions) (string, []string) {
		t.Helper()
		out, err := c.validate(src, o)
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Kind     string
			Findings []struct{ Rule string }
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, f := range got.Findings {
			rules = append(rules, f.Rule)
		}
		return got.Kind, rules
	}
	if k, rules := kindOf(edit, checkOptions{}); k != "template" || !slices.Contains(rules, "required-field") {
		t.Errorf("an edit body with a name, by shape: kind %q, %v; want template, missing its category", k, rules)
	}
	// As an edit, its name is one that an edit cannot change: a warning.
	if k, rules := kindOf(edit, checkOptions{Kind: "template-edit"}); k != "template-edit" || !slices.Equal(rules, []string{"creation-edit-fixed"}) {
		t.Errorf("the edit body as template-edit: kind %q, %v; want creation-edit-fixed only", k, rules)
	}
	if _, err := c.validate(edit, checkOptions{Kind: "edit"}); err == nil || !strings.Contains(err.Error(), "unknown kind") {
		t.Errorf("a bad kind gives %v", err)
	}
	defs := `{"name": "order_update", "language": "en_US", "category": "UTILITY", "components": [{"type": "BODY", "text": "Hi {{1}}, your order has shipped."}]}`
	send := []byte(`{"messaging_product": "whatsapp", "to": "+16505551234", "type": "template", "template": {"name": "order_update", "language": {"code": "en_US"}}}`)
	if k, rules := kindOf(send, checkOptions{Templates: defs}); k != "message" || !slices.Equal(rules, []string{"template-parameter-count"}) {
		t.Errorf("a send against a creation body: kind %q, %v; want message, template-parameter-count", k, rules)
	}
}

func TestReport(t *testing.T) {
	c := newChecker()
	src := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"preview_url":"true","body":"<b>"}}`)
	for format, want := range map[string]string{"json": `"version": 1`, "sarif": `"version": "2.1.0"`} {
		out, err := c.report(src, checkOptions{}, format, "p.json")
		if err != nil || !bytes.Contains(out, []byte(want)) || !bytes.Contains(out, []byte("quoted-boolean")) {
			t.Errorf("report %s = %s, %v", format, out, err)
		}
	}
	if _, err := c.report(src, checkOptions{}, "junit", ""); err == nil {
		t.Error("report junit: no error, want one (only json and sarif are offered)")
	}
}

func TestFix(t *testing.T) {
	c := newChecker()
	for _, tt := range []struct {
		in, want string
		n        int
	}{
		{`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"preview_url":"true","body":"hi"}}`,
			`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"preview_url":true,"body":"hi"}}`, 1},
		{`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}`,
			`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}`, 0},
		{`not json`, `not json`, 0},
		// Pasted from a word processor: the quotes around names and values
		// are straightened, those inside a string stay.
		{"{“messaging_product”:“whatsapp”,“to”:“+16505551234”,“type”:“text”,“text”:{“body”:\"say “hi”\"}}",
			`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"say “hi”"}}`, 8},
	} {
		out, err := c.fix([]byte(tt.in), checkOptions{Dialect: "auto"})
		if err != nil {
			t.Fatal(err)
		}
		var got fixResult
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		if got.Text != tt.want || got.Fixed != tt.n {
			t.Errorf("fix(%s) = %d, %s; want %d, %s", tt.in, got.Fixed, got.Text, tt.n, tt.want)
		}
	}
}

func TestInspectMedia(t *testing.T) {
	c := newChecker()
	for _, tt := range []struct {
		file, kind, dialect  string
		wantKind, descriptor string
		wantRules            string
	}{
		{"video_h264_noaudio.mp4", "video", "", "video", "video/mp4/h264/NONE", "video-no-audio:warning"},
		{"video_h264_noaudio.mp4", "video", "onprem", "video", "video/mp4/h264/NONE", "video-no-audio:error"},
		{"video_h264_aac.mp4", "", "", "video", "video/mp4/h264/aac", ""},
		{"image_64x48.png", "", "", "image", "image/png", ""},
		{"image_300x200.webp", "", "", "sticker", "image/webp", "sticker-dimensions:error"},
		{"audio_opus.ogg", "voice", "", "voice", "audio/ogg/opus", ""},
		{"document.pdf", "image", "", "image", "application/pdf", "media-type-mismatch:error"},
		{"document.pdf", "template-image", "cloud", "template-image", "application/pdf", "media-type-mismatch:error"},
	} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "media", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		out, err := c.inspectMedia(bytes.NewReader(b), int64(len(b)), tt.kind, tt.dialect)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		var got mediaJSON
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, f := range got.Findings {
			rules = append(rules, f.Rule+":"+f.Severity.String())
		}
		if got.Kind != tt.wantKind || got.Descriptor != tt.descriptor || strings.Join(rules, ",") != tt.wantRules || got.Size != int64(len(b)) {
			t.Errorf("%s as %q: kind %s, %s, size %d, findings %v; want %s, %s, %d, %s",
				tt.file, tt.kind, got.Kind, got.Descriptor, got.Size, rules, tt.wantKind, tt.descriptor, len(b), tt.wantRules)
		}
	}
	if _, err := c.inspectMedia(bytes.NewReader(nil), 0, "hologram", ""); err == nil {
		t.Error("an unknown kind gives no error")
	}
	if _, err := c.inspectMedia(bytes.NewReader(nil), 0, "image", "v2"); err == nil {
		t.Error("an unknown dialect gives no error")
	}
}

// TestGuessKind: the kind a file is judged as when the caller gives none,
// by its sniffed type: the message type that accepts it, else the one its
// top-level type names, else a document.
func TestGuessKind(t *testing.T) {
	for mime, want := range map[string]validate.MediaKind{
		"image/jpeg": validate.MediaImage, "image/png": validate.MediaImage, "image/gif": validate.MediaImage,
		"image/webp": validate.MediaSticker, "video/mp4": validate.MediaVideo, "video/quicktime": validate.MediaVideo,
		"audio/ogg": validate.MediaAudio, "audio/wav": validate.MediaAudio, "application/pdf": validate.MediaDocument,
		"text/plain": validate.MediaDocument, "application/zip": validate.MediaDocument, "": validate.MediaDocument,
	} {
		if got := guessKind(mime); got != want {
			t.Errorf("guessKind(%q) = %v, want %v", mime, got, want)
		}
	}
}

// TestMediaSize: inspectMedia refuses a size over the cap, or one that is
// no size, before anything is allocated for it.
func TestMediaSize(t *testing.T) {
	for _, tt := range []struct {
		n       float64
		want    int64
		wantErr string
	}{
		{0, 0, ""},
		{1234, 1234, ""},
		{100 << 20, 100 << 20, ""}, // a document's limit, the largest (validate.MaxMediaSize)
		{100<<20 + 1, 0, "larger than 100 MiB"},
		{1.9e9, 0, "larger than 100 MiB"},
		{math.Inf(1), 0, "larger than 100 MiB"},
		{-1, 0, "not a whole number"},
		{1.5, 0, "not a whole number"},
		{math.NaN(), 0, "not a whole number"},
		{math.Inf(-1), 0, "not a whole number"},
	} {
		got, err := mediaSize(tt.n)
		if tt.wantErr == "" {
			if err != nil || got != tt.want {
				t.Errorf("mediaSize(%v) = %d, %v; want %d", tt.n, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("mediaSize(%v) = %d, %v; want an error with %q", tt.n, got, err, tt.wantErr)
		}
		if strings.Contains(tt.wantErr, "larger") && !errors.Is(err, errMediaTooLarge) {
			t.Errorf("mediaSize(%v): %v is not errMediaTooLarge, the message the page shows", tt.n, err)
		}
	}
}

func TestRules(t *testing.T) {
	out, err := rules()
	if err != nil {
		t.Fatal(err)
	}
	var got []output.RuleJSON
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(validate.Rules()) {
		t.Fatalf("%d rules, want %d", len(got), len(validate.Rules()))
	}
	for _, r := range got {
		if r.ID == "" || r.Summary == "" || r.Description == "" || !strings.HasSuffix(r.Doc, "#"+r.ID) || r.Certainty == "" {
			t.Errorf("incomplete rule %+v", r)
		}
	}
}

// TestValidateContext: the sender and the template definitions reach the
// rules that need them, changed options are not served by the old
// validator, and definitions that do not parse are an error naming them.
func TestValidateContext(t *testing.T) {
	c := newChecker()
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	rules := func(src []byte, o checkOptions) []string {
		t.Helper()
		out, err := c.validate(src, o)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Findings []struct{ Rule string } }
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range got.Findings {
			ids = append(ids, f.Rule)
		}
		return ids
	}
	templates := string(read("templates.json"))
	tooFew := read("rules/template-parameter-count/bad_with_templates_body_one_too_few.json")
	if got := rules(tooFew, checkOptions{}); slices.Contains(got, "template-parameter-count") {
		t.Errorf("without definitions: %v, want no template-parameter-count", got)
	}
	if got := rules(tooFew, checkOptions{Templates: templates}); !slices.Contains(got, "template-parameter-count") {
		t.Errorf("with definitions: %v, want template-parameter-count", got)
	}
	toSelf := read("rules/recipient-is-sender/bad_sender_own_number.json")
	if got := rules(toSelf, checkOptions{Sender: "+16505550000", Templates: templates}); !slices.Contains(got, "recipient-is-sender") {
		t.Errorf("with the sender: %v, want recipient-is-sender", got)
	}
	if got := rules(toSelf, checkOptions{Sender: "+447911123456", Templates: templates}); slices.Contains(got, "recipient-is-sender") {
		t.Errorf("with another sender: %v, want no recipient-is-sender", got)
	}
	// The kept validator is the one for the dialect asked for too.
	for _, d := range []string{"cloud", "onprem", "cloud"} {
		out, err := c.validate(toSelf, checkOptions{Dialect: d, Sender: "+16505550000"})
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Dialect string }
		if err := json.Unmarshal(out, &got); err != nil || got.Dialect != d {
			t.Errorf("checked as %q with the same context, want %q (%v)", got.Dialect, d, err)
		}
	}
	if _, err := c.validate(tooFew, checkOptions{Templates: `{"data": [`}); err == nil || !strings.Contains(err.Error(), "template definitions") {
		t.Errorf("broken definitions: err = %v, want one naming the template definitions", err)
	}
}

// TestReleaseVersion: a release build's stamped version (make dist, by
// webfiles.BuildVersion) is what the page's footer and SARIF name.
func TestReleaseVersion(t *testing.T) {
	defer func(v string) { releaseVersion = v }(releaseVersion)
	releaseVersion = ""
	if got := version(); got == "v9.9.9-test" {
		t.Fatalf("version() = %q before any stamp", got)
	}
	releaseVersion = "v9.9.9-test"
	if got := version(); got != "v9.9.9-test" {
		t.Errorf("version() = %q with a stamped version, want v9.9.9-test", got)
	}
}

// TestExplain: a rule's documentation as `walint explain` prints it (the
// npm package's tests compare the two texts for every rule), and an error
// for an ID that names no rule.
func TestExplain(t *testing.T) {
	got, err := explain("latitude-range")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"latitude-range: ", "\n\nseverity: error\n", "\ncodes: ", "Examples: https://", "#latitude-range\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("explain(latitude-range) lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasPrefix(got, "latitude-range: "+validate.RuleByID("latitude-range").Summary+"\n") {
		t.Errorf("explain(latitude-range) does not start with the summary:\n%s", got)
	}
	if _, err := explain("latitude"); err == nil || !strings.Contains(err.Error(), `unknown rule "latitude"`) {
		t.Errorf("explain(latitude): err = %v, want unknown rule", err)
	}
}

// TestLastInbound: the time of the customer's last message reaches the
// conversation-window rule, per call and not through the kept validator,
// and a time that is not RFC 3339 is an error naming the option.
func TestLastInbound(t *testing.T) {
	c := newChecker()
	src := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hello"}}`)
	window := func(last string) bool {
		t.Helper()
		out, err := c.validate(src, checkOptions{Dialect: "cloud", LastInbound: last})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(string(out), `"rule":"conversation-window"`)
	}
	now := time.Now()
	if !window(now.Add(-30 * time.Hour).Format(time.RFC3339)) {
		t.Error("last inbound 30 hours ago: no conversation-window finding")
	}
	if window(now.Add(-time.Hour).Format(time.RFC3339Nano)) {
		t.Error("last inbound an hour ago: conversation-window finding")
	}
	if window("") {
		t.Error("no last inbound time: conversation-window finding")
	}
	for _, call := range []func() error{
		func() error { _, err := c.validate(src, checkOptions{LastInbound: "yesterday"}); return err },
		func() error { _, err := c.fix(src, checkOptions{LastInbound: "yesterday"}); return err },
		func() error { _, err := c.report(src, checkOptions{LastInbound: "yesterday"}, "json", ""); return err },
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), "lastInbound") {
			t.Errorf("lastInbound %q: err = %v, want one naming lastInbound", "yesterday", err)
		}
	}
}

// TestValidatorsKept: the validators of the last few sets of options are
// kept, so that a pipeline alternating between senders does not parse its
// templates again for each payload; past maxKeptValidators, the least
// recently used one is made again.
func TestValidatorsKept(t *testing.T) {
	c := newChecker()
	get := func(sender string) *validate.Validator {
		t.Helper()
		v, err := c.validator(checkOptions{Sender: sender})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	a, b := get("+16505550111"), get("+14155552671")
	if get("+16505550111") != a || get("+14155552671") != b || a == b {
		t.Fatal("alternating between two senders made new validators")
	}
	if v, _ := c.validator(checkOptions{Sender: " +16505550111 ", LastInbound: "2026-12-01T09:30:00Z"}); v != a {
		t.Error("the same options, spaced and with a lastInbound, made a new validator")
	}
	get("+14155552671") // b is now the more recently used
	for i := range maxKeptValidators - 1 {
		get(fmt.Sprintf("+1415555%04d", 2672+i)) // a was used before b: these push a out
	}
	if get("+14155552671") != b {
		t.Error("the more recently used validator was dropped")
	}
	if get("+16505550111") == a {
		t.Errorf("more than %d validators kept", maxKeptValidators)
	}
	if len(c.kept) != maxKeptValidators {
		t.Errorf("%d validators kept, want %d", len(c.kept), maxKeptValidators)
	}
}

// TestMediaKindsTyped: the MediaKind type of the result shapes (web/shapes.d.ts,
// which the npm package ships too) lists exactly validate.MediaKinds() and
// "" (guess), so a kind added to the library is not missing from the types.
func TestMediaKindsTyped(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("web", "shapes.d.ts"))
	if err != nil {
		t.Fatal(err)
	}
	_, union, ok := strings.Cut(string(src), "export type MediaKind =")
	union, _, _ = strings.Cut(union, ";")
	if !ok {
		t.Fatal("web/shapes.d.ts has no MediaKind type")
	}
	var typed []string
	for _, part := range strings.Split(union, "|") {
		if part = strings.TrimSpace(part); part != "" {
			typed = append(typed, strings.Trim(part, `"`))
		}
	}
	want := append([]string{""}, mediaKindNames()...)
	slices.Sort(typed)
	slices.Sort(want)
	if !slices.Equal(typed, want) {
		t.Errorf("MediaKind in web/shapes.d.ts is %q, want %q", typed, want)
	}
}

// TestAppendReport: the report written by hand is, byte for byte, what
// encoding/json writes (the page's and the CLI's way), on every fixture and
// on strings that need escaping; a buffer kept from call to call is
// appended to, not overwritten.
func TestAppendReport(t *testing.T) {
	// appendFinding writes each field of validate.Finding by name: a new
	// one must be added there (and here).
	if n := reflect.TypeFor[validate.Finding]().NumField(); n != 12 {
		t.Fatalf("validate.Finding has %d fields, appendFinding writes 12", n)
	}
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"clean", "rules", "examples", "creation"} {
		err := filepath.WalkDir(filepath.Join("..", "testdata", dir), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	findings, clean := 0, 0
	check := func(name string, src []byte, rep *validate.Report) {
		t.Helper()
		want, wantErr := marshal(output.JSONFile(output.File{Path: payloadPath, Source: src, Report: rep}))
		got, err := appendReport([]byte("kept"), src, rep)
		if (err != nil) != (wantErr != nil) || err == nil && string(got) != "kept"+string(want) {
			t.Errorf("%s: appendReport = %s, %v\nwant kept%s, %v", name, got, err, want, wantErr)
		}
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep := v.Validate(context.Background(), src)
		findings += len(rep.Findings)
		if len(rep.Findings) == 0 {
			clean++
		}
		check(f, src, rep)
	}
	if clean < 100 || findings < 300 {
		t.Errorf("%d fixtures without findings and %d findings in the others: want many of both", clean, findings)
	}
	odd := []string{"", "text", `te"xt`, `a\b`, "tëxt", "<b>&", "\x00\x1f\x7f", "\b\f\n\r\t", "\u2028\u2029", "\xff", "a\xc3", "😀"}
	for _, s := range odd {
		check(fmt.Sprintf("type %q", s), nil, &validate.Report{Dialect: validate.DialectCloud, Type: s})
		f := validate.Finding{Rule: s, Severity: validate.SeverityWarning, Code: -1, CloudCode: 131008, Pointer: "/" + s, Message: s, Hint: s,
			Span: validate.Span{Start: validate.Pos{Line: 1, Column: 2, Offset: 3}, End: validate.Pos{Line: 4, Column: 5, Offset: 600}}}
		check(fmt.Sprintf("finding of %q", s), nil, &validate.Report{Dialect: validate.DialectOnPrem, Findings: []validate.Finding{f, f}})
	}
	for _, fix := range []string{`true`, ` { "a" : [1, 2] } `, `"x\u0041"`, `{"a":`, `nul`} {
		f := validate.Finding{Rule: "r", Severity: validate.SeverityError, Fix: json.RawMessage(fix)}
		check(fmt.Sprintf("fix %q", fix), nil, &validate.Report{Findings: []validate.Finding{f}})
	}
	check("severity 0", nil, &validate.Report{Findings: []validate.Finding{{Rule: "r"}}})
	for _, k := range []validate.Kind{validate.KindAuto, validate.KindMessage, validate.KindTemplate, validate.KindTemplateEdit} {
		f := validate.Finding{Rule: "r", Severity: validate.SeverityError, CloudCode: 100, Subcode: 2388299, Review: `IN"VALID`}
		check("kind "+k.String(), nil, &validate.Report{Kind: k, Findings: []validate.Finding{f, {Rule: "r", Severity: validate.SeverityWarning, Review: "INVALID_FORMAT"}}})
	}
}

// TestInputReused: the npm package checks every payload in one input
// buffer, overwritten call after call (exports.go), which is right only if
// nothing the library keeps from a call (its phone cache above all) refers
// to the payload's bytes. A payload written over another at the same
// offsets gets the findings it gets on its own.
func TestInputReused(t *testing.T) {
	const valid, invalid = "+16505551234", "+10005551234" // area code 000 does not exist
	payload := func(to string) string {
		return `{"messaging_product":"whatsapp","to":"` + to + `","type":"text","text":{"body":"hi"}}`
	}
	fresh := func(src string) string {
		t.Helper()
		out, err := newChecker().validate([]byte(src), checkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	wantValid, wantInvalid := fresh(payload(valid)), fresh(payload(invalid))
	if wantValid == wantInvalid {
		t.Fatalf("both numbers give %s: the test needs one the library refuses", wantValid)
	}
	c := newChecker()
	buf := []byte(payload(valid))
	for i, tt := range []struct{ to, want string }{{valid, wantValid}, {invalid, wantInvalid}, {valid, wantValid}} {
		copy(buf, payload(tt.to))
		out, err := c.validate(buf, checkOptions{})
		if err != nil || string(out) != tt.want {
			t.Errorf("check %d of one buffer, to %s: %s, %v\nwant %s", i, tt.to, out, err, tt.want)
		}
	}
}

// FuzzAppendReport: the report written by hand is encoding/json's, byte
// for byte, whatever the strings and the fix hold.
func FuzzAppendReport(f *testing.F) {
	f.Add("text", "hi \"there\" \\ <b>", "/text/body", []byte(`{"a": [1, 2]}`), 3)
	f.Add("", "\x00\x1f\u2028\xff", "", []byte(nil), 0)
	f.Add("tëxt", "😀\b\f\n\r\t", "/a~1b", []byte(`nul`), 1)
	f.Fuzz(func(t *testing.T, typ, msg, pointer string, fix []byte, severity int) {
		rep := &validate.Report{Dialect: validate.DialectCloud, Type: typ, Findings: []validate.Finding{{
			Rule: msg, Severity: validate.Severity(severity), Code: severity, CloudCode: -severity, Pointer: pointer,
			Span: validate.Span{Start: validate.Pos{Line: severity}, End: validate.Pos{Offset: len(msg)}}, Message: msg, Hint: typ, Fix: fix,
		}}}
		want, wantErr := marshal(output.JSONFile(output.File{Path: payloadPath, Report: rep}))
		got, err := appendReport(nil, nil, rep)
		if (err != nil) != (wantErr != nil) || err == nil && !bytes.Equal(got, want) {
			t.Errorf("appendReport = %s, %v\nwant %s, %v", got, err, want, wantErr)
		}
	})
}
