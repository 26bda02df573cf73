//go:build !js

package webfiles

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHandler(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":      {Data: []byte("<!doctype html>")},
		"walint.js":       {Data: []byte("export {}")},
		"style.css":       {Data: []byte("body{}")},
		"walint.wasm":     {Data: []byte("\x00asm raw")},
		"walint.wasm.br":  {Data: []byte("brotli bytes")},
		"walint.wasm.gz":  {Data: []byte("gzip bytes")},
		"examples/a.json": {Data: []byte("{}")},
	}
	srv := httptest.NewServer(Handler(fsys))
	defer srv.Close()
	tests := []struct {
		path, accept               string
		wantType, wantEnc, wantVar string
		wantBody                   string
	}{
		{"/", "", "text/html; charset=utf-8", "", "", "<!doctype html>"},
		{"/walint.js", "gzip, br", "text/javascript; charset=utf-8", "", "", "export {}"},
		{"/style.css", "", "text/css; charset=utf-8", "", "", "body{}"},
		{"/walint.wasm", "", "application/wasm", "", "Accept-Encoding", "\x00asm raw"},
		{"/walint.wasm", "gzip, deflate, br, zstd", "application/wasm", "br", "Accept-Encoding", "brotli bytes"},
		{"/walint.wasm", "gzip", "application/wasm", "gzip", "Accept-Encoding", "gzip bytes"},
		{"/walint.wasm", "br;q=0, gzip;q=0.8", "application/wasm", "gzip", "Accept-Encoding", "gzip bytes"},
		{"/walint.wasm", "identity", "application/wasm", "", "Accept-Encoding", "\x00asm raw"},
		{"/examples/a.json", "", "application/json", "", "", "{}"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
		// Set explicitly: the transport would otherwise ask for gzip and decode it itself.
		req.Header.Set("Accept-Encoding", tt.accept)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != tt.wantType ||
			resp.Header.Get("Content-Encoding") != tt.wantEnc || resp.Header.Get("Vary") != tt.wantVar || string(body) != tt.wantBody {
			t.Errorf("GET %s (Accept-Encoding %q): %d, Content-Type %q, Content-Encoding %q, Vary %q, body %q; want 200, %q, %q, %q, %q",
				tt.path, tt.accept, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"),
				resp.Header.Get("Vary"), body, tt.wantType, tt.wantEnc, tt.wantVar, tt.wantBody)
		}
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"", "br", false},
		{"br", "br", true},
		{"gzip, deflate, br", "br", true},
		{"gzip, deflate", "br", false},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.0", "br", false},
		{"br;q=0.5", "br", true},
		{"*", "gzip", true},
		{"identity", "gzip", false},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

// TestWriteExamples: every example of wasm/examples.txt is copied, and the
// index names each, in the list's order, with the folder it comes from.
func TestWriteExamples(t *testing.T) {
	list, err := os.ReadFile("../examples.txt")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(string(list), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			want = append(want, line)
		}
	}

	dir := t.TempDir()
	if err := writeExamples("../..", dir); err != nil {
		t.Fatal(err)
	}
	var index []struct{ File, Group string }
	data, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range index {
		got = append(got, "testdata/"+e.Group+"/"+e.File)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("index lists\n%s\nwant, as wasm/examples.txt lists them,\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, e := range index {
		src, err := os.ReadFile(filepath.Join("../../testdata", e.Group, e.File))
		if err != nil {
			t.Errorf("%s/%s: %v", e.Group, e.File, err)
			continue
		}
		if got, err := os.ReadFile(filepath.Join(dir, e.File)); err != nil || !bytes.Equal(got, src) {
			t.Errorf("%s is not a copy of testdata/%s/%s (%v)", e.File, e.Group, e.File, err)
		}
	}
}
