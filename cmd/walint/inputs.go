package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/walint/walint/validate"
)

// input is one file of payloads to lint.
type input struct {
	name  string // as reported
	path  string // to read; "" for standard input
	lines bool   // one payload per line (.jsonl, .ndjson)
	// named is set for a path given on the command line, which may be a
	// pipe (<(jq ...)); a file found in a directory or by a glob must be a
	// regular file.
	named bool
	// skipOther skips the file when it is JSON that is not a message
	// payload (notPayload): set for files, unless --all-json.
	skipOther bool
	// ignores are the configuration's ignore-findings entries for the
	// file, worked out once for all its payloads.
	ignores []findingIgnore
	// kind is what the file's payloads are checked as (settings.kindFor).
	kind validate.Kind
}

// isLines reports whether a file of this name holds one payload per line.
func isLines(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".jsonl" || ext == ".ndjson"
}

// isPayloadFile reports whether a directory walk picks up this file.
func isPayloadFile(name string) bool {
	return strings.ToLower(filepath.Ext(name)) == ".json" || isLines(name)
}

// expand turns the command-line paths into inputs, in the order given,
// directories walked in lexical order, globs sorted, each file once, and
// the files the configuration ignores left out. A path that does not exist,
// a glob that matches nothing or an unreadable directory is reported and
// makes the exit code exitUsage.
func expand(paths []string, stdinName string, s *settings, e *env) ([]input, int) {
	code := exitClean
	var ins []input
	seen := map[string]bool{}
	add := func(in input) {
		key := in.name
		if in.path != "" {
			key = filepath.Clean(in.path)
		}
		if seen[key] || s.ignored(in.name) {
			return
		}
		seen[key] = true
		ins = append(ins, in)
	}
	fail := func(err error) {
		e.errorf("%v", err)
		code = exitUsage
	}
	for _, p := range paths {
		if p == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			add(input{name: name, lines: isLines(name)})
			continue
		}
		// "dir/..." is Go's spelling of "dir and everything below it",
		// which is what a directory means here anyway.
		if rest, ok := strings.CutSuffix(p, "/..."); ok {
			p = rest
			if p == "" {
				p = "."
			}
		}
		matches, named := []string{p}, true
		if _, err := os.Lstat(p); err != nil && hasMeta(p) {
			named = false
			matches, err = glob(p)
			if err != nil {
				fail(fmt.Errorf("bad glob %q: %w", p, err))
				continue
			}
			if len(matches) == 0 {
				fail(fmt.Errorf("no files match %q", p))
				continue
			}
		}
		found, failed := 0, false
		for _, m := range matches {
			n, err := walk(m, named, add)
			if err != nil {
				fail(err)
				failed = true
			}
			found += n
		}
		if found == 0 && !failed {
			// A renamed fixtures folder must not pass as a clean run.
			what := "in " + p
			if !named {
				what = "match " + strconv.Quote(p)
			}
			fail(fmt.Errorf("no payload files (*.json, *.jsonl, *.ndjson) %s", what))
		}
	}
	return ins, code
}

// walk adds the file p, or the payload files under the directory p. Hidden
// files and directories below p are skipped, as other linters do. named is
// set when p is a path given on the command line.
func walk(p string, named bool, add func(input)) (found int, err error) {
	info, err := os.Stat(p)
	if err != nil {
		return 0, err
	}
	if !info.IsDir() {
		add(input{name: p, path: p, lines: isLines(p), named: named})
		return 1, nil
	}
	err = walkVisible(p, func(path string, d fs.DirEntry) {
		if !d.IsDir() && isPayloadFile(path) {
			add(input{name: path, path: path, lines: isLines(path)})
			found++
		}
	})
	return found, err
}

// walkVisible calls fn for root and every file and directory under it, in
// lexical order, leaving out the hidden ones below root (and what a hidden
// directory holds), as other linters do.
func walkVisible(root string, fn func(path string, d fs.DirEntry)) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		fn(path, d)
		return nil
	})
}

func hasMeta(p string) bool {
	return strings.ContainsAny(p, "*?[")
}

// glob expands a pattern: with filepath.Glob, or, when it has a "**"
// segment, by walking the directory before its first wildcard.
func glob(pattern string) ([]string, error) {
	slashed := filepath.ToSlash(pattern)
	if err := checkGlob(slashed); err != nil {
		return nil, err
	}
	if !strings.Contains(slashed, "**") {
		return filepath.Glob(pattern)
	}
	parts := strings.Split(filepath.ToSlash(filepath.Clean(pattern)), "/")
	fixed := 0
	for fixed < len(parts) && !hasMeta(parts[fixed]) {
		fixed++
	}
	root := strings.Join(parts[:fixed], "/")
	switch {
	case root == "" && fixed > 0:
		root = "/"
	case root == "":
		root = "."
	}
	var out []string
	top := filepath.FromSlash(root)
	err := walkVisible(top, func(path string, _ fs.DirEntry) {
		if matchSegments(parts, strings.Split(filepath.ToSlash(path), "/")) {
			out = append(out, path)
		}
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// payload is one payload of a file: all of a .json file, or one line of a
// .jsonl file.
type payload struct {
	data   []byte
	line   int // the file line the payload starts on, 1-based
	offset int // the byte offset of its start in the file
}

// place moves the findings of a payload to their place in its file: the
// lines and byte offsets shift, the columns stay.
func (p payload) place(rep *validate.Report) {
	if p.line == 1 && p.offset == 0 {
		return
	}
	for i := range rep.Findings {
		s := &rep.Findings[i].Span
		s.Start.Line += p.line - 1
		s.End.Line += p.line - 1
		s.Start.Offset += p.offset
		s.End.Offset += p.offset
	}
}
