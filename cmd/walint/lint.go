package main

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

// lintHook, when set, is called before each input is linted. Tests set it
// to make walint fail from the inside.
var lintHook func(name string)

// runLint lints payload files: the default command.
func runLint(args []string, e *env) int {
	fs := newFlagSet("walint", usage, e)
	cf := addConfigFlags(fs)
	format := fs.String("format", "text", "output `format`: text, json, sarif, github or junit")
	color := fs.String("color", "auto", "`when` to colour the text format: auto (on a terminal, unless NO_COLOR is set), always or never")
	stdinName := fs.String("stdin-filename", "", "report standard input (-) under this `name`; .jsonl or .ndjson means one payload per line")
	baseline := fs.String("baseline", "", "hide the findings recorded in this baseline `file`; report only new ones")
	writeBaseline := fs.String("write-baseline", "", "record the current findings in this baseline `file` instead of reporting them")
	version := fs.Bool("version", false, "print walint's version and exit")
	paths, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *version {
		fmt.Fprintln(e.stdout, "walint "+versionString())
		fmt.Fprintln(e.stdout, "rules follow "+validate.Reference)
		return exitClean
	}
	if _, err := output.ParseFormat(*format); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	useColor, err := colorMode(*color, e.stdout)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	in, code := prepare(fs, cf, paths, *stdinName, e)
	if in == nil {
		return code
	}
	s, v, ins, stdin := in.settings, in.validator, in.inputs, in.stdin

	files, lintCode := collect(lintAll(v, ins, stdin, *format == string(output.FormatText)), s, e)
	code = worse(code, lintCode)
	if *writeBaseline != "" {
		if code != exitClean {
			e.errorf("not writing the baseline: not every file could be checked")
			return code
		}
		n, err := writeBaselineFile(*writeBaseline, files)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		e.errorf("recorded %s in %s", plural(n, "finding"), *writeBaseline)
		return exitClean
	}
	if *baseline != "" {
		stale, err := applyBaselineFile(*baseline, files)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		if stale > 0 {
			e.errorf("%s recorded in %s no longer occur; update it with --write-baseline", plural(stale, "finding"), *baseline)
		}
	}

	if len(files) == 0 && code != exitClean {
		return code // Nothing could be checked; an empty report would read as a clean one.
	}
	if err := output.Write(e.stdout, *format, files, output.Options{Color: useColor, ToolVersion: moduleVersion()}); err != nil {
		e.errorf("writing the report: %v", err)
		return worse(code, exitUsage)
	}
	if *format == string(output.FormatGitHub) {
		if err := appendStepSummary(files); err != nil {
			e.errorf("%v", err)
			code = worse(code, exitUsage)
		}
	}
	if failing(files, s.FailOn) {
		code = worse(code, exitFound)
	}
	return code
}

// collect gathers the reports of the results in order, without the
// findings the configuration's ignore-findings entries hide, and returns
// them with the exit code that failures to read or check call for.
func collect(results []result, s *settings, e *env) ([]output.File, int) {
	code := exitClean
	var files []output.File
	for _, r := range results {
		switch {
		case r.panic != nil:
			e.errorf("internal error while checking %s: %v\nThis is a bug in walint; please report it.", r.name, r.panic)
			code = worse(code, exitInternal)
		case r.err != nil:
			e.errorf("%v", r.err)
			code = worse(code, exitUsage)
		}
		for _, f := range r.files {
			if hasInternalError(f.Report) {
				code = worse(code, exitInternal)
			}
			files = append(files, applyIgnores(f, s.ignoresFor(f.Path)))
		}
	}
	return files, code
}

// prepared is what lint and fix start from: the settings, the validator,
// the inputs the paths name, and standard input when one of them is "-".
type prepared struct {
	settings  *settings
	validator *validate.Validator
	inputs    []input
	stdin     []byte
}

