//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself when the module is built for the wrong target: the
// API in api.go is built natively only so that its tests run with go test.
func main() {
	fmt.Fprintln(os.Stderr, "walint's browser module: build it with GOOS=js GOARCH=wasm (make wasm)")
	os.Exit(2)
}
