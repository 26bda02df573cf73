package main

import (
	"bufio"
	"flag"
	"runtime"
	"strings"
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
	fs := newFlagSet("walint", usage+"\n"+formatsHelp()+"\nFlags:\n", e)
	cf := addConfigFlags(fs)
	format := fs.String("format", output.Formats()[0].Name, "output `format`: "+strings.Join(output.FormatNames(), ", "))
	color := fs.String("color", "auto", "`when` to colour the text format: auto (on a terminal, unless NO_COLOR is set), always or never")
	stdinName := fs.String("stdin-filename", "", "report standard input (-) under this `name`; .jsonl or .ndjson means one payload per line")
	baseline := fs.String("baseline", "", "hide the findings recorded in this baseline `file`; report only new ones")
	writeBaseline := fs.String("write-baseline", "", "record the current findings in this baseline `file` instead of reporting them")
	version := fs.Bool("version", false, "print walint's version and exit")
	allJSON := addAllJSONFlag(fs)
	paths, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if *version {
		printVersion(e)
		return exitClean
	}
	outFormat, err := output.ParseFormat(*format)
	if err != nil {
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
	in.skipOthers(!*allJSON)
	l := &lintRun{settings: in.settings, inputs: in.inputs, e: e, out: bufio.NewWriterSize(e.stdout, 64<<10)}
	l.report, err = output.NewStream(l.out, outFormat.Name, output.Options{Color: useColor, ToolVersion: moduleVersion(), FailOn: in.settings.FailOn})
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if outFormat.StepSummary {
		l.stepSummary = &output.StepSummary{}
	}
	var err2 error
	switch {
	case *writeBaseline != "":
		l.record, err2 = newBaselineRecorder(*writeBaseline)
	case *baseline != "":
		l.baseline, err2 = loadBaseline(*baseline)
	}
	if err2 != nil {
		e.errorf("%v", err2)
		return exitUsage
	}
	l.code = code
	lintStream(in.validators, in.inputs, e.stdin, outFormat.Source, l.add)
	return l.finish(*writeBaseline, *baseline)
}

// lintRun is the report of a lint run under way: it takes the outcome of
// each payload in order, writes it and keeps the totals.
type lintRun struct {
	settings    *settings
	inputs      []input
	e           *env
	out         *bufio.Writer // stdout
	report      *output.Stream
	stepSummary *output.StepSummary // for a format with StepSummary set
	record      *baselineRecorder   // --write-baseline
	baseline    *baseline           // --baseline
	code        int                 // the exit code so far
	files       int                 // payload reports written
	found       bool                // a finding at or above --fail-on
	skipped     int                 // JSON files that are not payloads
	writeErr    error
}

// add takes the outcome of one payload. It returns false when the report
// cannot be written, which stops the run.
func (l *lintRun) add(o outcome) bool {
	switch {
	case o.panic != nil:
		l.errorf("internal error while checking %s: %v\nThis is a bug in walint; please report it.", l.nameOf(o), o.panic)
		l.code = worse(l.code, exitInternal)
		return true
	case o.err != nil:
		l.errorf("%v", o.err)
		l.code = worse(l.code, exitUsage)
		return true
	case o.skipped:
		l.skipped++
		return true
	case o.stopped != nil:
		// Not checked to the end: its report would read as a clean one.
		l.errorf("checking %s stopped: %v", o.file.Path, o.stopped)
		l.code = worse(l.code, exitInternal)
		return true
	}
	f := o.file
	if hasInternalError(f.Report) {
		l.code = worse(l.code, exitInternal)
	}
	f = applyIgnores(f, l.inputs[o.input].ignores)
	if l.record != nil {
		l.record.add(f)
		return true
	}
	if l.baseline != nil {
		f = l.baseline.hide(f)
	}
	if f.Report != nil && atOrAbove(f.Report.Findings, l.settings.FailOn) > 0 {
		l.found = true
	}
	l.files++
	if l.stepSummary != nil {
		l.stepSummary.Add(f)
	}
	if err := l.report.File(f); err != nil {
		l.writeErr = err
		return false
	}
	return true
}

// nameOf names the input of an outcome that has no report.
func (l *lintRun) nameOf(o outcome) string {
	return l.inputs[o.input].name
}

// errorf prints an error in its place among the reports.
func (l *lintRun) errorf(format string, args ...any) {
	l.out.Flush()
	l.e.errorf(format, args...)
}

// finish ends the run: it writes the baseline or the end of the report and
// returns the exit code.
func (l *lintRun) finish(writeBaseline, baselineName string) int {
	e, code := l.e, l.code
	noteSkipped(e, l.skipped)
	if l.record != nil {
		if code != exitClean {
			e.errorf("not writing the baseline: not every file could be checked")
			return code
		}
		n, err := l.record.write()
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		e.errorf("recorded %s in %s", plural(n, "finding"), writeBaseline)
		return exitClean
	}
	if l.writeErr == nil && (l.files > 0 || code == exitClean) {
		// With nothing checked and something wrong, an empty report would
		// read as a clean one: write none.
		l.writeErr = l.report.Close()
	}
	if l.writeErr == nil {
		l.writeErr = l.out.Flush()
	}
	if l.writeErr != nil {
		e.errorf("writing the report: %v", l.writeErr)
		code = worse(code, exitUsage)
	}
	if l.baseline != nil {
		if stale := l.baseline.stale(); stale > 0 {
			verb := "no longer occur"
			if stale == 1 {
				verb = "no longer occurs"
			}
			e.errorf("%s recorded in %s %s; update it with --write-baseline", plural(stale, "finding"), baselineName, verb)
		}
	}
	if l.stepSummary != nil {
		if err := appendStepSummary(l.stepSummary); err != nil {
			// The annotations are written; a summary that cannot be is
			// no reason to fail a run that is otherwise clean.
			e.errorf("warning: %v", err)
		}
	}
	if l.found {
		code = worse(code, exitFound)
	}
	return code
}

// addAllJSONFlag adds --all-json, which lints the JSON files that are not
// payloads too.
func addAllJSONFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("all-json", false, "check every JSON file given or found, also those that are not message payloads (package.json, tsconfig.json, ...), which are otherwise skipped")
}

