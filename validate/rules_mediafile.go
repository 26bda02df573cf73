package validate

import (
	"errors"
	"fmt"
	"mime"
	"slices"
	"strings"

	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/media"
)

// The rules in this file judge the file behind a media link: its bytes and
// the Content-Type its host answers. They run only with a media source
// (WithMediaSource); CheckMedia applies the same judgements to a file on its
// own, before it is uploaded.

var ruleMediaTypeMismatch = &Rule{
	ID: "media-type-mismatch", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the media file's type does not fit the message type",
	Doc: "WhatsApp checks the type of a media file against the message type, by the Content-Type its host answers and\n" +
		"by the bytes: \"1000: Image file format (audio/mpeg) is not supported\" (On-Premises), or 131053 (media upload\n" +
		"error) after the Cloud API accepted the send. walint sniffs the bytes and compares both with the types the\n" +
		"message type accepts: images JPEG or PNG; videos MP4 or 3GPP; audio AAC, AMR, MP3, MP4 audio or OGG; stickers\n" +
		"WebP; documents PDF, text and Office files; a template's document header PDF only. A generic Content-Type such\n" +
		"as application/octet-stream is no evidence either way. A voice note (`\"voice\": true`) whose bytes are not OGG\n" +
		"(an MP3, an M4A) is a warning: WhatsApp accepts it but delivers plain audio without the voice message play icon.\n" +
		"An OGG voice note in Vorbis rather than Opus is media-codec's error, as for any OGG audio.",
	check: reportMedia,
}

var ruleVideoNoAudio = &Rule{
	ID: "video-no-audio", Severity: SeverityWarning, Certainty: CertaintyObserved, Code: 1000, CloudCode: 131053,
	Summary: "the video has no audio track",
	Doc: "360dialog's error table for the On-Premises API: a video without an audio track fails with 1000 and a type such\n" +
		"as `video/mp4/h264/NONE`, where NONE is the missing audio track. It is an error in the On-Premises dialect. Meta's\n" +
		"Cloud API media table accepts \"a single audio stream or no audio stream\"\n" +
		"(https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types), yet users report\n" +
		"such videos as silently undelivered, so in the Cloud dialect it is a warning. Add a silent AAC track (ffmpeg's\n" +
		"anullsrc) to be safe.",
	check: reportMedia,
}

var ruleMediaCodec = &Rule{
	ID: "media-codec", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the media file's codec is one WhatsApp does not play",
	Doc: "The container is not enough: WhatsApp plays only H.264 video with AAC audio in MP4 and 3GPP files (HEVC,\n" +
		"AV1 and VP9 fail), and only Opus in OGG audio (Vorbis fails). The send fails with 1000 (On-Premises) or 131053\n" +
		"after it was accepted (Cloud). Re-encode: `ffmpeg -i in -c:v libx264 -c:a aac out.mp4`, or `-c:a libopus` for\n" +
		"OGG.",
	check: reportMedia,
}

var ruleMediaSize = &Rule{
	ID: "media-size", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the media file is larger than WhatsApp accepts for its type",
	Doc: "Images may be at most 5 MB, video and audio 16 MB, documents 100 MB, stickers 100 KB (static) or 500 KB\n" +
		"(animated). A larger file fails with 1000 (On-Premises) or 131053 after the send was accepted (Cloud). A voice\n" +
		"note over 512 KB still arrives, but as an audio file without the voice message play icon: that is a warning.",
	check: reportMedia,
}

var ruleStickerDimensions = &Rule{
	ID: "sticker-dimensions", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the sticker is not 512×512 pixels",
	Doc: "WhatsApp stickers are WebP images of exactly 512×512 pixels, with a transparent background. Other sizes fail\n" +
		"with \"Sticker file could not be processed\" (131053 after the Cloud API accepted the send).",
	check: reportMedia,
}

var ruleMediaDamaged = &Rule{
	ID: "media-damaged", Severity: SeverityError, Certainty: CertaintyObserved, Code: 1000, CloudCode: 131053,
	Summary: "the media file's structure is damaged or cut short",
	Doc: "The file could be read only in part: a truncated download, a box size past the end, a cut upload. WhatsApp\n" +
		"cannot process such a file (1000 On-Premises, 131053 after the Cloud API accepted the send). The message says\n" +
		"what was wrong. Fragmented MP4 files and `moov` boxes after `mdat` are not damage.",
	check: reportMedia,
}

