package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestRevision(t *testing.T) {
	tests := []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"none", nil, ""},
		{"no revision", []debug.BuildSetting{{Key: "vcs.time", Value: "2026-12-02T12:29:39Z"}}, ""},
		{"revision", []debug.BuildSetting{{Key: "vcs.revision", Value: "caa6f3d2fbe2"}}, " (revision caa6f3d2fbe2)"},
		{"all", []debug.BuildSetting{
			{Key: "vcs.revision", Value: "caa6f3d2fbe2e7d1a0b8c9d4e5f60718293a4b5c"},
			{Key: "vcs.time", Value: "2026-12-02T12:29:39Z"},
			{Key: "vcs.modified", Value: "true"},
		}, " (revision caa6f3d2fbe2, modified, 2026-12-02T12:29:39Z)"},
		{"unmodified", []debug.BuildSetting{
			{Key: "vcs.revision", Value: "caa6f3d2fbe2"},
			{Key: "vcs.modified", Value: "false"},
		}, " (revision caa6f3d2fbe2)"},
	}
	for _, tt := range tests {
		if got := revision(tt.settings); got != tt.want {
			t.Errorf("%s: revision() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestStampedVersion checks that a stamped version wins over the build
// information's in --version and in SARIF's tool version alike.
func TestStampedVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "v9.9.9-test"

	if got := moduleVersion(); got != "v9.9.9-test" {
		t.Errorf("moduleVersion() = %q, want the stamped v9.9.9-test", got)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--version"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("walint --version: exit %d, stderr: %s", code, &stderr)
	}
	if first, _, _ := strings.Cut(stdout.String(), "\n"); !strings.HasPrefix(first, "walint v9.9.9-test") {
		t.Errorf("walint --version printed %q first, want walint v9.9.9-test...", first)
	}

	payload := filepath.Join(t.TempDir(), "p.json")
	if err := os.WriteFile(payload, []byte(`{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"--format", "sarif", payload}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("walint --format sarif: exit %d, stderr: %s", code, &stderr)
	}
	for _, want := range []string{`"version": "v9.9.9-test"`, `"semanticVersion": "9.9.9-test"`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("SARIF lacks %s:\n%s", want, &stdout)
		}
	}
}

// TestVersionLdflags builds the command with the version set by -ldflags
// -X, as make dist does, and runs its --version: the name the linker sets
// must be the variable moduleVersion reads. It builds without -trimpath so
// that it reuses the packages go test compiled; only the link is new.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command: skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not found")
	}
	bin := filepath.Join(t.TempDir(), "walint")
	build := exec.Command(gobin, "build", "-ldflags", "-s -w -X main.version=v9.9.9-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatalf("walint --version: %v", err)
	}
	if first, _, _ := strings.Cut(string(out), "\n"); !strings.HasPrefix(first, "walint v9.9.9-test") {
		t.Errorf("walint --version printed %q first, want walint v9.9.9-test...", first)
	}
}
