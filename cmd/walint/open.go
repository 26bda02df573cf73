package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Caps on the files walint reads whole. Past its cap a file is an error,
// never a silent truncation or an attempt to hold all of it.
const (
	maxConfigSize    = 1 << 20  // .walint.yaml
	maxBaselineSize  = 64 << 20 // --baseline
	maxTemplatesSize = 64 << 20 // --templates: thousands of definitions fit
	// maxFixLinesSize caps a .jsonl file that walint fix rewrites, which it
	// holds in memory with its fixed copy; linting streams such a file and
	// has no cap.
	maxFixLinesSize = 64 << 20
)

// errNotRegular is the error for a path that names a device, a socket or,
// where only files will do, a named pipe: reading it could block forever
// (a FIFO with no writer) or never end (/dev/zero).
var errNotRegular = errors.New("not a regular file")

// openFile opens the file name for reading without blocking on it: special
// files are opened non-blocking (openFlags), so that open(2) of a named pipe
// returns at once, and then refused unless they are regular files or, when
// pipes is set, pipes (a path the user named, such as <(jq ...)).
func openFile(name string, pipes bool) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	mode := info.Mode()
	if !mode.IsRegular() && !(pipes && mode&fs.ModeNamedPipe != 0) {
		f.Close()
		if mode.IsDir() {
			return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return f, nil
}

// readCapped reads the whole regular file name, which holds what, refusing
// one larger than limit bytes (a whole number of MiB).
func readCapped(name, what string, limit int64) ([]byte, error) {
	f, err := openFile(name, false)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	defer f.Close()
	data, over, err := readHead(f, limit)
	switch {
	case err != nil:
		return nil, fmt.Errorf("reading %s %s: %w", what, name, err)
	case over:
		return nil, fmt.Errorf("reading %s %s: larger than %d MiB, the most walint reads", what, name, limit>>20)
	}
	return data, nil
}

// readHead reads r to its end, but no more than limit bytes and one: data
// is all of r when over is false, and otherwise its head, enough to say r
// is larger than limit (the validator says so of a payload) without
// reading all of it.
func readHead(r io.Reader, limit int64) (data []byte, over bool, err error) {
	data, err = io.ReadAll(io.LimitReader(r, limit+1))
	return data, int64(len(data)) > limit, err
}
