package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/walint/walint/validate"
)

const fixUsage = `usage: walint fix [--diff] [flags] PATH...

Applies walint's certain fixes (quoted booleans and numbers, E.164 recipient
numbers, double-encoded links) to the payload files in place, changing
nothing else: indentation, key order and every other byte stay. Each file is
replaced atomically. With --diff, prints a unified diff and writes nothing.
With -, reads standard input and writes the fixed payload to standard output.

Exit status: 0 nothing at or above --fail-on remains after fixing, 1 something
does, 2 bad usage, bad configuration or unreadable input, 3 internal failure.

Flags:
`

// fixResult is what fixing one input gave.
type fixResult struct {
	in            input
	before, after []byte
	fixes         int  // how many fixes were applied
	remain        int  // findings at or above --fail-on after fixing
	internal      bool // an internal-error finding
	err           error
	panic         any
}

// runFix applies the certain fixes to payload files.
func runFix(args []string, e *env) int {
	fs := newFlagSet("walint fix", fixUsage, e)
	cf := addConfigFlags(fs)
	diff := fs.Bool("diff", false, "print a unified diff of the fixes instead of writing them")
	stdinName := fs.String("stdin-filename", "", "name standard input (-) in messages and diffs")
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	in, code := prepare(fs, cf, paths, *stdinName, e)
	if in == nil {
		return code
	}
	s, v, ins, stdin := in.settings, in.validator, in.inputs, in.stdin
	results := make([]fixResult, len(ins))
	forEach(len(ins), func(i int) {
		results[i] = fixOne(v, s, ins[i], stdin)
	})
	for _, r := range results {
		code = worse(code, finishFix(r, *diff, e))
	}
	return code
}

// finishFix writes, prints or reports the result of fixing one input and
// returns its exit code.
func finishFix(r fixResult, diff bool, e *env) int {
	switch {
	case r.panic != nil:
		e.errorf("internal error while fixing %s: %v\nThis is a bug in walint; please report it.", r.in.name, r.panic)
		return exitInternal
	case r.err != nil:
		e.errorf("%v", r.err)
		return exitUsage
	}
	switch {
	case diff:
		fmt.Fprint(e.stdout, unifiedDiff(r.in.name, r.before, r.after))
	case r.in.path == "":
		e.stdout.Write(r.after)
	case r.fixes > 0:
		if err := replaceFile(r.in.path, r.after); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	if r.fixes > 0 && !diff {
		e.errorf("%s: fixed %s", r.in.name, plural(r.fixes, "problem"))
	}
	code := exitClean
	if r.remain > 0 {
		e.errorf("%s: %s left that fix cannot solve; run walint on it to see them", r.in.name, plural(r.remain, "problem"))
		code = exitFound
	}
	if r.internal {
		code = exitInternal
	}
	return code
}

// fixOne fixes every payload of one input in memory.
func fixOne(v *validate.Validator, s *settings, in input, stdin []byte) (r fixResult) {
	r.in = in
	defer func() {
		if p := recover(); p != nil {
			r.panic = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	data, err := in.read(stdin)
	if err != nil {
		r.err = err
		return r
	}
	r.before, r.after = data, data
	if !in.lines && len(data) > validate.DefaultMaxSize {
		// Only the head was read; the validator reports the size.
		r.remain = 1
		return r
	}
	ignores := s.ignoresFor(in.name)
	ctx := newContext()
	out := make([]byte, 0, len(data))
	pos := 0
	for _, p := range payloads(data, in.lines) {
		fixed, n, rep := fixPayload(ctx, v, p.data, ignores)
		out = append(append(out, data[pos:p.offset]...), fixed...)
		pos = p.offset + len(p.data)
		r.fixes += n
		r.remain += atOrAbove(filterFindings(rep.Findings, ignores), s.FailOn)
		r.internal = r.internal || hasInternalError(rep)
	}
	if r.fixes > 0 {
		r.after = append(out, data[pos:]...)
	}
	return r
}

// fixPayload applies the certain fixes to one payload. With no
// ignore-findings entries for the file it is the validator's FixPayload;
// otherwise the same rounds run over the findings the entries leave, so a
// finding the configuration says to leave alone is not fixed either.
func fixPayload(ctx context.Context, v *validate.Validator, data []byte, ignores []findingIgnore) ([]byte, int, *validate.Report) {
	if len(ignores) == 0 {
		return v.FixPayload(ctx, data)
	}
	check := func(b []byte) *validate.Report {
		rep := v.Validate(ctx, b)
		rep.Findings = filterFindings(rep.Findings, ignores)
		return rep
	}
	serious := func(r *validate.Report) int {
		return r.Count(validate.SeverityError) + r.Count(validate.SeverityWarning)
	}
	total := 0
	rep := check(data)
	for range 4 {
		fixed, n := validate.Fix(data, rep.Findings)
		if n == 0 {
			break
		}
		next := check(fixed)
		if serious(next) > serious(rep) {
			break // A fix that makes things worse is no fix.
		}
		data, rep, total = fixed, next, total+n
	}
	return data, total, rep
}

// replaceFile replaces the file at name (or, for a symbolic link, the file
// it points to) with data, keeping its permissions.
func replaceFile(name string, data []byte) error {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return err
	}
	info, err := os.Stat(target)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(target, data, info.Mode().Perm()); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// writeFileAtomic writes data to a temporary file beside name and renames
// it over name, so that name holds either its old or its new content
// whatever happens.
func writeFileAtomic(name string, data []byte, perm fs.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".walint-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
