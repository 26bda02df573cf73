package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

func TestContentRange(t *testing.T) {
	for _, tc := range []struct {
		h                 string
		start, end, total int64
		ok                bool
	}{
		{"bytes 0-65535/1000000", 0, 65535, 1000000, true},
		{"bytes 10-10/11", 10, 10, 11, true},
		{"bytes 0-99/*", 0, 99, -1, true},
		{"bytes */0", -1, -1, 0, true},
		{"bytes */5000", -1, -1, 5000, true},
		{"bytes 0-99/50", 0, 0, 0, false}, // end past total
		{"bytes 9-3/50", 0, 0, 0, false},
		{"bytes -1-3/50", 0, 0, 0, false},
		{"bytes 0-99", 0, 0, 0, false},
		{"items 0-99/100", 0, 0, 0, false},
		{"bytes 0-99/-1", 0, 0, 0, false},
		{"bytes 0-x/100", 0, 0, 0, false},
		{"", 0, 0, 0, false},
	} {
		start, end, total, err := contentRange(tc.h)
		if (err == nil) != tc.ok || (tc.ok && (start != tc.start || end != tc.end || total != tc.total)) {
			t.Errorf("contentRange(%q) = %d, %d, %d, %v; want %d, %d, %d, ok %v", tc.h, start, end, total, err, tc.start, tc.end, tc.total, tc.ok)
		}
	}
}

func TestMediaType(t *testing.T) {
	for h, want := range map[string]string{
		"image/jpeg":                 "image/jpeg",
		"Image/JPEG; charset=binary": "image/jpeg",
		"video/mp4;codecs=\"avc1\"":  "video/mp4",
		"  AUDIO/OGG ; x":            "audio/ogg",
		"":                           "",
	} {
		if got := mediaType(h); got != want {
			t.Errorf("mediaType(%q) = %q, want %q", h, got, want)
		}
	}
}

// TestBadRangeAnswer is a host whose 206 does not cover what was asked.
func TestBadRangeAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Range", "bytes 5-9/100")
		w.WriteHeader(http.StatusPartialContent)
		w.Write([]byte("01234"))
	}))
	defer srv.Close()
	_, err := testFetcher().Open(context.Background(), srv.URL+"/a.mp4")
	wantError(t, err, ReasonResponse, `Content-Range "bytes 5-9/100"`)
}

// TestObjectChangedWhileRead replaces the object between the first and the
// second range request: If-Range makes the host send it whole, and the
// read fails instead of mixing two files.
func TestObjectChangedWhileRead(t *testing.T) {
	data := mp4Like(200 << 10)
	var c counter
	var etag atomic.Value
	etag.Store(`"v1"`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag.Load().(string))
		http.ServeContent(countingWriter{w, &c}, r, "", time.Time{}, bytes.NewReader(data))
	}))
	defer srv.Close()
	obj, err := testFetcher().Open(context.Background(), srv.URL+"/a.mp4")
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	etag.Store(`"v2"`)
	_, err = obj.R.ReadAt(make([]byte, 8), obj.Size-8)
	wantError(t, err, ReasonResponse, "the object changed while it was being read")
}

// TestBodyTimeout is a host that sends the headers and the first 100 bytes
// of a 1000-byte body, then stalls until the client gives up: whichever
// limit ends the read, the failure is a timeout that says the body was
// slow, not a network failure. Both ways of reading a body are covered: a
// 206 answer (store) and a 200 answer from a host ignoring Range
// (readWhole).
func TestBodyTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		if r.URL.Path == "/ranged.mp4" {
			w.Header().Set("Content-Range", "bytes 0-999/1000")
			w.WriteHeader(http.StatusPartialContent)
		}
		w.Write(make([]byte, 100))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	for _, tc := range []struct {
		name     string
		opts     []Option
		deadline bool // the caller's context has a 100ms deadline
		text     string
	}{
		{"request limit", []Option{WithRequestTimeout(100 * time.Millisecond)}, false,
			"the body took longer than the 100ms per-request time limit to arrive"},
		{"item limit", []Option{WithItemTimeout(100 * time.Millisecond)}, false,
			"fetching took longer than the 100ms per-item time limit while the body was arriving"},
		{"caller's deadline", nil, true, "the caller's deadline passed"},
	} {
		for _, path := range []string{"/ranged.mp4", "/whole.mp4"} {
			t.Run(tc.name+path, func(t *testing.T) {
				ctx := context.Background()
				if tc.deadline {
					var cancel context.CancelFunc
					ctx, cancel = context.WithTimeout(ctx, 100*time.Millisecond)
					defer cancel()
				}
				_, err := testFetcher(tc.opts...).Open(ctx, srv.URL+path)
				if e := wantError(t, err, ReasonTimeout, tc.text); e != nil && !e.Timeout() {
					t.Error("Timeout() = false")
				}
			})
		}
	}
}

// TestBodyErrorTimeout covers the timeouts that do not come from a
// context: a deadline on the connection ends a body read with an error
// whose Timeout method says so.
func TestBodyErrorTimeout(t *testing.T) {
	r := &remote{f: New(), link: "https://x.example/a.jpg"}
	resp := &http.Response{Request: httptest.NewRequest(http.MethodGet, r.link, nil)}
	for _, tc := range []struct {
		err    error
		reason Reason
		detail string
	}{
		{os.ErrDeadlineExceeded, ReasonTimeout, "the body took too long to arrive: i/o timeout"},
		{fmt.Errorf("read tcp: %w", os.ErrDeadlineExceeded), ReasonTimeout, "the body took too long to arrive: read tcp: i/o timeout"},
		{context.DeadlineExceeded, ReasonTimeout, "the body took too long to arrive: context deadline exceeded"},
		{io.ErrUnexpectedEOF, ReasonNetwork, "reading the body: unexpected EOF"},
		{errors.New("connection reset by peer"), ReasonNetwork, "reading the body: connection reset by peer"},
	} {
		if e := r.bodyError(resp, tc.err); e.Reason != tc.reason || e.Detail != tc.detail {
			t.Errorf("bodyError(%v) = %s %q, want %s %q", tc.err, e.Reason, e.Detail, tc.reason, tc.detail)
		}
	}
}
