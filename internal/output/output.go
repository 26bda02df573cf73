// Package output writes validation reports in the formats walint offers:
// text for a terminal, JSON for programs, SARIF for GitHub code scanning,
// GitHub Actions workflow commands, and JUnit XML for test dashboards.
// Each format is a file with its writer and a row of the table in
// formats.go, from which the CLI takes its --format values, help and
// completion; a new format adds both and an entry in formats_test.go's
// formatTests, and touches nothing outside this package.
//
// The CLI and the browser module share it, so a report reads the same
// everywhere. That is also why nothing here touches the environment: every
// writer writes to an io.Writer, and choices such as colour are the caller's.
package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/walint/walint/validate"
)

// Version is the version of the JSON output contract. It changes only when
// a field is removed or changes meaning; new fields may appear in any version.
const Version = 1

// DocsURL is the rules document. Each rule has a section there whose anchor
// is the rule's ID; DocURL builds the link.
const DocsURL = "https://github.com/walint/walint/blob/main/docs/rules.md"

// DocURL returns the link to the section of the rules document that
// explains the rule with the given ID.
func DocURL(rule string) string {
	return DocsURL + "#" + rule
}

// File is the report of one linted payload file.
type File struct {
	// Path is the file name as the user gave it, or "<stdin>".
	Path string
	// Source is the content of the file, against which the findings' lines
	// and columns are counted. The text format quotes it under each finding;
	// when it is nil the quote is left out.
	Source []byte
	// Line is the line of the file that the payload starts on, for a payload
	// of a file that holds one per line (.jsonl); 0 for a whole file. The
	// payload's findings count lines from the top of the file, and Source is
	// then the payload alone.
	Line int
	// Report is what the validator found; nil counts as no findings.
	Report *validate.Report
}

// findings returns the file's findings, nil when there is no report.
func (f File) findings() []validate.Finding {
	if f.Report == nil {
		return nil
	}
	return f.Report.Findings
}

// Options are the settings of Write. Each format uses the ones that
// concern it and ignores the rest.
type Options struct {
	// Color turns on ANSI colour in the text format.
	Color bool
	// ToolVersion is walint's version, recorded in the SARIF output.
	ToolVersion string
	// FailOn is the lowest severity that fails the run (--fail-on): a JUnit
	// test case fails when its payload has a finding at or above it. 0
	// means error.
	FailOn validate.Severity
}

// Write writes the reports in the named format (one of Formats). An
// unknown name gives an *UnknownFormatError and writes nothing.
func Write(w io.Writer, format string, files []File, opts Options) error {
	s, err := NewStream(w, format, opts)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := s.File(f); err != nil {
			return err
		}
	}
	return s.Close()
}

// wholeDocument reports whether f is about the payload as a whole rather
// than a place in it: a finding without a position, or one on the root
// value that starts at the first byte and is empty (payload-too-large) or
// runs over several lines (a note that covers the document). Such findings
// point at 1:1, and the text format quotes no source line for them.
func wholeDocument(f validate.Finding) bool {
	s := f.Span
	if s.Start.Line < 1 || s.Start.Column < 1 {
		return true
	}
	return f.Pointer == "" && s.Start.Offset == 0 && (s.End.Offset <= s.Start.Offset || s.End.Line > s.Start.Line)
}

// plural returns "1 error" or "2 errors".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// messageWithHint joins the message and the hint into sentences, for the
// formats that have one text field for both.
func messageWithHint(f validate.Finding) string {
	if f.Hint == "" {
		return f.Message
	}
	if strings.HasSuffix(f.Message, ".") || strings.HasSuffix(f.Message, "?") || strings.HasSuffix(f.Message, "!") {
		return f.Message + " " + f.Hint
	}
	return f.Message + ". " + f.Hint
}
