//go:build unix

package main

import "syscall"

// openFlags makes open(2) of a named pipe or a device return at once; reads
// of a regular file are not affected.
const openFlags = syscall.O_NONBLOCK
