package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runWalint(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"clean fixtures", []string{"../../testdata/clean"}, exitClean},
		{"broken examples", []string{"../../testdata/examples"}, exitFound},
		{"go-style recursive path", []string{"../../testdata/..."}, exitFound},
		{"no paths", nil, exitUsage},
		{"missing file", []string{"../../testdata/no-such-file.json"}, exitUsage},
		{"bad format", []string{"--format", "yaml", "../../testdata/clean"}, exitUsage},
		{"bad dialect", []string{"--dialect", "v2", "../../testdata/clean"}, exitUsage},
		{"unknown flag", []string{"--nope", "../../testdata/clean"}, exitUsage},
		{"help", []string{"-h"}, exitClean},
		{"clean templates with definitions", []string{"--templates", "../../testdata/templates.json", "../../testdata/clean"}, exitClean},
		{"missing definitions file", []string{"--templates", "nope.json", "../../testdata/clean"}, exitUsage},
		{"bad definitions file", []string{"--templates", "../../testdata/examples/welcome.json", "../../testdata/clean"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, out, errs := runWalint(t, "", tt.args...); code != tt.want {
				t.Errorf("walint %v: exit %d, want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.want, out, errs)
			}
		})
	}
}

func TestTextOutput(t *testing.T) {
	code, out, _ := runWalint(t, "", "../../testdata/examples/store_location.json")
	want := "../../testdata/examples/store_location.json:3:9: error: recipient \"0044 7911 123456\" starts with the 00 call prefix; write + and the country code instead [recipient-intl-prefix] (code 400, cloud 100)\n" +
		"../../testdata/examples/store_location.json:6:17: error: latitude is -122.4194, outside the range -90 to 90 [latitude-range] (code 1009, cloud 131009)\n"
	if code != exitFound || out != want {
		t.Errorf("exit %d, output:\n%s\nwant exit 1 and:\n%s", code, out, want)
	}
}

func TestStdinAndFlagsAfterPaths(t *testing.T) {
	payload := `{"to":"16505551234","type":"text","text":{"body":"hi"},"preview_url":"true"}`
	code, out, _ := runWalint(t, payload, "-", "--dialect", "onprem")
	if code != exitFound || !strings.HasPrefix(out, "<stdin>:1:") || !strings.Contains(out, "[quoted-boolean]") {
		t.Errorf("exit %d, output %q; want exit 1 and a quoted-boolean finding on <stdin>", code, out)
	}
}

// TestJSONOutput checks the JSON contract documented in the README.
func TestJSONOutput(t *testing.T) {
	code, out, _ := runWalint(t, "", "--format", "json", "../../testdata/examples/welcome.json", "../../testdata/clean/cloud_text.json")
	if code != exitFound {
		t.Fatalf("exit %d, want 1", code)
	}
	var doc struct {
		Version int `json:"version"`
		Files   []struct {
			Path     string           `json:"path"`
			Dialect  string           `json:"dialect"`
			Type     string           `json:"type"`
			Findings []map[string]any `json:"findings"`
		} `json:"files"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("output is not the documented shape: %v\n%s", err, out)
	}
	if doc.Version != 1 || len(doc.Files) != 2 {
		t.Fatalf("got version %d and %d files, want version 1 and 2 files", doc.Version, len(doc.Files))
	}
	f := doc.Files[0]
	if f.Path != "../../testdata/examples/welcome.json" || f.Dialect != "cloud" || f.Type != "text" || len(f.Findings) != 1 {
		t.Fatalf("first file: %+v", f)
	}
	got := f.Findings[0]
	for key, want := range map[string]any{"rule": "quoted-boolean", "severity": "error", "code": 400.0, "cloud_code": 100.0,
		"pointer": "/text/preview_url", "fix": true} {
		if got[key] != want {
			t.Errorf("finding %s = %v, want %v", key, got[key], want)
		}
	}
	span, _ := got["span"].(map[string]any)
	start, _ := span["start"].(map[string]any)
	if start["line"] != 6.0 || start["column"] != 20.0 || start["offset"] == nil {
		t.Errorf("span start %v, want line 6 column 20 with an offset", start)
	}
	if clean := doc.Files[1]; clean.Findings == nil || len(clean.Findings) != 0 {
		t.Errorf("clean file: findings %v, want an empty array", clean.Findings)
	}
}

func TestDirectoryWalkOnlyJSON(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(`{"messaging_product":"whatsapp","to":"+16505551234","text":{"body":"x"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a payload"), 0o644)
	code, out, _ := runWalint(t, "", dir)
	if code != exitClean || out != "" {
		t.Errorf("exit %d, output %q; want a clean run that skips notes.txt", code, out)
	}
}
