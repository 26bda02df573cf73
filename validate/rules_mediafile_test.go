package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/walint/walint/validate/media"
)

func inspectFile(t *testing.T, name string) *media.Info {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "media", name))
	if err != nil {
		t.Fatal(err)
	}
	info, err := media.Inspect(strings.NewReader(string(data)), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestCheckMedia flags exactly the files WhatsApp would refuse for a kind
// (testdata/media/README.md says what WhatsApp does with each).
func TestCheckMedia(t *testing.T) {
	tests := []struct {
		file    string
		kind    MediaKind
		dialect Dialect
		want    []string // "rule:severity"
	}{
		{"video_h264_aac.mp4", MediaVideo, DialectCloud, nil},
		{"video_h264_aac_moov_end.mp4", MediaVideo, DialectCloud, nil},
		{"video_h264_aac_mdat64.mp4", MediaVideo, DialectCloud, nil},
		{"video_h264_aac_mdat0.mp4", MediaVideo, DialectCloud, nil},
		{"video_h264_aac_fragmented.mp4", MediaVideo, DialectCloud, nil},
		{"video_h264_aac.3gp", MediaVideo, DialectCloud, nil},
		{"video_h264_noaudio.mp4", MediaVideo, DialectCloud, []string{"video-no-audio:warning"}},
		{"video_h264_noaudio.mp4", MediaVideo, DialectOnPrem, []string{"video-no-audio:error"}},
		{"video_h264_noaudio.mp4", MediaTemplateVideo, DialectCloud, []string{"video-no-audio:warning"}},
		{"video_hevc_aac.mp4", MediaVideo, DialectCloud, []string{"media-codec:error"}},
		{"video_h264_mp3.mp4", MediaVideo, DialectCloud, []string{"media-codec:error"}},
		{"video_h263_amr.3gp", MediaVideo, DialectCloud, []string{"media-codec:error", "media-codec:error"}},
		{"video_h264_aac.mov", MediaVideo, DialectCloud, []string{"media-type-mismatch:error"}},
		{"video_h264_aac.mp4", MediaImage, DialectCloud, []string{"media-type-mismatch:error"}},
		{"audio.mp3", MediaImage, DialectCloud, []string{"media-type-mismatch:error"}},
		{"audio.mp3", MediaAudio, DialectCloud, nil},
		{"audio_aac.m4a", MediaAudio, DialectCloud, nil},
		{"audio_adts.aac", MediaAudio, DialectCloud, nil},
		{"audio.amr", MediaAudio, DialectCloud, nil},
		{"audio_opus.ogg", MediaAudio, DialectCloud, nil},
		{"audio_opus.ogg", MediaVoice, DialectCloud, nil},
		{"audio_vorbis.ogg", MediaAudio, DialectCloud, []string{"media-codec:error"}},
		{"audio_opus.mp4", MediaAudio, DialectCloud, []string{"media-codec:warning"}},
		{"audio.mp3", MediaVoice, DialectCloud, []string{"media-type-mismatch:warning"}},
		{"audio_aac.m4a", MediaVoice, DialectCloud, []string{"media-type-mismatch:warning"}},
		{"audio_adts.aac", MediaVoice, DialectCloud, []string{"media-type-mismatch:warning"}},
		{"audio_vorbis.ogg", MediaVoice, DialectCloud, []string{"media-codec:error"}},
		{"audio_opus.mp4", MediaVoice, DialectCloud, []string{"media-codec:warning", "media-type-mismatch:warning"}},
		{"image_64x48.jpg", MediaImage, DialectCloud, nil},
		{"image_64x48.png", MediaImage, DialectCloud, nil},
		{"image_64x48.png", MediaSticker, DialectCloud, []string{"media-type-mismatch:error"}},
		{"sticker_512.webp", MediaSticker, DialectCloud, nil},
		{"sticker_animated_512.webp", MediaSticker, DialectCloud, nil},
		{"sticker_512.webp", MediaImage, DialectCloud, []string{"media-type-mismatch:error"}},
		{"image_300x200.webp", MediaSticker, DialectCloud, []string{"sticker-dimensions:error"}},
		{"image_alpha_300x200.webp", MediaSticker, DialectCloud, []string{"sticker-dimensions:error"}},
		{"document.pdf", MediaDocument, DialectCloud, nil},
		{"document.pdf", MediaTemplateDocument, DialectCloud, nil},
		{"document.pdf", MediaTemplateImage, DialectCloud, []string{"media-type-mismatch:error"}},
		{"image_64x48.jpg", MediaTemplateDocument, DialectCloud, []string{"media-type-mismatch:error"}},
		{"truncated_moov.mp4", MediaVideo, DialectCloud, []string{"media-damaged:error"}},
		{"corrupt_boxsize.mp4", MediaVideo, DialectCloud, []string{"media-damaged:error"}},
		{"garbage.bin", MediaDocument, DialectCloud, []string{"media-type-mismatch:error"}},
	}
	validators := map[Dialect]*Validator{DialectCloud: mustNew(t, WithDialect(DialectCloud)), DialectOnPrem: mustNew(t, WithDialect(DialectOnPrem))}
	for _, tt := range tests {
		fs, err := validators[tt.dialect].CheckMedia(tt.kind, inspectFile(t, tt.file), "")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fs {
			got = append(got, f.Rule+":"+f.Severity.String())
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s as %s (%v): got %v, want %v", tt.file, tt.kind, tt.dialect, got, tt.want)
			for _, f := range fs {
				t.Logf("  %s", f.Message)
			}
		}
	}
	if _, err := mustNew(t).CheckMedia(MediaKind(len(mediaKinds)+1), inspectFile(t, "image_64x48.png"), ""); err == nil {
		t.Error("CheckMedia accepted an unknown kind")
	}
}

func TestCheckMediaContentType(t *testing.T) {
	info := inspectFile(t, "image_64x48.jpg")
	for ct, want := range map[string]int{"image/jpeg": 0, "image/jpeg; charset=binary": 0, "application/octet-stream": 0, "": 0, "audio/mpeg": 1, "text/html; charset=utf-8": 1} {
		fs, _ := mustNew(t).CheckMedia(MediaImage, info, ct)
		if len(fs) != want {
			t.Errorf("Content-Type %q: got %v, want %d findings", ct, fs, want)
		}
	}
}

// TestMediaDirPayloads is the acceptance case: a payload whose link
// resolves in a media directory to a video without audio, or to audio bytes
// on an image message, gets the finding at the link's pointer with code 1000;
// the same payload with a good file is clean. The directory maps honest link
// names to the test media's bytes, so only the bytes can give a file away.
func TestMediaDirPayloads(t *testing.T) {
	read := func(name string) *fstest.MapFile {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "media", name))
		if err != nil {
			t.Fatal(err)
		}
		return &fstest.MapFile{Data: data}
	}
	src := media.FSSource(fstest.MapFS{
		"cdn.example.com/promo/silent.mp4": read("video_h264_noaudio.mp4"),
		"cdn.example.com/promo/good.mp4":   read("video_h264_aac.mp4"),
		"cdn.example.com/img/photo.jpg":    read("audio.mp3"),
		"cdn.example.com/img/good.jpg":     read("image_64x48.jpg"),
	})
	cloud := mustNew(t, WithMediaSource(src), WithDialect(DialectCloud))
	onprem := mustNew(t, WithMediaSource(src), WithDialect(DialectOnPrem))
	cloudMsg := func(typ, link string) []byte {
		return []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"` + typ + `","` + typ + `":{"link":"` + link + `"}}`)
	}
	v1Msg := func(typ, link string) []byte {
		return []byte(`{"to":"16505551234","type":"` + typ + `","` + typ + `":{"link":"` + link + `"}}`)
	}
	tests := []struct {
		name    string
		v       *Validator
		payload []byte
		rule    string // "" for a clean payload
		sev     Severity
		code    int
		pointer string
	}{
		{"video without audio, cloud", cloud, cloudMsg("video", "https://cdn.example.com/promo/silent.mp4"), "video-no-audio", SeverityWarning, 1000, "/video/link"},
		{"video without audio, v1", onprem, v1Msg("video", "https://cdn.example.com/promo/silent.mp4"), "video-no-audio", SeverityError, 1000, "/video/link"},
		{"audio bytes on an image message", cloud, cloudMsg("image", "https://cdn.example.com/img/photo.jpg"), "media-type-mismatch", SeverityError, 1000, "/image/link"},
		{"missing file", cloud, cloudMsg("image", "https://cdn.example.com/img/nope.jpg"), "media-unavailable", SeverityError, 1014, "/image/link"},
		{"good video", cloud, cloudMsg("video", "https://cdn.example.com/promo/good.mp4"), "", 0, 0, ""},
		{"good video, v1", onprem, v1Msg("video", "https://cdn.example.com/promo/good.mp4"), "", 0, 0, ""},
		{"good image", cloud, cloudMsg("image", "https://cdn.example.com/img/good.jpg"), "", 0, 0, ""},
	}
	for _, tt := range tests {
		var fs []Finding
		for _, f := range tt.v.Validate(context.Background(), tt.payload).Findings {
			if f.Rule != "missing-messaging-product" { // v1 payloads checked as such are clean otherwise
				fs = append(fs, f)
			}
		}
		if tt.rule == "" {
			if len(fs) != 0 {
				t.Errorf("%s: got %v, want no findings", tt.name, fs)
			}
			continue
		}
		if len(fs) != 1 || fs[0].Rule != tt.rule || fs[0].Severity != tt.sev || fs[0].Pointer != tt.pointer || fs[0].Code != tt.code {
			t.Errorf("%s: got %v, want one %s %s at %s with code %d", tt.name, fs, tt.sev, tt.rule, tt.pointer, tt.code)
		}
	}
}

// TestMediaSize judges files by their size alone: the limits are megabytes,
// too large for committed fixtures, so the inspection results are built here.
func TestMediaSize(t *testing.T) {
	tests := []struct {
		kind MediaKind
		info media.Info
		want string // "rule:severity" or ""
	}{
		{MediaImage, media.Info{MIME: "image/jpeg", Size: 5 << 20}, ""},
		{MediaImage, media.Info{MIME: "image/jpeg", Size: 5<<20 + 1}, "media-size:error"},
		{MediaDocument, media.Info{MIME: "application/pdf", Size: 100<<20 + 1}, "media-size:error"},
		{MediaSticker, media.Info{MIME: "image/webp", Width: 512, Height: 512, Size: 100 << 10}, ""},
		{MediaSticker, media.Info{MIME: "image/webp", Width: 512, Height: 512, Size: 100<<10 + 1}, "media-size:error"},
		{MediaSticker, media.Info{MIME: "image/webp", Width: 512, Height: 512, Size: 400 << 10, Animated: true}, ""},
		{MediaSticker, media.Info{MIME: "image/webp", Width: 512, Height: 512, Size: 500<<10 + 1, Animated: true}, "media-size:error"},
		{MediaVoice, media.Info{MIME: "audio/ogg", Size: 600 << 10}, "media-size:warning"},
		{MediaAudio, media.Info{MIME: "audio/ogg", Size: 600 << 10}, ""},
	}
	v := mustNew(t, WithDialect(DialectCloud))
	for _, tt := range tests {
		fs, err := v.CheckMedia(tt.kind, &tt.info, "")
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, f := range fs {
			got += f.Rule + ":" + f.Severity.String()
		}
		if got != tt.want {
			t.Errorf("%s of %d bytes: got %q, want %q", tt.kind, tt.info.Size, got, tt.want)
		}
	}
}

// TestMaxMediaSize: the limits WhatsApp documents, by kind.
func TestMaxMediaSize(t *testing.T) {
	for kind, want := range map[MediaKind]int64{MediaImage: 5 << 20, MediaVideo: 16 << 20, MediaDocument: 100 << 20,
		MediaSticker: 500 << 10, MediaTemplateDocument: 100 << 20, MediaKind(0): 0, MediaKind(len(mediaKinds) + 1): 0} {
		if got := MaxMediaSize(kind); got != want {
			t.Errorf("MaxMediaSize(%v) = %d, want %d", kind, got, want)
		}
	}
	for _, kind := range MediaKinds() {
		if MaxMediaSize(kind) == 0 {
			t.Errorf("media kind %v has no limit", kind)
		}
	}
}
