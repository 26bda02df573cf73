package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

// Linting is a stream: the inputs are read one payload at a time (a .jsonl
// file line by line), the payloads are validated on every core, and their
// reports come out in the order of the inputs and of the payloads in them.
// At most inFlight payloads are held at once, so a file of a million lines
// takes the memory of a few hundred of them, not of the file.

// inFlight bounds the payloads read but not yet reported.
func inFlight() int {
	return 4 * runtime.GOMAXPROCS(0)
}

// outcome is what checking one payload gave, or what ended an input early.
type outcome struct {
	input int         // the input's index
	file  output.File // the payload's report, unless err or panic is set
	err   error       // the input could not be read (from here on)
	panic any         // walint failed
	// stopped is the context's error when the payload's check ended early:
	// its report is incomplete, and must not read as a clean one.
	stopped error
	// skipped is set for a file that is JSON but not a payload.
	skipped bool
}

// task is one payload to check.
type task struct {
	input int
	name  string
	p     payload
	// file, when set, is a file of one payload, which the worker reads
	// into p: the files of a directory are opened and read on every core,
	// not one at a time before them.
	file  *input
	lines bool // the payload is a line of a .jsonl file
	keep  bool // keep the payload as the report's source
	// skipOther skips the payload when it is JSON but no payload
	// (notPayload), decided by the worker, not the one reader.
	skipOther bool
	out       chan<- outcome
}

// errStopped ends the reading of an input when the report has stopped.
var errStopped = errors.New("stopped")

// lintStream lints the inputs and calls report with the outcome of every
// payload, in order; stdin is read for the input "-". keepSource keeps each
// payload as its report's source, for the text format's excerpts. When
// report returns false, lintStream stops reading and returns.
func lintStream(vs validators, ins []input, stdin io.Reader, keepSource bool, report func(outcome) bool) {
	order := make(chan chan outcome, inFlight())
	tasks := make(chan task)
	stop := make(chan struct{})
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() {
			for t := range tasks {
				t.out <- check(vs[ins[t.input].kind], t)
			}
		})
	}

	// queue puts a place for an outcome in the order, and then, when t is
	// not nil, the task that fills it; done is an outcome known already.
	queue := func(t *task, done *outcome) bool {
		out := make(chan outcome, 1)
		if done != nil {
			out <- *done
		}
		select {
		case order <- out:
		case <-stop:
			return false
		}
		if t == nil {
			return true
		}
		t.out = out
		select {
		case tasks <- *t:
			return true
		case <-stop:
			return false
		}
	}
	read := func(i int, in input) (ok bool) {
		defer func() {
			if p := recover(); p != nil {
				ok = queue(nil, &outcome{input: i, panic: fmt.Sprintf("%v\n%s", p, debug.Stack())})
			}
		}()
		if lintHook != nil {
			lintHook(in.name)
		}
		if in.path != "" && !in.lines {
			return queue(&task{input: i, name: in.name, file: &ins[i], keep: keepSource, skipOther: in.skipOther}, nil)
		}
		err := in.each(stdin, func(p payload) bool {
			return queue(&task{input: i, name: in.name, p: p, lines: in.lines, keep: keepSource, skipOther: in.skipOther && !in.lines}, nil)
		})
		switch {
		case errors.Is(err, errStopped):
			return false
		case err != nil:
			return queue(nil, &outcome{input: i, err: err})
		}
		return true
	}
	reading := make(chan struct{})
	go func() {
		defer close(reading)
		defer close(order)
		defer close(tasks)
		for i, in := range ins {
			if !read(i, in) {
				return
			}
		}
	}()

	for out := range order {
		if !report(<-out) {
			close(stop)
			break
		}
	}
	<-reading
	workers.Wait()
}

// check validates one payload.
func check(v *validate.Validator, t task) (o outcome) {
	o.input = t.input
	defer func() {
		if p := recover(); p != nil {
			o.file, o.panic = output.File{}, fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	if t.file != nil {
		data, err := t.file.read(nil)
		if err != nil {
			o.err = err
			return o
		}
		t.p = payload{data: data, line: 1}
	}
	if t.skipOther && notPayload(t.p.data) {
		o.skipped = true
		return o
	}
	ctx := newContext()
	rep := v.Validate(ctx, t.p.data)
	t.p.place(rep)
	o.file = output.File{Path: t.name, Report: rep}
	o.stopped = ctx.Err()
	if t.lines {
		o.file.Line = t.p.line
	}
	if t.keep {
		o.file.Source = t.p.data
	}
	return o
}

// each calls yield with every payload of the input: the head of a .json
// file (enough for the validator to report one that is too large), or each
// non-blank line of a .jsonl file. It stops with errStopped when yield
// returns false.
func (in input) each(stdin io.Reader, yield func(payload) bool) error {
	if !in.lines {
		data, err := in.read(stdin)
		if err == nil && !yield(payload{data: data, line: 1}) {
			err = errStopped
		}
		return err
	}
	r := stdin
	if in.path != "" {
		f, err := openFile(in.path, in.named)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	err := eachLine(r, validate.DefaultMaxSize, yield)
	if err != nil && !errors.Is(err, errStopped) {
		return fmt.Errorf("reading %s: %w", in.name, err)
	}
	return err
}

// read reads the payload of a .json input: all of the file, or its head
// when it is larger than the validator takes, which is enough for the
// validator to report it as too large. stdin is read for "-".
func (in input) read(stdin io.Reader) ([]byte, error) {
	var data []byte
	var err error
	switch {
	case in.path == "":
		data, _, err = readHead(stdin, validate.DefaultMaxSize)
	case in.named: // perhaps a pipe
		var f *os.File
		var size int64
		if f, size, err = openFileSize(in.path, in.named); err != nil {
			return nil, err
		}
		defer f.Close()
		data, _, err = readHeadSize(f, validate.DefaultMaxSize, size)
	default:
		var opened bool
		if data, opened, err = readRegular(in.path, validate.DefaultMaxSize); err != nil && !opened {
			return nil, err
		}
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.name, err)
	}
	return data, nil
}

// eachLine calls yield with each non-blank line of r, without its line
// ending (LF or CRLF). A line longer than max bytes is passed on cut short
// after max+2 of them, which the validator reports as too large, and the
// rest of it is read past without being kept.
func eachLine(r io.Reader, max int, yield func(payload) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	keep := max + 2 // room for a CRLF after a payload of exactly max bytes
	offset := 0
	for n := 1; ; n++ {
		var line []byte
		size := 0 // the line's length in the file, its ending included
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			size += len(chunk)
			if room := keep - len(line); room > 0 {
				line = append(line, chunk[:min(room, len(chunk))]...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		if size == len(line) { // not cut short: drop the line ending
			line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		}
		if len(bytes.TrimSpace(line)) > 0 && !yield(payload{data: line, line: n, offset: offset}) {
			return errStopped
		}
		offset += size
		if err == io.EOF {
			return nil
		}
	}
}
