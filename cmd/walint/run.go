package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/walint/walint/validate"
)

// Exit codes. They are part of walint's contract with CI systems; when
// several apply, the highest wins.
const (
	exitClean    = 0 // nothing at or above the --fail-on level
	exitFound    = 1 // something at or above the --fail-on level
	exitUsage    = 2 // bad usage, bad configuration or unreadable input
	exitInternal = 3 // walint itself failed
)

// newContext gives the context every payload is checked under. Tests swap
// it for a cancelled one to drive the internal-failure path.
var newContext = context.Background

const usage = `usage: walint [flags] PATH...
       walint fix [--diff] [flags] PATH...
       walint media --type TYPE [--voice] [--format text|json] FILE...
       walint rules [--format text|json]
       walint explain RULE
       walint config [flags]
       walint schema [--dialect auto|cloud|onprem]
       walint version
       walint completion bash|zsh|fish

Lints WhatsApp Business API message payloads. A PATH is a file, a directory
(searched recursively for *.json, *.jsonl and *.ndjson; dir/... means the
same), a glob pattern (quoted, ** for any depth), or - for standard input.
A .jsonl or .ndjson file holds one payload per line.

Settings come from .walint.yaml in the working directory or the nearest
parent (or --config FILE); flags override them.

Exit status: 0 nothing at or above --fail-on, 1 something was, 2 bad usage,
bad configuration or unreadable input, 3 internal failure.
`

// commands are the subcommands; anything else is a path to lint. A file
// named like a command can still be linted as ./name.
var commands = map[string]func(args []string, env *env) int{
	"lint":    runLint,
	"fix":     runFix,
	"media":   runMedia,
	"rules":   runRules,
	"explain": runExplain,
	"config":  runConfig,
	"version": runVersion,
	"schema":  runSchema,

	"completion": runCompletion,
}

// runVersion prints walint's version: `walint version`, as --version.
func runVersion(args []string, e *env) int {
	fs := newFlagSet("walint version", "usage: walint version\n\nPrints walint's version and the Meta reference its rules follow.\n", e)
	rest, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		e.errorf("version takes no arguments")
		return exitUsage
	}
	printVersion(e)
	return exitClean
}

// printVersion prints the version lines of --version and walint version.
func printVersion(e *env) {
	fmt.Fprintln(e.stdout, "walint "+versionString())
	fmt.Fprintln(e.stdout, "rules follow "+validate.Reference)
}

// env is what a command runs with: the standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// flagSets, when set, is given every flag set the command makes: the
	// completion learns a command's flags so (commandFlags).
	flagSets func(*flag.FlagSet)
}

// errorf prints an error message prefixed with the command's name.
func (e *env) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "walint: "+format+"\n", args...)
}

// run is the whole command: it parses args, does the work, prints, and
// returns the exit code. A panic anywhere in walint's own code becomes exit
// code 3 with a message, never a crash with Go's exit code 2, which would
// read as a usage error.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			e.errorf("internal error: %v\n%s\nThis is a bug in walint; please report it.", r, debug.Stack())
			code = exitInternal
		}
	}()
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(args[1:], e)
		}
		switch args[0] {
		case "help":
			return runHelp(args[1:], e)
		case "__complete":
			return runComplete(args[1:], e)
		}
	}
	return runLint(args, e)
}

// runHelp prints the usage of walint or of one command.
func runHelp(args []string, e *env) int {
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd([]string{"-h"}, e)
		}
	}
	return runLint([]string{"-h"}, e)
}

// newFlagSet returns a flag set that reports to stderr and prints the
// given usage text before the flags.
func newFlagSet(name, text string, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if e.flagSets != nil {
		e.flagSets(fs)
	}
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), text)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags that may stand before, between or after the
// positional arguments, as users of other linters expect; "--" ends the
// flags. It returns the positional arguments, or an exit code when parsing
// ended the run: 0 for -h, whose usage goes to stdout as asked for, and
// exitUsage for a bad flag, whose usage goes to stderr with the error.
func parseArgs(fs *flag.FlagSet, args []string, e *env) ([]string, int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // printed below, where it belongs
	defer func() { fs.Usage = usage }()
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				usage()
				fs.SetOutput(e.stderr)
				return nil, exitClean, false
			}
			usage()
			return nil, exitUsage, false
		}
		left := fs.Args()
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			// Parse stopped at "--" and dropped it: the rest are all
			// positional, even those that look like flags.
			return append(rest, left...), 0, true
		}
		if len(left) == 0 {
			return rest, 0, true
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// listFlag is a flag that takes a comma-separated list and may be repeated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// worse returns the more serious of two exit codes: internal failure over
// usage over findings over clean.
func worse(a, b int) int {
	return max(a, b)
}

// plural returns "1 problem" or "2 problems".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
