package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/fetch"
	"github.com/walint/walint/validate/media"
)

// configFlags are the flags that override the configuration file. Lint,
// fix, media and config share them.
type configFlags struct {
	fs         *flag.FlagSet
	config     string
	dialect    string
	kind       string
	failOn     string
	mediaDir   string
	fetchMedia bool
	sender     string
	templates  string
	disable    listFlag
}

// addConfigFlags registers the configuration flags on fs: all of them, or
// only the named ones.
func addConfigFlags(fs *flag.FlagSet, only ...string) *configFlags {
	c := &configFlags{fs: fs}
	want := func(name string) bool { return len(only) == 0 || slices.Contains(only, name) }
	if want("config") {
		fs.StringVar(&c.config, "config", "", "configuration `file` (default: "+configName+" here or in a parent directory)")
	}
	if want("dialect") {
		fs.StringVar(&c.dialect, "dialect", "auto", "API `dialect`: auto, cloud or onprem")
	}
	if want("kind") {
		fs.StringVar(&c.kind, "kind", "auto", "what every payload is: "+strings.Join(kindNames(), ", ")+" (auto tells a message from a template creation or edit body by its shape; the configuration's kinds apply only without this flag)")
	}
	if want("fail-on") {
		fs.StringVar(&c.failOn, "fail-on", "error", "exit 1 on findings at or above this `level`: error, warning or info")
	}
	if want("disable") {
		fs.Var(&c.disable, "disable", "turn off the `rules` (comma-separated, repeatable)")
	}
	if want("media-dir") {
		fs.StringVar(&c.mediaDir, "media-dir", "", "check the files behind media links in this `directory`: DIR/<host>/<path>, DIR/<path> or DIR/<name>")
	}
	if want("fetch-media") {
		fs.BoolVar(&c.fetchMedia, "fetch-media", false, "fetch the files behind media links over HTTPS to check them (guarded; off by default)")
	}
	if want("sender") {
		fs.StringVar(&c.sender, "sender", "", "the business's own phone `number`, to flag messages sent to it")
	}
	if want("templates") {
		fs.StringVar(&c.templates, "templates", "", "template definitions: a `file`, directory or glob of the JSON of GET /{waba-id}/message_templates, of one template, or of creation bodies")
	}
	return c
}

// load reads the configuration file and applies the flags that were given.
func (c *configFlags) load() (*settings, error) {
	s, err := loadSettings(c.config)
	if err != nil {
		return nil, err
	}
	over := func(name string, apply func() error) error {
		if !isSet(c.fs, name) {
			return nil
		}
		s.overridden = append(s.overridden, name)
		if err := apply(); err != nil {
			return fmt.Errorf("--%s: %w", name, err)
		}
		return nil
	}
	return s, firstErr(
		over("dialect", func() (err error) { s.Dialect, err = validate.ParseDialect(c.dialect); return }),
		over("kind", func() (err error) {
			// The flag says what every payload is: the configuration's
			// per-path kinds give way to it.
			s.Kinds = nil
			s.Kind, err = validate.ParseKind(c.kind)
			return
		}),
		over("fail-on", func() (err error) { s.FailOn, err = validate.ParseSeverity(c.failOn); return }),
		over("disable", func() error {
			for _, id := range c.disable {
				if validate.RuleByID(id) == nil {
					return errors.New(unknownRule(id))
				}
				if !slices.Contains(s.Disable, id) {
					s.Disable = append(s.Disable, id)
				}
			}
			return nil
		}),
		over("media-dir", func() error { s.MediaDir = c.mediaDir; return nil }),
		over("fetch-media", func() error { s.FetchMedia = c.fetchMedia; return nil }),
		over("sender", func() error {
			s.Sender = c.sender
			if c.sender == "" {
				return nil
			}
			return checkSender(c.sender)
		}),
		over("templates", func() error { s.Templates = c.templates; return nil }),
	)
}

