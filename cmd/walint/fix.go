package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"github.com/walint/walint/validate"
)

const fixUsage = `usage: walint fix [--diff] [flags] PATH...

Applies walint's certain fixes (quoted booleans and numbers, E.164 recipient
numbers, double-encoded links) to the payload files in place, changing
nothing else: indentation, key order and every other byte stay. A file is
rewritten in place, as gofmt -w does: it keeps its owner, group, mode and
links; a read-only file is left alone. With --diff, prints a unified diff and
writes nothing. With -, reads standard input and writes the fixed payload to
standard output. A .jsonl file over 64 MiB is not fixed.

Exit status: 0 nothing at or above --fail-on remains after fixing, 1 something
does, 2 bad usage, bad configuration or unreadable input, 3 internal failure.

Flags:
`

// fixResult is what fixing one input gave.
type fixResult struct {
	in            input
	before, after []byte
	// rest is what is left of standard input past a cap: it is written
	// after "after", unchanged, so that nothing given is lost.
	rest     io.Reader
	fixes    int  // how many fixes were applied
	remain   int  // findings at or above --fail-on after fixing
	internal bool // an internal-error finding
	skipped  bool // JSON that is not a payload
	err      error
	panic    any
}

// runFix applies the certain fixes to payload files.
func runFix(args []string, e *env) int {
	fs := newFlagSet("walint fix", fixUsage, e)
	cf := addConfigFlags(fs)
	diff := fs.Bool("diff", false, "print a unified diff of the fixes instead of writing them")
	allJSON := addAllJSONFlag(fs)
	stdinName := fs.String("stdin-filename", "", "name standard input (-) in messages and diffs")
	paths, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	in, code := prepare(fs, cf, paths, *stdinName, e)
	if in == nil {
		return code
	}
	in.skipOthers(!*allJSON)
	s, vs, ins := in.settings, in.validators, in.inputs
	results := make([]fixResult, len(ins))
	forEach(len(ins), func(i int) {
		results[i] = fixOne(vs[ins[i].kind], s, ins[i], e.stdin)
	})
	skipped := 0
	for _, r := range results {
		if r.skipped {
			skipped++
			continue
		}
		code = worse(code, finishFix(r, *diff, e))
	}
	noteSkipped(e, skipped)
	return code
}