var ruleMediaUnavailable = &Rule{
	ID: "media-unavailable", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1014, CloudCode: 131052,
	Summary: "the file behind a media link could not be had",
	Doc: "The link points at nothing: the host answers 404, or the file is not in the media directory. WhatsApp fails\n" +
		"the same way: 1014 (\"Request for ... failed\", On-Premises) or 131052 (media download error) after the send was\n" +
		"accepted. Other failures to fetch (a refused address, a timeout) are warnings: they may be walint's network,\n" +
		"not the link. A fetch that the caller's cancelled context cut short is no finding at all.",
	check: checkMediaUnavailable,
}

// mediaItem is one media link and what its source and inspection gave.
type mediaItem struct {
	link     *jsontree.Node
	kind     string // "image", "voice", "template-document"...
	err      error
	info     *media.Info
	problems []mediaProblem
}

// mediaProblem is one judgement about a media file, before it has a place.
// It names its rule by ID: the rule values refer to the judging code through
// their checks, so the judging code cannot refer back to them.
type mediaProblem struct {
	rule      string
	sev       Severity // 0: the rule's default
	msg, hint string
}

// mediaItems opens and inspects the file behind every media link once per
// pass.
func mediaItems(p *pass) []mediaItem {
	if p.media.done {
		return p.media.items
	}
	p.media.done = true
	if p.cfg.media == nil {
		return nil
	}
	mediaObjects(p, func(obj *jsontree.Node) {
		link := obj.Get("link")
		url, ok := link.Str()
		if msg, _ := linkProblem(url); !ok || msg != "" {
			return // Not a link WhatsApp could fetch: link-invalid says why.
		}
		it := mediaItem{link: link, kind: mediaKind(link)}
		o, err := p.cfg.media.Open(p.ctx, url)
		if err != nil && p.ctx.Err() != nil {
			return // The caller stopped the validation: not the file's fault.
		}
		if err != nil {
			it.err = err
		} else {
			it.info, it.err = media.Inspect(o.R, o.Size)
			if o.Close != nil {
				o.Close()
			}
			if it.err == nil {
				it.problems = judgeMedia(it.kind, it.info, o.ContentType, p.dialect)
			}
		}
		p.media.items = append(p.media.items, it)
	})
	return p.media.items
}

// reportMedia is the check of the rules judgeMedia reports for: it reports
// the problems of the running rule at their links.
func reportMedia(p *pass) {
	for _, it := range mediaItems(p) {
		for _, pr := range it.problems {
			if pr.rule == p.rule.ID {
				p.add(report{start: it.link.Start, end: it.link.End, pointer: it.link.Pointer(), msg: pr.msg, hint: pr.hint, sev: pr.sev})
			}
		}
	}
}

func checkMediaUnavailable(p *pass) {
	for _, it := range mediaItems(p) {
		if it.err == nil {
			continue
		}
		var nf *media.NotFoundError
		if errors.As(it.err, &nf) {
			p.Reportf(it.link, "Check the link: WhatsApp will not find the file either.", "media not found: %s", nf.Where)
			continue
		}
		p.add(report{start: it.link.Start, end: it.link.End, pointer: it.link.Pointer(), sev: SeverityWarning,
			msg:  fmt.Sprintf("could not check the media: %v", it.err),
			hint: "Check that the link is public and reachable over https."})
	}
}

// accepted returns the MIME types a media kind accepts.
func accepted(kind string) []string {
	switch kind {
	case "voice":
		return acceptedTypes["audio"]
	case "template-image":
		return acceptedTypes["image"]
	case "template-video":
		return acceptedTypes["video"]
	}
	return acceptedTypes[kind]
}

// placeOf names, in the plural, what a media kind is for a message.
func placeOf(kind string) string {
	switch kind {
	case "voice":
		return "voice notes"
	case "template-document":
		return "template document headers"
	case "template-image", "template-video":
		return "template " + strings.TrimPrefix(kind, "template-") + " headers"
	}
	return kind + " messages"
}

// sizeLimits are the largest files WhatsApp accepts, by kind.
var sizeLimits = map[string]int64{
	"image": 5 << 20, "video": 16 << 20, "audio": 16 << 20, "voice": 16 << 20, "document": 100 << 20,
	"template-image": 5 << 20, "template-video": 16 << 20, "template-document": 100 << 20,
}

const (
	maxStaticSticker   = 100 << 10
	maxAnimatedSticker = 500 << 10
	maxVoiceNote       = 512 << 10
	stickerSide        = 512
)

// genericTypes are Content-Types that say nothing about the file.
var genericTypes = []string{"", "application/octet-stream", "binary/octet-stream", "application/binary", "application/download", "application/force-download"}

