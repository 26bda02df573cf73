package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/walint/walint/validate"
)

// FormatText names the text format, for callers that pick it in code.
const FormatText = "text"

// TextOptions are the settings of the text format.
type TextOptions struct {
	// Color turns on ANSI colour. The caller decides: on for a terminal,
	// off for NO_COLOR, a pipe, or --color never.
	Color bool
}

// ANSI styles of the text format.
const (
	styleReset   = "\x1b[0m"
	styleBold    = "\x1b[1m"
	styleDim     = "\x1b[2m"
	styleError   = "\x1b[1;31m"
	styleWarning = "\x1b[1;33m"
	styleInfo    = "\x1b[1;36m"
	styleClean   = "\x1b[1;32m"
	styleGutter  = "\x1b[34m"
	styleLabel   = "\x1b[36m"
)

// Text writes the reports for a person at a terminal. Each finding gives
//
//	file:line:col: severity: message [rule] (code N, cloud N)
//	  3 |   "to": "0044 7911 123456",
//	    |         ^~~~~~~~~~~~~~~~~~
//	  hint: ...
//	  fix: replace /to with "+447911123456"
//	  docs: https://github.com/walint/walint/blob/main/docs/rules.md#rule
//
// followed by a blank line, and the report ends with the Summary line. The
// source lines come from File.Source and are left out when it is nil.
func Text(w io.Writer, files []File, opts TextOptions) error {
	t := textWriter{color: opts.Color}
	for _, f := range files {
		t.file(f)
		if err := t.flush(w); err != nil {
			return err
		}
	}
	t.summary(Summarize(files))
	return t.flush(w)
}

// openText is the text format's row of the table: each file is written as
// it comes, and the summary line at the end.
func openText(w io.Writer, opts Options) writer {
	return &textReport{w: w, t: textWriter{color: opts.Color}}
}

// textReport is the text format's writer.
type textReport struct {
	w io.Writer
	t textWriter
}

func (r *textReport) file(f File) error {
	r.t.file(f)
	return r.t.flush(r.w)
}

func (r *textReport) close(sum Summary) error {
	r.t.summary(sum)
	return r.t.flush(r.w)
}

