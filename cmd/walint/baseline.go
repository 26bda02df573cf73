package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/walint/walint/internal/output"
)

// baselineVersion is the version of the baseline file format.
const baselineVersion = 1

// baselineFile is a baseline as stored: how many findings of each rule at
// each pointer of each file were accepted. It keeps no lines or columns,
// so reformatting a payload does not bring its findings back.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	// Path is slash-separated and relative to the baseline file's directory,
	// so the baseline holds however the files are named on the command line.
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Pointer string `json:"pointer"`
	Count   int    `json:"count"`
}

type baselineKey struct {
	path, rule, pointer string
}

// baselinePath returns the path of a linted file as the baseline records
// it: relative to dir, slash-separated. Standard input without a name stays
// "<stdin>".
func baselinePath(dir, name string) string {
	if name == "<stdin>" {
		return name
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return filepath.ToSlash(name)
	}
	if rel, err := filepath.Rel(dir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// baselineDir is the directory the paths of the baseline file are relative to.
func baselineDir(name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", fmt.Errorf("baseline %s: %w", name, err)
	}
	return filepath.Dir(abs), nil
}

// baselineRecorder counts the findings of a run, one file at a time, for
// --write-baseline.
type baselineRecorder struct {
	name, dir string
	counts    map[baselineKey]int
	total     int
	paths     pathCache
}

func newBaselineRecorder(name string) (*baselineRecorder, error) {
	dir, err := baselineDir(name)
	if err != nil {
		return nil, err
	}
	return &baselineRecorder{name: name, dir: dir, counts: map[baselineKey]int{}}, nil
}

// add counts the findings of one file.
func (b *baselineRecorder) add(f output.File) {
	if f.Report == nil {
		return
	}
	p := b.paths.get(b.dir, f.Path)
	for _, x := range f.Report.Findings {
		b.counts[baselineKey{p, x.Rule, x.Pointer}]++
		b.total++
	}
}

// write records the findings counted in the baseline file and returns how
// many it recorded.
func (b *baselineRecorder) write() (int, error) {
	out := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for k, n := range b.counts {
		out.Findings = append(out.Findings, baselineEntry{Path: k.path, Rule: k.rule, Pointer: k.pointer, Count: n})
	}
	slices.SortFunc(out.Findings, func(x, y baselineEntry) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Pointer, y.Pointer))
	})
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return 0, fmt.Errorf("encoding the baseline: %w", err)
	}
	if err := writeFileAtomic(b.name, append(data, '\n'), 0o644); err != nil {
		return 0, fmt.Errorf("writing the baseline: %w", err)
	}
	return b.total, nil
}

// baseline hides the findings a baseline file records, up to the recorded
// count of each, one file at a time.
type baseline struct {
	dir    string
	left   map[baselineKey]int
	linted map[string]bool
	paths  pathCache
}

// loadBaseline reads the baseline file name.
func loadBaseline(name string) (*baseline, error) {
	data, err := readCapped(name, "the baseline", maxBaselineSize)
	if err != nil {
		return nil, err
	}
	var b baselineFile
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d", name, b.Version, baselineVersion)
	}
	dir, err := baselineDir(name)
	if err != nil {
		return nil, err
	}
	left := map[baselineKey]int{}
	for _, e := range b.Findings {
		left[baselineKey{e.Path, e.Rule, e.Pointer}] += e.Count
	}
	return &baseline{dir: dir, left: left, linted: map[string]bool{}}, nil
}

// hide returns the file without the findings the baseline still has room
// for.
func (b *baseline) hide(f output.File) output.File {
	if f.Report == nil {
		return f
	}
	p := b.paths.get(b.dir, f.Path)
	b.linted[p] = true
	rep := *f.Report
	rep.Findings = nil
	for _, x := range f.Report.Findings {
		k := baselineKey{p, x.Rule, x.Pointer}
		if b.left[k] > 0 {
			b.left[k]--
			continue
		}
		rep.Findings = append(rep.Findings, x)
	}
	f.Report = &rep
	return f
}

// stale returns how many recorded findings of the files linted no longer
// occur.
func (b *baseline) stale() int {
	n := 0
	for k, left := range b.left {
		if b.linted[k.path] {
			n += left
		}
	}
	return n
}

// pathCache remembers the last baselinePath, which the payloads of one
// .jsonl file share.
type pathCache struct {
	name, path string
}

func (c *pathCache) get(dir, name string) string {
	if c.path == "" || c.name != name {
		c.name, c.path = name, baselinePath(dir, name)
	}
	return c.path
}
