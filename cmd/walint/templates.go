package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/walint/walint/validate"
)

// loadTemplates reads the template definitions --templates names: a file,
// or the *.json files of a directory or a glob, so that a repository that
// keeps its templates as code (the bodies that create them) checks its
// sends against them. In a directory or a glob, JSON that holds no
// template (a message, an edit body, which names none) is passed over; in
// a file named alone it is an error, as is a file that cannot be read.
func loadTemplates(arg string) (*validate.Templates, error) {
	files, named, err := templateFiles(arg)
	if err != nil {
		return nil, err
	}
	var sets []*validate.Templates
	for _, f := range files {
		data, err := readCapped(f, "the template definitions", maxTemplatesSize)
		if err != nil {
			return nil, err
		}
		defs, err := validate.ParseTemplates(data)
		var te *validate.TemplatesError
		if err != nil && !named && errors.As(err, &te) && te.Index < 0 && te.Err == nil {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		sets = append(sets, defs)
	}
	if len(sets) == 0 {
		return nil, fmt.Errorf("%s: no template definitions or creation bodies in %s", arg, plural(len(files), "JSON file"))
	}
	return validate.MergeTemplates(sets...), nil
}

// templateFiles returns the files --templates names: the file itself
// (named), the *.json files under a directory in lexical order, hidden
// ones left out, or the files a glob matches.
func templateFiles(arg string) (files []string, named bool, err error) {
	info, statErr := os.Stat(arg)
	switch {
	case statErr == nil && !info.IsDir():
		return []string{arg}, true, nil
	case statErr == nil:
		err = walkVisible(arg, func(p string, d fs.DirEntry) {
			if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".json") {
				files = append(files, p)
			}
		})
		if err != nil {
			return nil, false, fmt.Errorf("reading the template definitions: %w", err)
		}
	case hasMeta(arg):
		matches, err := glob(arg)
		if err != nil {
			return nil, false, fmt.Errorf("bad glob %q: %w", arg, err)
		}
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil && info.Mode().IsRegular() {
				files = append(files, m)
			}
		}
		if len(files) == 0 {
			return nil, false, fmt.Errorf("no files match %q", arg)
		}
	default:
		return []string{arg}, true, nil // readCapped says why it cannot be read
	}
	return files, false, nil
}
