package fetch

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/walint/walint/validate/media"
)

// counter counts what a test server sent, to prove what was downloaded.
type counter struct {
	requests atomic.Int64
	ranged   atomic.Int64 // requests that carried a Range header
	bytes    atomic.Int64 // body bytes written
}

type countingWriter struct {
	http.ResponseWriter
	c *counter
}

func (w countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.c.bytes.Add(int64(n))
	return n, err
}

// serve returns a handler that serves data with Range support, counting.
func serve(c *counter, contentType string, data []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.requests.Add(1)
		if r.Header.Get("Range") != "" {
			c.ranged.Add(1)
		}
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("ETag", `"v1"`)
		http.ServeContent(countingWriter{w, c}, r, "", time.Time{}, bytes.NewReader(data))
	}
}

// serveIgnoringRange returns a handler that always sends the whole body
// with 200, as some hosts do; withLength false sends it chunked.
func serveIgnoringRange(c *counter, data []byte, withLength bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c.requests.Add(1)
		w.Header().Set("Content-Type", "image/jpeg")
		if withLength {
			w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		}
		countingWriter{w, c}.Write(data)
	}
}

// testFetcher allows http and loopback, for httptest servers.
func testFetcher(opts ...Option) *Fetcher {
	return New(append([]Option{AllowHTTP(), allowLoopbackForTesting()}, opts...)...)
}

// box is an MP4 box header followed by payload.
func box(typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(b, typ...), payload...)
}

// mp4Like is an ftyp box, a large mdat and a moov box at the end: the
// layout of a file that was not made "fast start".
func mp4Like(mdatSize int) []byte {
	mdat := make([]byte, mdatSize)
	for i := range mdat {
		mdat[i] = byte(i * 7)
	}
	moov := box("moov", box("mvhd", bytes.Repeat([]byte{1}, 2000)))
	out := box("ftyp", []byte("isom\x00\x00\x02\x00isomavc1"))
	out = append(out, box("mdat", mdat)...)
	return append(out, moov...)
}

// walkTop reads the top-level boxes the way an inspector does: header by
// header, skipping payloads, then reads the whole moov box.
func walkTop(t *testing.T, r io.ReaderAt, size int64) (types []string, moov []byte) {
	t.Helper()
	var hdr [8]byte
	for off := int64(0); off < size; {
		if _, err := r.ReadAt(hdr[:], off); err != nil {
			t.Fatalf("reading box header at %d: %v", off, err)
		}
		n, typ := int64(binary.BigEndian.Uint32(hdr[:4])), string(hdr[4:])
		types = append(types, typ)
		if typ == "moov" {
			moov = make([]byte, n)
			if _, err := r.ReadAt(moov, off); err != nil {
				t.Fatalf("reading moov: %v", err)
			}
		}
		off += n
	}
	return types, moov
}

func TestRangedReadsOnlyHeadAndTail(t *testing.T) {
	data := mp4Like(3 << 20)
	var c counter
	srv := httptest.NewServer(serve(&c, "video/mp4", data))
	defer srv.Close()

	obj, err := testFetcher().Open(context.Background(), srv.URL+"/clip.mp4")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	if obj.Size != int64(len(data)) {
		t.Errorf("Size = %d, want %d", obj.Size, len(data))
	}
	types, moov := walkTop(t, obj.R, obj.Size)
	if got := strings.Join(types, " "); got != "ftyp mdat moov" {
		t.Errorf("boxes = %q, want ftyp mdat moov", got)
	}
	if want := data[len(data)-len(moov):]; !bytes.Equal(moov, want) {
		t.Error("moov bytes differ from the served file")
	}
	// The head chunk and the chunk holding moov, nothing of mdat between.
	if got, max := c.bytes.Load(), int64(2*DefaultChunkSize); got > max {
		t.Errorf("server sent %d bytes, want at most %d (head and tail chunks)", got, max)
	}
	if got := c.requests.Load(); got != 2 || c.ranged.Load() != got {
		t.Errorf("server saw %d requests, %d with Range; want 2, both ranged", got, c.ranged.Load())
	}
	// Reading the head again is served from the cache.
	if _, err := obj.R.ReadAt(make([]byte, 100), 0); err != nil || c.requests.Load() != 2 {
		t.Errorf("re-reading the head: err %v, requests %d; want cached", err, c.requests.Load())
	}
}

