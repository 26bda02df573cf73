package output

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/walint/walint/validate"
)

// FormatJSON names the json format, for callers that pick it in code.
const FormatJSON = "json"

// jsonFile is one entry of the JSON output's "files" array.
type jsonFile struct {
	Path     string        `json:"path"`
	Line     int           `json:"line,omitempty"`
	Dialect  string        `json:"dialect"`
	Kind     string        `json:"kind"`
	Type     string        `json:"type"`
	Findings []jsonFinding `json:"findings"`
}

// jsonFinding is a finding as the validator encodes it, plus the link to
// its rule's documentation.
type jsonFinding struct {
	validate.Finding
	Doc string `json:"doc"`
}

// JSONFile returns the JSON form of one file's report: the shape of one
// entry of the "files" array.
func JSONFile(f File) any {
	out := jsonFile{Path: f.Path, Line: f.Line, Findings: []jsonFinding{}}
	if f.Report != nil {
		out.Dialect, out.Kind, out.Type = f.Report.Dialect.String(), f.Report.Kind.String(), f.Report.Type
	}
	for _, x := range f.findings() {
		out.Findings = append(out.Findings, jsonFinding{Finding: x, Doc: DocURL(x.Rule)})
	}
	return out
}

// JSON writes the reports as one JSON document:
//
//	{"version":1,"files":[{"path","line","dialect","kind","type","findings":[{...,"doc"}]}]}
func JSON(w io.Writer, files []File) error {
	j := jsonWriter{w: w}
	for _, f := range files {
		if err := j.file(f); err != nil {
			return err
		}
	}
	return j.close(Summary{})
}

// openJSON is the json format's row of the table: the document is
// written one entry of its "files" array at a time.
func openJSON(w io.Writer, _ Options) writer {
	return &jsonWriter{w: w}
}

// jsonWriter writes the JSON document one entry of its "files" array at a
// time, indented as encoding/json would indent the whole document.
type jsonWriter struct {
	w       io.Writer
	started bool // the head, up to the array's bracket, is written
}

// jsonHead begins the JSON document, up to the "files" array's bracket.
var jsonHead = "{\n  \"version\": " + strconv.Itoa(Version) + ",\n  \"files\": ["

func (j *jsonWriter) file(f File) error {
	var b bytes.Buffer
	if !j.started {
		b.WriteString(jsonHead)
		j.started = true
	} else {
		b.WriteByte(',')
	}
	b.WriteString("\n    ")
	enc := json.NewEncoder(&b)
	enc.SetIndent("    ", "  ")
	enc.SetEscapeHTML(false) // "<stdin>" reads better than "\u003cstdin\u003e"
	if err := enc.Encode(JSONFile(f)); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // the encoder's newline
	_, err := j.w.Write(b.Bytes())
	return err
}

// close closes the array and the document.
func (j *jsonWriter) close(Summary) error {
	if !j.started {
		_, err := io.WriteString(j.w, jsonHead+"]\n}\n")
		return err
	}
	_, err := io.WriteString(j.w, "\n  ]\n}\n")
	return err
}
