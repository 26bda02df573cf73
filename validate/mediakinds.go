package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/walint/walint/validate/media"
)

// MediaKind is what a media file is sent as: the file of a media message
// (image, video, audio, document, sticker), a voice note, or a template's
// media header. Each kind has the MIME types and the largest size WhatsApp
// accepts for it (AcceptedTypes, MaxMediaSize). The zero value is no kind.
type MediaKind int

// The media kinds, in the order MediaKinds lists them.
const (
	MediaImage MediaKind = iota + 1
	MediaVideo
	MediaAudio
	MediaVoice // audio sent with "voice": true
	MediaDocument
	MediaSticker
	MediaTemplateImage // a template's image header
	MediaTemplateVideo
	MediaTemplateDocument
)

// mediaKindFacts is what walint knows of one media kind: one row of
// mediaKinds. Everything that names or lists media kinds derives from the
// table: the public functions, the media rules, the CLI's media --type and
// the page (whose lists tests hold to it).
type mediaKindFacts struct {
	kind MediaKind
	// name is the kind's stable name (String, ParseMediaKind): "image",
	// "voice", "template-document".
	name string
	// message is the message type a file of this kind is sent in, which is
	// also the member name of its media object: "audio" for a voice note,
	// "document" for a template's document header.
	message string
	// template marks a template's media header; voice, audio sent as a
	// voice note ("voice": true). A kind with neither is a message type's
	// own.
	template, voice bool
	// types are the MIME types WhatsApp accepts, as Meta's table of
	// supported media types lists them
	// (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types).
	types []string
	// maxSize is the largest file WhatsApp accepts, in bytes; a sticker's
	// is an animated one's, and maxStatic, set for stickers only, is a
	// static one's.
	maxSize, maxStatic int64
	// maxPlayIcon, set for voice notes only, is the largest one that still
	// shows as a voice message: a larger one arrives as a plain audio file.
	maxPlayIcon int64
	// label names the kind in a list to pick from ("voice note"); place
	// names it, in the plural, in a finding's message ("voice notes").
	label, place string
	// judge, when set, judges what the kind asks of a file beyond its type
	// and size: codecs, tracks, dimensions.
	judge func(f *mediaKindFacts, sniffed string, info *media.Info, d Dialect, add addFunc)
}