// checkSender reports a sender that is not a valid phone number, which the
// validator would refuse: said at once, with the flag or the place in the
// configuration, rather than when the validator is built.
func checkSender(number string) error {
	if _, err := validate.New(validate.WithSender(number)); err != nil {
		if inner := errors.Unwrap(err); inner != nil {
			return inner // without New's "walint: ", which errorf adds
		}
		return err
	}
	return nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ruleOptions turns the settings' dialect, disabled rules and severities
// into the validator's options: what judging a payload or a media file
// takes.
func (s *settings) ruleOptions() []validate.Option {
	opts := []validate.Option{validate.WithDialect(s.Dialect), validate.WithDisabled(s.Disable...)}
	for _, id := range slices.Sorted(maps.Keys(s.Severity)) {
		opts = append(opts, validate.WithSeverity(id, s.Severity[id]))
	}
	return opts
}

// validatorOptions turns the settings into the validator's options,
// reading the template definitions and opening the media source.
func (s *settings) validatorOptions() ([]validate.Option, error) {
	opts := s.ruleOptions()
	if s.Sender != "" {
		opts = append(opts, validate.WithSender(s.Sender))
	}
	if s.Templates != "" {
		defs, err := loadTemplates(s.Templates)
		if err != nil {
			return nil, err
		}
		opts = append(opts, validate.WithTemplates(defs))
	}
	var sources []media.Source
	if s.MediaDir != "" {
		if info, err := os.Stat(s.MediaDir); err != nil || !info.IsDir() {
			return nil, fmt.Errorf("media directory %s: not a directory", s.MediaDir)
		}
		sources = append(sources, media.FSSource(os.DirFS(s.MediaDir)))
	}
	if s.FetchMedia {
		sources = append(sources, fetch.New())
	}
	switch len(sources) {
	case 1:
		opts = append(opts, validate.WithMediaSource(sources[0]))
	case 2:
		opts = append(opts, validate.WithMediaSource(fallbackSource(sources)))
	}
	return opts, nil
}

// rel returns p as a slash-separated path relative to the settings' base
// directory, which is what the ignore globs match; a path outside it is
// returned cleaned, as given.
func (s *settings) rel(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		if r, err := filepath.Rel(s.base, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// ignored reports whether the file at p matches an ignore glob, itself or
// through a directory it is in.
func (s *settings) ignored(p string) bool {
	if len(s.Ignore) == 0 {
		return false
	}
	parts := strings.Split(s.rel(p), "/")
	for _, g := range s.Ignore {
		for i := 1; i <= len(parts); i++ {
			if matchGlob(g, parts[:i]) {
				return true
			}
		}
	}
	return false
}

// kindFor returns the kind the payloads of the file at p are checked as:
// that of the first kinds glob matching it, or else the settings' kind.
// Standard input ("" path) matches by the name it is reported under.
func (s *settings) kindFor(p string) validate.Kind {
	if len(s.Kinds) == 0 {
		return s.Kind
	}
	parts := strings.Split(s.rel(p), "/")
	for _, pk := range s.Kinds {
		if matchGlob(pk.Path, parts) {
			return pk.Kind
		}
	}
	return s.Kind
}

// kindNames are the names --kind and the configuration take.
func kindNames() []string {
	var out []string
	for _, k := range []validate.Kind{validate.KindAuto, validate.KindMessage, validate.KindTemplate, validate.KindTemplateEdit} {
		out = append(out, k.String())
	}
	return out
}

// ignoresFor returns the ignore-findings entries that apply to the file at p.
func (s *settings) ignoresFor(p string) []findingIgnore {
	var out []findingIgnore
	var parts []string
	for _, fi := range s.IgnoreFindings {
		if parts == nil {
			parts = strings.Split(s.rel(p), "/")
		}
		if matchGlob(fi.Path, parts) {
			out = append(out, fi)
		}
	}
	return out
}

// hides reports whether the entry hides the finding: same rule, and the
// finding's pointer is the entry's or below it.
func (fi findingIgnore) hides(f validate.Finding) bool {
	return f.Rule == fi.Rule && (fi.Pointer == "" || f.Pointer == fi.Pointer || strings.HasPrefix(f.Pointer, fi.Pointer+"/"))
}

// checkGlob reports a syntax error in a glob.
func checkGlob(g string) error {
	for _, seg := range strings.Split(g, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}

// matchGlob matches a slash-separated glob against the segments of a path.
// Each segment matches as in path.Match; a "**" segment matches any number
// of segments, none included.
func matchGlob(g string, name []string) bool {
	return matchSegments(strings.Split(path.Clean(g), "/"), name)
}

// matchSegments matches pattern segments against name segments.
func matchSegments(pat, name []string) bool {
	m := segmentMatcher{pat: pat, name: name}
	return m.match(0, 0)
}

// segmentMatcher matches pattern segments against name segments. After a
// "**" it tries each pair of positions at most once (failed remembers the
// pairs that did not match), so ten "**" against a deep path cost a few
// thousand steps, not the exponential backtracking of trying every split.
type segmentMatcher struct {
	pat, name []string
	failed    map[[2]int]bool
	steps     int // segments compared, for the test of the bound
}

// match reports whether pat[i:] matches name[j:].
func (m *segmentMatcher) match(i, j int) bool {
	for i < len(m.pat) {
		if m.pat[i] == "**" {
			if m.failed[[2]int{i, j}] {
				return false
			}
			for k := j; k <= len(m.name); k++ {
				if m.match(i+1, k) {
					return true
				}
			}
			if m.failed == nil {
				m.failed = map[[2]int]bool{}
			}
			m.failed[[2]int{i, j}] = true
			return false
		}
		if j == len(m.name) {
			return false
		}
		m.steps++
		if ok, _ := path.Match(m.pat[i], m.name[j]); !ok {
			return false
		}
		i, j = i+1, j+1
	}
	return j == len(m.name)
}

// effective is the configuration as `walint config` prints it.
type effective struct {
	Dialect        string            `yaml:"dialect"`
	Kind           string            `yaml:"kind"`
	Kinds          []pathKind        `yaml:"kinds"`
	Disable        []string          `yaml:"disable"`
	Severity       map[string]string `yaml:"severity"`
	Ignore         []string          `yaml:"ignore"`
	IgnoreFindings []findingIgnore   `yaml:"ignore-findings"`
	MediaDir       string            `yaml:"media-dir"`
	FetchMedia     bool              `yaml:"fetch-media"`
	Sender         string            `yaml:"sender"`
	Templates      string            `yaml:"templates"`
	FailOn         string            `yaml:"fail-on"`
}

// yaml returns the settings as a configuration file would hold them,
// headed by comments that say where they came from.
func (s *settings) yaml() ([]byte, error) {
	e := effective{
		Dialect: s.Dialect.String(), Kind: s.Kind.String(), Kinds: s.Kinds, Disable: s.Disable, Severity: map[string]string{},
		Ignore: s.Ignore, IgnoreFindings: s.IgnoreFindings, MediaDir: s.MediaDir, FetchMedia: s.FetchMedia,
		Sender: s.Sender, Templates: s.Templates, FailOn: s.FailOn.String(),
	}
	for id, sev := range s.Severity {
		e.Severity[id] = sev.String()
	}
	var body bytes.Buffer
	enc := yaml.NewEncoder(&body)
	enc.SetIndent(2)
	if err := enc.Encode(e); err != nil {
		return nil, fmt.Errorf("encoding the configuration: %w", err)
	}
	head := "# no configuration file found: defaults\n"
	if s.File != "" {
		head = "# configuration file: " + s.File + "\n"
	}
	if len(s.overridden) > 0 {
		head += "# overridden by flags: " + strings.Join(s.overridden, ", ") + "\n"
	}
	return append([]byte(head), body.Bytes()...), nil
}
