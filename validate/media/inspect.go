package media

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gabriel-vasile/mimetype"
)

// headSize is how much of the file MIME sniffing reads: mimetype's own
// default limit, enough for every signature it knows.
const headSize = 4096

// maxNotes caps how many damage notes Info.Damaged joins; the first few say
// what went wrong, the rest are echoes of it.
const maxNotes = 4

// Kind says what a track carries.
type Kind string

// The kinds of track. A track whose handler is neither video nor sound (hint,
// text, metadata) is KindOther.
const (
	KindVideo Kind = "video"
	KindAudio Kind = "audio"
	KindOther Kind = "other"
)

// Codec names as Track.Codec and Info.Descriptor spell them, in WhatsApp's
// lower-case style. A codec Inspect does not know is "".
const (
	CodecH264   = "h264"
	CodecHEVC   = "hevc"
	CodecAV1    = "av1"
	CodecVP8    = "vp8"
	CodecVP9    = "vp9"
	CodecMPEG4  = "mpeg4"
	CodecH263   = "h263"
	CodecTheora = "theora"
	CodecAAC    = "aac"
	CodecMP3    = "mp3"
	CodecAMR    = "amr"
	CodecAMRWB  = "amr-wb"
	CodecOpus   = "opus"
	CodecVorbis = "vorbis"
	CodecSpeex  = "speex"
	CodecFLAC   = "flac"
	CodecAC3    = "ac3"
	CodecEAC3   = "eac3"
	CodecALAC   = "alac"
)

// Track is one stream inside a container.
type Track struct {
	Kind Kind
	// Handler is the ISO-BMFF handler type ("vide", "soun"), "" in other
	// containers.
	Handler string
	// FourCC is the ISO-BMFF sample entry type ("avc1", "mp4a"), "" in
	// other containers. It names the codec when Codec is "".
	FourCC string
	// Codec is the codec name (CodecH264...), "" when unknown.
	Codec string
	// Width and Height are the video track's display size in pixels.
	Width, Height int
	// Duration is zero when the container does not say.
	Duration time.Duration
}

// Info is what Inspect found in the bytes: what WhatsApp would see.
type Info struct {
	// MIME is the sniffed type without parameters ("video/mp4"). Subtypes
	// that name the same format for WhatsApp are folded into it: audio/x-m4a
	// is audio/mp4, video/x-m4v is video/mp4, APNG is image/png (Animated).
	MIME string
	// Container is the file format: "mp4", "3gp", "3g2", "m4a",
	// "quicktime", "heif", "avif", "ogg", "webp", "jpeg", "png", "gif",
	// "pdf", "mp3", "amr", "aac", "wav", "flac", "webm", "matroska"; ""
	// when unknown or a document without a container of its own.
	Container string
	// Size is the length in bytes, as given to Inspect.
	Size int64
	// Brand is the ISO-BMFF major brand ("isom", "M4A ", "qt  "), "" in
	// other containers.
	Brand string
	// Tracks are the streams: the tracks of an ISO-BMFF file, the logical
	// streams of an OGG file, the one stream of MP3, AMR and ADTS AAC files.
	Tracks []Track
	// Duration is the presentation length, zero when unknown.
	Duration time.Duration
	// Width and Height are an image's size, or the first video track's.
	Width, Height int
	// Animated is true for animated WebP and APNG.
	Animated bool
	// Damaged says what was wrong with the structure (truncated, a bad box
	// size, too deeply nested), "" when nothing was. The other fields hold
	// what could still be read.
	Damaged string

	// streams is true when Tracks is known to be complete, so a missing
	// audio track is a fact and not a gap in what was read.
	streams bool
}

// ReadError reports that the bytes could not be read (as opposed to being
// short, which is damage): a failed range fetch, a closed file.
type ReadError struct {
	Offset int64
	Err    error
}

