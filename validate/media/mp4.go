package media

import (
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"time"
)

// maxTracks caps the tracks kept from one file; real files have a handful.
const maxTracks = 32

// isBMFF reports whether the head is an ISO-BMFF file: an ftyp box first,
// or a brandless QuickTime file that mimetype recognised by its first atom.
func isBMFF(head []byte, mime string) bool {
	return len(head) >= 12 && head[0] == 0 && string(head[4:8]) == "ftyp" || mime == "video/quicktime"
}

// bmff is the state of one ISO-BMFF inspection: the walk and the track being
// filled in.
type bmff struct {
	w     *walker
	info  *Info
	track *Track // the trak being read, nil outside one
	moov  bool
	mvhd  time.Duration
}

// inspectBMFF reads the file type and the track index of an MP4, 3GPP, M4A or
// QuickTime file. The walk skips mdat by its size, so moov after mdat costs
// no more than moov before it.
func inspectBMFF(w *walker, head []byte) {
	p := &bmff{w: w, info: w.info}
	p.info.Container = "quicktime"
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		p.info.Brand = printable(head[8:12])
		p.info.Container = brandContainer(head)
	}
	switch p.info.Container {
	case "heif", "avif":
		return // still images: their items live in meta, not moov
	}
	w.children(0, w.size, 0, p.top)
	if !p.moov {
		if !w.stopped() {
			p.info.note("no moov box: the file has no track index")
		}
		return
	}
	p.info.Duration = p.mvhd
	for _, t := range p.info.Tracks {
		if p.mvhd == 0 {
			p.info.Duration = max(p.info.Duration, t.Duration)
		}
		if t.Kind == KindVideo && p.info.Width == 0 {
			p.info.Width, p.info.Height = t.Width, t.Height
		}
	}
}

// brandContainer names the container from the ftyp box in head: the major
// brand, else the first compatible brand that names one, else "mp4".
func brandContainer(head []byte) string {
	n := len(head)
	if size := binary.BigEndian.Uint32(head[:4]); size >= 16 && int64(size) < int64(n) {
		n = int(size)
	}
	for off := 8; off+4 <= n; off += 4 {
		if off == 12 {
			continue // the minor version, not a brand
		}
		if c := brandName(string(head[off : off+4])); c != "" {
			return c
		}
	}
	return "mp4"
}

func brandName(b string) string {
	switch {
	case b == "qt  " || b == "mqt " || b == "moov":
		return "quicktime"
	case strings.HasPrefix(b, "3g2") || b == "KDDI":
		return "3g2"
	case strings.HasPrefix(b, "3g"):
		return "3gp"
	case b == "M4A " || b == "M4B " || b == "M4P " || b == "F4A " || b == "F4B ":
		return "m4a"
	case b == "avif" || b == "avis":
		return "avif"
	case b == "heic" || b == "heix" || b == "mif1" || b == "msf1" || b == "heim" || b == "heis":
		return "heif"
	}
	return ""
}

func (p *bmff) top(b box, depth int) {
	if b.typ.String() != "moov" || p.moov {
		return
	}
	p.moov = true
	before := p.info.Damaged
	p.w.children(b.body(), b.end, depth+1, p.moovChild)
	// Only a whole, undamaged index proves that a missing track is missing.
	p.info.streams = !b.clipped && p.info.Damaged == before && !p.w.stopped()
	p.w.enough = !p.w.stopped()
}

func (p *bmff) moovChild(b box, depth int) {
	switch b.typ.String() {
	case "mvhd":
		p.mvhd = p.duration(b)
	case "trak":
		if len(p.info.Tracks) == maxTracks {
			p.info.note("more than %d tracks: ignored the rest", maxTracks)
			return
		}
		p.info.Tracks = append(p.info.Tracks, Track{Kind: KindOther})
		p.track = &p.info.Tracks[len(p.info.Tracks)-1]
		p.w.children(b.body(), b.end, depth+1, p.trakChild)
		p.finishTrack()
		p.track = nil
	}
}

// trakChild reads a track's header and descends to its sample description:
// trak/mdia/minf/stbl/stsd.
func (p *bmff) trakChild(b box, depth int) {
	switch b.typ.String() {
	case "tkhd":
		var buf [96]byte
		pl := p.w.payload(b, buf[:])
		at := 76 // version 0: 32-bit times and duration
		if len(pl) > 0 && pl[0] == 1 {
			at = 88
		}
		if len(pl) >= at+8 {
			p.track.Width = int(binary.BigEndian.Uint32(pl[at:]) >> 16)
			p.track.Height = int(binary.BigEndian.Uint32(pl[at+4:]) >> 16)
		}
	case "mdia", "minf", "stbl":
		p.w.children(b.body(), b.end, depth+1, p.trakChild)
	case "mdhd":
		p.track.Duration = p.duration(b)
	case "hdlr":
		// QuickTime has a second hdlr in minf, a data handler ("dhlr",
		// "alis" or "url "); the media handler in mdia comes first.
		var buf [12]byte
		if pl := p.w.payload(b, buf[:]); len(pl) == 12 && p.track.Handler == "" && string(pl[4:8]) != "dhlr" {
			p.track.Handler = printable(pl[8:12])
		}
	case "stsd":
		// A full box and an entry count precede the sample entries; the
		// first entry describes the codec.
		p.w.children(b.body()+8, b.end, depth+1, func(e box, depth int) {
			if p.track.FourCC == "" {
				p.sampleEntry(e, depth)
			}
		})
	}
}