// The MIME types of the message types, which their voice and template
// kinds share.
var (
	imageTypes    = []string{"image/jpeg", "image/png"}
	videoTypes    = []string{"video/mp4", "video/3gpp"}
	audioTypes    = []string{"audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"}
	documentTypes = []string{
		"text/plain", "application/pdf", "application/msword",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.ms-excel",
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"application/vnd.ms-powerpoint",
		"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	}
)

// mediaKinds is every media kind, row i holding kind i+1 (TestMediaKindsTable
// holds it so).
var mediaKinds = []mediaKindFacts{
	{kind: MediaImage, name: "image", message: "image", types: imageTypes, maxSize: 5 << 20,
		label: "image", place: "image messages"},
	{kind: MediaVideo, name: "video", message: "video", types: videoTypes, maxSize: 16 << 20,
		label: "video", place: "video messages", judge: judgeVideo},
	{kind: MediaAudio, name: "audio", message: "audio", types: audioTypes, maxSize: 16 << 20,
		label: "audio", place: "audio messages", judge: judgeAudio},
	{kind: MediaVoice, name: "voice", message: "audio", voice: true, types: audioTypes, maxSize: 16 << 20, maxPlayIcon: 512 << 10,
		label: "voice note", place: "voice notes", judge: judgeAudio},
	{kind: MediaDocument, name: "document", message: "document", types: documentTypes, maxSize: 100 << 20,
		label: "document", place: "document messages"},
	{kind: MediaSticker, name: "sticker", message: "sticker", types: []string{"image/webp"}, maxSize: 500 << 10, maxStatic: 100 << 10,
		label: "sticker", place: "sticker messages", judge: judgeSticker},
	{kind: MediaTemplateImage, name: "template-image", message: "image", template: true, types: imageTypes, maxSize: 5 << 20,
		label: "template image header", place: "template image headers"},
	{kind: MediaTemplateVideo, name: "template-video", message: "video", template: true, types: videoTypes, maxSize: 16 << 20,
		label: "template video header", place: "template video headers", judge: judgeVideo},
	// A template's document header takes PDF only.
	{kind: MediaTemplateDocument, name: "template-document", message: "document", template: true, types: []string{"application/pdf"}, maxSize: 100 << 20,
		label: "template document header", place: "template document headers"},
}

// facts returns the kind's row of mediaKinds, nil for no kind.
func (k MediaKind) facts() *mediaKindFacts {
	if k < 1 || int(k) > len(mediaKinds) {
		return nil
	}
	return &mediaKinds[k-1]
}

// String returns the kind's name: "image", "voice", "template-document"...
func (k MediaKind) String() string {
	if f := k.facts(); f != nil {
		return f.name
	}
	return fmt.Sprintf("MediaKind(%d)", int(k))
}

// Label names the kind for a person choosing one: "image", "voice note",
// "template image header"; "" for no kind.
func (k MediaKind) Label() string {
	if f := k.facts(); f != nil {
		return f.label
	}
	return ""
}

// MessageType returns the message type a file of the kind is sent in, which
// is also the name of its media object: "audio" for a voice note, "image"
// for a template's image header; "" for no kind. A kind whose name is its
// message type is that message type's own.
func (k MediaKind) MessageType() string {
	if f := k.facts(); f != nil {
		return f.message
	}
	return ""
}

// ParseMediaKind turns a kind's name (MediaKind.String) into the kind.
func ParseMediaKind(s string) (MediaKind, error) {
	for _, f := range mediaKinds {
		if f.name == s {
			return f.kind, nil
		}
	}
	return 0, fmt.Errorf("unknown media kind %q (want one of %s)", s, strings.Join(mediaKindNames(), ", "))
}

// MarshalText encodes the kind by name.
func (k MediaKind) MarshalText() ([]byte, error) {
	if k.facts() == nil {
		return nil, fmt.Errorf("invalid media kind %d", int(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes a kind from its name.
func (k *MediaKind) UnmarshalText(b []byte) error {
	v, err := ParseMediaKind(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// mediaKindNames returns the names of the kinds, in order.
func mediaKindNames() []string {
	names := make([]string, len(mediaKinds))
	for i, f := range mediaKinds {
		names[i] = f.name
	}
	return names
}

// MediaKinds returns every media kind, in order: the media message types,
// the voice note, the template headers. The slice is the caller's.
func MediaKinds() []MediaKind {
	kinds := make([]MediaKind, len(mediaKinds))
	for i, f := range mediaKinds {
		kinds[i] = f.kind
	}
	return kinds
}

// AcceptedTypes returns the MIME types WhatsApp accepts for media of the
// kind, as Meta's table of supported media types lists them; nil for no
// kind. The slice is the caller's.
func AcceptedTypes(k MediaKind) []string {
	if f := k.facts(); f != nil {
		return slices.Clone(f.types)
	}
	return nil
}

// MaxMediaSize returns the largest file WhatsApp accepts for media of the
// kind, in bytes, that of an animated one for a sticker; 0 for no kind.
func MaxMediaSize(k MediaKind) int64 {
	if f := k.facts(); f != nil {
		return f.maxSize
	}
	return 0
}

// messageKind returns the kind of a message type's own media (image,
// video, audio, document, sticker), 0 when name is no media message type.
func messageKind(name string) MediaKind {
	return variantKind(name, false, false)
}

// variantKind returns the kind for the message type name that is a
// template's header (template) or a voice note (voice), or a message
// type's own (neither); 0 when there is none.
func variantKind(name string, template, voice bool) MediaKind {
	for _, f := range mediaKinds {
		if f.message == name && f.template == template && f.voice == voice {
			return f.kind
		}
	}
	return 0
}