func TestReadAcrossChunksAndEOF(t *testing.T) {
	data := mp4Like(200 << 10)
	var c counter
	srv := httptest.NewServer(serve(&c, "video/mp4", data))
	defer srv.Close()

	obj, err := testFetcher(WithChunkSize(1000)).Open(context.Background(), srv.URL+"/a.mp4")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	got := make([]byte, 5000)
	if n, err := obj.R.ReadAt(got, 500); n != 5000 || err != nil || !bytes.Equal(got, data[500:5500]) {
		t.Fatalf("ReadAt(5000 at 500) = %d, %v; bytes equal %v", n, err, bytes.Equal(got, data[500:5500]))
	}
	tail := make([]byte, 100)
	n, err := obj.R.ReadAt(tail, obj.Size-40)
	if n != 40 || err != io.EOF || !bytes.Equal(tail[:40], data[len(data)-40:]) {
		t.Errorf("ReadAt past the end = %d, %v; want 40, io.EOF", n, err)
	}
	if n, err := obj.R.ReadAt(tail, obj.Size); n != 0 || err != io.EOF {
		t.Errorf("ReadAt at the end = %d, %v; want 0, io.EOF", n, err)
	}
	// The whole file through an io.SectionReader matches.
	all, err := io.ReadAll(io.NewSectionReader(obj.R, 0, obj.Size))
	if err != nil || !bytes.Equal(all, data) {
		t.Errorf("reading everything: err %v, equal %v", err, bytes.Equal(all, data))
	}
}

