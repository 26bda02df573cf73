//go:build !js

package webfiles

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// module is a stand-in for walint.wasm: compressible, and small enough
// that brotli at quality 11 takes milliseconds.
var module = []byte(strings.Repeat("\x00asm walint module ", 4096))

func writeModule(t *testing.T, dir string, content []byte, at time.Time) {
	t.Helper()
	p := filepath.Join(dir, "walint.wasm")
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, at, at); err != nil {
		t.Fatal(err)
	}
}

// TestCompress checks that Compress writes both copies with no program
// besides the test (PATH is empty), that each decompresses to the module,
// and that two directories with the same module get the same bytes.
func TestCompress(t *testing.T) {
	t.Setenv("PATH", "")
	at := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	var first map[string][]byte
	for range 2 {
		dir := t.TempDir()
		writeModule(t, dir, module, at)
		if err := Compress(dir, io.Discard); err != nil {
			t.Fatalf("Compress: %v", err)
		}
		got := map[string][]byte{}
		for _, ext := range []string{".gz", ".br"} {
			b, err := os.ReadFile(filepath.Join(dir, "walint.wasm"+ext))
			if err != nil {
				t.Fatal(err)
			}
			got[ext] = b
		}
		zr, err := gzip.NewReader(bytes.NewReader(got[".gz"]))
		if err != nil {
			t.Fatalf("walint.wasm.gz: %v", err)
		}
		if zr.Name != "" || !zr.ModTime.IsZero() {
			t.Errorf("walint.wasm.gz's header names %q at %v, want neither (gzip -n)", zr.Name, zr.ModTime)
		}
		checkDecompressed(t, "walint.wasm.gz", zr)
		checkDecompressed(t, "walint.wasm.br", brotli.NewReader(bytes.NewReader(got[".br"])))
		if first == nil {
			first = got
			continue
		}
		for ext, b := range got {
			if !bytes.Equal(b, first[ext]) {
				t.Errorf("walint.wasm%s differs between two directories with the same module", ext)
			}
		}
	}
}

func checkDecompressed(t *testing.T, name string, r io.Reader) {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if !bytes.Equal(b, module) {
		t.Errorf("%s decompresses to %d bytes, want the module's %d", name, len(b), len(module))
	}
}

// TestCompressOnlyWhenChanged checks that a copy newer than the module is
// kept (Build replaces the module only when it changed, and brotli at
// quality 11 takes half a minute on the real one) and that a copy older
// than the module is made again.
func TestCompressOnlyWhenChanged(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	writeModule(t, dir, module, at)
	for _, ext := range []string{".gz", ".br"} {
		p := filepath.Join(dir, "walint.wasm"+ext)
		if err := os.WriteFile(p, []byte("kept"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, at.Add(time.Second), at.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	if err := Compress(dir, io.Discard); err != nil {
		t.Fatalf("Compress: %v", err)
	}
	for _, ext := range []string{".gz", ".br"} {
		if b, _ := os.ReadFile(filepath.Join(dir, "walint.wasm"+ext)); string(b) != "kept" {
			t.Errorf("walint.wasm%s newer than the module was made again", ext)
		}
	}

	writeModule(t, dir, module, at.Add(2*time.Second))
	if err := Compress(dir, io.Discard); err != nil {
		t.Fatalf("Compress: %v", err)
	}
	for _, ext := range []string{".gz", ".br"} {
		if b, _ := os.ReadFile(filepath.Join(dir, "walint.wasm"+ext)); string(b) == "kept" {
			t.Errorf("walint.wasm%s older than the module was kept", ext)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "walint.wasm.br.new")); err == nil {
		t.Error("walint.wasm.br.new was left behind")
	}
}
