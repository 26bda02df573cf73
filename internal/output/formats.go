package output

import (
	"fmt"
	"io"
	"strings"
)

// A Format is an output format: one row of the table formats. The CLI's
// --format flag, its help, its shell completion and the error for an
// unknown name all read the table, so a new format is its writer's file
// and one row; nothing outside this package lists the formats.
type Format struct {
	// Name is what --format takes: lowercase, unique.
	Name string
	// Summary says in one line, for the help, what the format is for.
	Summary string
	// Source reports whether the format quotes the payloads. Only then
	// must a caller keep each File's Source, which costs the memory of the
	// payload while its report waits its turn.
	Source bool
	// StepSummary reports whether the format is meant for a GitHub Actions
	// step: the caller then appends a StepSummary of the run to the file
	// $GITHUB_STEP_SUMMARY names (this package touches no environment).
	StepSummary bool
	// open returns the writer of one report to w.
	open func(w io.Writer, opts Options) writer
}

// writer writes one report in one format, a file at a time: a Stream's
// work once the format is chosen. A format that can write each file as it
// comes does; one that begins with totals keeps what it needs (a keeper)
// and writes everything at close.
type writer interface {
	// file writes the report of one file, or keeps it for close.
	file(f File) error
	// close ends the report; sum counts every file given.
	close(sum Summary) error
}

// formats is the table of output formats, in the order the help shows
// them. The first is the default.
var formats = []Format{
	{Name: FormatText, Summary: "for a person: each finding with its source line, hint and link", Source: true,
		open: openText},
	{Name: FormatJSON, Summary: "one JSON document for programs, a versioned contract", open: openJSON},
	{Name: FormatSARIF, Summary: "SARIF 2.1.0, for GitHub code scanning", open: openSARIF},
	{Name: FormatGitHub, Summary: "GitHub Actions annotations, and a summary in $GITHUB_STEP_SUMMARY",
		StepSummary: true, open: openGitHub},
	{Name: FormatJUnit, Summary: "JUnit XML, a test case per payload, failing at --fail-on", open: openJUnit},
}

// Formats returns the table of output formats, in the order help texts
// show them; the first is the default.
func Formats() []Format {
	return append([]Format(nil), formats...)
}

// FormatNames returns the name of every output format, in the table's
// order.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// ParseFormat returns the format with the given name, or an
// *UnknownFormatError.
func ParseFormat(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, &UnknownFormatError{Name: name}
}

// UnknownFormatError is the error for a format name walint does not know.
type UnknownFormatError struct {
	Name string
}

// Error names the format and lists the valid ones.
func (e *UnknownFormatError) Error() string {
	names := FormatNames()
	return fmt.Sprintf("unknown format %q (want %s or %s)", e.Name,
		strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
}
