package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
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

// writeBaselineFile records every finding of files in the baseline file
// name and returns how many it recorded.
func writeBaselineFile(name string, files []output.File) (int, error) {
	dir, err := baselineDir(name)
	if err != nil {
		return 0, err
	}
	counts := map[baselineKey]int{}
	total := 0
	for _, f := range files {
		if f.Report == nil {
			continue
		}
		p := baselinePath(dir, f.Path)
		for _, x := range f.Report.Findings {
			counts[baselineKey{p, x.Rule, x.Pointer}]++
			total++
		}
	}
	b := baselineFile{Version: baselineVersion, Findings: []baselineEntry{}}
	for k, n := range counts {
		b.Findings = append(b.Findings, baselineEntry{Path: k.path, Rule: k.rule, Pointer: k.pointer, Count: n})
	}
	slices.SortFunc(b.Findings, func(x, y baselineEntry) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Pointer, y.Pointer))
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return 0, fmt.Errorf("encoding the baseline: %w", err)
	}
	if err := writeFileAtomic(name, append(data, '\n'), 0o644); err != nil {
		return 0, fmt.Errorf("writing the baseline: %w", err)
	}
	return total, nil
}

// applyBaselineFile hides the findings of files that the baseline file
// records, up to the recorded count of each, and returns how many recorded
// findings of the files linted no longer occur.
func applyBaselineFile(name string, files []output.File) (int, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return 0, fmt.Errorf("reading the baseline: %w", err)
	}
	var b baselineFile
	if err := json.Unmarshal(data, &b); err != nil {
		return 0, fmt.Errorf("baseline %s: %w", name, err)
	}
	if b.Version != baselineVersion {
		return 0, fmt.Errorf("baseline %s: version %d, want %d", name, b.Version, baselineVersion)
	}
	dir, err := baselineDir(name)
	if err != nil {
		return 0, err
	}
	left := map[baselineKey]int{}
	for _, e := range b.Findings {
		left[baselineKey{e.Path, e.Rule, e.Pointer}] += e.Count
	}
	linted := map[string]bool{}
	for i, f := range files {
		if f.Report == nil {
			continue
		}
		p := baselinePath(dir, f.Path)
		linted[p] = true
		rep := *f.Report
		rep.Findings = nil
		for _, x := range f.Report.Findings {
			k := baselineKey{p, x.Rule, x.Pointer}
			if left[k] > 0 {
				left[k]--
				continue
			}
			rep.Findings = append(rep.Findings, x)
		}
		files[i].Report = &rep
	}
	stale := 0
	for k, n := range left {
		if linted[k.path] {
			stale += n
		}
	}
	return stale, nil
}
