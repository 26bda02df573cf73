package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/walint/walint/validate/media"
)

// TestMediaKindsTable holds the table of media kinds together: row i is
// kind i+1, names are unique and round-trip, every kind accepts some types
// (each with a file extension media-extension knows) and has a limit, and
// a voice or template kind has the message type's own kind to vary.
func TestMediaKindsTable(t *testing.T) {
	known := map[string]bool{}
	for _, mime := range extensionTypes {
		known[mime] = true
	}
	names := map[string]bool{}
	for i, f := range mediaKinds {
		if f.kind != MediaKind(i+1) {
			t.Errorf("row %d of mediaKinds is kind %d, want %d", i, f.kind, i+1)
		}
		if names[f.name] {
			t.Errorf("media kind name %q repeats", f.name)
		}
		names[f.name] = true
		if k, err := ParseMediaKind(f.name); k != f.kind || err != nil {
			t.Errorf("ParseMediaKind(%q) = %v, %v; want %d", f.name, k, err, f.kind)
		}
		if f.kind.String() != f.name || f.kind.Label() == "" || f.place == "" {
			t.Errorf("kind %d: name %q, label %q, place %q", f.kind, f.kind.String(), f.kind.Label(), f.place)
		}
		if len(f.types) == 0 || f.maxSize <= 0 {
			t.Errorf("%s accepts %v up to %d bytes", f.name, f.types, f.maxSize)
		}
		for _, mime := range f.types {
			if !known[mime] {
				t.Errorf("%s accepts %s, which no extension in extensionTypes names", f.name, mime)
			}
		}
		if f.kind.MessageType() != f.message || (f.name == f.message) != (!f.template && !f.voice) {
			t.Errorf("%s is sent in %q, and is a template header: %v, a voice note: %v", f.name, f.kind.MessageType(), f.template, f.voice)
		}
		if messageKind(f.message) == 0 {
			t.Errorf("%s is sent in %q, which is no media message type", f.name, f.message)
		}
		if f.template && f.voice {
			t.Errorf("%s is both a template header and a voice note", f.name)
		}
	}
	if _, err := ParseMediaKind("hologram"); err == nil || !strings.Contains(err.Error(), strings.Join(mediaKindNames(), ", ")) {
		t.Errorf("ParseMediaKind(hologram): %v, want an error that lists the kinds", err)
	}
	for _, k := range []MediaKind{0, MediaKind(len(mediaKinds) + 1)} {
		if k.facts() != nil || AcceptedTypes(k) != nil || MaxMediaSize(k) != 0 || k.Label() != "" || k.MessageType() != "" {
			t.Errorf("kind %d has facts", k)
		}
		if _, err := k.MarshalText(); err == nil {
			t.Errorf("kind %d marshals", k)
		}
	}
	var k MediaKind
	if err := k.UnmarshalText([]byte("template-video")); err != nil || k != MediaTemplateVideo {
		t.Errorf("UnmarshalText(template-video) = %v, %v", k, err)
	}
}

// TestMediaIssueRulesComplete: every kind of media issue has its rule, one
// of allRules, reported only by the media pass (no check of its own, which
// would report it twice).
func TestMediaIssueRulesComplete(t *testing.T) {
	for k := mediaIssueKind(1); k < numMediaIssueKinds; k++ {
		r := k.rule()
		if r == nil {
			t.Errorf("media issue kind %d has no rule in mediaIssueRules", k)
			continue
		}
		if ruleByID(r.ID) != r {
			t.Errorf("rule %s of media issue kind %d is not in allRules", r.ID, k)
		}
		if r.check != nil {
			t.Errorf("rule %s of media issue kind %d has a check of its own", r.ID, k)
		}
	}
	if mediaIssueKind(0).rule() != nil || numMediaIssueKinds.rule() != nil || mediaIssueKind(-1).rule() != nil {
		t.Error("a kind outside the table has a rule")
	}
}

// TestCheckMediaOptions: CheckMedia honours the validator's options, as
// Validate does: a disabled rule reports nothing, a severity override
// holds, and the dialect decides video-no-audio's severity.
func TestCheckMediaOptions(t *testing.T) {
	noSound := inspectFile(t, "video_h264_noaudio.mp4")
	big := &media.Info{MIME: "image/webp", Size: 6 << 20} // WebP, and over an image's 5 MB
	tests := []struct {
		name string
		opts []Option
		kind MediaKind
		info *media.Info
		want string // "rule:severity ..."
	}{
		{"defaults", nil, MediaVideo, noSound, "video-no-audio:warning"},
		{"onprem", []Option{WithDialect(DialectOnPrem)}, MediaVideo, noSound, "video-no-audio:error"},
		{"cloud", []Option{WithDialect(DialectCloud)}, MediaVideo, noSound, "video-no-audio:warning"},
		{"severity", []Option{WithDialect(DialectOnPrem), WithSeverity("video-no-audio", SeverityInfo)}, MediaVideo, noSound, "video-no-audio:info"},
		{"disabled", []Option{WithDisabled("video-no-audio")}, MediaVideo, noSound, ""},
		{"one of two disabled", []Option{WithDisabled("media-size")}, MediaImage, big, "media-type-mismatch:error"},
		{"other rule disabled", []Option{WithDisabled("media-codec")}, MediaImage, big, "media-size:error media-type-mismatch:error"},
	}
	for _, tt := range tests {
		fs, err := mustNew(t, tt.opts...).CheckMedia(tt.kind, tt.info, "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fs {
			got = append(got, f.Rule+":"+f.Severity.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestMediaPassHonoursOptions: the media pass reports a file's issues under
// their rules, as disabled and re-graded as the options say.
func TestMediaPassHonoursOptions(t *testing.T) {
	src := media.FSSource(os.DirFS(filepath.Join("..", "testdata", "media")))
	payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"video","video":{"link":"https://cdn.example.com/video_h264_noaudio.mp4"}}`)
	for _, tt := range []struct {
		opts []Option
		want string
	}{
		{nil, "video-no-audio:warning"},
		{[]Option{WithSeverity("video-no-audio", SeverityError)}, "video-no-audio:error"},
		{[]Option{WithDisabled("video-no-audio")}, ""},
	} {
		rep := mustNew(t, append(tt.opts, WithMediaSource(src))...).Validate(context.Background(), payload)
		var got []string
		for _, f := range rep.Findings {
			got = append(got, f.Rule+":"+f.Severity.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%d options: got %q, want %q", len(tt.opts), got, tt.want)
		}
	}
}

// TestMediaObjectKeys: only the media message types name media objects; a
// kind's name that is no message type ("template-document", "voice") does
// not make an object a media object.
func TestMediaObjectKeys(t *testing.T) {
	for _, key := range []string{"template-document", "voice", "template-image"} {
		payload := []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"},"` + key + `":{}}`)
		rep := mustNew(t).Validate(context.Background(), payload)
		if slices.ContainsFunc(rep.Findings, func(f Finding) bool { return f.Rule == "media-source-missing" }) {
			t.Errorf("%q: %v, want no media-source-missing", key, rep.Findings)
		}
	}
}
