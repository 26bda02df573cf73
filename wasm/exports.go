//go:build js && wasm

package main

import (
	"errors"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"syscall/js"
	"unsafe"

	"github.com/walint/walint/validate"
)

// The npm package's validate, called once per payload in a send pipeline,
// goes through functions the module exports (//go:wasmexport) rather than
// through js.FuncOf. A js.FuncOf call resumes the Go program, runs the
// handler on a goroutine of its own, lets every other goroutine run, and
// pauses it again; with the JavaScript values it holds (each with a
// finalizer) that cost about 15 µs a call before any work, and the call of
// a short payload about 57 µs against 18 µs through these exports
// (node 20, go1.26). An exported function runs on the goroutine that is
// waiting, as a plain call, and takes and returns numbers only:
//
//   - walintInput(n) returns the address of an input buffer of n bytes in
//     the module's memory, into which the package writes the payload
//     (TextEncoder.encodeInto for a string) followed by the time of the
//     customer's last message, RFC 3339 text or nothing;
//   - walintValidate(n, m) checks the payload, the buffer's first n bytes,
//     with the last m as that time, and the options useOptions kept. It
//     returns the length of the report's JSON, or minus the length of an
//     error's message;
//   - walintOutput() returns the address of that JSON or message, valid
//     until the next call.
//
// The addresses are read after each call, never kept: a call may grow the
// module's memory, and a buffer may move.
type exportCalls struct {
	c       *checker
	v       *validate.Validator // the options' validator; nil means the default
	in, out []byte

	paced bool // whether collect has taken the collector over from GOGC
	spent int  // what the calls since the last collection cost (collect)
}

var calls exportCalls

// maxKeptBuffer is the largest input or output buffer kept for the next
// call: a payload of megabytes should not pin its buffer for ever.
const maxKeptBuffer = 1 << 20

//go:wasmexport walintInput
func walintInput(n int32) unsafe.Pointer {
	if n < 0 {
		n = 0
	}
	if int(n) > cap(calls.in) || cap(calls.in) > maxKeptBuffer && int(n) <= maxKeptBuffer {
		calls.in = make([]byte, max(n, 1024))
	}
	calls.in = calls.in[:n]
	return unsafe.Pointer(unsafe.SliceData(calls.in))
}

//go:wasmexport walintValidate
func walintValidate(n, m int32) int32 {
	if cap(calls.out) > maxKeptBuffer {
		calls.out = nil
	}
	out, err := recovered(func() ([]byte, error) {
		if n < 0 || m < 0 || int(n)+int(m) > len(calls.in) {
			return nil, errors.New("walintValidate: the lengths do not fit the input buffer")
		}
		v := calls.v
		if v == nil {
			var err error
			if v, err = calls.c.validator(checkOptions{}); err != nil {
				return nil, err
			}
		}
		ctx, err := checkContext(checkOptions{LastInbound: string(calls.in[n : n+m])})
		if err != nil {
			return nil, err
		}
		src := calls.in[:n:n]
		return appendReport(calls.out[:0], src, v.Validate(ctx, src))
	})
	if err != nil {
		msg := err.Error()
		if msg == "" {
			msg = "walint failed"
		}
		calls.out = append(calls.out[:0], msg...)
		return -int32(len(calls.out))
	}
	calls.out = out
	calls.collect(int(n))
	return int32(len(out))
}

// The collector under the npm package's calls. Go's collector, left to
// GOGC, starts a cycle when the heap has doubled and then marks
// concurrently: in WebAssembly there is one thread and the module runs
// only inside a call, so the marking is done a slice at a time by the
// calls' allocations, and meanwhile every pointer the library writes goes
// through the write barrier. On make bench's corpus a third of the calls
// ran with a cycle under way and a sixth of a call's time was the
// collector's (node --cpu-prof). Instead, from the first call on, the
// calls collect themselves, the whole cycle at once, between two payloads:
//
//   - a call is charged its payload's bytes and gcCallCost (on the corpus
//     about two thirds of the 2.6 KB a call allocates), and when the calls
//     since the last collection have spent gcBudget, runtime.GC runs (about
//     5 ms: one in some 2,500 calls on the corpus);
//   - GOGC is off in between, and a memory limit of gcRoom over what the
//     module held after the last collection is there for what the budget
//     does not foresee (a megabyte payload of tiny values, a run of fix or
//     report calls): the runtime collects by itself on reaching it.
//
// The page's worker never calls walintValidate and keeps Go's default.
const (
	gcBudget   = 4 << 20
	gcCallCost = 1 << 10
	gcRoom     = 32 << 20
)

// collect charges a call that read n bytes, and collects when the budget
// is spent.
func (e *exportCalls) collect(n int) {
	if !e.paced {
		e.paced = true
		debug.SetGCPercent(-1)
		limitMemory()
	}
	e.spent += n + gcCallCost
	if e.spent < gcBudget {
		return
	}
	e.spent = 0
	runtime.GC()
	limitMemory()
}

// limitMemory sets the memory limit gcRoom over the memory the module
// holds from Go now (what the limit is compared with).
func limitMemory() {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	debug.SetMemoryLimit(int64(s[0].Value.Uint64()-s[1].Value.Uint64()) + gcRoom)
}

//go:wasmexport walintOutput
func walintOutput() unsafe.Pointer {
	return unsafe.Pointer(unsafe.SliceData(calls.out))
}

// useOptions is the npm package's call when validate's options change
// (seldom in a send pipeline): it reads the options object (dialect,
// sender, templates; lastInbound goes with each payload), makes their
// validator, which parses the templates, and keeps it for walintValidate.
// It returns null, or an Error when the options are in error, which are
// then not kept.
func useOptions(c *checker) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		var v *validate.Validator
		_, err := recovered(func() ([]byte, error) {
			o := readCheckOptions(args, 0)
			o.LastInbound = ""
			var err error
			v, err = c.validator(o)
			return nil, err
		})
		if err != nil {
			return jsError(err.Error())
		}
		calls.v = v
		return nil
	})
}
