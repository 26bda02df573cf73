//go:build !unix

package main

// openFlags is none where there is no O_NONBLOCK: on Windows opening a file
// does not wait for a writer.
const openFlags = 0
