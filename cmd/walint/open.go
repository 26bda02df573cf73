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
	f, _, err := openFileSize(name, pipes)
	return f, err
}

// openFileSize is openFile that also returns the size of a regular file (0
// for a pipe), which its stat gives anyway.
func openFileSize(name string, pipes bool) (*os.File, int64, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	mode := info.Mode()
	if !mode.IsRegular() && !(pipes && mode&fs.ModeNamedPipe != 0) {
		f.Close()
		if mode.IsDir() {
			return nil, 0, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
		}
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	if !mode.IsRegular() {
		return f, 0, nil
	}
	return f, info.Size(), nil
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
	return readHeadSize(r, limit, 0)
}

// readHeadSize is readHead when r is expected to hold size bytes (a
// regular file's size from its stat; 0 when unknown): the buffer is made
// that size, and the file read with two reads, the second seeing its end,
// not grown from 512 bytes a read at a time. The size is only a hint: a
// file that grew or shrank since is read as it is now.
func readHeadSize(r io.Reader, limit, size int64) (data []byte, over bool, err error) {
	if size <= 0 {
		data, err = io.ReadAll(io.LimitReader(r, limit+1))
		return data, int64(len(data)) > limit, err
	}
	lr := io.LimitReader(r, limit+1)
	data = make([]byte, 0, min(size, limit)+1)
	for {
		n, rerr := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // grown as append grows
		}
	}
	return data, int64(len(data)) > limit, err
}

// readRegular reads the regular file name whole, or its first limit+1 bytes
// when it is larger, sizing the read by its stat, and fails as
// openFileSize does on anything but a regular file; opened is false when
// the error is one of opening it.
func readRegular(name string, limit int64) (data []byte, opened bool, err error) {
	f, size, err := openFileSize(name, false)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	data, _, err = readHeadSize(f, limit, size)
	return data, true, err
}
