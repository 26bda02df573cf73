package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/walint/walint/internal/output"
)

// formatsHelp lists the output formats for the help, from the table in
// package output:
//
//	Output formats (--format):
//	  text    for a person at a terminal: ...
func formatsHelp() string {
	width := 0
	for _, f := range output.Formats() {
		width = max(width, len(f.Name))
	}
	var b strings.Builder
	b.WriteString("Output formats (--format):\n")
	for _, f := range output.Formats() {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, f.Name, f.Summary)
	}
	return b.String()
}

// colorModes are the values of --color, which colorMode takes.
var colorModes = []string{"auto", "always", "never"}

// colorMode decides whether the text format is coloured: always, never,
// or (auto) when stdout is a terminal and NO_COLOR is unset or empty.
func colorMode(mode string, stdout io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		f, ok := stdout.(*os.File)
		if !ok || os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		info, err := f.Stat()
		return err == nil && info.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, fmt.Errorf("unknown colour mode %q (want auto, always or never)", mode)
}

// appendStepSummary appends the Markdown summary of the run to the file
// GitHub Actions names in $GITHUB_STEP_SUMMARY, when it names one.
func appendStepSummary(s *output.StepSummary) error {
	name := os.Getenv("GITHUB_STEP_SUMMARY")
	if name == "" {
		return nil
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("writing the step summary: %w", err)
	}
	if err := s.Write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing the step summary: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the step summary: %w", err)
	}
	return nil
}
