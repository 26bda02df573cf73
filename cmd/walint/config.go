package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/walint/walint/validate"
)

// configName is the configuration file walint looks for in the working
// directory and its parents.
const configName = ".walint.yaml"

// configKeys are the keys of a configuration file, in the order
// `walint config` prints them.
var configKeys = []string{"dialect", "kind", "kinds", "disable", "severity", "ignore", "ignore-findings",
	"media-dir", "fetch-media", "sender", "templates", "fail-on"}

// settings are the effective settings of a run: the defaults, then the
// configuration file, then the flags.
type settings struct {
	// File is the configuration file read, "" when there was none.
	File string
	// base is the directory that relative globs are matched against: the
	// configuration file's, or the working directory.
	base string
	// overridden lists the settings that flags changed.
	overridden []string

	Dialect validate.Dialect
	// Kind is what a payload is checked as, unless a glob of Kinds
	// matches its file.
	Kind validate.Kind
	// Kinds give the kind of the files matching a glob: the first that
	// matches wins.
	Kinds          []pathKind
	Disable        []string
	Severity       map[string]validate.Severity
	Ignore         []string
	IgnoreFindings []findingIgnore
	MediaDir       string // relative to the working directory, or absolute
	FetchMedia     bool
	Sender         string
	Templates      string // relative to the working directory, or absolute
	FailOn         validate.Severity
}

// findingIgnore hides the findings of one rule in the files matching a
// glob, optionally only at or below a JSON Pointer.
type findingIgnore struct {
	Path    string `yaml:"path"`
	Rule    string `yaml:"rule"`
	Pointer string `yaml:"pointer,omitempty"`
}

// pathKind checks the files matching a glob as one kind of payload, such
// as template edit bodies, which cannot be told by their shape.
type pathKind struct {
	Path string        `yaml:"path"`
	Kind validate.Kind `yaml:"kind"`
}

// configError is a problem with the configuration file, placed at a line
// and column when known.
type configError struct {
	File         string
	Line, Column int
	Msg          string
}

func (e *configError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// findConfig returns the configuration file in dir or its nearest parent
// that has one, or "" when none has.
func findConfig(dir string) (string, error) {
	for {
		name := filepath.Join(dir, configName)
		info, err := os.Stat(name)
		if err == nil && !info.IsDir() {
			return name, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("looking for %s: %w", configName, err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// loadSettings returns the defaults overlaid with the configuration file:
// the one named (explicit), or else the one found from the working directory.
func loadSettings(explicit string) (*settings, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("finding the working directory: %w", err)
	}
	s := &settings{base: wd, Severity: map[string]validate.Severity{}, FailOn: validate.SeverityError}
	name := explicit
	if name == "" {
		if name, err = findConfig(wd); err != nil || name == "" {
			return s, err
		}
	}
	data, err := readCapped(name, "the configuration", maxConfigSize)
	if err != nil {
		return nil, err
	}
	s.File = name
	s.base = filepath.Dir(name)
	if abs, err := filepath.Abs(s.base); err == nil {
		s.base = abs
	}
	if err := s.decode(name, data); err != nil {
		return nil, err
	}
	return s, nil
}

// decode reads a configuration file over s. It is strict: an unknown or
// repeated key, a value of the wrong kind, an unknown rule or level, or a
// bad glob is an error that names the place.
func (s *settings) decode(name string, data []byte) error {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil // An empty file: the defaults.
		}
		return syntaxError(name, err)
	}
	root := resolve(&doc)
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = resolve(root.Content[0])
	}
	if root.Tag == "!!null" {
		return nil
	}
	d := &decoder{file: name}
	return d.mapping(root, "the configuration", configKeys, func(k, v *yaml.Node) error {
		return s.set(d, k.Value, v)
	})
}

// set decodes the value of one top-level key.
func (s *settings) set(d *decoder, key string, v *yaml.Node) error {
	var err error
	switch key {
	case "dialect":
		var str string
		if str, err = d.scalar(v, key); err == nil {
			if s.Dialect, err = validate.ParseDialect(str); err != nil {
				return d.errAt(v, "%v", err)
			}
		}
	case "kind":
		s.Kind, err = d.kind(v, key)
	case "kinds":
		s.Kinds, err = d.pathKinds(v)
	case "disable":
		s.Disable, err = d.rules(v, key)
	case "severity":
		err = d.mapping(v, key, nil, func(k, lv *yaml.Node) error {
			if err := d.rule(k, k.Value); err != nil {
				return err
			}
			sev, err := d.severity(lv, "the severity of "+k.Value)
			s.Severity[k.Value] = sev
			return err
		})
	case "ignore":
		s.Ignore, err = d.globs(v, key)
	case "ignore-findings":
		s.IgnoreFindings, err = d.findingIgnores(v)
	case "media-dir":
		s.MediaDir, err = d.path(v, key)
	case "fetch-media":
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			return d.errAt(v, "fetch-media must be true or false")
		}
		err = v.Decode(&s.FetchMedia)
	case "sender":
		// A phone number such as +15550001111 reads as a YAML integer;
		// the text as written is what is meant.
		if s.Sender, err = d.scalar(v, key); err == nil && s.Sender != "" {
			if serr := checkSender(s.Sender); serr != nil {
				err = d.errAt(v, "%v", serr)
			}
		}
	case "templates":
		s.Templates, err = d.path(v, key)
	case "fail-on":
		s.FailOn, err = d.severity(v, key)
	}
	return err
}

// syntaxError turns the YAML parser's "yaml: line 2: msg" into a
// configError placed at the line.
func syntaxError(name string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, after
			}
		}
	}
	return &configError{File: name, Line: line, Msg: msg}
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

const configUsage = `usage: walint config [flags]

Prints the effective configuration as YAML: the defaults, overlaid with the
configuration file (` + configName + ` in the working directory or the nearest
parent, or --config FILE), overlaid with the flags given. Paths are as walint
will open them. The first lines say where the settings came from.

Flags:
`

// runConfig prints the effective configuration.
func runConfig(args []string, e *env) int {
	fs := newFlagSet("walint config", configUsage, e)
	cf := addConfigFlags(fs)
	rest, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		e.errorf("config takes no arguments")
		return exitUsage
	}
	s, err := cf.load()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	out, err := s.yaml()
	if err != nil {
		e.errorf("%v", err)
		return exitInternal
	}
	e.stdout.Write(out)
	return exitClean
}
