//go:build !(js && wasm)

package main

import "os"

// commandLine returns the command's arguments (see args_js.go for js/wasm).
func commandLine() []string {
	return os.Args[1:]
}
