//go:build !unix

package main

// openFlags is none where there is no O_NONBLOCK: on Windows opening a file
// does not wait for a writer.
const openFlags = 0

// readRegular reads the regular file name whole, or its first limit+1
// bytes when it is larger (open_unix.go has the reason for it); opened is
// false when the error is one of opening it.
func readRegular(name string, limit int64) (data []byte, opened bool, err error) {
	f, size, err := openFileSize(name, false)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	data, _, err = readHeadSize(f, limit, size)
	return data, true, err
}
