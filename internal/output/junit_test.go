package output

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/walint/walint/validate"
)

func TestJUnit(t *testing.T) {
	var b bytes.Buffer
	if err := JUnit(&b, sampleFiles(), 0); err != nil {
		t.Fatal(err)
	}
	// encoding/xml escapes quotes in text as &#34; and line breaks as &#xA;.
	want := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="walint" tests="3" failures="1" errors="0">
  <testsuite name="walint" tests="3" failures="1" errors="0" skipped="0">
    <testcase classname="walint" name="payloads/order.json">
      <failure message="2 errors" type="walint">2:9 error recipient &#34;0044 7911 123456&#34; starts with the 00 call prefix [recipient-intl-prefix]&#xA;3:27 error &#34;preview_url&#34; is the string &#34;true&#34;, expected the boolean true [quoted-boolean]</failure>
    </testcase>
    <testcase classname="walint" name="payloads/promo.json">
      <system-out>1:1 info the payload is checked as a whole [recipient-wa-id-differs]&#xA;1:18 warning member &#34;type&#34; appears twice [duplicate-key]</system-out>
    </testcase>
    <testcase classname="walint" name="payloads/clean.json"></testcase>
  </testsuite>
</testsuites>
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestJUnitParse reads the output back, with characters that need
// escaping in the names and messages.
func TestJUnitParse(t *testing.T) {
	files := sampleFiles()
	files = append(files, File{Path: `odd <&> "name".json`, Report: &validate.Report{Findings: []validate.Finding{
		{Rule: "x", Severity: validate.SeverityError, Span: span(1, 2, 1, 1, 3, 2), Message: "ends ]]> with \x01 a control"},
		{Rule: "y", Severity: validate.SeverityError, Span: span(4, 5, 30, 4, 6, 31), Message: "second"},
		{Rule: "z", Severity: validate.SeverityWarning, Span: span(6, 1, 40, 6, 2, 41), Message: "a warning"},
	}}})
	var b bytes.Buffer
	if err := JUnit(&b, files, 0); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				ClassName string `xml:"classname,attr"`
				Name      string `xml:"name,attr"`
				Failure   *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				SystemOut string `xml:"system-out"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, b.String())
	}
	if doc.Tests != 4 || doc.Failures != 2 || len(doc.Suites) != 1 {
		t.Fatalf("tests %d, failures %d, %d suites; want 4, 2, 1", doc.Tests, doc.Failures, len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != "walint" || s.Tests != 4 || s.Failures != 2 || len(s.Cases) != 4 {
		t.Fatalf("suite %s: tests %d, failures %d, %d cases", s.Name, s.Tests, s.Failures, len(s.Cases))
	}
	if c := s.Cases[1]; c.Failure != nil || c.SystemOut == "" {
		t.Errorf("warnings-only file: failure %v, system-out %q; want a pass that lists its findings", c.Failure, c.SystemOut)
	}
	if c := s.Cases[2]; c.Failure != nil || c.SystemOut != "" {
		t.Errorf("clean file: failure %v, system-out %q", c.Failure, c.SystemOut)
	}
	c := s.Cases[3]
	if c.ClassName != "walint" || c.Name != `odd <&> "name".json` || c.Failure == nil {
		t.Fatalf("case %+v", c)
	}
	want := "1:2 error ends ]]> with \uFFFD a control [x]\n4:5 error second [y]\n6:1 warning a warning [z]"
	if c.Failure.Message != "2 errors" || c.Failure.Type != "walint" || c.Failure.Text != want {
		t.Errorf("failure %q %q:\n%q\nwant \"2 errors\" \"walint\":\n%q", c.Failure.Message, c.Failure.Type, c.Failure.Text, want)
	}
}
