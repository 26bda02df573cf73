//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipes checks that a named pipe never makes walint wait for a
// writer that does not come: in a directory walked it is an unreadable
// input, named on the command line it is read (empty, with no writer), and
// as media, a configuration or in --media-dir it is refused or not found.
func TestNamedPipes(t *testing.T) {
	dir := t.TempDir()
	payloads := filepath.Join(dir, "payloads")
	mediaDir := filepath.Join(dir, "media")
	for _, d := range []string{payloads, mediaDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	fifo := func(name string) string {
		if err := syscall.Mkfifo(name, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		return name
	}
	fifo(filepath.Join(payloads, "pipe.json"))
	if err := os.WriteFile(filepath.Join(payloads, "ok.json"), []byte(goodLine), 0o644); err != nil {
		t.Fatal(err)
	}
	named := fifo(filepath.Join(dir, "named.json"))
	video := fifo(filepath.Join(mediaDir, "clip.mp4"))
	config := fifo(filepath.Join(dir, "walint.yaml"))
	withVideo := filepath.Join(dir, "video.json")
	if err := os.WriteFile(withVideo, []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"video","video":{"link":"https://example.com/clip.mp4"}}`), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		args []string
		code int
		want string // in stderr, or in stdout when it starts with "out:"
	}{
		{[]string{payloads}, exitUsage, "pipe.json: not a regular file"},
		{[]string{named}, exitFound, "out:empty"},
		{[]string{"media", "--type", "video", video}, exitUsage, "not a regular file"},
		{[]string{"--config", config, withVideo}, exitUsage, "not a regular file"},
		{[]string{"--media-dir", mediaDir, withVideo}, exitFound, "out:media not found"},
	} {
		done := make(chan struct{})
		var code int
		var stdout, stderr string
		go func() {
			defer close(done)
			code, stdout, stderr = runWalint(t, nil, tt.args...)
		}()
		select {
		case <-done:
		case <-time.After(time.Minute): // only a guard against the hang
			t.Fatalf("%q: still waiting on the named pipe after a minute", tt.args)
		}
		out, in := stderr, tt.want
		if s, ok := strings.CutPrefix(tt.want, "out:"); ok {
			out, in = stdout, s
		}
		if code != tt.code || !strings.Contains(out, in) {
			t.Errorf("%q: exit code %d (want %d), stdout %q, stderr %q; want %q", tt.args, code, tt.code, stdout, stderr, tt.want)
		}
	}
}
