package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/walint/walint/internal/output"
)

// TestFormatsFromTable checks that the help, the --format flag and the
// completion offer the formats of output's table, each by its name and
// summary, so that a new format needs no change here.
func TestFormatsFromTable(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, strings.NewReader(""), &stdout, &stderr); code != exitClean {
		t.Fatalf("walint -h: exit %d, %s", code, stderr.String())
	}
	help := stdout.String()
	for _, f := range output.Formats() {
		if !strings.Contains(help, "\n  "+f.Name+" ") || !strings.Contains(help, " "+f.Summary+"\n") {
			t.Errorf("walint -h does not list %s with its summary %q", f.Name, f.Summary)
		}
	}
	if want := "output format: " + strings.Join(output.FormatNames(), ", ") + " (default \"" + output.Formats()[0].Name + "\")"; !strings.Contains(help, want) {
		t.Errorf("walint -h: the --format flag does not say %q", want)
	}
	if got := flagValues("lint", "format"); !slices.Equal(got, output.FormatNames()) {
		t.Errorf("completion of --format = %q, want %q", got, output.FormatNames())
	}
}
