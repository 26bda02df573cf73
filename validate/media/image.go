package media

import (
	"encoding/binary"
	"math"
)

// Caps on the chunk and marker walks of image formats. Dimensions and the
// animation flag sit in the first few chunks of a well-formed file.
const (
	maxChunks  = 64
	maxMarkers = 1024
)

// inspectWebP reads a WebP file's size and animation flag. A simple file has
// one VP8 (lossy) or VP8L (lossless) chunk with the picture size; an extended
// file starts with VP8X, whose flags say whether it is animated and which
// holds the canvas size, followed by ANIM and ANMF chunks when it is.
func inspectWebP(w *walker) {
	var hdr [12]byte
	if w.read(0, hdr[:]) < 12 {
		w.info.note("file ends inside the RIFF header")
		return
	}
	end := int64(binary.LittleEndian.Uint32(hdr[4:])) + 8
	if end > w.size {
		w.info.note("RIFF header declares %d bytes, the file has %d", end, w.size)
		end = w.size
	}
	sized := false
	off := int64(12)
	for i := 0; i < maxChunks && off+8 <= end; i++ {
		var buf [18]byte
		n := w.read(off, buf[:])
		if n < 8 {
			break
		}
		id, size := string(buf[:4]), int64(binary.LittleEndian.Uint32(buf[4:]))
		pl := buf[8:n]
		switch id {
		case "VP8X":
			if len(pl) >= 10 {
				w.info.Animated = pl[0]&0x02 != 0
				w.info.Width, w.info.Height = int(le24(pl[4:]))+1, int(le24(pl[7:]))+1
				sized = true
			}
		case "VP8 ":
			if !sized && len(pl) >= 10 && pl[3] == 0x9d && pl[4] == 0x01 && pl[5] == 0x2a {
				w.info.Width = int(binary.LittleEndian.Uint16(pl[6:]) & 0x3fff)
				w.info.Height = int(binary.LittleEndian.Uint16(pl[8:]) & 0x3fff)
				sized = true
			}
			return
		case "VP8L":
			if !sized && len(pl) >= 5 && pl[0] == 0x2f {
				bits := binary.LittleEndian.Uint32(pl[1:])
				w.info.Width, w.info.Height = int(bits&0x3fff)+1, int(bits>>14&0x3fff)+1
				sized = true
			}
			return
		case "ANIM", "ANMF":
			w.info.Animated = true
			return
		}
		// Chunks are padded to an even length.
		next := off + 8 + size + size&1
		if next > end {
			w.info.note("WebP chunk %q at offset %d runs past the end of the file", id, off)
			break
		}
		off = next
	}
	if !sized {
		w.info.note("no WebP image header found")
	}
}

func le24(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 }

// inspectPNG reads the size from IHDR, which must be the first chunk, and
// looks for acTL (animation control) before the first IDAT: an APNG.
func inspectPNG(w *walker) {
	off := int64(8) // the signature
	for i := 0; i < maxChunks; i++ {
		var buf [16]byte
		n := w.read(off, buf[:])
		if n < 8 {
			w.info.note("file ends inside a PNG chunk header at offset %d", off)
			return
		}
		size, id := int64(binary.BigEndian.Uint32(buf[:])), string(buf[4:8])
		switch {
		case i == 0 && id != "IHDR":
			w.info.note("PNG does not start with IHDR")
			return
		case i == 0 && n == 16:
			w.info.Width = clampInt(binary.BigEndian.Uint32(buf[8:]))
			w.info.Height = clampInt(binary.BigEndian.Uint32(buf[12:]))
		case i == 0:
			w.info.note("file ends inside IHDR")
			return
		case id == "acTL":
			w.info.Animated = true
			return
		case id == "IDAT" || id == "IEND":
			return
		}
		off += 12 + size // length, type, data, CRC
		if off >= w.size {
			w.info.note("PNG chunk %q runs past the end of the file", id)
			return
		}
	}
}

func clampInt(v uint32) int { return int(min(v, math.MaxInt32)) }

// inspectJPEG walks the marker segments up to the first start-of-frame marker,
// which holds the picture size. Segments are skipped by their length, so a
// large EXIF block costs one read.
func inspectJPEG(w *walker) {
	off := int64(2) // SOI
	for i := 0; i < maxMarkers; i++ {
		var buf [9]byte
		n := w.read(off, buf[:])
		if n < 2 {
			w.info.note("file ends before the JPEG frame header")
			return
		}
		if buf[0] != 0xFF {
			w.info.note("no JPEG marker at offset %d", off)
			return
		}
		m := buf[1]
		switch {
		case m == 0xFF: // fill byte before a marker
			off++
			continue
		case m == 0x01 || m >= 0xD0 && m <= 0xD8: // markers without a length
			off += 2
			continue
		case m == 0xD9 || m == 0xDA:
			w.info.note("JPEG has no frame header before its image data")
			return
		}
		if n < 4 {
			w.info.note("file ends inside a JPEG marker at offset %d", off)
			return
		}
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC { // SOFn
			if n < 9 {
				w.info.note("file ends inside the JPEG frame header")
				return
			}
			w.info.Height = int(binary.BigEndian.Uint16(buf[5:]))
			w.info.Width = int(binary.BigEndian.Uint16(buf[7:]))
			return
		}
		off += 2 + int64(binary.BigEndian.Uint16(buf[2:]))
	}
	w.info.note("more than %d JPEG markers before the frame header", maxMarkers)
}
