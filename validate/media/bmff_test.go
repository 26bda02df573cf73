package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// bx builds a box with a 32-bit size around the concatenated payloads.
func bx(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(b, typ...), body...)
}

// bx64 builds a box header with a 64-bit size (size field 1) claiming size
// bytes, followed by payload, whatever its real length.
func bx64(typ string, size uint64, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, 1)
	b = append(b, typ...)
	b = binary.BigEndian.AppendUint64(b, size)
	return append(b, payload...)
}

var ftypIsom = bx("ftyp", []byte("isom\x00\x00\x02\x00isomiso2avc1mp41"))

// countingReader counts calls and bytes, to prove the work is bounded
// without timing anything.
type countingReader struct {
	r interface {
		ReadAt([]byte, int64) (int, error)
	}
	calls, bytes atomic.Int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	c.calls.Add(1)
	n, err := c.r.ReadAt(p, off)
	c.bytes.Add(int64(n))
	return n, err
}

func inspectBytes(t *testing.T, data []byte) (*Info, *countingReader) {
	t.Helper()
	cr := &countingReader{r: bytes.NewReader(data)}
	info, err := Inspect(cr, int64(len(data)))
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return info, cr
}

func TestNestingCapped(t *testing.T) {
	// 100 levels of moov inside moov, for the plain walk, and 100 levels of
	// wave inside an mp4a sample entry, which the inspector does descend.
	var nest []byte
	for range 100 {
		nest = bx("moov", nest)
	}
	w := &walker{r: bytes.NewReader(nest), size: int64(len(nest)), info: &Info{}}
	boxes, deepest := 0, 0
	w.walk(func(b box, depth int) { boxes++; deepest = max(deepest, depth) })
	if deepest != maxDepth || boxes != maxDepth+1 {
		t.Errorf("walk went %d levels deep over %d boxes, want %d and %d", deepest, boxes, maxDepth, maxDepth+1)
	}
	if !strings.Contains(w.info.Damaged, "nested deeper than 16 levels") {
		t.Errorf("Damaged = %q, want the nesting cap", w.info.Damaged)
	}

	var wave []byte
	for range 100 {
		wave = bx("wave", wave)
	}
	entry := bx("mp4a", make([]byte, 28), wave)
	moov := bx("moov", bx("trak",
		bx("mdia", bx("hdlr", make([]byte, 8), []byte("soun"), make([]byte, 12)),
			bx("minf", bx("stbl", bx("stsd", make([]byte, 8), entry))))))
	file := append(bytes.Clone(ftypIsom), moov...)
	info, cr := inspectBytes(t, file)
	if !strings.Contains(info.Damaged, "nested deeper") {
		t.Errorf("Damaged = %q, want the nesting cap", info.Damaged)
	}
	if got := strings.Join(trackSummary(info), " "); got != "audio:aac" {
		t.Errorf("tracks = %q, want the audio track read before the nesting", got)
	}
	if cr.calls.Load() > 100 {
		t.Errorf("%d reads for a %d-byte file", cr.calls.Load(), len(file))
	}
}

func TestHugeBoxSize(t *testing.T) {
	// An mdat claiming 2^63 bytes: clipped to the file, never read.
	file := append(bytes.Clone(ftypIsom), bx64("mdat", 1<<63, make([]byte, 64))...)
	info, cr := inspectBytes(t, file)
	for _, want := range []string{`"mdat" at offset 32 declares 9223372036854775808 bytes, only 80 remain`, "no moov box"} {
		if !strings.Contains(info.Damaged, want) {
			t.Errorf("Damaged = %q, want %q", info.Damaged, want)
		}
	}
	// The head for sniffing, then box headers only.
	if n := cr.bytes.Load(); n > int64(len(file))+64 {
		t.Errorf("read %d bytes of a %d-byte file", n, len(file))
	}

	// A file of 2^62 bytes, with moov after an mdat of nearly all of it: the
	// walk seeks over mdat and reads moov at the far end.
	moov := bx("moov", bx("trak", bx("mdia", bx("hdlr", make([]byte, 8), []byte("vide"), make([]byte, 12)),
		bx("minf", bx("stbl", bx("stsd", make([]byte, 8), bx("avc1", make([]byte, 78))))))))
	const size = 1 << 62
	mdatSize := uint64(size - len(ftypIsom) - len(moov))
	sparse := &sparseReader{size: size, parts: map[int64][]byte{
		0:                       append(bytes.Clone(ftypIsom), bx64("mdat", mdatSize, nil)...),
		size - int64(len(moov)): moov,
	}}
	cr = &countingReader{r: sparse}
	info, err := Inspect(cr, size)
	if err != nil {
		t.Fatal(err)
	}
	if info.Damaged != "" || info.Descriptor() != "video/mp4/h264/NONE" {
		t.Errorf("Damaged = %q, Descriptor() = %q; want intact video/mp4/h264/NONE", info.Damaged, info.Descriptor())
	}
	if cr.bytes.Load() > 16<<10 {
		t.Errorf("read %d bytes of a 2^62-byte file", cr.bytes.Load())
	}
}

