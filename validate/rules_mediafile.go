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
// (WithMediaSource). judgeMedia finds a file's issues, each of a typed kind
// that mediaIssueRules maps to its rule; the media pass reports them at the
// links, and Validator.CheckMedia reports them for a file on its own, before
// it is uploaded.

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
}

var ruleMediaCodec = &Rule{
	ID: "media-codec", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the media file's codec is one WhatsApp does not play",
	Doc: "The container is not enough: WhatsApp plays only H.264 video with AAC audio in MP4 and 3GPP files (HEVC,\n" +
		"AV1 and VP9 fail), and only Opus in OGG audio (Vorbis fails). The send fails with 1000 (On-Premises) or 131053\n" +
		"after it was accepted (Cloud). Re-encode: `ffmpeg -i in -c:v libx264 -c:a aac out.mp4`, or `-c:a libopus` for\n" +
		"OGG.",
}

var ruleMediaSize = &Rule{
	ID: "media-size", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the media file is larger than WhatsApp accepts for its type",
	Doc: "Images may be at most 5 MB, video and audio 16 MB, documents 100 MB, stickers 100 KB (static) or 500 KB\n" +
		"(animated). A larger file fails with 1000 (On-Premises) or 131053 after the send was accepted (Cloud). A voice\n" +
		"note over 512 KB still arrives, but as an audio file without the voice message play icon: that is a warning.",
}

var ruleStickerDimensions = &Rule{
	ID: "sticker-dimensions", Severity: SeverityError, Certainty: CertaintyDocumented, Code: 1000, CloudCode: 131053,
	Summary: "the sticker is not 512×512 pixels",
	Doc: "WhatsApp stickers are WebP images of exactly 512×512 pixels, with a transparent background. Other sizes fail\n" +
		"with \"Sticker file could not be processed\" (131053 after the Cloud API accepted the send).",
}

var ruleMediaDamaged = &Rule{
	ID: "media-damaged", Severity: SeverityError, Certainty: CertaintyObserved, Code: 1000, CloudCode: 131053,
	Summary: "the media file's structure is damaged or cut short",
	Doc: "The file could be read only in part: a truncated download, a box size past the end, a cut upload. WhatsApp\n" +
		"cannot process such a file (1000 On-Premises, 131053 after the Cloud API accepted the send). The message says\n" +
		"what was wrong. Fragmented MP4 files and `moov` boxes after `mdat` are not damage.",
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
	link   *jsontree.Node
	kind   MediaKind
	err    error
	info   *media.Info
	issues []mediaIssue
}

// mediaIssue is one problem WhatsApp would have with a media file, before
// it has a place.
type mediaIssue struct {
	kind      mediaIssueKind
	sev       Severity // 0: the rule's default
	msg, hint string
}

// mediaIssueKind is what a media issue is about. mediaIssueRules maps each
// kind to the rule it is reported under, as parseRules does the parser's
// issues.
type mediaIssueKind int

// The kinds of media issues.
const (
	fileType        mediaIssueKind = iota + 1 // the bytes are of a type the kind does not accept
	servedType                                // the host's Content-Type is one the kind does not accept
	voiceNotOgg                               // a voice note that is not OGG
	fileDamaged                               // the file could be read only in part
	fileTooLarge                              // over the kind's limit
	voiceTooLarge                             // a voice note too large for the play icon
	stickerTooLarge                           // over a static or animated sticker's limit
	videoCodec                                // video that is not H.264
	videoAudioCodec                           // a video's sound that is not AAC
	noAudioTrack                              // a video without sound
	oggCodec                                  // OGG audio that is not Opus
	mp4AudioCodec                             // MP4 audio that is not AAC
	stickerSize                               // a sticker that is not 512×512

	numMediaIssueKinds // one more than the last kind: new kinds go above
)

// mediaIssueRules maps each kind of media issue to its rule.
// TestMediaIssueRulesComplete requires one for every kind. The rules have
// no check of their own: a check that looked its rule up here would make
// the rule's value depend on itself. The media pass (reportMediaIssues)
// reports them all instead.
var mediaIssueRules = [numMediaIssueKinds]*Rule{
	fileType:        ruleMediaTypeMismatch,
	servedType:      ruleMediaTypeMismatch,
	voiceNotOgg:     ruleMediaTypeMismatch,
	fileDamaged:     ruleMediaDamaged,
	fileTooLarge:    ruleMediaSize,
	voiceTooLarge:   ruleMediaSize,
	stickerTooLarge: ruleMediaSize,
	videoCodec:      ruleMediaCodec,
	videoAudioCodec: ruleMediaCodec,
	noAudioTrack:    ruleVideoNoAudio,
	oggCodec:        ruleMediaCodec,
	mp4AudioCodec:   ruleMediaCodec,
	stickerSize:     ruleStickerDimensions,
}

