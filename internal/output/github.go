package output

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/walint/walint/validate"
)

// FormatGitHub names the github format, for callers that pick it in code.
const FormatGitHub = "github"

// openGitHub is the github format's row of the table: each file's
// annotations are written as it comes. The step summary is the caller's
// (Format.StepSummary).
func openGitHub(w io.Writer, _ Options) writer {
	return githubReport{w: w}
}

// githubReport is the github format's writer.
type githubReport struct {
	w io.Writer
}

func (r githubReport) file(f File) error {
	return GitHub(r.w, []File{f})
}

func (githubReport) close(Summary) error {
	return nil
}

// GitHub writes one workflow command per finding, which GitHub Actions
// turns into an annotation on the file:
//
//	::error file=a.json,line=3,col=9,endLine=3,endColumn=26,title=walint recipient-intl-prefix::message%0Ahint%0Adocs: URL
//
// Warnings use ::warning and info findings ::notice. The columns are the
// first and the last column of the span (GitHub's end column is
// inclusive); they are left out for a span over several lines, which
// annotations cannot mark by column.
func GitHub(w io.Writer, files []File) error {
	var b strings.Builder
	for _, f := range files {
		file := escapeProperty(filepath.ToSlash(f.Path))
		for _, x := range f.findings() {
			fmt.Fprintf(&b, "::%s file=%s,%s,title=%s::%s\n", githubCommand(x.Severity), file,
				githubPosition(x), escapeProperty("walint "+x.Rule), escapeData(githubMessage(x)))
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
		b.Reset()
	}
	return nil
}

func githubCommand(s validate.Severity) string {
	switch s {
	case validate.SeverityError:
		return "error"
	case validate.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// githubPosition returns the line and column properties of an annotation.
func githubPosition(f validate.Finding) string {
	if wholeDocument(f) {
		return "line=1,col=1,endLine=1,endColumn=1"
	}
	s, e := f.Span.Start, f.Span.End
	if e.Line > s.Line {
		return fmt.Sprintf("line=%d,endLine=%d", s.Line, e.Line)
	}
	last := max(e.Column-1, s.Column)
	return fmt.Sprintf("line=%d,col=%d,endLine=%d,endColumn=%d", s.Line, s.Column, s.Line, last)
}

// githubMessage is the annotation's text: the message, the hint, Meta's
// answer when it is more than a code (Answer), and the link to the rule's
// documentation, each on its own line.
func githubMessage(f validate.Finding) string {
	msg := f.Message
	if f.Hint != "" {
		msg += "\n" + f.Hint
	}
	if a := Answer(f); a != "" {
		msg += "\nmeta: " + a
	}
	return msg + "\ndocs: " + DocURL(f.Rule)
}

// escapeData escapes a workflow command's message, as the Actions toolkit
// does (packages/core/src/command.ts): % first, so that the escapes that
// follow are not escaped again.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as a message,
// and also the ':' and ',' that would end the value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// maxSummaryRows bounds the step summary table. GitHub takes at most 1 MiB
// of summary per step; a thousand rows stay well under it.
const maxSummaryRows = 1000

// GitHubSummary writes a Markdown report for $GITHUB_STEP_SUMMARY: the
// totals and a table of every finding with a link to its rule's
// documentation. GitHub shows only the first ten annotations of each kind
// on a run, so this is where the rest can be read.
func GitHubSummary(w io.Writer, files []File) error {
	var s StepSummary
	for _, f := range files {
		s.Add(f)
	}
	return s.Write(w)
}

// StepSummary builds GitHubSummary's report one file at a time, keeping at
// most its first maxSummaryRows rows.
type StepSummary struct {
	sum  Summary
	rows strings.Builder
	n    int // rows written to rows
}

// Add counts the file's findings and lists them, while there is room.
func (s *StepSummary) Add(f File) {
	s.sum.Add(f)
	for _, x := range f.findings() {
		if s.n == maxSummaryRows {
			return
		}
		s.n++
		msg := x.Message
		if a := Answer(x); a != "" {
			msg += " (" + a + ")"
		}
		fmt.Fprintf(&s.rows, "| %s | %d | %s | [%s](%s) | %s |\n", markdownCell(filepath.ToSlash(f.Path)),
			x.Span.Start.Line, x.Severity, markdownCell(x.Rule), DocURL(x.Rule), markdownCell(msg))
	}
}

// Write writes the report.
func (s *StepSummary) Write(w io.Writer) error {
	var b strings.Builder
	b.WriteString("## walint\n\n" + markdownCell(s.sum.String()) + "\n")
	if s.sum.Findings() > 0 {
		b.WriteString("\n| File | Line | Severity | Rule | Message |\n| --- | --- | --- | --- | --- |\n")
	}
	b.WriteString(s.rows.String())
	if more := s.sum.Findings() - s.n; more > 0 {
		noun := "findings"
		if more == 1 {
			noun = "finding"
		}
		fmt.Fprintf(&b, "\nand %d more %s, not listed here.\n", more, noun)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownCell escapes text for a cell of a Markdown table: the pipe that
// would end the cell, the characters Markdown would read as formatting or
// HTML, and line breaks, which become <br>.
func markdownCell(s string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch r {
		case '\\', '|', '`', '*', '_', '[', ']', '<', '>', '&', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n', '\r':
			b.WriteString("<br>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
