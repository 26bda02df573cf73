package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/walint/walint/validate"
)

// decoder turns the nodes of a configuration file into settings, with
// errors that point at the offending line and column. Walking the nodes,
// rather than decoding into a struct, is what lets every error name its
// place and suggest the key or rule that was meant.
type decoder struct {
	file string
}

func (d *decoder) errAt(n *yaml.Node, format string, args ...any) error {
	return &configError{File: d.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// mapping calls fn for each key and value of the mapping n, in order. When
// known is not nil, any other key is an error.
func (d *decoder) mapping(n *yaml.Node, what string, known []string, fn func(k, v *yaml.Node) error) error {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		return d.errAt(n, "%s must be a mapping of keys to values", what)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			return d.errAt(k, "the keys of %s must be plain names", what)
		}
		if line, dup := seen[k.Value]; dup {
			return d.errAt(k, "key %q is given twice in %s (first on line %d)", k.Value, what, line)
		}
		seen[k.Value] = k.Line
		if known != nil && !slices.Contains(known, k.Value) {
			return d.errAt(k, "unknown key %q in %s%s (known keys: %s)", k.Value, what,
				didYouMean(k.Value, known), strings.Join(known, ", "))
		}
		if err := fn(k, v); err != nil {
			return err
		}
	}
	return nil
}

// sequence calls fn for each item of the sequence n.
func (d *decoder) sequence(n *yaml.Node, what string, fn func(item *yaml.Node) error) error {
	n = resolve(n)
	if n.Kind != yaml.SequenceNode {
		return d.errAt(n, "%s must be a list", what)
	}
	for _, item := range n.Content {
		if err := fn(resolve(item)); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the text of a scalar value as written.
func (d *decoder) scalar(n *yaml.Node, what string) (string, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Value == "" {
		return "", d.errAt(n, "%s must be a single non-empty value", what)
	}
	return n.Value, nil
}

// path returns a path as written, relative to the configuration file.
func (d *decoder) path(n *yaml.Node, what string) (string, error) {
	p, err := d.scalar(n, what)
	if err != nil || filepath.IsAbs(p) {
		return p, err
	}
	return filepath.Join(filepath.Dir(d.file), p), nil
}

// rule checks that id names a rule.
func (d *decoder) rule(n *yaml.Node, id string) error {
	if validate.RuleByID(id) == nil {
		return d.errAt(n, "%s", unknownRule(id))
	}
	return nil
}

// rules decodes a list of rule IDs.
func (d *decoder) rules(n *yaml.Node, what string) ([]string, error) {
	var ids []string
	err := d.sequence(n, what, func(item *yaml.Node) error {
		id, err := d.scalar(item, "each item of "+what)
		if err == nil {
			err = d.rule(item, id)
		}
		ids = append(ids, id)
		return err
	})
	return ids, err
}

// severity decodes a severity name.
func (d *decoder) severity(n *yaml.Node, what string) (validate.Severity, error) {
	name, err := d.scalar(n, what)
	if err != nil {
		return 0, err
	}
	sev, err := validate.ParseSeverity(name)
	if err != nil {
		return 0, d.errAt(n, "%s: %v", what, err)
	}
	return sev, nil
}

// globs decodes a list of path globs.
func (d *decoder) globs(n *yaml.Node, what string) ([]string, error) {
	var globs []string
	err := d.sequence(n, what, func(item *yaml.Node) error {
		g, err := d.glob(item, "each item of "+what)
		globs = append(globs, g)
		return err
	})
	return globs, err
}

// glob decodes one path glob.
func (d *decoder) glob(n *yaml.Node, what string) (string, error) {
	g, err := d.scalar(n, what)
	if err != nil {
		return "", err
	}
	if err := checkGlob(g); err != nil {
		return "", d.errAt(n, "bad glob %q: %v", g, err)
	}
	return g, nil
}

// findingIgnores decodes the ignore-findings list.
func (d *decoder) findingIgnores(n *yaml.Node) ([]findingIgnore, error) {
	var out []findingIgnore
	err := d.sequence(n, "ignore-findings", func(item *yaml.Node) error {
		var fi findingIgnore
		err := d.mapping(item, "an ignore-findings entry", []string{"path", "rule", "pointer"}, func(k, v *yaml.Node) error {
			var err error
			switch k.Value {
			case "path":
				fi.Path, err = d.glob(v, "path")
			case "rule":
				if fi.Rule, err = d.scalar(v, "rule"); err == nil {
					err = d.rule(v, fi.Rule)
				}
			case "pointer":
				if v.Kind == yaml.ScalarNode && v.Tag != "!!null" && (v.Value == "" || strings.HasPrefix(v.Value, "/")) {
					fi.Pointer = v.Value
				} else {
					err = d.errAt(v, "pointer must be a JSON Pointer: \"\" or a path starting with /")
				}
			}
			return err
		})
		if err != nil {
			return err
		}
		if fi.Path == "" || fi.Rule == "" {
			return d.errAt(item, "an ignore-findings entry needs both path and rule")
		}
		out = append(out, fi)
		return nil
	})
	return out, err
}

// kind decodes a payload kind's name.
func (d *decoder) kind(n *yaml.Node, what string) (validate.Kind, error) {
	name, err := d.scalar(n, what)
	if err != nil {
		return 0, err
	}
	k, err := validate.ParseKind(name)
	if err != nil {
		return 0, d.errAt(n, "%s: %v", what, err)
	}
	return k, nil
}

// pathKinds decodes the kinds list: entries of a path glob and a kind.
func (d *decoder) pathKinds(n *yaml.Node) ([]pathKind, error) {
	var out []pathKind
	err := d.sequence(n, "kinds", func(item *yaml.Node) error {
		var pk pathKind
		var hasKind bool
		err := d.mapping(item, "a kinds entry", []string{"path", "kind"}, func(k, v *yaml.Node) error {
			var err error
			switch k.Value {
			case "path":
				pk.Path, err = d.glob(v, "path")
			case "kind":
				pk.Kind, err = d.kind(v, "kind")
				hasKind = true
			}
			return err
		})
		if err != nil {
			return err
		}
		if pk.Path == "" || !hasKind {
			return d.errAt(item, "a kinds entry needs both path and kind")
		}
		out = append(out, pk)
		return nil
	})
	return out, err
}