// skipOthers sets whether the files are skipped when they are JSON that is
// not a payload. Standard input never is: it was given to be checked; nor
// is a file the settings say is a template body, whatever its shape.
func (p *prepared) skipOthers(skip bool) {
	for i := range p.inputs {
		in := &p.inputs[i]
		in.skipOther = skip && in.path != "" && in.kind != validate.KindTemplate && in.kind != validate.KindTemplateEdit
	}
}

// noteSkipped says how many JSON files were skipped as not payloads.
func noteSkipped(e *env, n int) {
	if n == 0 {
		return
	}
	what := "files that are not payloads"
	if n == 1 {
		what = "file that is not a payload"
	}
	e.errorf("skipped %d JSON %s (neither a message's members nor a template body's shape; --all-json checks them)", n, what)
}

// prepared is what lint and fix start from: the settings, the validators,
// and the inputs the paths name.
type prepared struct {
	settings   *settings
	validators validators
	inputs     []input
}

// validators are the validators of a run, one for each kind of payload its
// settings name (--kind, kind, kinds): a Validator checks one kind, or
// tells them by shape.
type validators map[validate.Kind]*validate.Validator

// prepare loads the configuration and expands the paths. It returns nil and
// the exit code when the run cannot go on; otherwise the exit code so far
// (exitUsage when some path could not be expanded).
func prepare(fs *flag.FlagSet, cf *configFlags, paths []string, stdinName string, e *env) (*prepared, int) {
	if len(paths) == 0 {
		e.errorf("no payloads given")
		fs.Usage()
		return nil, exitUsage
	}
	s, vs, err := setup(cf)
	if err != nil {
		e.errorf("%v", err)
		return nil, exitUsage
	}
	ins, code := expand(paths, stdinName, s, e)
	for i := range ins {
		ins[i].ignores = s.ignoresFor(ins[i].name)
		ins[i].kind = s.kindFor(ins[i].name)
	}
	return &prepared{settings: s, validators: vs, inputs: ins}, code
}

// setup loads the settings and builds the validators they describe.
func setup(cf *configFlags) (*settings, validators, error) {
	s, err := cf.load()
	if err != nil {
		return nil, nil, err
	}
	opts, err := s.validatorOptions()
	if err != nil {
		return nil, nil, err
	}
	vs := validators{}
	kinds := []validate.Kind{s.Kind}
	for _, pk := range s.Kinds {
		kinds = append(kinds, pk.Kind)
	}
	for _, k := range kinds {
		if vs[k] != nil {
			continue
		}
		v, err := validate.New(append(opts, validate.WithKind(k))...)
		if err != nil {
			return nil, nil, err
		}
		vs[k] = v
	}
	return s, vs, nil
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