// sampleEntry reads the codec from a sample entry: its type, the picture size
// of a video entry, and for MPEG-4 audio the object type in esds, which tells
// AAC from MP3 inside "mp4a".
func (p *bmff) sampleEntry(e box, depth int) {
	p.track.FourCC = printable(e.typ[:])
	p.track.Codec = fourCCCodecs[p.track.FourCC]
	var buf [28]byte
	pl := p.w.payload(e, buf[:])
	childAt := int64(-1)
	switch {
	case p.track.Handler == "vide" || videoCodec(p.track.Codec):
		if len(pl) >= 28 && p.track.Width == 0 {
			p.track.Width = int(binary.BigEndian.Uint16(pl[24:]))
			p.track.Height = int(binary.BigEndian.Uint16(pl[26:]))
		}
		childAt = 78
	default:
		childAt = 28 // QuickTime sound descriptions grow with their version
		if len(pl) >= 10 {
			switch binary.BigEndian.Uint16(pl[8:]) {
			case 1:
				childAt = 44
			case 2:
				childAt = 64
			}
		}
	}
	p.w.children(e.body()+childAt, e.end, depth+1, p.entryChild)
}

// entryChild reads the boxes inside a sample entry that refine the codec: the
// MPEG-4 decoder config, QuickTime's wave wrapper, and the original format of
// an encrypted entry ("encv", "enca").
func (p *bmff) entryChild(b box, depth int) {
	switch b.typ.String() {
	case "wave", "sinf":
		p.w.children(b.body(), b.end, depth+1, p.entryChild)
	case "frma":
		var buf [4]byte
		if pl := p.w.payload(b, buf[:]); len(pl) == 4 {
			p.track.FourCC = printable(pl)
			p.track.Codec = fourCCCodecs[p.track.FourCC]
		}
	case "esds":
		var buf [64]byte
		if c := esdsCodec(p.w.payload(b, buf[:])); c != "" {
			p.track.Codec = c
		}
	}
}

// finishTrack sets the kind from the handler, or from the codec when the
// handler is missing or unusual.
func (p *bmff) finishTrack() {
	t := p.track
	switch {
	case t.Handler == "vide":
		t.Kind = KindVideo
	case t.Handler == "soun":
		t.Kind = KindAudio
	case t.Handler == "" && t.Codec != "" && videoCodec(t.Codec):
		t.Kind = KindVideo
	case t.Handler == "" && t.Codec != "":
		t.Kind = KindAudio
	}
	if t.Kind != KindVideo {
		t.Width, t.Height = 0, 0
	}
}

// duration reads the duration of an mvhd or mdhd box, which share the layout
// of their first fields.
func (p *bmff) duration(b box) time.Duration {
	var buf [32]byte
	pl := p.w.payload(b, buf[:])
	var scale, d uint64
	switch {
	case len(pl) >= 32 && pl[0] == 1:
		scale, d = uint64(binary.BigEndian.Uint32(pl[20:])), binary.BigEndian.Uint64(pl[24:])
		if d == math.MaxUint64 {
			d = 0 // "unknown"
		}
	case len(pl) >= 20 && pl[0] == 0:
		scale, d = uint64(binary.BigEndian.Uint32(pl[12:])), uint64(binary.BigEndian.Uint32(pl[16:]))
		if d == math.MaxUint32 {
			d = 0
		}
	}
	return scaled(d, scale)
}

// scaled converts d units of 1/scale seconds to a Duration without
// overflowing, saturating at the largest Duration.
func scaled(d, scale uint64) time.Duration {
	if scale == 0 {
		return 0
	}
	sec, rem := d/scale, d%scale
	if sec >= math.MaxInt64/uint64(time.Second) {
		return math.MaxInt64
	}
	// rem < scale < 2^32, so rem*1e9 fits in 64 bits.
	return time.Duration(sec)*time.Second + time.Duration(rem*uint64(time.Second)/scale)
}

// printable returns b as a string when it is printable ASCII, which every
// registered four-character code is; otherwise its bytes quoted, so hostile
// bytes never end up raw in a message.
func printable(b []byte) string {
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			q := strconv.QuoteToASCII(string(b))
			return q[1 : len(q)-1]
		}
	}
	return string(b)
}
