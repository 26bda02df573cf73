package media

import "bytes"

// maxOggStreams caps the beginning-of-stream pages read from one file.
const maxOggStreams = 16

// oggCodecs maps the start of a stream's first packet to its codec. Skeleton
// ("fishead") describes the other streams and is not one itself.
var oggCodecs = []struct {
	magic string
	kind  Kind
	codec string
}{
	{"OpusHead", KindAudio, CodecOpus},
	{"\x01vorbis", KindAudio, CodecVorbis},
	{"Speex   ", KindAudio, CodecSpeex},
	{"\x7fFLAC", KindAudio, CodecFLAC},
	{"\x80theora", KindVideo, CodecTheora},
	{"OVP80", KindVideo, CodecVP8},
	{"fishead\x00", "", ""},
}

// inspectOGG reads the streams of an OGG file from its first pages. Every
// logical stream starts with a page flagged "beginning of stream" carrying
// its codec's identification packet, and all of those pages come before
// any other, so the first pages name every codec.
func inspectOGG(w *walker) {
	var page [27 + 255]byte
	off := int64(0)
	for i := 0; i < maxOggStreams; i++ {
		n := w.read(off, page[:])
		if n == 0 && i > 0 {
			w.info.note("file ends after the stream headers")
			w.info.streams = true
			return
		}
		if n < 27 || string(page[:4]) != "OggS" {
			w.info.note("no OGG page at offset %d", off)
			return
		}
		if page[5]&0x02 == 0 { // not a beginning-of-stream page: the headers are over
			if i == 0 {
				w.info.note("first OGG page does not begin a stream")
			}
			w.info.streams = i > 0
			return
		}
		segs := int(page[26])
		if n < 27+segs {
			w.info.note("OGG page at offset %d is cut off", off)
			return
		}
		body := int64(0)
		for _, l := range page[27 : 27+segs] {
			body += int64(l)
		}
		var packet [8]byte
		got := packet[:w.read(off+27+int64(segs), packet[:])]
		if t, ok := oggTrack(got); ok {
			w.info.Tracks = append(w.info.Tracks, t)
		}
		off += 27 + int64(segs) + body
	}
	w.info.streams = true
}

// oggTrack names the stream whose first packet begins with p; ok is false for
// a skeleton stream.
func oggTrack(p []byte) (t Track, ok bool) {
	for _, c := range oggCodecs {
		if bytes.HasPrefix(p, []byte(c.magic)) {
			return Track{Kind: c.kind, Codec: c.codec}, c.kind != ""
		}
	}
	return Track{Kind: KindOther}, true
}