// rule returns the rule the kind of issue is reported under, nil for a
// kind without one.
func (k mediaIssueKind) rule() *Rule {
	if k < 0 || int(k) >= len(mediaIssueRules) {
		return nil
	}
	return mediaIssueRules[k]
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
		it := mediaItem{link: link, kind: linkKind(link)}
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
				it.issues = judgeMedia(it.kind.facts(), it.info, o.ContentType, p.dialect)
			}
		}
		p.media.items = append(p.media.items, it)
	})
	return p.media.items
}

// reportMediaIssues is the media pass, which Validate runs after the
// rules' checks when a media source is set and one of the rules it reports
// is on (Validator.mediaPass): it reports the issues of the files behind
// the media links at their links, each under its rule.
func reportMediaIssues(p *pass) {
	for _, it := range mediaItems(p) {
		for _, is := range it.issues {
			r := report{rule: is.kind.rule(), start: it.link.Start, end: it.link.End, pointer: it.link.Pointer(), msg: is.msg, hint: is.hint, sev: is.sev}
			if r.rule == nil {
				r = internalError(fmt.Sprintf("walint judged a media file with an issue of kind %d, which it has no rule for: %s", is.kind, is.msg))
			}
			p.out.add(r)
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

// stickerSide is the width and height of every sticker, in pixels.
const stickerSide = 512

// genericTypes are Content-Types that say nothing about the file.
var genericTypes = []string{"", "application/octet-stream", "binary/octet-stream", "application/binary", "application/download", "application/force-download"}

// judgeMedia returns every issue WhatsApp would have with a file of the
// given kind: its type (sniffed and as served), size and damage, and what
// the kind's own judge finds (codecs, tracks, shape).
func judgeMedia(f *mediaKindFacts, info *media.Info, contentType string, d Dialect) []mediaIssue {
	var out []mediaIssue
	add := func(kind mediaIssueKind, sev Severity, hint, format string, args ...any) {
		out = append(out, mediaIssue{kind: kind, sev: sev, msg: fmt.Sprintf(format, args...), hint: hint})
	}
	want := strings.Join(f.types, ", ")
	sniffed := info.MIME
	if sniffed == "video/mp4" && info.Descriptor() != info.MIME && !hasTrack(info, media.KindVideo) {
		sniffed = "audio/mp4" // An MP4 with sound only is MP4 audio, whatever its brand says.
	}
	if !slices.Contains(f.types, sniffed) {
		add(fileType, 0, typeHint(f, sniffed),
			"the file is %s (from its bytes), which %s do not accept; expected %s", sniffed, f.place, want)
	}
	if ct, _, err := mime.ParseMediaType(contentType); err == nil && !slices.Contains(genericTypes, ct) && !slices.Contains(f.types, ct) {
		add(servedType, 0, "Have the host serve the file with the right Content-Type; WhatsApp trusts the header.",
			"the host serves the file as %s, which %s do not accept; expected %s", ct, f.place, want)
	}
	if info.Damaged != "" {
		add(fileDamaged, 0, "Re-export or re-upload the file.", "the file is damaged: %s", info.Damaged)
	}
	// A sticker's limit depends on whether it is animated: judgeSticker's.
	if f.maxStatic == 0 && info.Size > f.maxSize {
		add(fileTooLarge, 0, "Compress the file, or send a link to it in a text message.",
			"the file is %s, over the %s limit of %s", humanBytes(info.Size), humanBytes(f.maxSize), f.place)
	}
	if f.judge != nil {
		f.judge(f, sniffed, info, d, add)
	}
	return out
}

// addFunc adds an issue to those of a file.
type addFunc func(kind mediaIssueKind, sev Severity, hint, format string, args ...any)

func judgeVideo(_ *mediaKindFacts, _ string, info *media.Info, d Dialect, add addFunc) {
	if !strings.HasPrefix(info.MIME, "video/") || info.Descriptor() == info.MIME {
		return // Not a video, or its tracks are unknown: nothing more to say.
	}
	video, audio := firstCodec(info, media.KindVideo), firstCodec(info, media.KindAudio)
	if video != "" && video != media.CodecH264 {
		add(videoCodec, 0, "Re-encode the video as H.264: ffmpeg -i in.mp4 -c:v libx264 -c:a aac out.mp4",
			"the video track is %s (%s); WhatsApp plays only H.264 video", video, info.Descriptor())
	}
	if !hasTrack(info, media.KindAudio) {
		sev := SeverityWarning
		if d == DialectOnPrem {
			sev = SeverityError
		}
		add(noAudioTrack, sev, "Add an audio track, silent if need be: ffmpeg -i in.mp4 -f lavfi -i anullsrc -c:v copy -c:a aac -shortest out.mp4",
			"the video has no audio track (%s)", info.Descriptor())
	} else if audio != "" && audio != media.CodecAAC {
		add(videoAudioCodec, 0, "Re-encode the audio as AAC: ffmpeg -i in.mp4 -c:v copy -c:a aac out.mp4",
			"the video's audio track is %s (%s); WhatsApp plays only AAC audio in video", audio, info.Descriptor())
	}
}

func judgeAudio(f *mediaKindFacts, sniffed string, info *media.Info, _ Dialect, add addFunc) {
	codec := firstCodec(info, media.KindAudio)
	switch {
	case sniffed == "audio/ogg" && codec != "" && codec != media.CodecOpus:
		add(oggCodec, 0, "Re-encode as Opus: ffmpeg -i in.ogg -c:a libopus out.ogg",
			"the OGG audio is %s; WhatsApp accepts only Opus in OGG", codec)
	case sniffed == "audio/mp4" && codec != "" && codec != media.CodecAAC:
		add(mp4AudioCodec, SeverityWarning, "Re-encode as AAC: ffmpeg -i in.m4a -c:a aac out.m4a",
			"the MP4 audio is %s; WhatsApp documents MP4 audio as AAC", codec)
	}
	if !f.voice {
		return
	}
	if sniffed != "audio/ogg" {
		add(voiceNotOgg, SeverityWarning, voiceNoteHint,
			"the voice note is %s; only OGG/Opus files show as voice messages", sniffed)
	}
	if info.Size > f.maxPlayIcon {
		add(voiceTooLarge, SeverityWarning, fmt.Sprintf("Keep voice notes under %s (a lower bit rate or a shorter note), or send it as plain audio.", humanBytes(f.maxPlayIcon)),
			"the voice note is %s, over %s: it arrives as an audio file without the voice message play icon", humanBytes(info.Size), humanBytes(f.maxPlayIcon))
	}
}

// voiceNoteHint says how to make a voice note WhatsApp shows as one; the
// extension and the bytes give the same advice.
const voiceNoteHint = "Encode voice notes as OGG with Opus: ffmpeg -i in -c:a libopus -b:a 32k out.ogg"

func judgeSticker(f *mediaKindFacts, _ string, info *media.Info, _ Dialect, add addFunc) {
	if !slices.Contains(f.types, info.MIME) {
		return // media-type-mismatch says so.
	}
	if info.Width != stickerSide || info.Height != stickerSide {
		add(stickerSize, 0, "Resize it to 512×512, padding with transparency: cwebp -resize 512 512 in.png -o out.webp",
			"the sticker is %d×%d pixels; stickers must be exactly 512×512", info.Width, info.Height)
	}
	limit, what := f.maxStatic, "static"
	if info.Animated {
		limit, what = f.maxSize, "animated"
	}
	if info.Size > limit {
		add(stickerTooLarge, 0, "Compress the sticker (cwebp -q 70) or shorten its animation.",
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

// typeHint says what to do with a file of the given MIME type that media
// of kind f does not accept: send it as the message type that takes it,
// if there is one and f is a message type's own, else convert it.
func typeHint(f *mediaKindFacts, mimeType string) string {
	if !f.template && !f.voice {
		for _, o := range mediaKinds {
			if o.kind != f.kind && !o.template && !o.voice && slices.Contains(o.types, mimeType) {
				return fmt.Sprintf("Send it as %s %s message, or convert it to a type %s accept.", article(o.name), o.name, f.place)
			}
		}
	}
	return fmt.Sprintf("Convert the file to a type %s accept.", f.place)
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

// CheckMedia judges a media file on its own, as it would be judged behind a
// link for media of the given kind: its type, codecs, size and shape.
// contentType is the host's Content-Type, "" for a local file. The findings
// have no pointer or span, since there is no payload. The validator's
// options apply as they do to a payload's findings: a disabled rule reports
// nothing, a severity override holds, and a video without sound is an error
// when the dialect is On-Premises (a warning otherwise, auto included).
func (v *Validator) CheckMedia(kind MediaKind, info *media.Info, contentType string) ([]Finding, error) {
	f := kind.facts()
	if f == nil {
		return nil, fmt.Errorf("unknown media kind %d (want one of %s)", int(kind), strings.Join(mediaKindNames(), ", "))
	}
	var fs []Finding
	for _, is := range judgeMedia(f, info, contentType, v.cfg.dialect) {
		rule := is.kind.rule()
		if rule == nil {
			return nil, fmt.Errorf("walint judged the file with an issue of kind %d, which it has no rule for: %s", is.kind, is.msg)
		}
		if v.cfg.disabled[rule.ID] {
			continue
		}
		sev := rule.Severity
		if is.sev != 0 {
			sev = is.sev
		}
		if s, ok := v.cfg.severity[rule.ID]; ok {
			sev = s
		}
		fs = append(fs, Finding{Rule: rule.ID, Severity: sev, Code: rule.Code, CloudCode: rule.CloudCode,
			Span: Span{Start: Pos{Line: 1, Column: 1}, End: Pos{Line: 1, Column: 1}}, Message: is.msg, Hint: is.hint})
	}
	sortFindings(fs)
	return fs, nil
}