func TestConcurrentReads(t *testing.T) {
	data := mp4Like(512 << 10)
	var c counter
	srv := httptest.NewServer(serve(&c, "video/mp4", data))
	defer srv.Close()
	obj, err := testFetcher(WithChunkSize(4096)).Open(context.Background(), srv.URL+"/a.mp4")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			buf := make([]byte, 3000)
			for off := int64(g * 1000); off+3000 < obj.Size; off += 40000 {
				if _, err := obj.R.ReadAt(buf, off); err != nil || !bytes.Equal(buf, data[off:off+3000]) {
					t.Errorf("ReadAt(%d): %v", off, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestServerIgnoringRange(t *testing.T) {
	data := bytes.Repeat([]byte("jpeg"), 10000)
	var c counter
	srv := httptest.NewServer(serveIgnoringRange(&c, data, true))
	defer srv.Close()

	obj, err := testFetcher().Open(context.Background(), srv.URL+"/a.jpg")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	if obj.Size != int64(len(data)) {
		t.Errorf("Size = %d, want %d", obj.Size, len(data))
	}
	all, err := io.ReadAll(io.NewSectionReader(obj.R, 0, obj.Size))
	if err != nil || !bytes.Equal(all, data) {
		t.Errorf("reading everything: err %v, equal %v", err, bytes.Equal(all, data))
	}
	if c.requests.Load() != 1 {
		t.Errorf("server saw %d requests, want 1: the body is kept", c.requests.Load())
	}
}

func TestByteCapRanged(t *testing.T) {
	data := mp4Like(1 << 20)
	var c counter
	srv := httptest.NewServer(serve(&c, "video/mp4", data))
	defer srv.Close()

	f := testFetcher(WithChunkSize(64<<10), WithMaxBytes(128<<10))
	obj, err := f.Open(context.Background(), srv.URL+"/a.mp4")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	buf := make([]byte, 16)
	if _, err := obj.R.ReadAt(buf, obj.Size-16); err != nil {
		t.Fatalf("reading the tail within the cap: %v", err)
	}
	_, err = obj.R.ReadAt(buf, obj.Size/2)
	wantError(t, err, ReasonTooLarge, "128 KiB byte cap")
	if got := c.bytes.Load(); got > 128<<10 {
		t.Errorf("server sent %d bytes, over the 128 KiB cap", got)
	}
}

func TestByteCapIgnoringRange(t *testing.T) {
	data := bytes.Repeat([]byte{0xff}, 100<<10)
	for _, withLength := range []bool{true, false} {
		var c counter
		srv := httptest.NewServer(serveIgnoringRange(&c, data, withLength))
		obj, err := testFetcher(WithMaxBytes(10<<10)).Open(context.Background(), srv.URL+"/big.jpg")
		if !withLength {
			// Without a length the size is unknown, so nothing can be served.
			wantError(t, err, ReasonTooLarge, "without saying the size")
			srv.Close()
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if obj.Size != int64(len(data)) {
			t.Errorf("Size = %d, want %d from Content-Length", obj.Size, len(data))
		}
		if _, err := obj.R.ReadAt(make([]byte, 1024), 0); err != nil {
			t.Errorf("reading the head within the cap: %v", err)
		}
		n, err := obj.R.ReadAt(make([]byte, 1024), 10<<10-24)
		if n != 24 {
			t.Errorf("read across the cap returned %d bytes, want the 24 under it", n)
		}
		wantError(t, err, ReasonTooLarge, "10 KiB byte cap")
		obj.Close()
		srv.Close()
	}
}

func TestContentTypeRecorded(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"Video/MP4; codecs=\"avc1.42E01E\"", "video/mp4"},
		{"audio/ogg", "audio/ogg"},
		{"IMAGE/JPEG;", "image/jpeg"},
		{"", ""},
	} {
		var c counter
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// Set an empty value explicitly so ServeContent does not sniff one.
			w.Header()["Content-Type"] = []string{tc.header}
			serve(&c, tc.header, []byte("0123456789")).ServeHTTP(w, r)
		}))
		obj, err := testFetcher().Open(context.Background(), srv.URL+"/x")
		if err != nil {
			t.Fatal(err)
		}
		if obj.ContentType != tc.want {
			t.Errorf("Content-Type %q recorded as %q, want %q", tc.header, obj.ContentType, tc.want)
		}
		obj.Close()
		srv.Close()
	}
}

func TestEmptyObject(t *testing.T) {
	var c counter
	srv := httptest.NewServer(serve(&c, "image/png", nil))
	defer srv.Close()
	obj, err := testFetcher().Open(context.Background(), srv.URL+"/empty.png")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := obj.R.ReadAt(make([]byte, 1), 0); obj.Size != 0 || n != 0 || err != io.EOF {
		t.Errorf("empty object: Size %d, ReadAt = %d, %v", obj.Size, n, err)
	}
}

func TestNotFound(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusGone} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "no", status)
		}))
		link := srv.URL + "/missing.jpg"
		_, err := testFetcher().Open(context.Background(), link)
		var nf *media.NotFoundError
		if !errors.As(err, &nf) || nf.Link != link || !strings.Contains(err.Error(), strconv.Itoa(status)) {
			t.Errorf("status %d: err = %v, want a *media.NotFoundError naming the status", status, err)
		}
		srv.Close()
	}
}

func TestServerError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer srv.Close()
	_, err := testFetcher().Open(context.Background(), srv.URL+"/a.jpg")
	e := wantError(t, err, ReasonStatus, "500 Internal Server Error")
	if e != nil && e.Status != 500 {
		t.Errorf("Status = %d, want 500", e.Status)
	}
}

// wantError checks that err is an *Error with the reason and a message
// containing text, and returns it.
func wantError(t *testing.T, err error, reason Reason, text string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("err = %v (%T), want an *Error with reason %s", err, err, reason)
		return nil
	}
	if e.Reason != reason || !strings.Contains(e.Error(), text) {
		t.Errorf("err = %q (reason %s), want reason %s and a message containing %q", e, e.Reason, reason, text)
	}
	return e
}
