package media

import (
	"encoding/binary"
	"errors"
	"io"
)

// Caps on the box walk. Real files nest about ten levels deep and hold a few
// hundred boxes outside mdat; the caps are far above that and far below what
// would cost noticeable time.
const (
	maxDepth = 16
	maxBoxes = 10000
)

// fourCC is a box or sample entry type.
type fourCC [4]byte

func (f fourCC) String() string { return string(f[:]) }

// box is one ISO-BMFF box header, with its extent clipped to its parent.
type box struct {
	typ fourCC
	off int64 // where the header starts
	hdr int64 // header length: 8, 16 with a 64-bit size, 16 more for uuid
	end int64 // where the box ends

	clipped bool // the declared size ran past the parent or the file
}

// body is where the box's payload starts.
func (b box) body() int64 { return b.off + b.hdr }

// walker reads boxes (and the other formats' chunks) through an io.ReaderAt
// with bounded work. It never allocates by a size read from the file: every
// read goes into a small fixed buffer.
type walker struct {
	r      io.ReaderAt
	size   int64
	info   *Info // damage goes to info.note
	err    error // a read failure other than end of file; stops the walk
	visits int   // boxes seen so far
	halted bool  // a cap was hit: visit nothing more
	cut    bool  // a box ran past the end of the file, which is noted once
	// enough is set once the inspector has what it came for (an MP4's
	// moov): what follows is read only to notice a cut file, so a read
	// failure or the box cap there ends the walk quietly. A heavily
	// fragmented file has thousands of moof boxes after its moov, and a
	// range fetcher may hold only the parts of the file that matter.
	enough bool
}

// read fills p from off and reports how many bytes it got. Running out of
// bytes is not an error (the caller sees the short count and reports damage);
// any other failure is kept in w.err and stops the walk.
func (w *walker) read(off int64, p []byte) int {
	if w.err != nil || off < 0 || off >= w.size {
		return 0
	}
	if rest := w.size - off; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := w.r.ReadAt(p, off)
	if n < len(p) && err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		if w.enough {
			w.halted = true
			return 0
		}
		w.err = &ReadError{Offset: off, Err: err}
	}
	return n
}

// payload reads up to len(buf) bytes of b's payload and returns them.
func (w *walker) payload(b box, buf []byte) []byte {
	if n := b.end - b.body(); int64(len(buf)) > n {
		buf = buf[:n]
	}
	return buf[:w.read(b.body(), buf)]
}

// stopped reports whether the walk must end: a read failed or a cap was hit.
func (w *walker) stopped() bool { return w.err != nil || w.halted }

// children calls visit for each box in [start, end), the payload of a box at
// nesting depth-1 (0 for the top level). Each box advances the walk by at
// least its 8-byte header and sizes are clipped to the parent, so the loop
// ends; depth and box count are capped.
func (w *walker) children(start, end int64, depth int, visit func(b box, depth int)) {
	if depth > maxDepth {
		w.info.note("boxes nested deeper than %d levels at offset %d", maxDepth, start)
		return
	}
	end = min(end, w.size)
	for off := start; off < end && !w.stopped(); {
		if end-off < 8 {
			// QuickTime ends some lists with a 4-byte zero; only a short
			// tail at the top level means the file was cut.
			if depth == 0 {
				w.info.note("file ends inside a box header at offset %d", off)
			}
			return
		}
		w.visits++
		if w.visits > maxBoxes {
			if !w.enough {
				w.info.note("more than %d boxes: stopped reading", maxBoxes)
			}
			w.halted = true
			return
		}
		b, ok := w.header(off, end)
		if !ok {
			return
		}
		visit(b, depth)
		off = b.end
	}
}

// header reads the box header at off, inside a parent ending at end, and
// clips the box to the parent. ok is false when the header is unusable, after
// noting why: the walk cannot find the next box without it.
func (w *walker) header(off, end int64) (b box, ok bool) {
	var h [16]byte
	if w.read(off, h[:8]) < 8 {
		if !w.stopped() {
			w.info.note("file ends inside a box header at offset %d", off)
		}
		return b, false
	}
	copy(b.typ[:], h[4:8])
	b.off, b.hdr = off, 8
	avail := uint64(end - off)
	size := uint64(binary.BigEndian.Uint32(h[:4]))
	switch size {
	case 0: // the box runs to the end of its parent (of the file, at the top)
		size = avail
	case 1: // a 64-bit size follows the type
		if w.read(off+8, h[8:16]) < 8 {
			if !w.stopped() {
				w.info.note("box %q at offset %d: 64-bit size cut off", b.typ, off)
			}
			return b, false
		}
		size, b.hdr = binary.BigEndian.Uint64(h[8:16]), 16
	}
	if b.typ == (fourCC{'u', 'u', 'i', 'd'}) {
		b.hdr += 16
	}
	if size < uint64(b.hdr) {
		w.info.note("box %q at offset %d: size %d is smaller than its %d-byte header", b.typ, off, size, b.hdr)
		return b, false
	}
	if size > avail {
		// A cut file clips every box on the path to the cut; the outermost
		// says it all.
		if end < w.size || !w.cut {
			w.info.note("box %q at offset %d declares %d bytes, only %d remain", b.typ, off, size, avail)
		}
		w.cut = w.cut || end == w.size
		size, b.clipped = avail, true
		if size < uint64(b.hdr) {
			w.info.note("box %q at offset %d: cut off inside its header", b.typ, off)
			return b, false
		}
	}
	b.end = off + int64(size)
	return b, true
}

// containerBoxes are the boxes walk descends into: the ones that hold only
// boxes. Sample entries and full boxes with fields before their children
// are left to the inspector, which knows their layout.
var containerBoxes = map[fourCC]bool{
	{'m', 'o', 'o', 'v'}: true, {'t', 'r', 'a', 'k'}: true, {'m', 'd', 'i', 'a'}: true,
	{'m', 'i', 'n', 'f'}: true, {'s', 't', 'b', 'l'}: true, {'e', 'd', 't', 's'}: true,
	{'d', 'i', 'n', 'f'}: true, {'u', 'd', 't', 'a'}: true, {'m', 'v', 'e', 'x'}: true,
	{'m', 'o', 'o', 'f'}: true, {'t', 'r', 'a', 'f'}: true, {'s', 'i', 'n', 'f'}: true,
	{'s', 'c', 'h', 'i'}: true, {'w', 'a', 'v', 'e'}: true, {'m', 'f', 'r', 'a'}: true,
}

// walk visits every box of the file, descending into containerBoxes. It is
// the plain form of the walk the inspector does, for tests and fuzzing.
func (w *walker) walk(visit func(b box, depth int)) {
	var rec func(b box, depth int)
	rec = func(b box, depth int) {
		visit(b, depth)
		if containerBoxes[b.typ] {
			w.children(b.body(), b.end, depth+1, rec)
		}
	}
	w.children(0, w.size, 0, rec)
}
