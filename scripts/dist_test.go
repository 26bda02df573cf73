// Tests of dist.sh, the script behind make dist, for this machine's
// platform alone and with a stand-in for the page's built files: building
// the six binaries and the module is make dist's work, not the tests'.
package scripts_test

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// webFiles are a stand-in for wasm/web after make wasm, with what must not
// be shipped: the build's leftover and a dotfile.
var webFiles = map[string]string{
	"index.html":          "<!doctype html>",
	"walint.js":           "export {}",
	"core.js":             "export {}",
	"worker.js":           "",
	"wasm_exec.js":        "",
	"walint.wasm":         "\x00asm",
	"walint.wasm.gz":      "gz",
	"walint.wasm.br":      "br",
	"examples/index.json": "[]",
	"examples/menu.json":  "{}",
	"walint.wasm.new":     "left over",
	".DS_Store":           "",
}

var shipped = []string{"LICENSE", "LICENSE-go", "core.js", "examples/index.json", "examples/menu.json", "index.html", "walint.js",
	"walint.wasm", "walint.wasm.br", "walint.wasm.gz", "wasm_exec.js", "worker.js"}

// distChangelog has a section for TestDist's version.
const distChangelog = "# Changelog\n\n## [Unreleased]\n\n## [9.9.9-test] - 2026-12-10\n\n- Tested.\n"

// runDist runs dist.sh with the environment given (PLATFORMS and VERSION
// among it), the stand-in page, a stand-in npm tarball of version
// 9.9.9-test, distChangelog and a fresh OUT (env can set NPM_PACK and
// CHANGELOG to others), and returns OUT, the exit status and the output.
func runDist(t *testing.T, web string, env ...string) (string, int, string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	out := t.TempDir()
	cmd := exec.Command(bash, "dist.sh")
	defaults := []string{"OUT=" + out, "WEB=" + web, "NPM_PACK=" + writeNPM(t, "9.9.9-test"), "CHANGELOG=" + writeChangelog(t, distChangelog)}
	cmd.Env = append(os.Environ(), append(defaults, env...)...) // the last of a name wins
	b, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return out, ee.ExitCode(), string(b)
		}
		t.Fatal(err)
	}
	return out, 0, string(b)
}

