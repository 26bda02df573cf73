package scripts_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// rehearsalChangelog is a changelog in Keep a Changelog's form, with the
// section the release's notes must be.
const rehearsalChangelog = `# Changelog

## [Unreleased]

- Not in 1.0.0.

## [1.0.0] - 2026-12-10

### Added

- Everything.

[unreleased]: https://github.com/walint/walint/compare/v1.0.0...HEAD
[1.0.0]: https://github.com/walint/walint/releases/tag/v1.0.0
`

// TestRehearsal runs docs/releasing.md's rehearsal, make dist
// VERSION=v1.0.0, for this machine's platform alone, with the page built
// into a directory of its own and a brotli first on PATH that fails and
// records that it ran: make dist must need no compression program. It
// checks every artifact: the archives, the page with its module's
// precompressed copies, the npm tarball with the version, SHA256SUMS over
// them all, and the release notes. It builds the module and the npm
// package's two modules and compresses all three at brotli's best, a few
// minutes on two cores, so it runs with CI=true or WALINT_TEST_DIST=1 as
// TestDist does.
func TestRehearsal(t *testing.T) {
	if testing.Short() || (os.Getenv("CI") != "true" && os.Getenv("WALINT_TEST_DIST") != "1") {
		t.Skip("builds a release: runs with CI=true or WALINT_TEST_DIST=1, not with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("make dist runs on Linux and macOS")
	}
	for _, tool := range []string{"make", "node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	tmp := t.TempDir()
	web, out, stubs := filepath.Join(tmp, "web"), filepath.Join(tmp, "dist"), filepath.Join(tmp, "bin")
	copyPageSources(t, web)
	changelog := filepath.Join(tmp, "CHANGELOG.md")
	called := filepath.Join(tmp, "brotli-ran")
	for name, content := range map[string]string{
		changelog:                      rehearsalChangelog,
		filepath.Join(stubs, "brotli"): "#!/bin/sh\necho \"$@\" >>'" + called + "'\nexit 1\n",
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	platform := runtime.GOOS + "/" + runtime.GOARCH
	cmd := exec.Command("make", "--no-print-directory", "-C", "..", "dist", "VERSION=v1.0.0",
		"WASM_WEB="+web, "DIST="+out, "CHANGELOG="+changelog, "PLATFORMS="+platform,
		"NPM_QUALITY=1") // a release's 11 takes a minute of CI; what is tested is that nothing but Go and node compresses
	cmd.Env = append(os.Environ(), "PATH="+stubs+string(os.PathListSeparator)+os.Getenv("PATH"))
	output, err := cmd.CombinedOutput()
	if ran, _ := os.ReadFile(called); len(ran) > 0 {
		t.Errorf("make dist ran the brotli program (%s)", strings.TrimSpace(string(ran)))
	}
	if err != nil {
		t.Fatalf("make dist VERSION=v1.0.0: %v; output:\n%s", err, output)
	}

	bin := "walint_1.0.0_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	artifacts := []string{"walint-1.0.0.tgz", bin, "walint_1.0.0_web.tar.gz"}
	want := append([]string{"RELEASE_NOTES.md", "SHA256SUMS"}, artifacts...)
	slices.Sort(want)
	if got := dirNames(t, out); !slices.Equal(got, want) {
		t.Fatalf("dist holds %q, want %q", got, want)
	}
	slices.Sort(artifacts)
	checkSums(t, out, artifacts)

	page := untar(t, filepath.Join(out, "walint_1.0.0_web.tar.gz"), "walint_1.0.0_web/")
	if len(page["walint.wasm"]) == 0 {
		t.Fatal("the page archive has no walint.wasm")
	}
	zr, err := gzip.NewReader(bytes.NewReader(page["walint.wasm.gz"]))
	if err != nil {
		t.Fatalf("the page's walint.wasm.gz: %v", err)
	}
	for name, r := range map[string]io.Reader{"walint.wasm.gz": zr, "walint.wasm.br": brotli.NewReader(bytes.NewReader(page["walint.wasm.br"]))} {
		if b, err := io.ReadAll(r); err != nil || !bytes.Equal(b, page["walint.wasm"]) {
			t.Errorf("the page's %s does not decompress to its walint.wasm (%v)", name, err)
		}
	}

	npm := tgzFiles(t, filepath.Join(out, "walint-1.0.0.tgz"))
	var manifest struct{ Version string }
	if err := json.Unmarshal(npm["package/package.json"], &manifest); err != nil || manifest.Version != "1.0.0" {
		t.Errorf("the npm tarball's package.json has version %q (%v), want 1.0.0", manifest.Version, err)
	}
	for _, f := range []string{"package/dist/walint.wasm.br", "package/dist/walint-cli.wasm.br", "package/index.js"} {
		if len(npm[f]) == 0 {
			t.Errorf("the npm tarball lacks %s", f)
		}
	}

	notes, err := os.ReadFile(filepath.Join(out, "RELEASE_NOTES.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "### Added\n\n- Everything.\n"; string(notes) != want {
		t.Errorf("RELEASE_NOTES.md is\n%s\nwant CHANGELOG's section for 1.0.0:\n%s", notes, want)
	}
}

// copyPageSources copies the page's committed files, what make wasm does
// not write, from wasm/web into dir.
func copyPageSources(t *testing.T, dir string) {
	t.Helper()
	built := []string{"walint.wasm", "walint.wasm.gz", "walint.wasm.br", "wasm_exec.js"}
	entries, err := os.ReadDir("../wasm/web")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || slices.Contains(built, e.Name()) || strings.HasSuffix(e.Name(), ".new") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("../wasm/web", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tgzFiles returns the regular files of a tar.gz by name.
func tgzFiles(t *testing.T, path string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	eachTarEntry(t, path, func(h *tar.Header, data []byte) {
		if h.Typeflag == tar.TypeReg {
			files[h.Name] = data
		}
	})
	return files
}
