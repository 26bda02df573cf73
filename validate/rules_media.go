package validate

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
)

var ruleMediaExtension = &Rule{
	ID: "media-extension", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "a media link's file extension names a type the message type does not accept",
	Doc: "WhatsApp checks a media file's type against the message type: images are JPEG or PNG, videos MP4 or 3GPP\n" +
		"(H.264 and AAC), audio AAC, AMR, MP3, M4A or OGG (Opus), stickers WebP, documents PDF, text and Office files,\n" +
		"and a template's document header PDF only. A mismatch fails with 1000 (\"Image file format (audio/mpeg) is not\n" +
		"supported\", On-Premises) or, after the send was accepted, 131053 (media upload error, Cloud). This rule judges\n" +
		"by the link's extension, the weakest evidence but the one always at hand; a link without a known extension is\n" +
		"not judged, and neither is one whose file a media source let walint inspect (media-type-mismatch judges the\n" +
		"bytes instead).\n\n" +
		"A voice note (`\"voice\": true`) must be OGG with the Opus codec (Meta's audio reference). A voice note whose\n" +
		"link ends in another audio extension (`.mp3`, `.m4a`, `.aac`, `.amr`) is a warning, not an error: WhatsApp\n" +
		"accepts the file but delivers it as plain audio, without the voice message play icon. Re-encode it with\n" +
		"`ffmpeg -i in -c:a libopus -b:a 32k out.ogg`, or drop `voice`.",
	check: checkMediaExtension,
}

// extensionTypes maps a lower-case file extension to the MIME type its
// files have: the types the media kinds accept (mediaKinds; a test holds
// each to an extension here), and others that a link may wrongly name.
var extensionTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".jpe": "image/jpeg", ".png": "image/png",
	".webp": "image/webp", ".gif": "image/gif", ".heic": "image/heic", ".heif": "image/heif",
	".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff", ".svg": "image/svg+xml", ".avif": "image/avif",
	".mp4": "video/mp4", ".m4v": "video/x-m4v", ".3gp": "video/3gpp", ".3gpp": "video/3gpp", ".mov": "video/quicktime",
	".avi": "video/x-msvideo", ".mkv": "video/x-matroska", ".webm": "video/webm", ".wmv": "video/x-ms-wmv", ".flv": "video/x-flv",
	".mp3": "audio/mpeg", ".aac": "audio/aac", ".amr": "audio/amr", ".m4a": "audio/mp4", ".ogg": "audio/ogg",
	".oga": "audio/ogg", ".opus": "audio/ogg", ".wav": "audio/wav", ".flac": "audio/flac", ".wma": "audio/x-ms-wma",
	".pdf": "application/pdf", ".txt": "text/plain", ".doc": "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xls":  "application/vnd.ms-excel",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ppt":  "application/vnd.ms-powerpoint",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".csv":  "text/csv", ".zip": "application/zip", ".html": "text/html", ".htm": "text/html", ".json": "application/json",
	".rtf": "application/rtf", ".odt": "application/vnd.oasis.opendocument.text",
}

// linkKind returns the kind of media a link is for, from the object that
// holds it and where that object sits; 0 for a link that is not a media
// link. A template's media parameter is its header's kind where the table
// has one; an audio object with "voice": true is a voice note.
func linkKind(link *jsontree.Node) MediaKind {
	obj := link.Parent
	if obj == nil {
		return 0
	}
	k := messageKind(obj.Key)
	if k == 0 {
		return 0
	}
	if strings.HasPrefix(link.Pointer(), "/template/") {
		if t := variantKind(obj.Key, true, false); t != 0 {
			return t
		}
	}
	if v := obj.Get("voice"); v != nil && v.Kind == jsontree.Bool && v.Bool {
		if t := variantKind(obj.Key, false, true); t != 0 {
			return t
		}
	}
	return k
}

func checkMediaExtension(p *pass) {
	// A file that the media source let us inspect is judged by its bytes
	// (media-type-mismatch); its name is weaker evidence and says nothing more.
	inspected := map[*jsontree.Node]bool{}
	for _, it := range mediaItems(p) {
		inspected[it.link] = it.info != nil
	}
	links(p, func(n *jsontree.Node) {
		kind := linkKind(n).facts()
		if kind == nil || inspected[n] || nameFits(kind, n.Text) {
			return
		}
		ext, mime, known := linkType(n.Text)
		switch {
		case !known: // an extension walint does not know, or link-invalid's link
		case !slices.Contains(kind.types, mime):
			p.Reportf(n, typeHint(kind, mime),
				"link ends in %s (%s), which %s do not accept; expected %s", ext, mime, kind.place, strings.Join(kind.types, ", "))
		case kind.voice && mime != "audio/ogg":
			// WhatsApp takes the file but plays it as plain audio, so this
			// is a warning; judgeAudio says the same from the bytes.
			p.reportGraded(n, SeverityWarning, 0, voiceNoteHint, "voice note link ends in %s (%s); only OGG/Opus files show as voice messages", ext, mime)
		}
	})
}

