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
// one larger than limit bytes.
func readCapped(name, what string, limit int64) ([]byte, error) {
	f, err := openFile(name, false)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", what, err)
	}
	defer f.Close()
	data, err := readAtMost(f, limit)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", what, name, err)
	}
	return data, nil
}

// tooLargeError is the error for input over a cap, which is a whole
// number of MiB.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("larger than %d MiB, the most walint reads", e.limit>>20)
}

// readAtMost reads r to its end, or fails with a *tooLargeError as soon as
// it gives more than limit bytes.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &tooLargeError{limit}
	}
	return data, nil
}
