//go:build !js

// Command build writes the checker page's built files into a directory:
// walint.wasm, wasm_exec.js and the examples (see webfiles.Build). make
// wasm runs it, then compresses the module.
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
}
