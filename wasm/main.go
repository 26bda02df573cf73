//go:build js && wasm

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"syscall/js"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

// main registers the API on globalThis.walint and then waits for calls
// for as long as the page (or worker) lives.
//
// Every function returns a plain object: {json: "..."} with the result as
// JSON text, or {error: "..."}. JSON text is the cheapest way across the
// boundary (one string, no per-field js.Value calls), and web/walint.js
// parses it once. The npm package's validate goes through the functions
// exports.go exports instead.
func main() {
	// When main starts, the Go runtime and every package are initialized:
	// the page's worker shows it among its performance marks (go-main).
	if perf := js.Global().Get("performance"); perf.Truthy() {
		js.Global().Set("walintMainAt", perf.Call("now"))
	}
	c := newChecker()
	calls.c = c // the npm package's validate (exports.go)
	// Make the default validator now, which compiles the schemas (once per
	// process), before the worker says it is ready: the first check then
	// costs what every later one does, and a worker restarted after a
	// timeout or a crash is ready to answer at once.
	_, _ = c.validator(checkOptions{}) // An error here is an error of every call, and reported there.
	js.Global().Set("walint", js.ValueOf(api(c)))
	select {}
}

// api returns what main puts on globalThis.walint: the calls, each made
// with export, and the facts the page shows or needs before it calls.
func api(c *checker) map[string]any {
	return map[string]any{
		"validate": export(func(args []js.Value) ([]byte, error) {
			return c.validate(payload(args), readCheckOptions(args, 1))
		}),
		"report": export(func(args []js.Value) ([]byte, error) {
			return c.report(payload(args), readCheckOptions(args, 1), opt(args, 1, "format"), opt(args, 1, "path"))
		}),
		"fix": export(func(args []js.Value) ([]byte, error) {
			return c.fix(payload(args), readCheckOptions(args, 1))
		}),
		"inspectMedia": export(func(args []js.Value) ([]byte, error) {
			r, size, err := mediaReader(args)
			if err != nil {
				return nil, err
			}
			return c.inspectMedia(r, size, str(args, 1), opt(args, 2, "dialect"))
		}),
		"useOptions": useOptions(c),
		"rules":      export(func([]js.Value) ([]byte, error) { return rules() }),
		"explain": export(func(args []js.Value) ([]byte, error) {
			text, err := explain(str(args, 0))
			if err != nil {
				return nil, err
			}
			return marshal(text)
		}),
		"version": js.FuncOf(func(js.Value, []js.Value) any {
			return version()
		}),
		"docsURL":       output.DocsURL,
		"reference":     validate.Reference,
		"mediaKinds":    jsStrings(mediaKindNames()),
		"maxMediaBytes": maxMediaBytes,
		"mediaTooLarge": errMediaTooLarge.Error(),
	}
}

// export wraps an API function for JavaScript: its arguments come as they
// were passed, its result goes back as {json} or {error}, and a panic
// becomes an error instead of ending the Go program (which would leave the
// worker with no module to call).
func export(fn func(args []js.Value) ([]byte, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		b, err := recovered(func() ([]byte, error) { return fn(args) })
		if err != nil {
			return map[string]any{"error": err.Error()}
		}
		return map[string]any{"json": string(b)}
	})
}

// recovered calls fn and turns a panic in it into an error, "walint
// failed: ...", so that a bug costs the call and not the Go program.
func recovered(fn func() ([]byte, error)) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("walint failed: %v", r)
		}
	}()
	return fn()
}

// jsError returns a JavaScript Error with the message.
func jsError(msg string) js.Value {
	return js.Global().Get("Error").New(msg)
}

// str returns argument i as a string, "" when it is missing or not a string.
func str(args []js.Value, i int) string {
	if i >= len(args) || args[i].Type() != js.TypeString {
		return ""
	}
	return args[i].String()
}