// sparseReader is a huge file of zeros with a few parts filled in.
type sparseReader struct {
	size  int64
	parts map[int64][]byte
}

func (s *sparseReader) ReadAt(p []byte, off int64) (int, error) {
	clear(p)
	for at, part := range s.parts {
		if at < off+int64(len(p)) && off < at+int64(len(part)) {
			if at >= off {
				copy(p[at-off:], part)
			} else {
				copy(p, part[off-at:])
			}
		}
	}
	return len(p), nil
}

func TestBadBoxSizes(t *testing.T) {
	tests := []struct {
		name    string
		file    []byte
		damaged string
	}{
		{"64-bit size smaller than header", append(bytes.Clone(ftypIsom), bx64("moov", 8, make([]byte, 32))...),
			`box "moov" at offset 32: size 8 is smaller than its 16-byte header`},
		{"64-bit size cut off", append(bytes.Clone(ftypIsom), 0, 0, 0, 1, 'm', 'o', 'o', 'v', 0, 0),
			`box "moov" at offset 32: 64-bit size cut off`},
		{"32-bit size below 8", append(bytes.Clone(ftypIsom), 0, 0, 0, 5, 'm', 'o', 'o', 'v', 0, 0, 0, 0),
			`box "moov" at offset 32: size 5 is smaller than its 8-byte header`},
		{"child larger than parent", append(bytes.Clone(ftypIsom), bx("moov", bx64("trak", 1000, nil))...),
			`box "trak" at offset 40 declares 1000 bytes, only 16 remain`},
		{"header cut", append(bytes.Clone(ftypIsom), 0, 0, 1),
			"file ends inside a box header at offset 32"},
		{"uuid header cut", append(bytes.Clone(ftypIsom), bx("uuid", []byte{1, 2, 3})...),
			`box "uuid" at offset 32: size 11 is smaller than its 24-byte header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, _ := inspectBytes(t, tt.file)
			if !strings.Contains(info.Damaged, tt.damaged) {
				t.Errorf("Damaged = %q, want %q", info.Damaged, tt.damaged)
			}
		})
	}
}

func TestZeroSizeBoxes(t *testing.T) {
	// Size 0 means "to the end of the parent": a chain of them nests rather
	// than loops, and the caps still hold.
	var file []byte
	for range 1000 {
		file = append(file, 0, 0, 0, 0, 'm', 'o', 'o', 'v')
	}
	w := &walker{r: bytes.NewReader(file), size: int64(len(file)), info: &Info{}}
	boxes := 0
	w.walk(func(box, int) { boxes++ })
	if boxes != maxDepth+1 {
		t.Errorf("walk visited %d boxes, want %d", boxes, maxDepth+1)
	}
	// Zero-size boxes that are not containers end the walk at once.
	file = append(bytes.Clone(ftypIsom), bytes.Repeat([]byte{0, 0, 0, 0, 'f', 'r', 'e', 'e'}, 1000)...)
	info, cr := inspectBytes(t, file)
	if cr.calls.Load() > 10 || !strings.Contains(info.Damaged, "no moov box") {
		t.Errorf("%d reads, Damaged = %q", cr.calls.Load(), info.Damaged)
	}
}

func TestManyBoxesCapped(t *testing.T) {
	file := append(bytes.Clone(ftypIsom), bytes.Repeat(bx("free"), 1_000_000)...)
	info, cr := inspectBytes(t, file)
	if !strings.Contains(info.Damaged, "more than 10000 boxes") {
		t.Errorf("Damaged = %q, want the box cap", info.Damaged)
	}
	if n := cr.calls.Load(); n > maxBoxes+10 {
		t.Errorf("%d reads, want at most about %d", n, maxBoxes)
	}
}

func TestTruncatedEveryOffset(t *testing.T) {
	for _, name := range []string{"video_h264_aac.mp4", "video_h264_aac_moov_end.mp4", "video_h263_amr.3gp",
		"audio_opus.ogg", "image_64x48.jpg", "image_64x48.png", "sticker_animated_512.webp", "image_300x200.webp"} {
		data, err := os.ReadFile(filepath.Join(mediaDir, name))
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(data) {
			info, err := Inspect(bytes.NewReader(data[:n]), int64(n))
			if err != nil {
				t.Fatalf("%s cut at %d: %v", name, n, err)
			}
			checkBounded(t, info)
		}
	}
}

// checkBounded asserts what must hold for any input.
func checkBounded(t *testing.T, info *Info) {
	t.Helper()
	if len(info.Tracks) > maxTracks {
		t.Fatalf("%d tracks", len(info.Tracks))
	}
	if info.Damaged != "" && len(strings.Split(info.Damaged, "; ")) > maxNotes {
		t.Fatalf("Damaged has more than %d notes: %q", maxNotes, info.Damaged)
	}
	if info.Width < 0 || info.Height < 0 || info.Duration < 0 {
		t.Fatalf("negative size or duration: %+v", info)
	}
	_ = info.Descriptor()
}

// failingReader fails every read that reaches past ok bytes, as a range
// fetch past its byte cap would.
type failingReader struct {
	data []byte
	ok   int64
}

var errFetch = errors.New("range fetch refused")

func (f failingReader) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) > f.ok {
		return 0, errFetch
	}
	return bytes.NewReader(f.data).ReadAt(p, off)
}

func TestReadError(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(mediaDir, "video_h264_aac_moov_end.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ok := range []int64{0, headSize} {
		_, err := Inspect(failingReader{data, ok}, int64(len(data)))
		var re *ReadError
		if !errors.As(err, &re) || !errors.Is(err, errFetch) {
			t.Errorf("readable up to %d: Inspect = %v, want a *ReadError wrapping errFetch", ok, err)
		}
	}
}

func TestEmptyAndShort(t *testing.T) {
	info, _ := inspectBytes(t, nil)
	if info.MIME != "application/octet-stream" || info.Damaged != "file is empty" {
		t.Errorf("empty file: MIME %q, Damaged %q", info.MIME, info.Damaged)
	}
	// A size larger than the bytes behind it is a cut file, not an error.
	data, err := os.ReadFile(filepath.Join(mediaDir, "video_h264_aac.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	info, err = Inspect(bytes.NewReader(data[:1000]), int64(len(data)))
	if err != nil || !strings.Contains(info.Damaged, "file is shorter than its stated size (1000 of 5315 bytes)") {
		t.Errorf("Inspect = %v, Damaged %q", err, info.Damaged)
	}
	if _, err := Inspect(nil, 10); err == nil {
		t.Error("Inspect(nil, 10) succeeded")
	}
}

func TestAfterMoovIsBestEffort(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(mediaDir, "video_h264_aac.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	// A fragmented file with more fragments than the box cap.
	frag := append(bytes.Clone(data), bytes.Repeat(bx("moof"), maxBoxes)...)
	info, _ := inspectBytes(t, frag)
	if info.Damaged != "" || info.Descriptor() != "video/mp4/h264/aac" {
		t.Errorf("Damaged = %q, Descriptor() = %q", info.Damaged, info.Descriptor())
	}
	// A fetcher holding only the head and moov: mdat is never read, and its
	// header lies inside the head.
	info, err = Inspect(failingReader{data, headSize}, int64(len(data))+1<<20)
	if err != nil || info.Descriptor() != "video/mp4/h264/aac" || info.Damaged != "" {
		t.Errorf("Inspect = %+v, %v", info, err)
	}
}
