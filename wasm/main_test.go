//go:build js && wasm

package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall/js"
	"testing"
	"unsafe"
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

// validateExported calls the npm package's validate as load.js does:
// the payload and lastInbound into the input buffer, then walintValidate.
// It returns the report's JSON or the error's message.
func validateExported(payload, lastInbound string) (out, errText string) {
	n, m := int32(len(payload)), int32(len(lastInbound))
	p := walintInput(n + m)
	in := unsafe.Slice((*byte)(p), n+m)
	copy(in[copy(in, payload):], lastInbound)
	r := walintValidate(n, m)
	b := unsafe.Slice((*byte)(walintOutput()), max(r, -r))
	if r < 0 {
		return "", string(b)
	}
	return string(b), ""
}

// TestValidateExported: the npm package's validate returns the report's
// JSON, with the options useOptions kept until options in error are
// refused (and not kept), and lastInbound given with each payload.
func TestValidateExported(t *testing.T) {
	c := newChecker()
	calls = exportCalls{c: c} // as main sets it up
	use := api(c)["useOptions"].(js.Func)
	src := `{"to":"+16505551234","type":"text","text":{"body":"hi"}}`
	check := func(lastInbound string) (dialect string, rules []string) {
		t.Helper()
		out, errText := validateExported(src, lastInbound)
		if errText != "" {
			t.Fatalf("validate(lastInbound %q): %s", lastInbound, errText)
		}
		var got struct {
			Dialect  string
			Findings []struct{ Rule string }
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		for _, f := range got.Findings {
			rules = append(rules, f.Rule)
		}
		return got.Dialect, rules
	}
	if got, _ := check(""); got != "onprem" {
		t.Errorf("no options: checked as %q, want onprem (auto-detected)", got)
	}
	if v := use.Invoke(map[string]any{"dialect": "cloud"}); !v.IsNull() {
		t.Fatalf("useOptions(dialect cloud) = %v, want null", v)
	}
	if got, _ := check(""); got != "cloud" {
		t.Errorf("dialect cloud: checked as %q", got)
	}
	v := use.Invoke(map[string]any{"dialect": "v2"})
	if !v.InstanceOf(js.Global().Get("Error")) || !strings.Contains(v.Get("message").String(), "unknown dialect") {
		t.Errorf("dialect v2: %v, want an Error", v)
	}
	if got, _ := check(""); got != "cloud" {
		t.Errorf("after options in error: checked as %q, want cloud (the last good ones)", got)
	}
	if _, rules := check("2020-01-01T00:00:00Z"); !slices.Contains(rules, "conversation-window") {
		t.Errorf("lastInbound in 2020: findings %v, want conversation-window", rules)
	}
	if _, rules := check(""); slices.Contains(rules, "conversation-window") {
		t.Errorf("no lastInbound after one: findings %v, want no conversation-window", rules)
	}
	if _, errText := validateExported(src, "yesterday"); !strings.Contains(errText, "reading lastInbound") {
		t.Errorf("lastInbound yesterday: error %q", errText)
	}
	walintInput(4)
	if r := walintValidate(3, 2); r >= 0 {
		t.Errorf("lengths over the buffer: walintValidate = %d, want an error", r)
	}
	// A large payload's buffers are not kept for the next call.
	big := `{"text":{"body":"` + strings.Repeat("x", 2*maxKeptBuffer) + `"}}`
	if out, errText := validateExported(big, ""); out == "" || errText != "" {
		t.Fatalf("a 2 MB payload: %q", errText)
	}
	if _, errText := validateExported(src, ""); errText != "" || cap(calls.in) > maxKeptBuffer {
		t.Errorf("after a 2 MB payload: error %q, input buffer of %d bytes kept", errText, cap(calls.in))
	}
}

// TestRecovered: a panic inside a call becomes that call's error, for
// export and walintValidate alike, and a call that returns is untouched.
func TestRecovered(t *testing.T) {
	if _, err := recovered(func() ([]byte, error) { panic("boom") }); err == nil || err.Error() != "walint failed: boom" {
		t.Errorf("a panic gave %v", err)
	}
	if b, err := recovered(func() ([]byte, error) { return []byte("ok"), nil }); err != nil || string(b) != "ok" {
		t.Errorf("a plain call gave %q, %v", b, err)
	}
}
