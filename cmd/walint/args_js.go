//go:build js && wasm

package main

import (
	"os"
	"syscall/js"
)

// commandLine returns the command's arguments. Under js/wasm, npx walint's
// bin (wasm/npm/bin/walint.js) passes them, and the environment, in the
// global walintCommand ({args: [...], env: {...}}) rather than through Go's
// argv: wasm_exec.js writes argv and the environment into a fixed 12 KB of
// the module's memory, which a few hundred paths overflow. The environment
// found there is set before anything reads it; without the global (go
// test's go_js_wasm_exec, say) the arguments are os.Args as usual.
func commandLine() []string {
	c := js.Global().Get("walintCommand")
	if c.Type() != js.TypeObject {
		return os.Args[1:]
	}
	env := c.Get("env")
	if env.Type() == js.TypeObject {
		keys := js.Global().Get("Object").Call("keys", env)
		for i := range keys.Length() {
			k := keys.Index(i).String()
			os.Setenv(k, env.Get(k).String())
		}
	}
	list := c.Get("args")
	args := make([]string, list.Length())
	for i := range args {
		args[i] = list.Index(i).String()
	}
	return args
}
