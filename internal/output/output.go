// Package output writes validation reports in the formats walint offers. The
// CLI and the browser module share it, so a report reads the same everywhere.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/walint/walint/validate"
)

// Version is the version of the JSON output contract. It changes only when
// a field is removed or changes meaning; new fields may appear in any version.
const Version = 1

// File is the report of one linted payload.
type File struct {
	// Path is the file name as the user gave it, or "<stdin>".
	Path   string
	Report *validate.Report
}

// Text writes one line per finding:
//
//	file:line:col: severity: message [rule] (code N, cloud N)
func Text(w io.Writer, files []File) error {
	var b strings.Builder
	for _, f := range files {
		for _, x := range f.Report.Findings {
			fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]%s\n", f.Path, x.Span.Start.Line, x.Span.Start.Column,
				x.Severity, x.Message, x.Rule, codes(x))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// codes formats the predicted codes as " (code N, cloud N)", leaving out
// the unknown ones.
func codes(f validate.Finding) string {
	var parts []string
	if f.Code != 0 {
		parts = append(parts, fmt.Sprintf("code %d", f.Code))
	}
	if f.CloudCode != 0 {
		parts = append(parts, fmt.Sprintf("cloud %d", f.CloudCode))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// jsonFile is one entry of the JSON output's "files" array.
type jsonFile struct {
	Path     string             `json:"path"`
	Dialect  string             `json:"dialect"`
	Type     string             `json:"type"`
	Findings []validate.Finding `json:"findings"`
}

// JSONFile returns the JSON form of one file's report: the shape of one
// entry of the "files" array.
func JSONFile(f File) any {
	fs := f.Report.Findings
	if fs == nil {
		fs = []validate.Finding{}
	}
	return jsonFile{Path: f.Path, Dialect: f.Report.Dialect.String(), Type: f.Report.Type, Findings: fs}
}

// JSON writes the reports as one JSON document:
//
//	{"version":1,"files":[{"path","dialect","type","findings":[...]}]}
func JSON(w io.Writer, files []File) error {
	out := struct {
		Version int   `json:"version"`
		Files   []any `json:"files"`
	}{Version: Version, Files: make([]any, 0, len(files))}
	for _, f := range files {
		out.Files = append(out.Files, JSONFile(f))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
