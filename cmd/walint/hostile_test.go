package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests hold walint to the principles for CI jobs and
// hostile environments: a .jsonl file is a stream, every file is read up to
// a cap without blocking, and nothing given on standard input is lost.

// runWalint runs the command in this process and returns its exit code,
// stdout and stderr.
func runWalint(t *testing.T, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var stdout, stderr bytes.Buffer
	code := run(args, stdin, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

const (
	goodLine = `{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hello"}}`
	badLine  = `{"messaging_product":"whatsapp","to":"0044 7911 123456","type":"text","text":{"preview_url":"false","body":"hi"}}`
)

// signalWriter records what is written and closes first on the first
// write.
type signalWriter struct {
	mu    sync.Mutex
	b     bytes.Buffer
	once  sync.Once
	first chan struct{}
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.first) })
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// TestLintStreamsLines checks that the reports of a .jsonl stream come out
// while it is still being read: the writer of standard input waits for the
// first report before it writes the second half. Reading the whole input
// first, as walint did, never gets there.
func TestLintStreamsLines(t *testing.T) {
	const half = 5000
	r, w := io.Pipe()
	stdout := &signalWriter{first: make(chan struct{})}
	var stderr bytes.Buffer
	done := make(chan int)
	go func() { done <- run([]string{"--stdin-filename", "log.jsonl", "-"}, r, stdout, &stderr) }()
	go func() {
		defer w.Close()
		line := []byte(badLine + "\n")
		for i := 0; i < 2*half; i++ {
			if i == half {
				select {
				case <-stdout.first:
				case <-time.After(time.Minute): // only a guard against a hang
					w.CloseWithError(fmt.Errorf("no report after %d lines: the input is not streamed", half))
					return
				}
			}
			if _, err := w.Write(line); err != nil {
				return
			}
		}
	}()
	code := <-done
	if code != exitFound {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", code, exitFound, stderr.String())
	}
	want := fmt.Sprintf("log.jsonl:%d:", 2*half)
	if out := stdout.b.String(); !strings.Contains(out, want) || !strings.HasSuffix(out, fmt.Sprintf("in %d files (%d files checked)\n", 2*half, 2*half)) {
		t.Errorf("the report lacks line %d or the summary; it ends %q", 2*half, out[max(0, len(out)-300):])
	}
}

// TestLintLongLine checks that a line far over the payload limit is
// reported as too large, and the lines after it keep their numbers.
func TestLintLongLine(t *testing.T) {
	long := `{"text":{"body":"` + strings.Repeat("x", 3<<20) + `"}}`
	in := goodLine + "\n" + long + "\n" + badLine + "\n"
	code, stdout, stderr := runWalint(t, strings.NewReader(in), "--stdin-filename", "log.jsonl", "-")
	if code != exitFound {
		t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"log.jsonl:2:1: error: payload is larger than", "log.jsonl:3:38: error: recipient"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
}

// TestLintStopsOnWriteError checks that a report that cannot be written
// (a closed pipe) ends the run with exit 2 instead of reading on.
func TestLintStopsOnWriteError(t *testing.T) {
	read := &countingReader{r: strings.NewReader(strings.Repeat(badLine+"\n", 200000))}
	var stderr bytes.Buffer
	code := run([]string{"--stdin-filename", "log.jsonl", "-"}, read, failingWriter{}, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "writing the report") {
		t.Errorf("exit code %d, stderr %q; want 2 and the write error", code, stderr.String())
	}
	if read.n > 8<<20 {
		t.Errorf("read %d bytes after the report failed; want it to stop early", read.n)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestFixStdinOverCap checks that fix never truncates standard input: a
// .jsonl stream over the cap is copied to standard output unchanged, with
// an error, and a .json payload over the validator's limit likewise.
func TestFixStdinOverCap(t *testing.T) {
	big := strings.Repeat(badLine+"\n", maxFixLinesSize/len(badLine)+1000)
	code, stdout, stderr := runWalint(t, strings.NewReader(big), "fix", "--stdin-filename", "log.jsonl", "-")
	if code != exitUsage || !strings.Contains(stderr, "not fixed, copied unchanged") {
		t.Errorf("exit code %d, stderr %q; want 2 and why it was not fixed", code, stderr)
	}
	if stdout != big {
		t.Errorf("standard output has %d bytes, want the %d of standard input unchanged", len(stdout), len(big))
	}

	huge := `{"text":{"body":"` + strings.Repeat("x", 2<<20) + `"}}`
	code, stdout, stderr = runWalint(t, strings.NewReader(huge), "fix", "-")
	if code != exitFound || stdout != huge {
		t.Errorf("a payload over the limit: exit code %d, %d bytes out of %d, stderr %q; want 1 and all of it unchanged", code, len(stdout), len(huge), stderr)
	}
}

// TestFixLinesFileOverCap checks that fix leaves a .jsonl file over its cap
// alone and says so.
func TestFixLinesFileOverCap(t *testing.T) {
	name := filepath.Join(t.TempDir(), "log.jsonl")
	big := strings.Repeat(badLine+"\n", maxFixLinesSize/len(badLine)+1000)
	if err := os.WriteFile(name, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runWalint(t, nil, "fix", name)
	if code != exitUsage || !strings.Contains(stderr, "larger than 64 MiB") {
		t.Errorf("exit code %d, stderr %q; want 2 and the cap", code, stderr)
	}
	if data, _ := os.ReadFile(name); string(data) != big {
		t.Error("the file changed")
	}
}

// TestCappedReads checks that the configuration, the baseline and the
// template definitions are read up to a cap, and that a device is refused
// before anything is read from it: a .walint.yaml that links to /dev/zero
// took walint out of memory.
func TestCappedReads(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	payload := filepath.Join(dir, "a.json")
	if err := os.WriteFile(payload, []byte(goodLine), 0o644); err != nil {
		t.Fatal(err)
	}
	bigYAML := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(bigYAML, []byte("# "+strings.Repeat("x", maxConfigSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--config", "/dev/zero"}, "not a regular file"},
		{[]string{"--config", bigYAML}, "larger than 1 MiB"},
		{[]string{"--baseline", "/dev/zero"}, "not a regular file"},
		{[]string{"--templates", "/dev/zero"}, "not a regular file"},
		{[]string{"--media-dir", "/dev/zero"}, "not a directory"},
	} {
		code, _, stderr := runWalint(t, nil, append(tt.args, payload)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit code %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}

	// The configuration found in a parent directory is held to the same.
	sub := filepath.Join(dir, "repo", "payloads")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "repo", ".walint.yaml")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	if code, _, stderr := runWalint(t, nil, payload); code != exitUsage || !strings.Contains(stderr, "not a regular file") {
		t.Errorf("a .walint.yaml linking to /dev/zero: exit code %d, stderr %q; want 2 and not a regular file", code, stderr)
	}
}

// TestDevicePayload checks that a device named as a payload is refused
// rather than read without end.
func TestDevicePayload(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, name := range []string{"/dev/zero"} {
		code, _, stderr := runWalint(t, nil, name)
		if code != exitUsage || !strings.Contains(stderr, "not a regular file") {
			t.Errorf("%s: exit code %d, stderr %q; want 2 and not a regular file", name, code, stderr)
		}
	}
}