// linkType returns the lower-case extension of the link's path, as
// url.Parse reads it, and the MIME type it names; known is false when
// walint does not know the extension or url.Parse fails.
func linkType(link string) (ext, mime string, known bool) {
	u, err := url.Parse(link)
	if err != nil {
		return "", "", false
	}
	ext = strings.ToLower(path.Ext(u.Path))
	mime, known = extensionTypes[ext]
	return ext, mime, known
}

// nameFits reports, without parsing the link, that its file name leads to
// no finding of media-extension: its extension is one walint does not know,
// or one its kind accepts as it is. Without a '%', the path url.Parse gives
// ends where the text before any '?' or '#' ends, so its extension is that
// text's or none, and neither is reported (FuzzLinkProblem holds it to
// that); a link with a '%' is left to url.Parse.
func nameFits(kind *mediaKindFacts, link string) bool {
	if strings.IndexByte(link, '%') >= 0 {
		return false
	}
	if i := strings.IndexAny(link, "?#"); i >= 0 {
		link = link[:i]
	}
	mime, known := extensionTypes[strings.ToLower(path.Ext(link))]
	return !known || slices.Contains(kind.types, mime) && (!kind.voice || mime == "audio/ogg")
}

var ruleMediaIDAndLink = &Rule{
	ID: "media-id-and-link", Severity: SeverityError, Certainty: CertaintyObserved, Code: 400, CloudCode: 100,
	Summary: "a media message or template parameter gives both an id and a link",
	Doc: "A media message, and a template's media parameter, names its file once: by the `id` of an uploaded file or\n" +
		"by a `link` WhatsApp downloads, not both (Meta's OpenAPI makes them `oneOf`). With both, WhatsApp refuses the\n" +
		"message (\"(#100) Invalid parameter\"; some versions use 131009) or uses one of them without saying which. Keep\n" +
		"the one you mean. An interactive message's media header is different: Meta's media-header page says to give\n" +
		"\"at least one of\" `link` and `id`, and its example gives both, so it is not flagged.",
	check: checkMediaIDAndLink,
}

var ruleMediaSourceMissing = &Rule{
	ID: "media-source-missing", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1008, CloudCode: 131008,
	Summary: "a media object gives neither an id nor a link",
	Doc: "A media object without `id` or `link` has no file to send; WhatsApp refuses it with \"(#131008) Required\n" +
		"parameter is missing\". Upload the file and give its `id`, or give the https `link` it can be downloaded from.",
	check: checkMediaSourceMissing,
}

// mediaObjects calls fn for every media object of the payload: the object
// of a media message, the media of an interactive header or of a carousel
// card's header, and a template parameter's media.
func mediaObjects(p *pass, fn func(*jsontree.Node)) {
	for _, n := range p.views().media {
		fn(n)
	}
}

// isInteractiveHeader reports whether n is the header of an interactive
// message (interactive.header) or of one of its carousel cards
// (interactive.action.cards[i].header).
func isInteractiveHeader(n *jsontree.Node) bool {
	if n.Key != "header" || n.Parent == nil {
		return false
	}
	holder := n.Parent // the interactive object, or a card
	return holder.Key == "interactive" && holder.Parent != nil && holder.Parent.Parent == nil ||
		holder.Parent != nil && holder.Parent.Key == "cards" && holder.Parent.Parent != nil && holder.Parent.Parent.Key == "action"
}

func checkMediaIDAndLink(p *pass) {
	mediaObjects(p, func(m *jsontree.Node) {
		if isInteractiveHeader(m.Parent) {
			return // "At least one of link or id" (Meta's media-header page).
		}
		if valued(m, "id") != nil && valued(m, "link") != nil {
			p.Reportf(m, `Keep "id" for an uploaded file or "link" for a hosted one, not both.`,
				`%s object gives both "id" and "link"; give exactly one`, m.Key)
		}
	})
}

func checkMediaSourceMissing(p *pass) {
	mediaObjects(p, func(m *jsontree.Node) {
		// An empty string link without an id is link-invalid's; a null,
		// {} or [] one is read as absent, and so is no source.
		if l := m.Get("link"); valued(m, "id") == nil && (l == nil || blank(l) && l.Kind != jsontree.String) {
			p.ReportMissing(m, "link", `Add the "id" of an uploaded file, or the https "link" to download it from.`,
				`%s object gives neither "id" nor "link"`, m.Key)
		}
	})
}

var ruleMediaCaptionUnsupported = &Rule{
	ID: "media-caption-unsupported", Severity: SeverityError, Certainty: CertaintyObserved, Code: 400, CloudCode: 100,
	Summary: "an audio or sticker message carries a caption",
	Doc: "Only images, videos and documents take a caption; Meta's reference gives audio and sticker objects none. The\n" +
		"Cloud API refuses the key itself, as reported failed sends show: `(#100) Unexpected key \"caption\" on param\n" +
		"\"audio\"`; 360dialog's error table for the On-Premises API answers such a bad request with 400. Remove `caption`\n" +
		"and send the text as its own message.",
	check: checkMediaCaptionUnsupported,
}

func checkMediaCaptionUnsupported(p *pass) {
	for _, typ := range []string{"audio", "sticker"} {
		if c := valued(p.root.Get(typ), "caption"); c != nil {
			p.Reportf(c, "Remove the caption and send the text as a separate text message.", "%s messages cannot carry a caption", typ)
		}
	}
}
