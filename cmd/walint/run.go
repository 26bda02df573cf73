package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

// Exit codes. They are part of walint's contract with CI systems.
const (
	exitClean = 0 // no error findings
	exitFound = 1 // error findings
	exitUsage = 2 // bad usage or unreadable input
)

const usage = `usage: walint [flags] PATH...

Lints WhatsApp Business API message payloads. A PATH is a JSON file, a
directory (searched recursively for *.json; dir/... means the same), or - for
standard input.

Exit status: 0 no errors found, 1 errors found, 2 bad usage or unreadable input.

Flags:
`

// run is the whole command: it parses args, lints, prints, and returns the
// exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("walint", flag.ContinueOnError)
	flags.SetOutput(stderr)
	format := flags.String("format", "text", "output format: text or json")
	dialect := flags.String("dialect", "auto", "API dialect: auto, cloud or onprem")
	templates := flags.String("templates", "", "template definitions: the JSON of GET /{waba-id}/message_templates")
	flags.Usage = func() {
		fmt.Fprint(stderr, usage)
		flags.PrintDefaults()
	}
	paths, err := parseInterleaved(flags, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "walint: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	d, err := validate.ParseDialect(*dialect)
	if err != nil {
		fmt.Fprintf(stderr, "walint: %v\n", err)
		return exitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "walint: no payloads given")
		flags.Usage()
		return exitUsage
	}
	opts := []validate.Option{validate.WithDialect(d)}
	if *templates != "" {
		data, err := os.ReadFile(*templates)
		if err != nil {
			fmt.Fprintf(stderr, "walint: %v\n", err)
			return exitUsage
		}
		defs, err := validate.ParseTemplates(data)
		if err != nil {
			fmt.Fprintf(stderr, "walint: %s: %v\n", *templates, err)
			return exitUsage
		}
		opts = append(opts, validate.WithTemplates(defs))
	}
	v, err := validate.New(opts...)
	if err != nil {
		fmt.Fprintf(stderr, "walint: %v\n", err)
		return exitUsage
	}

	code := exitClean
	var files []output.File
	for _, in := range expand(paths, stderr, &code) {
		data, err := in.read(stdin)
		if err != nil {
			fmt.Fprintf(stderr, "walint: %v\n", err)
			code = exitUsage
			continue
		}
		rep := v.Validate(context.Background(), data)
		if rep.HasErrors() && code == exitClean {
			code = exitFound
		}
		files = append(files, output.File{Path: in.name, Report: rep})
	}
	switch *format {
	case "json":
		err = output.JSON(stdout, files)
	default:
		err = output.Text(stdout, files)
	}
	if err != nil {
		fmt.Fprintf(stderr, "walint: writing the report: %v\n", err)
		return exitUsage
	}
	return code
}

// parseInterleaved parses flags that may stand before, between or after the
// paths, as users of other linters expect.
func parseInterleaved(flags *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		args = flags.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
}

// input is one payload to lint.
type input struct {
	name  string // as reported
	path  string // to read; "" for standard input
	stdin bool
}

func (in input) read(stdin io.Reader) ([]byte, error) {
	if in.stdin {
		// One byte over the validator's limit is enough to know it is over.
		data, err := io.ReadAll(io.LimitReader(stdin, validate.DefaultMaxSize+1))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return data, nil
	}
	f, err := os.Open(in.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, validate.DefaultMaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", in.path, err)
	}
	return data, nil
}

// expand turns the paths into inputs: files as given, directories walked
// for *.json in lexical order, "-" for standard input. A path that does not
// exist is reported and sets the exit code to exitUsage.
func expand(paths []string, stderr io.Writer, code *int) []input {
	var ins []input
	for _, p := range paths {
		if p == "-" {
			ins = append(ins, input{name: "<stdin>", stdin: true})
			continue
		}
		// "dir/..." is Go's spelling of "dir and everything below it",
		// which is what a directory means here anyway.
		if rest, ok := strings.CutSuffix(p, "/..."); ok {
			p = rest
			if p == "" || p == "." {
				p = "."
			}
		}
		info, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(stderr, "walint: %v\n", err)
			*code = exitUsage
			continue
		}
		if !info.IsDir() {
			ins = append(ins, input{name: p, path: p})
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
				ins = append(ins, input{name: path, path: path})
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(stderr, "walint: %v\n", err)
			*code = exitUsage
		}
	}
	return ins
}