// judgeMedia returns every problem WhatsApp would have with a file of the
// given kind: its type (sniffed and as served), codecs, size and shape.
func judgeMedia(kind string, info *media.Info, contentType string, d Dialect) []mediaProblem {
	var out []mediaProblem
	add := func(rule string, sev Severity, hint, format string, args ...any) {
		out = append(out, mediaProblem{rule: rule, sev: sev, msg: fmt.Sprintf(format, args...), hint: hint})
	}
	ok := accepted(kind)
	want := strings.Join(ok, ", ")
	sniffed := info.MIME
	if sniffed == "video/mp4" && info.Descriptor() != info.MIME && !hasTrack(info, media.KindVideo) {
		sniffed = "audio/mp4" // An MP4 with sound only is MP4 audio, whatever its brand says.
	}
	if !slices.Contains(ok, sniffed) {
		add("media-type-mismatch", 0, typeHint(kind, sniffed),
			"the file is %s (from its bytes), which %s do not accept; expected %s", sniffed, placeOf(kind), want)
	}
	if ct, _, err := mime.ParseMediaType(contentType); err == nil && !slices.Contains(genericTypes, ct) && !slices.Contains(ok, ct) {
		add("media-type-mismatch", 0, "Have the host serve the file with the right Content-Type; WhatsApp trusts the header.",
			"the host serves the file as %s, which %s do not accept; expected %s", ct, placeOf(kind), want)
	}
	if info.Damaged != "" {
		add("media-damaged", 0, "Re-export or re-upload the file.", "the file is damaged: %s", info.Damaged)
	}
	if limit, ok := sizeLimits[kind]; ok && info.Size > limit {
		add("media-size", 0, "Compress the file, or send a link to it in a text message.",
			"the file is %s, over the %s limit of %s", humanBytes(info.Size), humanBytes(limit), placeOf(kind))
	}
	switch kind {
	case "video", "template-video":
		judgeVideo(info, d, add)
	case "audio", "voice":
		judgeAudio(kind, sniffed, info, add)
	case "sticker":
		judgeSticker(info, add)
	}
	return out
}

type addFunc func(rule string, sev Severity, hint, format string, args ...any)

func judgeVideo(info *media.Info, d Dialect, add addFunc) {
	if !strings.HasPrefix(info.MIME, "video/") || info.Descriptor() == info.MIME {
		return // Not a video, or its tracks are unknown: nothing more to say.
	}
	video, audio := firstCodec(info, media.KindVideo), firstCodec(info, media.KindAudio)
	if video != "" && video != media.CodecH264 {
		add("media-codec", 0, "Re-encode the video as H.264: ffmpeg -i in.mp4 -c:v libx264 -c:a aac out.mp4",
			"the video track is %s (%s); WhatsApp plays only H.264 video", video, info.Descriptor())
	}
	if !hasTrack(info, media.KindAudio) {
		sev := SeverityWarning
		if d == DialectOnPrem {
			sev = SeverityError
		}
		add("video-no-audio", sev, "Add an audio track, silent if need be: ffmpeg -i in.mp4 -f lavfi -i anullsrc -c:v copy -c:a aac -shortest out.mp4",
			"the video has no audio track (%s)", info.Descriptor())
	} else if audio != "" && audio != media.CodecAAC {
		add("media-codec", 0, "Re-encode the audio as AAC: ffmpeg -i in.mp4 -c:v copy -c:a aac out.mp4",
			"the video's audio track is %s (%s); WhatsApp plays only AAC audio in video", audio, info.Descriptor())
	}
}

func judgeAudio(kind, sniffed string, info *media.Info, add addFunc) {
	codec := firstCodec(info, media.KindAudio)
	switch {
	case sniffed == "audio/ogg" && codec != "" && codec != media.CodecOpus:
		add("media-codec", 0, "Re-encode as Opus: ffmpeg -i in.ogg -c:a libopus out.ogg",
			"the OGG audio is %s; WhatsApp accepts only Opus in OGG", codec)
	case sniffed == "audio/mp4" && codec != "" && codec != media.CodecAAC:
		add("media-codec", SeverityWarning, "Re-encode as AAC: ffmpeg -i in.m4a -c:a aac out.m4a",
			"the MP4 audio is %s; WhatsApp documents MP4 audio as AAC", codec)
	}
	if kind != "voice" {
		return
	}
	if sniffed != "audio/ogg" {
		add("media-type-mismatch", SeverityWarning, voiceNoteHint,
			"the voice note is %s; only OGG/Opus files show as voice messages", sniffed)
	}
	if info.Size > maxVoiceNote {
		add("media-size", SeverityWarning, "Keep voice notes under 512 KB (a lower bit rate or a shorter note), or send it as plain audio.",
			"the voice note is %s, over 512 KB: it arrives as an audio file without the voice message play icon", humanBytes(info.Size))
	}
}

