//go:build !js

// Package webfiles serves the checker page's files (wasm/web, after make
// wasm) with the Content-Types browsers insist on (application/wasm for
// compileStreaming, text/javascript for modules) and the precompressed
// walint.wasm.br or .gz when the browser accepts it. wasm/serve serves it
// on localhost; the browser tests serve their build with it.
package webfiles

import (
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// types are the Content-Types of the page's files, set here rather than
// taken from the system's MIME table, which varies from machine to machine
// (and on some lacks application/wasm).
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".wasm": "application/wasm",
	".ts":   "text/plain; charset=utf-8",
}

// encodings are the precompressed siblings tried, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the files of fsys. For a file with a .br or .gz sibling it
// serves the sibling with Content-Encoding when the request accepts it, and
// says Vary: Accept-Encoding either way so that caches keep both.
func Handler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		h := w.Header()
		if t, ok := types[path.Ext(name)]; ok {
			h.Set("Content-Type", t)
		} else if t := mime.TypeByExtension(path.Ext(name)); t != "" {
			h.Set("Content-Type", t)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache") // Revalidate: make wasm replaces files in place.
		varies := false
		for _, enc := range encodings {
			f, err := fsys.Open(name + enc.ext)
			if err != nil {
				continue
			}
			defer f.Close()
			if !varies {
				h.Add("Vary", "Accept-Encoding")
				varies = true
			}
			st, err := f.Stat()
			rs, ok := f.(io.ReadSeeker)
			if err != nil || !ok || !accepts(r.Header.Get("Accept-Encoding"), enc.name) {
				continue
			}
			h.Set("Content-Encoding", enc.name)
			// ServeContent answers Range requests against the encoded bytes,
			// which is what Content-Encoding means.
			http.ServeContent(w, r, name, st.ModTime(), rs)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// accepts reports whether an Accept-Encoding header accepts the coding:
// named (or *) without q=0.
func accepts(header, coding string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) && strings.TrimSpace(name) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
