package output

import "io"

// Stream writes a report one payload file at a time, so that a run over a
// million payloads (a large .jsonl file) is not held in memory whole. The
// text, json and github formats write each file as it comes; sarif and
// junit begin with totals and the list of rules that fired, so they keep
// the files' findings (not their sources) until Close: their memory grows
// with the findings, and for junit with the number of payloads.
//
// The output is the same as Write's for the same files.
type Stream struct {
	out writer
	sum Summary
	err error // the first write error; everything after it is dropped
}

// NewStream returns a Stream that writes the named format to w. An unknown
// name gives an *UnknownFormatError.
func NewStream(w io.Writer, format string, opts Options) (*Stream, error) {
	f, err := ParseFormat(format)
	if err != nil {
		return nil, err
	}
	return &Stream{out: f.open(w, opts)}, nil
}

// File writes the report of one file, or keeps it for Close. It returns the
// first error writing to w has given, then and ever after.
func (s *Stream) File(f File) error {
	if s.err != nil {
		return s.err
	}
	s.sum.Add(f)
	s.err = s.out.file(f)
	return s.err
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
	s.err = s.out.close(s.sum)
	return s.err
}

// keeper keeps what a format that begins with totals (sarif, junit) needs
// of each file until the end: its findings, not its source. A file without
// findings keeps only its name (junit lists it as a passing test); with
// onePerPath, for a format to which it adds nothing but its path (sarif),
// only the first of a run of them with the same path is kept, so that the
// payloads of a clean .jsonl file cost one entry, not one each.
type keeper struct {
	onePerPath bool
	files      []File
}

// atEnd is the writer of a format written whole at the end (sarif,
// junit): it keeps the files (keeper), then writes them.
type atEnd struct {
	keeper
	write func([]File) error
}

func (a *atEnd) file(f File) error {
	a.keep(f)
	return nil
}

func (a *atEnd) close(Summary) error { return a.write(a.files) }

func (k *keeper) keep(f File) {
	f.Source = nil
	if len(f.findings()) == 0 {
		f.Report = nil
		if k.onePerPath && len(k.files) > 0 && k.files[len(k.files)-1].Path == f.Path {
			return
		}
	}
	k.files = append(k.files, f)
}