// voiceNoteHint says how to make a voice note WhatsApp shows as one; the
// extension and the bytes give the same advice.
const voiceNoteHint = "Encode voice notes as OGG with Opus: ffmpeg -i in -c:a libopus -b:a 32k out.ogg"

func judgeSticker(info *media.Info, add addFunc) {
	if info.MIME != "image/webp" {
		return // media-type-mismatch says so.
	}
	if info.Width != stickerSide || info.Height != stickerSide {
		add("sticker-dimensions", 0, "Resize it to 512×512, padding with transparency: cwebp -resize 512 512 in.png -o out.webp",
			"the sticker is %d×%d pixels; stickers must be exactly 512×512", info.Width, info.Height)
	}
	limit, what := int64(maxStaticSticker), "static"
	if info.Animated {
		limit, what = maxAnimatedSticker, "animated"
	}
	if info.Size > limit {
		add("media-size", 0, "Compress the sticker (cwebp -q 70) or shorten its animation.",
			"the %s sticker is %s, over the limit of %s", what, humanBytes(info.Size), humanBytes(limit))
	}
}

// hasTrack reports whether the file has a track of kind k.
func hasTrack(info *media.Info, k media.Kind) bool {
	return slices.ContainsFunc(info.Tracks, func(t media.Track) bool { return t.Kind == k })
}

// firstCodec names the codec of the first track of kind k: its codec name,
// else its lower-cased sample entry type, else "".
func firstCodec(info *media.Info, k media.Kind) string {
	for _, t := range info.Tracks {
		if t.Kind == k {
			if t.Codec != "" {
				return t.Codec
			}
			return strings.ToLower(strings.TrimSpace(t.FourCC))
		}
	}
	return ""
}

func typeHint(kind, mimeType string) string {
	for _, t := range []string{"image", "video", "audio", "sticker", "document"} {
		if t != kind && !strings.HasPrefix(kind, "template") && kind != "voice" && slices.Contains(acceptedTypes[t], mimeType) {
			return fmt.Sprintf("Send it as %s %s message, or convert it to a type %s accept.", article(t), t, placeOf(kind))
		}
	}
	return fmt.Sprintf("Convert the file to a type %s accept.", placeOf(kind))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// mediaKinds are the kinds CheckMedia takes: the media message types, "voice"
// for a voice note, and the template header kinds.
var mediaKinds = []string{"image", "video", "audio", "voice", "document", "sticker", "template-image", "template-video", "template-document"}

// MediaKinds returns the kinds CheckMedia takes. The slice is the caller's.
func MediaKinds() []string {
	return slices.Clone(mediaKinds)
}

// MaxMediaSize returns the largest file WhatsApp accepts for media of the
// given kind (one of MediaKinds()), in bytes, that of an animated one for a
// sticker; 0 for an unknown kind.
func MaxMediaSize(kind string) int64 {
	if kind == "sticker" {
		return maxAnimatedSticker
	}
	return sizeLimits[kind]
}

// CheckMedia judges a media file on its own, as it would be judged behind a
// link of a message of the given kind (one of MediaKinds()): its type, codecs,
// size and shape. contentType is the host's Content-Type, "" for a local
// file. The findings have no pointer or span, since there is no payload.
func CheckMedia(kind string, info *media.Info, contentType string, d Dialect) ([]Finding, error) {
	if !slices.Contains(mediaKinds, kind) {
		return nil, fmt.Errorf("unknown media kind %q (want one of %s)", kind, strings.Join(mediaKinds, ", "))
	}
	var fs []Finding
	for _, pr := range judgeMedia(kind, info, contentType, d) {
		rule := ruleByID(pr.rule)
		sev := rule.Severity
		if pr.sev != 0 {
			sev = pr.sev
		}
		fs = append(fs, Finding{Rule: rule.ID, Severity: sev, Code: rule.Code, CloudCode: rule.CloudCode,
			Span: Span{Start: Pos{Line: 1, Column: 1}, End: Pos{Line: 1, Column: 1}}, Message: pr.msg, Hint: pr.hint})
	}
	sortFindings(fs)
	return fs, nil
}