// finishFix writes, prints or reports the result of fixing one input and
// returns its exit code.
func finishFix(r fixResult, diff bool, e *env) int {
	if r.panic != nil {
		e.errorf("internal error while fixing %s: %v\nThis is a bug in walint; please report it.", r.in.name, r.panic)
		return exitInternal
	}
	code := exitClean
	if r.in.path == "" && !diff {
		// Standard input goes to standard output, fixed or not.
		e.stdout.Write(r.after)
		if r.rest != nil {
			if _, err := io.Copy(e.stdout, r.rest); err != nil {
				e.errorf("copying standard input: %v", err)
				code = exitUsage
			}
		}
	}
	if r.err != nil {
		e.errorf("%v", r.err)
		if r.internal {
			return exitInternal
		}
		return exitUsage
	}
	switch {
	case diff:
		fmt.Fprint(e.stdout, unifiedDiff(r.in.name, r.before, r.after))
	case r.in.path != "" && r.fixes > 0:
		if err := rewriteFile(r.in.path, r.before, r.after); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	if r.fixes > 0 && !diff {
		e.errorf("%s: fixed %s", r.in.name, plural(r.fixes, "problem"))
	}
	if r.remain > 0 {
		them := "them"
		if r.remain == 1 {
			them = "it"
		}
		e.errorf("%s: %s left that fix cannot solve; run walint on the file to see %s", r.in.name, plural(r.remain, "problem"), them)
		code = worse(code, exitFound)
	}
	if r.internal {
		code = exitInternal
	}
	return code
}

// fixOne fixes every payload of one input in memory.
func fixOne(v *validate.Validator, s *settings, in input, stdin io.Reader) (r fixResult) {
	r.in = in
	defer func() {
		if p := recover(); p != nil {
			r.panic = fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	src := stdin
	if in.path != "" {
		f, err := openFile(in.path, false)
		if err != nil {
			r.err = err
			return r
		}
		defer f.Close()
		src = f
	}
	limit := int64(validate.DefaultMaxSize)
	if in.lines {
		limit = maxFixLinesSize
	}
	data, over, err := readHead(src, limit)
	r.before, r.after = data, data
	if err != nil {
		r.err = fmt.Errorf("reading %s: %w", in.name, err)
		return r
	}
	if over {
		// Only the head was read. Standard input's rest is copied through.
		if in.path == "" {
			r.rest = stdin
		}
		if !in.lines {
			r.remain = 1 // payload-too-large, which walint reports
			return r
		}
		r.err = fmt.Errorf("%s: not fixed: larger than %d MiB, the most walint fix reads; split it into smaller files", in.name, limit>>20)
		if in.path == "" {
			r.err = fmt.Errorf("%s: not fixed, copied unchanged: larger than %d MiB, the most walint fix reads", in.name, limit>>20)
		}
		return r
	}
	if in.skipOther && !in.lines && notPayload(data) {
		r.skipped = true
		return r
	}
	ignores := in.ignores
	ctx := newContext()
	out := make([]byte, 0, len(data))
	pos := 0
	fix := func(p payload) bool {
		fixed, n, rep := fixPayload(ctx, v, p.data, ignores)
		out = append(append(out, data[pos:p.offset]...), fixed...)
		pos = p.offset + len(p.data)
		r.fixes += n
		r.remain += atOrAbove(filterFindings(rep.Findings, ignores), s.FailOn)
		if err := ctx.Err(); err != nil && r.err == nil {
			r.err, r.internal = fmt.Errorf("fixing %s stopped: %w", in.name, err), true
		}
		r.internal = r.internal || hasInternalError(rep)
		return true
	}
	if in.lines {
		eachLine(bytes.NewReader(data), validate.DefaultMaxSize, fix)
	} else {
		fix(payload{data: data, line: 1})
	}
	if r.fixes > 0 {
		r.after = append(out, data[pos:]...)
	}
	return r
}

// fixPayload applies the certain fixes to one payload: the validator's
// FixPayload, over the findings the file's ignore-findings entries leave,
// so that a finding the configuration says to leave alone is not fixed.
func fixPayload(ctx context.Context, v *validate.Validator, data []byte, ignores []findingIgnore) ([]byte, int, *validate.Report) {
	if len(ignores) == 0 {
		return v.FixPayload(ctx, data)
	}
	return v.FixPayload(ctx, data, validate.FixLeaving(func(f validate.Finding) bool {
		return slices.ContainsFunc(ignores, func(ig findingIgnore) bool { return ig.hides(f) })
	}))
}

// rewriteFile writes data over the file name, whose content was old, in
// place as gofmt -w does: the file keeps its inode, so its owner, group and
// mode (setgid included) stay, its hard links still share it and a symbolic
// link to it still points at it. The old content is saved beside it first
// and put back if the write fails. A read-only file is refused, even to
// root: its mode says it is not to be changed.
func rewriteFile(name string, old, data []byte) (err error) {
	f, err := os.OpenFile(name, os.O_WRONLY|openFlags, 0)
	if err != nil {
		return fmt.Errorf("not fixing %s: %w", name, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", name, cerr)
		}
	}()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("not fixing %s: %w", name, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("not fixing %s: %w", name, errNotRegular)
	}
	if info.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("not fixing %s: it is read-only (mode %v); make it writable, or see the fixes with --diff", name, info.Mode().Perm())
	}
	backup, err := saveBackup(name, old)
	if err != nil {
		return fmt.Errorf("not fixing %s: saving its content first: %w", name, err)
	}
	err = writeAt0(f, data)
	if err == nil {
		if err := os.Remove(backup); err != nil {
			return fmt.Errorf("fixed %s, but could not remove the copy of its old content: %w", name, err)
		}
		return nil
	}
	if rerr := writeAt0(f, old); rerr != nil {
		return fmt.Errorf("writing %s: %w; putting its content back failed too (%v): it is saved in %s", name, err, rerr, backup)
	}
	os.Remove(backup)
	return fmt.Errorf("writing %s: %w; its content is unchanged", name, err)
}

// writeAt0 makes data the whole content of f.
func writeAt0(f *os.File, data []byte) error {
	if _, err := f.WriteAt(data, 0); err != nil {
		return err
	}
	if err := f.Truncate(int64(len(data))); err != nil {
		return err
	}
	return f.Sync()
}

// saveBackup writes data to a new file beside name, readable by its owner
// only, and returns the new file's name.
func saveBackup(name string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".walint-backup-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
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
