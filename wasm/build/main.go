//go:build !js

// Command build writes the checker page's built files into a directory:
// walint.wasm, wasm_exec.js and the examples (see webfiles.Build), and the
// module's gzip and brotli copies (webfiles.Compress). make wasm runs it.
//
//	go run ./wasm/build [-out wasm/web]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/walint/walint/wasm/webfiles"
)

func main() {
	out := flag.String("out", "wasm/web", "the `directory` to write into")
	version := flag.String("version", "", "the release `version` to stamp into the module (make dist's VERSION); empty for a development build")
	flag.Parse()
	if err := webfiles.BuildVersion(".", *out, *version); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n", err)
		os.Exit(1)
	}
	if err := webfiles.Compress(*out, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n", err)
		os.Exit(1)
	}
}