// prepare loads the configuration and expands the paths. It returns nil and
// the exit code when the run cannot go on; otherwise the exit code so far
// (exitUsage when some path could not be expanded).
func prepare(fs *flag.FlagSet, cf *configFlags, paths []string, stdinName string, e *env) (*prepared, int) {
	if len(paths) == 0 {
		e.errorf("no payloads given")
		fs.Usage()
		return nil, exitUsage
	}
	s, v, err := setup(cf)
	if err != nil {
		e.errorf("%v", err)
		return nil, exitUsage
	}
	ins, code := expand(paths, stdinName, s, e)
	stdin, err := readStdin(ins, e.stdin)
	if err != nil {
		e.errorf("%v", err)
		return nil, exitUsage
	}
	return &prepared{settings: s, validator: v, inputs: ins, stdin: stdin}, code
}

// setup loads the settings and builds the validator they describe.
func setup(cf *configFlags) (*settings, *validate.Validator, error) {
	s, err := cf.load()
	if err != nil {
		return nil, nil, err
	}
	opts, err := s.validatorOptions()
	if err != nil {
		return nil, nil, err
	}
	v, err := validate.New(opts...)
	if err != nil {
		return nil, nil, err
	}
	return s, v, nil
}

// result is what linting one input gave.
type result struct {
	name  string
	files []output.File // one per payload
	err   error         // the input could not be read
	panic any           // walint failed while checking it
}

// lintAll lints the inputs in parallel and returns their results in the
// order of the inputs. keepSource keeps each file's content for the text
// format's excerpts.
func lintAll(v *validate.Validator, ins []input, stdin []byte, keepSource bool) []result {
	results := make([]result, len(ins))
	forEach(len(ins), func(i int) {
		results[i] = lintOne(v, ins[i], stdin, keepSource)
	})
	return results
}

func lintOne(v *validate.Validator, in input, stdin []byte, keepSource bool) (r result) {
	r.name = in.name
	defer func() {
		if p := recover(); p != nil {
			r.files, r.panic = nil, fmt.Sprintf("%v\n%s", p, debug.Stack())
		}
	}()
	if lintHook != nil {
		lintHook(in.name)
	}
	data, err := in.read(stdin)
	if err != nil {
		r.err = err
		return r
	}
	src := data
	if !keepSource {
		src = nil
	}
	ctx := newContext()
	for _, p := range payloads(data, in.lines) {
		rep := v.Validate(ctx, p.data)
		p.place(rep)
		r.files = append(r.files, output.File{Path: in.name, Source: src, Report: rep})
	}
	return r
}

// forEach calls fn for every index below n, on as many goroutines as Go
// runs at once.
func forEach(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// applyIgnores returns the file without the findings its ignore-findings
// entries hide.
func applyIgnores(f output.File, ignores []findingIgnore) output.File {
	if len(ignores) == 0 || f.Report == nil {
		return f
	}
	rep := *f.Report
	rep.Findings = filterFindings(rep.Findings, ignores)
	f.Report = &rep
	return f
}

func filterFindings(fs []validate.Finding, ignores []findingIgnore) []validate.Finding {
	kept := make([]validate.Finding, 0, len(fs))
next:
	for _, x := range fs {
		for _, ig := range ignores {
			if ig.hides(x) {
				continue next
			}
		}
		kept = append(kept, x)
	}
	return kept
}

func hasInternalError(rep *validate.Report) bool {
	if rep == nil {
		return false
	}
	for _, f := range rep.Findings {
		if f.Rule == "internal-error" {
			return true
		}
	}
	return false
}

// failing reports whether any finding is at or above the level.
func failing(files []output.File, level validate.Severity) bool {
	for _, f := range files {
		if f.Report != nil && atOrAbove(f.Report.Findings, level) > 0 {
			return true
		}
	}
	return false
}

// atOrAbove counts the findings at or above the level.
func atOrAbove(fs []validate.Finding, level validate.Severity) int {
	n := 0
	for _, x := range fs {
		if x.Severity >= level {
			n++
		}
	}
	return n
}
