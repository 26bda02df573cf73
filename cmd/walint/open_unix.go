//go:build unix

package main

import (
	"errors"
	"io/fs"
	"syscall"
)

// openFlags makes open(2) of a named pipe or a device return at once; reads
// of a regular file are not affected.
const openFlags = syscall.O_NONBLOCK

// readRegular reads the regular file name whole, or its first limit+1
// bytes when it is larger, as openFileSize and readHeadSize do, and fails
// as they do on anything but a regular file (after an open that does not
// wait, openFlags). It makes the system calls itself: a file found in a
// directory is opened, read and closed without an os.File, whose
// registration with the poller (which a regular file refuses), locking and
// allocations cost as much as the reads on make bench's 10,000 small
// files.
// opened is false when the error is one of opening it (openFileSize's).
func readRegular(name string, limit int64) (data []byte, opened bool, err error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, false, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if _, err := ignoringEINTR(func() (int, error) { return 0, syscall.Fstat(fd, &st) }); err != nil {
		return nil, false, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
	case syscall.S_IFDIR:
		return nil, false, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	default:
		return nil, false, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	data = make([]byte, 0, min(max(st.Size, 0), limit)+1)
	for int64(len(data)) <= limit {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // a file that grew since its stat
		}
		buf := data[len(data):min(int64(cap(data)), limit+1)]
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, buf) })
		if err != nil {
			return data, true, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			break
		}
		data = data[:len(data)+n]
	}
	return data, true, nil
}

// ignoringEINTR calls fn again for as long as a signal interrupts it.
func ignoringEINTR(fn func() (int, error)) (int, error) {
	for {
		n, err := fn()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
