package output

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// Stream writes a report one payload file at a time, so that a run over a
// million payloads (a large .jsonl file) is not held in memory whole. The
// text, json and github formats write each file as it comes; sarif and
// junit begin with totals and the list of rules that fired, so they keep
// the files' findings (not their sources) until Close: their memory grows
// with the findings, and for junit with the number of payloads.
//
// The output is the same as Write's for the same files.
type Stream struct {
	w      io.Writer
	format Format
	opts   Options
	text   textWriter
	sum    Summary
	json   jsonWriter
	kept   []File // sarif and junit: the files seen so far, without sources
	err    error  // the first write error; everything after it is dropped
}

// NewStream returns a Stream that writes the named format to w. An unknown
// name gives an *UnknownFormatError.
func NewStream(w io.Writer, format string, opts Options) (*Stream, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	return &Stream{w: w, format: f, opts: opts, text: textWriter{color: opts.Color}}, nil
}

// File writes the report of one file, or keeps it for Close. It returns the
// first error writing to w has given, then and ever after.
func (s *Stream) File(f File) error {
	if s.err != nil {
		return s.err
	}
	s.sum.Add(f)
	switch s.format {
	case FormatText:
		s.text.file(f)
		s.err = s.text.flush(s.w)
	case FormatGitHub:
		s.err = GitHub(s.w, []File{f})
	case FormatJSON:
		s.err = s.json.file(s.w, f)
	default:
		s.keep(f)
	}
	return s.err
}

// keep keeps what sarif and junit need of a file for Close: its findings,
// not its source. A file without findings keeps only its name (junit lists
// it as a passing test), and sarif, for which it adds nothing but its path,
// keeps only the first of a run of them with the same path: the payloads of
// a clean .jsonl file cost one entry, not one each.
func (s *Stream) keep(f File) {
	f.Source = nil
	if len(f.findings()) == 0 {
		f.Report = nil
		if s.format == FormatSARIF && len(s.kept) > 0 && s.kept[len(s.kept)-1].Path == f.Path {
			return
		}
	}
	s.kept = append(s.kept, f)
}

// Summary returns the counts of the files written so far.
func (s *Stream) Summary() Summary {
	return s.sum
}

// Close ends the report: the text format's summary line, the end of the
// JSON document, or the whole sarif or junit document.
func (s *Stream) Close() error {
	if s.err != nil {
		return s.err
	}
	switch s.format {
	case FormatText:
		s.text.summary(s.sum)
		s.err = s.text.flush(s.w)
	case FormatJSON:
		s.err = s.json.end(s.w)
	case FormatSARIF:
		s.err = SARIF(s.w, s.kept, s.opts.ToolVersion)
	case FormatJUnit:
		s.err = JUnit(s.w, s.kept, s.opts.FailOn)
	}
	return s.err
}

// jsonWriter writes the JSON document one entry of its "files" array at a
// time, indented as encoding/json would indent the whole document:
//
//	{"version":1,"files":[{"path","line","dialect","type","findings":[{...,"doc"}]}]}
type jsonWriter struct {
	started bool // the head, up to the array's bracket, is written
}

// jsonHead begins the JSON document, up to the "files" array's bracket.
var jsonHead = "{\n  \"version\": " + strconv.Itoa(Version) + ",\n  \"files\": ["

func (j *jsonWriter) file(w io.Writer, f File) error {
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
	_, err := w.Write(b.Bytes())
	return err
}

// end closes the array and the document.
func (j *jsonWriter) end(w io.Writer) error {
	if !j.started {
		_, err := io.WriteString(w, jsonHead+"]\n}\n")
		return err
	}
	_, err := io.WriteString(w, "\n  ]\n}\n")
	return err
}
