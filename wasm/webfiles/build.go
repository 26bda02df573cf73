//go:build !js

package webfiles

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
)

// Build writes the files the page needs besides its sources into dir: the
// module (built from repo/wasm for js/wasm with -trimpath -ldflags='-s -w'),
// wasm_exec.js from the toolchain that built it, and the examples listed in
// repo/wasm/examples.txt with the index.json the page reads. walint.wasm is
// replaced only when it changed, so that what was made from it (make wasm's
// compressed copies) stays newer than it. make wasm and the browser tests
// both build with it.
func Build(repo, dir string) error {
	return BuildVersion(repo, dir, "")
}

// BuildVersion is Build with the module's version stamped (-X
// main.releaseVersion), for a release: the page's footer and its SARIF then
// name it. "" leaves the module's own, "(devel)" from a checkout.
func BuildVersion(repo, dir, version string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	module := filepath.Join(dir, "walint.wasm")
	ldflags := "-s -w"
	if version != "" {
		ldflags += " -X main.releaseVersion=" + version
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags="+ldflags, "-o", module+".new", "./wasm")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the module: %v\n%s", err, out)
	}
	if err := replaceIfChanged(module+".new", module); err != nil {
		return err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	execJS := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js")
	if _, err := os.Stat(execJS); err != nil {
		execJS = filepath.Join(strings.TrimSpace(string(goroot)), "misc", "wasm", "wasm_exec.js") // before Go 1.24
	}
	if err := copyFile(execJS, filepath.Join(dir, "wasm_exec.js")); err != nil {
		return err
	}
	return writeExamples(repo, filepath.Join(dir, "examples"))
}

// compressors are the module's precompressed copies, by extension, as
// Handler serves them: brotli at its best quality with its largest
// standard window (16 MB, more than the module), and gzip at its best with
// an empty header (no name, no time), as gzip -9 -n writes it.
var compressors = []struct {
	ext, name string
	new       func(io.Writer) io.WriteCloser
}{
	{".gz", "gzip -9", func(w io.Writer) io.WriteCloser {
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
		return zw
	}},
	{".br", "brotli -q 11", func(w io.Writer) io.WriteCloser {
		return brotli.NewWriterOptions(w, brotli.WriterOptions{Quality: 11, LGWin: 24})
	}},
}

// Compress writes dir/walint.wasm's precompressed copies, walint.wasm.gz
// and walint.wasm.br, in Go rather than by the gzip and brotli programs:
// make wasm (and so make dist) then needs no program besides go, and the
// same module gives the same bytes on every machine with the same Go. A
// copy newer than the module is kept, since Build replaces the module
// only when it changed and brotli takes half a minute on it; each copy
// made is reported to log.
func Compress(dir string, log io.Writer) error {
	module := filepath.Join(dir, "walint.wasm")
	st, err := os.Stat(module)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(module)
	if err != nil {
		return err
	}
	for _, c := range compressors {
		target := module + c.ext
		if ct, err := os.Stat(target); err == nil && ct.ModTime().After(st.ModTime()) {
			continue
		}
		start := time.Now()
		n, err := compressFile(target, data, c.new)
		if err != nil {
			return fmt.Errorf("compressing %s with %s: %w", module, c.name, err)
		}
		fmt.Fprintf(log, "%s: %d bytes (%s, %v)\n", target, n, c.name, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// compressFile writes data compressed to target by way of target.new, so
// that a run cut short leaves no copy that looks newer than its module,
// and returns the compressed size.
func compressFile(target string, data []byte, newWriter func(io.Writer) io.WriteCloser) (int, error) {
	var buf bytes.Buffer
	w := newWriter(&buf)
	if _, err := w.Write(data); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	if err := os.WriteFile(target+".new", buf.Bytes(), 0o644); err != nil {
		return 0, err
	}
	return buf.Len(), os.Rename(target+".new", target)
}

// replaceIfChanged moves from to to, unless to already holds the same bytes.
func replaceIfChanged(from, to string) error {
	a, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if b, err := os.ReadFile(to); err == nil && bytes.Equal(a, b) {
		return os.Remove(from)
	}
	return os.Rename(from, to)
}

// writeExamples copies the examples of repo/wasm/examples.txt into dir,
// afresh, with the index.json the page reads: each file's name and the
// folder it comes from (clean, examples).
func writeExamples(repo, dir string) error {
	f, err := os.Open(filepath.Join(repo, "wasm", "examples.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	type entry struct {
		File  string `json:"file"`
		Group string `json:"group"`
	}
	index := []entry{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.TrimSpace(sc.Text())
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		if err := copyFile(filepath.Join(repo, p), filepath.Join(dir, path.Base(p))); err != nil {
			return err
		}
		index = append(index, entry{path.Base(p), path.Base(path.Dir(p))})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	data, err := json.Marshal(index)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.json"), append(data, '\n'), 0o644)
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