func writeWeb(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeNPM writes a stand-in for the npm tarball make dist packs, with
// package.json as build.js writes it, into a directory of its own.
func writeNPM(t *testing.T, version string) string {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "walint-"+version+".tgz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	manifest := "{\n  \"name\": \"walint\",\n  \"version\": \"" + version + "\",\n  \"type\": \"module\"\n}\n"
	if err := tw.WriteHeader(&tar.Header{Name: "package/package.json", Mode: 0o644, Size: int64(len(manifest))}); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(tw, manifest); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeChangelog(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "CHANGELOG.md")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDistRefuses checks what dist.sh refuses before it builds anything.
func TestDistRefuses(t *testing.T) {
	noBrotli := map[string]string{}
	for name, content := range webFiles {
		if name != "walint.wasm.br" {
			noBrotli[name] = content
		}
	}
	for _, tt := range []struct {
		name string
		web  map[string]string
		env  []string
		want string
	}{
		{"bad version", webFiles, []string{"VERSION=v1 2"}, "dist: VERSION v1 2: want letters"},
		{"no make wasm", noBrotli, []string{"VERSION=v1.2.3"}, "walint.wasm.br is missing: run make wasm first"},
		{"no npm tarball", webFiles, []string{"VERSION=v1.2.3", "NPM_PACK=" + t.TempDir()}, "holds 0 npm tarballs (walint-*.tgz), want one"},
		{"npm tarball of another version", webFiles, []string{"VERSION=v1.2.3"}, "walint-9.9.9-test.tgz is version 9.9.9-test, not 1.2.3: run make dist VERSION=v1.2.3"},
		{"no release notes", webFiles, []string{"VERSION=v1.2.3", "NPM_PACK=" + writeNPM(t, "1.2.3")}, "has no section for 1.2.3 (its sections: [Unreleased], [9.9.9-test])"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// A platform go cannot build for makes a dist.sh that fails to refuse fail fast.
			out, code, output := runDist(t, writeWeb(t, tt.web), append([]string{"PLATFORMS=none/none"}, tt.env...)...)
			if code == 0 || !strings.Contains(output, tt.want) {
				t.Errorf("exit status %d, want 1 and %q; output:\n%s", code, tt.want, output)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("OUT has %d files, want none", len(entries))
			}
		})
	}
}

// TestDist runs dist.sh for this machine's platform and checks the
// archives, the npm tarball, the sums, the release notes, the binary's
// build settings and its --version, and that a second run gives the same
// bytes. It takes the time of one cross-compiled build (the first run
// after a change compiles every package afresh for -trimpath and
// CGO_ENABLED=0), 4 to 30 s, so it runs in CI (CI=true) and with
// WALINT_TEST_DIST=1, not in every go test ./....
func TestDist(t *testing.T) {
	if testing.Short() || (os.Getenv("CI") != "true" && os.Getenv("WALINT_TEST_DIST") != "1") {
		t.Skip("builds the command for a release: runs with CI=true or WALINT_TEST_DIST=1, not with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("dist.sh runs on Linux and macOS")
	}
	platform := runtime.GOOS + "/" + runtime.GOARCH
	web := writeWeb(t, webFiles)
	out, code, output := runDist(t, web, "PLATFORMS="+platform, "VERSION=v9.9.9-test")
	if code != 0 {
		t.Fatalf("dist.sh: exit status %d; output:\n%s", code, output)
	}
	bin := "walint_9.9.9-test_" + runtime.GOOS + "_" + runtime.GOARCH
	page := "walint_9.9.9-test_web"
	want := []string{"RELEASE_NOTES.md", "SHA256SUMS", "walint-9.9.9-test.tgz", bin + ".tar.gz", page + ".tar.gz"}
	if got := dirNames(t, out); !slices.Equal(got, want) {
		t.Fatalf("OUT holds %q, want %q", got, want)
	}
	sums := checkSums(t, out, want[2:])
	if notes, _ := os.ReadFile(filepath.Join(out, "RELEASE_NOTES.md")); string(notes) != "- Tested.\n" {
		t.Errorf("RELEASE_NOTES.md is %q, want the changelog's section for 9.9.9-test", notes)
	}

	files := untar(t, filepath.Join(out, bin+".tar.gz"), bin+"/")
	if _, ok := files["walint"]; !ok {
		t.Fatalf("%s.tar.gz lacks %s/walint; has %q", bin, bin, slices.Sorted(maps.Keys(files)))
	}
	if _, ok := files["README.md"]; !ok {
		t.Errorf("%s.tar.gz lacks %s/README.md", bin, bin)
	}
	exe := filepath.Join(t.TempDir(), "walint")
	if err := os.WriteFile(exe, files["walint"], 0o755); err != nil {
		t.Fatal(err)
	}
	bi, err := buildinfo.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	// A -trimpath build does not record its -ldflags: --version shows the -X.
	for k, v := range map[string]string{"CGO_ENABLED": "0", "-trimpath": "true", "GOOS": runtime.GOOS, "GOARCH": runtime.GOARCH} {
		if settings[k] != v {
			t.Errorf("the binary was built with %s=%q, want %q", k, settings[k], v)
		}
	}
	v, err := exec.Command(exe, "--version").Output()
	if err != nil {
		t.Fatalf("walint --version: %v", err)
	}
	if first, _, _ := strings.Cut(string(v), "\n"); !strings.HasPrefix(first, "walint v9.9.9-test") {
		t.Errorf("walint --version printed %q first, want walint v9.9.9-test...", first)
	}

	if got := slices.Sorted(maps.Keys(untar(t, filepath.Join(out, page+".tar.gz"), page+"/"))); !slices.Equal(got, shipped) {
		t.Errorf("%s.tar.gz holds %q, want %q", page, got, shipped)
	}

	// The same commit and files give the same archives.
	out2, code, output := runDist(t, web, "PLATFORMS="+platform, "VERSION=v9.9.9-test")
	if code != 0 {
		t.Fatalf("dist.sh, again: exit status %d; output:\n%s", code, output)
	}
	if again := checkSums(t, out2, want[2:]); !maps.Equal(sums, again) {
		t.Errorf("a second run gave other archives:\n%v\n%v", sums, again)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// checkSums checks that dir/SHA256SUMS lists each of files once, in
// sha256sum's format, with the hash of its content, and returns the sums.
func checkSums(t *testing.T, dir string, files []string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 {
			t.Fatalf("SHA256SUMS: %q is not HASH  NAME", sc.Text())
		}
		if _, dup := sums[name]; dup {
			t.Errorf("SHA256SUMS lists %s twice", name)
		}
		sums[name] = sum
	}
	if got := slices.Sorted(maps.Keys(sums)); !slices.Equal(got, files) {
		t.Fatalf("SHA256SUMS lists %q, want %q", got, files)
	}
	for name, sum := range sums {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(b)
		if got := hex.EncodeToString(h[:]); got != sum {
			t.Errorf("SHA256SUMS: %s has %s, its content %s", name, sum, got)
		}
	}
	return sums
}

// untar returns the regular files of a tar.gz, by name under prefix, and
// fails when an entry is outside prefix, not owned by root, or has another
// mode than 0644 (0755 for the binary).
func untar(t *testing.T, path, prefix string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	eachTarEntry(t, path, func(h *tar.Header, data []byte) {
		name, ok := strings.CutPrefix(h.Name, prefix)
		if !ok && h.Name+"/" != prefix {
			t.Errorf("%s: %s is outside %s", filepath.Base(path), h.Name, prefix)
		}
		if h.Uid != 0 || h.Gid != 0 {
			t.Errorf("%s: %s is owned by %d:%d, want 0:0", filepath.Base(path), h.Name, h.Uid, h.Gid)
		}
		if h.Typeflag != tar.TypeReg {
			return
		}
		if want := int64(0o644); h.Mode != want && (name != "walint" || h.Mode != 0o755) {
			t.Errorf("%s: %s has mode %#o, want %#o (0755 for the binary)", filepath.Base(path), h.Name, h.Mode, want)
		}
		files[name] = data
	})
	return files
}

// eachTarEntry calls fn with every entry of a tar.gz, in order, and the
// bytes of a regular file (nil for other entries).
func eachTarEntry(t *testing.T, path string, fn func(h *tar.Header, data []byte)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		var data []byte
		if h.Typeflag == tar.TypeReg {
			if data, err = io.ReadAll(tr); err != nil {
				t.Fatal(err)
			}
		}
		fn(h, data)
	}
}
