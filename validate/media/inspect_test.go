package media

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const mediaDir = "../../testdata/media"

// want is what Inspect must find in one file of testdata/media. Tracks are
// "kind:codec" in file order; damaged is a substring of Info.Damaged, ""
// when the file must be intact.
type want struct {
	mime, container, brand string
	tracks                 []string
	descriptor             string
	width, height          int
	animated               bool
	duration               time.Duration // checked to the millisecond when non-zero
	damaged                string
}

var testMedia = map[string]want{
	"video_h264_aac.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/mp4/h264/aac", width: 64, height: 64, duration: time.Second},
	"video_h264_aac_moov_end.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/mp4/h264/aac", width: 64, height: 64, duration: time.Second},
	"video_h264_aac_mdat64.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/mp4/h264/aac", width: 64, height: 64, duration: time.Second},
	"video_h264_aac_mdat0.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/mp4/h264/aac", width: 64, height: 64, duration: time.Second},
	"video_h264_aac_fragmented.mp4": {mime: "video/mp4", container: "mp4", brand: "iso5",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/mp4/h264/aac", width: 64, height: 64},
	"video_h264_noaudio.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264"}, descriptor: "video/mp4/h264/NONE", width: 64, height: 64, duration: time.Second},
	"video_hevc_aac.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:hevc", "audio:aac"}, descriptor: "video/mp4/hevc/aac", width: 64, height: 64, duration: time.Second},
	"video_h264_mp3.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264", "audio:mp3"}, descriptor: "video/mp4/h264/mp3", width: 64, height: 64, duration: time.Second},
	"video_h264_aac.mov": {mime: "video/quicktime", container: "quicktime", brand: "qt  ",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/quicktime/h264/aac", width: 64, height: 64, duration: time.Second},
	"video_h264_aac.3gp": {mime: "video/3gpp", container: "3gp", brand: "3gp6",
		tracks: []string{"video:h264", "audio:aac"}, descriptor: "video/3gpp/h264/aac", width: 64, height: 64, duration: time.Second},
	"video_h263_amr.3gp": {mime: "video/3gpp", container: "3gp", brand: "3gp4",
		tracks: []string{"video:h263", "audio:amr"}, descriptor: "video/3gpp/h263/amr", width: 128, height: 96, duration: time.Second},
	"audio_aac.m4a": {mime: "audio/mp4", container: "m4a", brand: "M4A ",
		tracks: []string{"audio:aac"}, descriptor: "audio/mp4/aac", duration: time.Second},
	"audio_opus.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"audio:opus"}, descriptor: "video/mp4/NONE/opus", duration: time.Second},
	"audio.mp3":                 {mime: "audio/mpeg", container: "mp3", tracks: []string{"audio:mp3"}, descriptor: "audio/mpeg/mp3"},
	"audio.amr":                 {mime: "audio/amr", container: "amr", tracks: []string{"audio:amr"}, descriptor: "audio/amr/amr"},
	"audio_adts.aac":            {mime: "audio/aac", container: "aac", tracks: []string{"audio:aac"}, descriptor: "audio/aac/aac"},
	"audio_opus.ogg":            {mime: "audio/ogg", container: "ogg", tracks: []string{"audio:opus"}, descriptor: "audio/ogg/opus"},
	"audio_vorbis.ogg":          {mime: "audio/ogg", container: "ogg", tracks: []string{"audio:vorbis"}, descriptor: "audio/ogg/vorbis"},
	"image_64x48.jpg":           {mime: "image/jpeg", container: "jpeg", descriptor: "image/jpeg", width: 64, height: 48},
	"image_64x48.png":           {mime: "image/png", container: "png", descriptor: "image/png", width: 64, height: 48},
	"sticker_512.webp":          {mime: "image/webp", container: "webp", descriptor: "image/webp", width: 512, height: 512},
	"sticker_animated_512.webp": {mime: "image/webp", container: "webp", descriptor: "image/webp", width: 512, height: 512, animated: true},
	"image_300x200.webp":        {mime: "image/webp", container: "webp", descriptor: "image/webp", width: 300, height: 200},
	"image_alpha_300x200.webp":  {mime: "image/webp", container: "webp", descriptor: "image/webp", width: 300, height: 200},
	"document.pdf":              {mime: "application/pdf", container: "pdf", descriptor: "application/pdf"},
	"garbage.bin":               {mime: "application/octet-stream", descriptor: "application/octet-stream"},
	// The cut leaves the video track readable and the audio track unknown,
	// so the descriptor must not claim "NONE" for the audio.
	"truncated_moov.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		tracks: []string{"video:h264"}, descriptor: "video/mp4", width: 64, height: 64, duration: time.Second,
		damaged: `box "moov" at offset 32 declares 1705 bytes, only 852 remain`},
	"corrupt_boxsize.mp4": {mime: "video/mp4", container: "mp4", brand: "isom",
		descriptor: "video/mp4", duration: time.Second,
		damaged: `box "trak" at offset 148: size 3 is smaller than its 8-byte header`},
}

func TestInspectTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(mediaDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		if name == "README.md" {
			continue
		}
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			w, ok := testMedia[name]
			if !ok {
				t.Fatalf("%s has no expectation in testMedia", name)
			}
			info := inspectFile(t, path)
			check := func(field string, got, want any) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("MIME", info.MIME, w.mime)
			check("Container", info.Container, w.container)
			check("Brand", info.Brand, w.brand)
			check("Descriptor()", info.Descriptor(), w.descriptor)
			check("tracks", strings.Join(trackSummary(info), " "), strings.Join(w.tracks, " "))
			check("Width", info.Width, w.width)
			check("Height", info.Height, w.height)
			check("Animated", info.Animated, w.animated)
			if w.duration != 0 {
				check("Duration", info.Duration.Round(time.Millisecond), w.duration)
			}
			if w.damaged == "" && info.Damaged != "" {
				t.Errorf("Damaged = %q, want intact", info.Damaged)
			}
			if !strings.Contains(info.Damaged, w.damaged) {
				t.Errorf("Damaged = %q, want it to contain %q", info.Damaged, w.damaged)
			}
			if info.Size != fileSize(t, path) {
				t.Errorf("Size = %d, want the file's size", info.Size)
			}
		})
	}
	for name := range testMedia {
		if !seen[name] {
			t.Errorf("testMedia expects %s, which is not in %s", name, mediaDir)
		}
	}
}

func trackSummary(info *Info) []string {
	var s []string
	for _, tr := range info.Tracks {
		s = append(s, string(tr.Kind)+":"+tr.Codec)
	}
	return s
}

func inspectFile(t *testing.T, path string) *Info {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, err := Inspect(f, fileSize(t, path))
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return info
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}

func TestDescriptor(t *testing.T) {
	tests := []struct {
		info Info
		want string
	}{
		{Info{MIME: "video/mp4", streams: true, Tracks: []Track{{Kind: KindVideo, Codec: CodecH264}}}, "video/mp4/h264/NONE"},
		{Info{MIME: "video/mp4", streams: true, Tracks: []Track{{Kind: KindAudio, FourCC: "ulaw"}}}, "video/mp4/NONE/ulaw"},
		{Info{MIME: "video/mp4", streams: true}, "video/mp4/NONE/NONE"},
		{Info{MIME: "video/mp4", Tracks: []Track{{Kind: KindVideo, Codec: CodecH264}}}, "video/mp4"},
		{Info{MIME: "audio/ogg", streams: true, Tracks: []Track{{Kind: KindOther}}}, "audio/ogg/NONE"},
		{Info{MIME: "audio/ogg", streams: true, Tracks: []Track{{Kind: KindAudio}}}, "audio/ogg/unknown"},
		{Info{MIME: "image/png", streams: true}, "image/png"},
	}
	for _, tt := range tests {
		if got := tt.info.Descriptor(); got != tt.want {
			t.Errorf("Descriptor() of %+v = %q, want %q", tt.info, got, tt.want)
		}
	}
}

func TestNormalizeMIME(t *testing.T) {
	tests := []struct {
		in, want string
		animated bool
	}{
		{"text/plain; charset=utf-8", "text/plain", false},
		{"audio/x-m4a", "audio/mp4", false},
		{"video/x-m4v", "video/mp4", false},
		{"image/vnd.mozilla.apng", "image/png", true},
		{"Video/MP4", "video/mp4", false},
	}
	for _, tt := range tests {
		got, animated := normalizeMIME(tt.in)
		if got != tt.want || animated != tt.animated {
			t.Errorf("normalizeMIME(%q) = %q, %v; want %q, %v", tt.in, got, animated, tt.want, tt.animated)
		}
	}
}

func TestScaled(t *testing.T) {
	tests := []struct {
		d, scale uint64
		want     time.Duration
	}{
		{1000, 1000, time.Second},
		{1, 3, 333333333},
		{5, 0, 0},
		{1<<64 - 1, 1, 1<<63 - 1},
		{1<<64 - 1, 1<<32 - 1, time.Duration((1<<64-1)/(1<<32-1)) * time.Second},
	}
	for _, tt := range tests {
		if got := scaled(tt.d, tt.scale); got != tt.want {
			t.Errorf("scaled(%d, %d) = %v, want %v", tt.d, tt.scale, got, tt.want)
		}
	}
}
