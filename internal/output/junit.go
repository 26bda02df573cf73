package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/walint/walint/validate"
)

// FormatJUnit names the junit format, for callers that pick it in code.
const FormatJUnit = "junit"

// openJUnit is the junit format's row of the table: the document begins
// with totals, so it is written at the end, from the files kept until
// then.
func openJUnit(w io.Writer, opts Options) writer {
	return &atEnd{write: func(files []File) error { return JUnit(w, files, opts.FailOn) }}
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes the reports as JUnit XML: one test suite named walint with
// one test case per payload, named by its file (and, for a payload of a
// .jsonl file, its line: "log.jsonl:12"). A payload with findings at or
// above failOn (0 means error, walint's default --fail-on) fails, and its
// failure lists every finding of the payload; one with only findings below
// it passes and lists them in its system-out.
//
// The "errors" attributes count tests that could not run, in JUnit's
// sense; walint has none, since an unreadable file never gets a report.
func JUnit(w io.Writer, files []File, failOn validate.Severity) error {
	if failOn == 0 {
		failOn = validate.SeverityError
	}
	suite := junitSuite{Name: "walint", Tests: len(files), Cases: []junitCase{}}
	for _, f := range files {
		c := junitCase{ClassName: "walint", Name: f.Path}
		if f.Line > 0 {
			c.Name += ":" + strconv.Itoa(f.Line)
		}
		fs := f.findings()
		lines := make([]string, 0, len(fs))
		var failing Summary // the findings at or above failOn
		for _, x := range fs {
			line := fmt.Sprintf("%d:%d %s %s [%s]", x.Span.Start.Line, x.Span.Start.Column, x.Severity, x.Message, x.Rule)
			if a := Answer(x); a != "" {
				line += " (" + a + ")"
			}
			lines = append(lines, line)
			if x.Severity >= failOn {
				failing.count(x.Severity)
			}
		}
		text := strings.Join(lines, "\n")
		switch {
		case failing.Findings() > 0:
			suite.Failures++
			c.Failure = &junitFailure{Message: failing.counts(), Type: "walint", Text: text}
		case len(fs) > 0:
			c.SystemOut = text
		}
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{Name: "walint", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
