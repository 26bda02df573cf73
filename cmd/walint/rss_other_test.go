//go:build !unix

package main

import "os"

// maxRSS is unknown here: the benchmark reports no figure.
func maxRSS(*os.ProcessState) int64 { return 0 }
