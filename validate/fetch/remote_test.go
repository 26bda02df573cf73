package fetch

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
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
