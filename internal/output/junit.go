package output

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/walint/walint/validate"
)

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
// one test case per payload file. A file with error findings fails, and
// its failure lists every finding of the file; a file with only warnings
// or info findings passes and lists them in its system-out.
//
// The "errors" attributes count tests that could not run, in JUnit's
// sense; walint has none, since an unreadable file never gets a report.
func JUnit(w io.Writer, files []File) error {
	suite := junitSuite{Name: "walint", Tests: len(files), Cases: []junitCase{}}
	for _, f := range files {
		c := junitCase{ClassName: "walint", Name: f.Path}
		fs := f.findings()
		lines := make([]string, 0, len(fs))
		errs := 0
		for _, x := range fs {
			lines = append(lines, fmt.Sprintf("%d:%d %s %s [%s]", x.Span.Start.Line, x.Span.Start.Column, x.Severity, x.Message, x.Rule))
			if x.Severity == validate.SeverityError {
				errs++
			}
		}
		text := strings.Join(lines, "\n")
		switch {
		case errs > 0:
			suite.Failures++
			c.Failure = &junitFailure{Message: plural(errs, "error"), Type: "walint", Text: text}
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