func (e *ReadError) Error() string {
	return fmt.Sprintf("media: reading at offset %d: %v", e.Offset, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// Inspect reads the media in r, size bytes long, and returns what WhatsApp
// would see. It reads a bounded head and then only the structures it needs
// (an MP4's moov box, never its mdat), so the work is bounded whatever the
// bytes say. Broken structure is reported in Info.Damaged; the error is for
// bytes that could not be read at all (a *ReadError) or a negative size.
func Inspect(r io.ReaderAt, size int64) (*Info, error) {
	if r == nil || size < 0 {
		return nil, fmt.Errorf("media: inspect: no reader or negative size %d", size)
	}
	head := make([]byte, min(size, headSize))
	n, err := r.ReadAt(head, 0)
	if n < len(head) && err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, &ReadError{Offset: 0, Err: err}
	}
	head = head[:n]

	info := &Info{Size: size}
	info.MIME, info.Animated = normalizeMIME(mimetype.Detect(head).String())
	if n < int(min(size, headSize)) {
		info.note("file is shorter than its stated size (%d of %d bytes)", n, size)
	}
	if n == 0 {
		// mimetype calls no bytes text/plain, which would pass for a
		// document; there is nothing to sniff.
		info.MIME = "application/octet-stream"
		info.note("file is empty")
		return info, nil
	}

	w := &walker{r: r, size: size, info: info}
	switch {
	case isBMFF(head, info.MIME):
		inspectBMFF(w, head)
	case info.MIME == "audio/ogg" || info.MIME == "video/ogg" || info.MIME == "audio/opus":
		info.Container = "ogg"
		inspectOGG(w)
	case info.MIME == "image/webp":
		info.Container = "webp"
		inspectWebP(w)
	case info.MIME == "image/png":
		info.Container = "png"
		inspectPNG(w)
	case info.MIME == "image/jpeg":
		info.Container = "jpeg"
		inspectJPEG(w)
	default:
		info.Container = containers[info.MIME]
		if c := streamCodec(info.MIME, head); c != "" {
			info.Tracks = []Track{{Kind: KindAudio, Codec: c}}
			info.streams = true
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	return info, nil
}

// containers names the container of the formats whose single stream needs
// no parsing.
var containers = map[string]string{
	"image/gif":                 "gif",
	"application/pdf":           "pdf",
	"audio/mpeg":                "mp3",
	"audio/amr":                 "amr",
	"audio/aac":                 "aac",
	"audio/wav":                 "wav",
	"audio/flac":                "flac",
	"video/webm":                "webm",
	"video/matroska":            "matroska",
	"video/quicktime":           "quicktime",
	"video/x-msvideo":           "avi",
	"video/x-flv":               "flv",
	"video/mpeg":                "mpeg",
	"application/zip":           "zip",
	"application/x-ole-storage": "ole",
}

// streamCodec is the codec of the formats that hold one audio stream.
func streamCodec(mime string, head []byte) string {
	switch mime {
	case "audio/mpeg":
		return CodecMP3
	case "audio/aac":
		return CodecAAC
	case "audio/amr":
		if strings.HasPrefix(string(head), "#!AMR-WB\n") {
			return CodecAMRWB
		}
		return CodecAMR
	}
	return ""
}

// normalizeMIME drops parameters and folds subtypes WhatsApp treats as their
// parent; animated reports that the fold was APNG into PNG.
func normalizeMIME(s string) (mime string, animated bool) {
	s, _, _ = strings.Cut(s, ";")
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "audio/x-m4a":
		return "audio/mp4", false
	case "video/x-m4v":
		return "video/mp4", false
	case "image/vnd.mozilla.apng":
		return "image/png", true
	}
	return s, false
}

// Descriptor returns WhatsApp's style of naming media: the MIME type, then for
// video the video and audio codecs, for audio the audio codec, each "NONE"
// when the file has no such track ("video/mp4/h264/aac",
// "video/mp4/h264/NONE", "audio/ogg/opus"). When the tracks are unknown (the
// format is not parsed, or its index was unreadable) it is the MIME type alone.
func (i *Info) Descriptor() string {
	if !i.streams {
		return i.MIME
	}
	family, _, _ := strings.Cut(i.MIME, "/")
	switch family {
	case "video":
		return i.MIME + "/" + i.codecOf(KindVideo) + "/" + i.codecOf(KindAudio)
	case "audio":
		return i.MIME + "/" + i.codecOf(KindAudio)
	}
	return i.MIME
}

// codecOf names the codec of the first track of kind k: its codec, else its
// lower-cased sample entry type, else "NONE" when there is no such track.
func (i *Info) codecOf(k Kind) string {
	for _, t := range i.Tracks {
		if t.Kind != k {
			continue
		}
		if t.Codec != "" {
			return t.Codec
		}
		if f := strings.ToLower(strings.TrimSpace(t.FourCC)); f != "" {
			return f
		}
		return "unknown"
	}
	return "NONE"
}

// note records damage, keeping the first few distinct notes.
func (i *Info) note(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	notes := strings.Split(i.Damaged, "; ")
	if i.Damaged == "" {
		notes = nil
	}
	for _, n := range notes {
		if n == msg {
			return
		}
	}
	if len(notes) == maxNotes {
		return
	}
	i.Damaged = strings.Join(append(notes, msg), "; ")
}