// Codes formats a finding's predicted answer as " (code N, cloud N)",
// leaving out the unknown codes; the Cloud API code with its subcode reads
// "cloud 100/2388299", and a rejection by Meta's review "review:
// INVALID_FORMAT". It is "" when nothing is known.
func Codes(f validate.Finding) string {
	var parts []string
	if f.Code != 0 {
		parts = append(parts, fmt.Sprintf("code %d", f.Code))
	}
	if f.CloudCode != 0 && f.Subcode == 0 {
		// With a subcode, Answer names the Cloud API code beside it.
		parts = append(parts, fmt.Sprintf("cloud %d", f.CloudCode))
	}
	if a := Answer(f); a != "" {
		parts = append(parts, a)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// Answer formats what Meta answers beyond a bare code: "cloud 100/2388299"
// for a code with its subcode, "review: INVALID_FORMAT" for a template the
// API accepts and the review rejects, both joined when both are known; ""
// when the finding has neither a subcode nor a review reason.
func Answer(f validate.Finding) string {
	var parts []string
	switch {
	case f.Subcode != 0 && f.CloudCode != 0:
		parts = append(parts, fmt.Sprintf("cloud %d/%d", f.CloudCode, f.Subcode))
	case f.Subcode != 0:
		parts = append(parts, fmt.Sprintf("subcode %d", f.Subcode))
	}
	if f.Review != "" {
		parts = append(parts, "review: "+f.Review)
	}
	return strings.Join(parts, ", ")
}

// KindName names the kind of a file that is not a message, for a heading:
// "template creation body" or "template edit body"; "" for a message.
func KindName(r *validate.Report) string {
	if r == nil {
		return ""
	}
	switch r.Kind {
	case validate.KindTemplate:
		return "template creation body"
	case validate.KindTemplateEdit:
		return "template edit body"
	}
	return ""
}

// textWriter builds the text format one file at a time, so that a large
// run is not held in memory whole.
type textWriter struct {
	color bool
	b     strings.Builder
}

func (t *textWriter) flush(w io.Writer) error {
	_, err := io.WriteString(w, t.b.String())
	t.b.Reset()
	return err
}

// paint wraps s in an ANSI style when colour is on.
func (t *textWriter) paint(style, s string) string {
	if !t.color || s == "" {
		return s
	}
	return style + s + styleReset
}

func severityStyle(s validate.Severity) string {
	switch s {
	case validate.SeverityError:
		return styleError
	case validate.SeverityWarning:
		return styleWarning
	}
	return styleInfo
}

func (t *textWriter) file(f File) {
	var lines *sourceLines
	if kind := KindName(f.Report); kind != "" && len(f.findings()) > 0 {
		// A template body's findings are headed by what it was checked
		// as: an edit body read as a creation body would say why here.
		head := f.Path
		if f.Line > 0 {
			head += ":" + fmt.Sprint(f.Line)
		}
		fmt.Fprintf(&t.b, "%s %s\n", t.paint(styleBold, head+":"), t.paint(styleDim, "checked as a "+kind))
	}
	for _, x := range f.findings() {
		sev := severityStyle(x.Severity)
		loc := fmt.Sprintf("%s:%d:%d:", f.Path, x.Span.Start.Line, x.Span.Start.Column)
		fmt.Fprintf(&t.b, "%s %s %s %s%s\n", t.paint(styleBold, loc), t.paint(sev, x.Severity.String()+":"),
			x.Message, t.paint(styleDim, "["+x.Rule+"]"), Codes(x))
		if f.Source != nil && !wholeDocument(x) {
			if lines == nil {
				lines = newSourceLines(f.Source)
			}
			t.excerpt(lines, max(f.Line, 1), x, sev)
		}
		if x.Hint != "" {
			fmt.Fprintf(&t.b, "  %s %s\n", t.paint(styleLabel, "hint:"), x.Hint)
		}
		if len(x.Fix) > 0 {
			target := escapeInvisible(x.Pointer)
			switch {
			case target == "":
				target = "the whole document"
			case isMemberName(f.Source, x.Span.End.Offset):
				target = "the name of " + target // a rename: the span is the member's name
			}
			fmt.Fprintf(&t.b, "  %s replace %s with %s\n", t.paint(styleLabel, "fix:"), target, escapeInvisible(string(x.Fix)))
		}
		fmt.Fprintf(&t.b, "  %s %s\n\n", t.paint(styleLabel, "docs:"), t.paint(styleDim, DocURL(x.Rule)))
	}
}

// excerpt writes the finding's first source line and a caret line under
// its span, clipped to that line. first is the file line the source starts
// on.
func (t *textWriter) excerpt(lines *sourceLines, first int, x validate.Finding, sev string) {
	start, end := x.Span.Start, x.Span.End
	line, ok := lines.layout(start.Line - first + 1)
	if !ok {
		return
	}
	endCol := -1 // to the end of the line
	if end.Line == start.Line {
		endCol = end.Column
	}
	src, caret := line.excerpt(start.Column, endCol)
	num := fmt.Sprint(start.Line)
	gutter := "  " + num + " |"
	blank := "  " + strings.Repeat(" ", len(num)) + " |"
	fmt.Fprintf(&t.b, "%s %s\n", t.paint(styleGutter, gutter), src)
	marks := strings.TrimLeft(caret, " ")
	fmt.Fprintf(&t.b, "%s %s%s\n", t.paint(styleGutter, blank), caret[:len(caret)-len(marks)], t.paint(sev, marks))
}

func (t *textWriter) summary(s Summary) {
	style := styleClean
	switch {
	case s.Errors > 0:
		style = styleError
	case s.Warnings > 0:
		style = styleWarning
	case s.Infos > 0:
		style = styleInfo
	}
	t.b.WriteString(t.paint(style, s.String()) + "\n")
}

// isMemberName reports whether the span of src that ends at end is a
// member's name: the next byte but white space is a colon.
func isMemberName(src []byte, end int) bool {
	for i := end; i >= 0 && i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\r', '\n':
			continue
		case ':':
			return true
		}
		return false
	}
	return false
}