// payload returns the first argument as bytes: a string as UTF-8, or the
// bytes of a Uint8Array as they are, so that a file which is not valid
// UTF-8 is checked as the CLI would check it.
func payload(args []js.Value) []byte {
	if len(args) > 0 && args[0].Type() == js.TypeString {
		return []byte(args[0].String())
	}
	if len(args) > 0 && args[0].InstanceOf(js.Global().Get("Uint8Array")) {
		b := make([]byte, args[0].Length())
		js.CopyBytesToGo(b, args[0])
		return b
	}
	return []byte(str(args, 0))
}

// opt returns the string option key of the options object at argument i,
// "" when there is no such object or option.
func opt(args []js.Value, i int, key string) string {
	if i >= len(args) || args[i].Type() != js.TypeObject {
		return ""
	}
	v := args[i].Get(key)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// readCheckOptions reads a check's options from the options object args[i]:
// its dialect, kind, sender, templates and lastInbound strings.
func readCheckOptions(args []js.Value, i int) checkOptions {
	return checkOptions{Dialect: opt(args, i, "dialect"), Kind: opt(args, i, "kind"), Sender: opt(args, i, "sender"), Templates: opt(args, i, "templates"),
		LastInbound: opt(args, i, "lastInbound")}
}

// mediaReader reads the media of inspectMedia's first argument: a
// Uint8Array (copied once into Go memory), or a function (offset, length)
// returning a Uint8Array, with the size in the options. The function lets
// a worker read a large File piece by piece with FileReaderSync: Inspect
// reads a few kilobytes and the boxes it needs, never the whole file.
//
// The argument's type and size are checked before anything is read or
// allocated: a size over maxMediaBytes, or one that is no size at all, is
// an error here, not a failed allocation that ends the Go program.
func mediaReader(args []js.Value) (io.ReaderAt, int64, error) {
	if len(args) == 0 {
		return nil, 0, errors.New("inspectMedia needs the file's bytes")
	}
	src := args[0]
	if src.Type() == js.TypeFunction {
		if len(args) < 3 || args[2].Type() != js.TypeObject || args[2].Get("size").Type() != js.TypeNumber {
			return nil, 0, errors.New("inspectMedia with a read function needs the size option")
		}
		size, err := mediaSize(args[2].Get("size").Float())
		if err != nil {
			return nil, 0, err
		}
		return jsReader{read: src}, size, nil
	}
	if !src.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, 0, fmt.Errorf("inspectMedia takes a Uint8Array or a read function, not %s", typeName(src))
	}
	n := src.Get("length")
	if n.Type() != js.TypeNumber {
		return nil, 0, fmt.Errorf("inspectMedia's Uint8Array has a length of type %s", typeName(n))
	}
	size, err := mediaSize(n.Float())
	if err != nil {
		return nil, 0, err
	}
	b := make([]byte, size)
	// The copy stops at the array's real end, should its length say more.
	b = b[:js.CopyBytesToGo(b, src)]
	return bytes.NewReader(b), int64(len(b)), nil
}

// typeName names the type of a JavaScript value for an error: its
// constructor's name for an object ("Int16Array", "ArrayBuffer", "Object"),
// its type otherwise ("number", "null", "undefined").
func typeName(v js.Value) string {
	if v.Type() == js.TypeObject {
		if c := v.Get("constructor"); c.Type() == js.TypeFunction && c.Get("name").Type() == js.TypeString && c.Get("name").String() != "" {
			return c.Get("name").String()
		}
	}
	return v.Type().String()
}

// jsReader is an io.ReaderAt over a JavaScript function (offset, length)
// that returns up to length bytes from offset as a Uint8Array.
type jsReader struct{ read js.Value }

func (r jsReader) ReadAt(p []byte, off int64) (int, error) {
	v := r.read.Invoke(float64(off), len(p))
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		return 0, errors.New("the read function did not return a Uint8Array")
	}
	n := js.CopyBytesToGo(p, v)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// jsStrings copies a list of Go strings into a value js.ValueOf takes.
func jsStrings(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}
