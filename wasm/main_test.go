//go:build js && wasm

package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall/js"
	"testing"
)

// call calls fn as JavaScript would and returns its {json} or {error}.
func call(fn any, args ...any) (out, errText string) {
	v := fn.(js.Func).Invoke(args...)
	if e := v.Get("error"); e.Type() == js.TypeString {
		return "", e.String()
	}
	return v.Get("json").String(), ""
}

// withLength returns a Uint8Array of 16 bytes whose length property says
// n: what a 2 GB array looks like to the module, without the 2 GB.
func withLength(n float64) js.Value {
	a := js.Global().Get("Uint8Array").New(16)
	js.Global().Get("Object").Call("defineProperty", a, "length", map[string]any{"value": n})
	return a
}

// TestInspectMediaArguments: an argument too large to copy, or of the
// wrong type, or with a size that is no size, is an error given before
// anything is read or allocated, and the module answers the next call. A
// 2 GB Uint8Array once ended the Go program: the copy into the module's
// memory failed.
func TestInspectMediaArguments(t *testing.T) {
	inspect := api(newChecker())["inspectMedia"]
	reads := 0
	reader := js.FuncOf(func(js.Value, []js.Value) any {
		reads++
		return js.Global().Get("Uint8Array").New(0)
	})
	defer reader.Release()
	tooLarge := errMediaTooLarge.Error()
	for _, tt := range []struct {
		name string
		args []any
		want string
	}{
		{"a Uint8Array of 1.9 GB", []any{withLength(1.9e9)}, tooLarge},
		{"a Uint8Array of 1 TB", []any{withLength(1e12)}, tooLarge},
		{"a Uint8Array one byte over the cap", []any{withLength(float64(maxMediaBytes + 1))}, tooLarge},
		{"a Uint8Array of NaN bytes", []any{withLength(math.NaN())}, "not a whole number"},
		{"a read function over 1.9 GB", []any{reader, "", map[string]any{"size": 1.9e9}}, tooLarge},
		{"a read function of -1 bytes", []any{reader, "", map[string]any{"size": -1}}, "not a whole number"},
		{"a read function of 1.5 bytes", []any{reader, "", map[string]any{"size": 1.5}}, "not a whole number"},
		{"a read function with no size", []any{reader}, "needs the size option"},
		{"an object with a huge length", []any{map[string]any{"length": 1.9e9, "byteLength": 1.9e9}}, "not Object"},
		{"an Array", []any{[]any{1, 2, 3}}, "not Array"},
		{"an ArrayBuffer", []any{js.Global().Get("ArrayBuffer").New(8)}, "not ArrayBuffer"},
		{"an Int16Array", []any{js.Global().Get("Int16Array").New(8)}, "not Int16Array"},
		{"a number", []any{1.9e9}, "not number"},
		{"null", []any{nil}, "not null"},
		{"nothing", nil, "needs the file's bytes"},
	} {
		out, err := call(inspect, tt.args...)
		if !strings.Contains(err, tt.want) {
			t.Errorf("inspectMedia(%s) = %s, error %q; want an error with %q", tt.name, out, err, tt.want)
		}
	}
	if reads != 0 {
		t.Errorf("the read function was called %d times, want none: every size was refused", reads)
	}

	// The module still works.
	b, err := os.ReadFile(filepath.Join("..", "testdata", "media", "image_64x48.png"))
	if err != nil {
		t.Fatal(err)
	}
	arr := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(arr, b)
	out, errText := call(inspect, arr, "image")
	var got mediaJSON
	if errText != "" || json.Unmarshal([]byte(out), &got) != nil || got.MIME != "image/png" || got.Size != int64(len(b)) {
		t.Errorf("after the refusals, inspectMedia(a PNG) = %s, error %q; want image/png of %d bytes", out, errText, len(b))
	}
}

// TestAPIFacts: the cap and its message reach the page, which refuses a
// file over it with that message before reading it.
func TestAPIFacts(t *testing.T) {
	v := js.ValueOf(api(newChecker()))
	if got := int64(v.Get("maxMediaBytes").Int()); got != maxMediaBytes {
		t.Errorf("maxMediaBytes = %d, want %d", got, maxMediaBytes)
	}
	if got := v.Get("mediaTooLarge").String(); got != errMediaTooLarge.Error() || !strings.Contains(got, "larger than 100 MiB") {
		t.Errorf("mediaTooLarge = %q", got)
	}
}

// TestValidateText: the npm package's validate returns the report's text,
// keeps the options of the last call that gave them, drops options that
// are in error, and returns an Error rather than throwing.
func TestValidateText(t *testing.T) {
	fn := api(newChecker())["validateText"].(js.Func)
	src := `{"to":"+16505551234","type":"text","text":{"body":"hi"}}`
	dialect := func(args ...any) string {
		t.Helper()
		v := fn.Invoke(append([]any{src}, args...)...)
		if v.Type() != js.TypeString {
			t.Fatalf("validateText(%v) = %v, want a string", args, v)
		}
		var got struct{ Dialect string }
		if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
			t.Fatal(err)
		}
		return got.Dialect
	}
	if got := dialect(); got != "onprem" {
		t.Errorf("no options: checked as %q, want onprem (auto-detected)", got)
	}
	if got := dialect(map[string]any{"dialect": "cloud"}); got != "cloud" {
		t.Errorf("dialect cloud: checked as %q", got)
	}
	if got := dialect(js.Undefined()); got != "cloud" {
		t.Errorf("options unchanged: checked as %q, want cloud (kept)", got)
	}
	v := fn.Invoke(src, map[string]any{"dialect": "v2"})
	if !v.InstanceOf(js.Global().Get("Error")) || !strings.Contains(v.Get("message").String(), "unknown dialect") {
		t.Errorf("dialect v2: %v, want an Error", v)
	}
	if got := dialect(); got != "cloud" {
		t.Errorf("after options in error: checked as %q, want cloud (the last good ones)", got)
	}
}

// TestRecovered: a panic inside a call becomes that call's error, for
// export and validateText alike, and a call that returns is untouched.
func TestRecovered(t *testing.T) {
	if _, err := recovered(func() ([]byte, error) { panic("boom") }); err == nil || err.Error() != "walint failed: boom" {
		t.Errorf("a panic gave %v", err)
	}
	if b, err := recovered(func() ([]byte, error) { return []byte("ok"), nil }); err != nil || string(b) != "ok" {
		t.Errorf("a plain call gave %q, %v", b, err)
	}
}
