package media

// fourCCCodecs maps sample entry types to codecs. "mp4a" and "mp4v" are
// refined by the object type in esds.
var fourCCCodecs = map[string]string{
	"avc1": CodecH264, "avc3": CodecH264,
	"hvc1": CodecHEVC, "hev1": CodecHEVC, "dvh1": CodecHEVC, "dvhe": CodecHEVC,
	"av01": CodecAV1, "vp08": CodecVP8, "vp09": CodecVP9,
	"mp4v": CodecMPEG4, "s263": CodecH263, "h263": CodecH263,
	"mp4a": CodecAAC, ".mp3": CodecMP3, "samr": CodecAMR, "sawb": CodecAMRWB,
	"Opus": CodecOpus, "fLaC": CodecFLAC, "ac-3": CodecAC3, "ec-3": CodecEAC3,
	"alac": CodecALAC,
}

func videoCodec(c string) bool {
	switch c {
	case CodecH264, CodecHEVC, CodecAV1, CodecVP8, CodecVP9, CodecMPEG4, CodecH263:
		return true
	}
	return false
}

// esdsCodec reads the objectTypeIndication of an esds payload: the version
// and flags, an ES_Descriptor (tag 3) and inside it a DecoderConfigDescriptor
// (tag 4) whose first byte is the object type. "" when it cannot tell.
func esdsCodec(pl []byte) string {
	if len(pl) < 4 {
		return ""
	}
	pl = pl[4:]
	pl, ok := descriptor(pl, 3)
	if !ok || len(pl) < 3 {
		return ""
	}
	flags := pl[2]
	pl = pl[3:]
	if flags&0x80 != 0 { // streamDependenceFlag: dependsOn_ES_ID
		pl = pl[min(2, len(pl)):]
	}
	if flags&0x40 != 0 && len(pl) > 0 { // URL_Flag: URLlength, URLstring
		pl = pl[min(1+int(pl[0]), len(pl)):]
	}
	if flags&0x20 != 0 { // OCRstreamFlag: OCR_ES_Id
		pl = pl[min(2, len(pl)):]
	}
	pl, ok = descriptor(pl, 4)
	if !ok || len(pl) < 1 {
		return ""
	}
	switch pl[0] {
	case 0x40, 0x66, 0x67, 0x68:
		return CodecAAC
	case 0x69, 0x6B:
		return CodecMP3
	case 0x20:
		return CodecMPEG4
	case 0x21:
		return CodecH264
	case 0xA5:
		return CodecAC3
	case 0xA6:
		return CodecEAC3
	case 0xAD:
		return CodecOpus
	}
	return ""
}

// descriptor checks that pl starts with an MPEG-4 descriptor with the given
// tag and returns its body: the tag, a length of one to four 7-bit groups,
// then the bytes (cut to what pl holds).
func descriptor(pl []byte, tag byte) ([]byte, bool) {
	if len(pl) < 2 || pl[0] != tag {
		return nil, false
	}
	n, i := 0, 1
	for ; i < len(pl) && i <= 4; i++ {
		n = n<<7 | int(pl[i]&0x7F)
		if pl[i]&0x80 == 0 {
			break
		}
	}
	if i >= len(pl) {
		return nil, false
	}
	body := pl[i+1:]
	return body[:min(n, len(body))], true
}
