package validate

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/walint/walint/validate/media"
)

var update = flag.Bool("update", false, "rewrite the .want sidecars of the fixtures and docs/rules.md")

// A fixture is a payload under testdata/ with an optional sidecar
// NAME.want listing the findings it must give, one per line:
//
//	LINE:COL SEVERITY RULE POINTER [~ MESSAGE-REGEXP]
//
// with "" for the empty pointer. No sidecar means no findings at all. The
// match runs both ways: a finding not listed fails, and so does a listed one
// not found.
type wantLine struct {
	line, col int
	severity  string
	rule      string
	pointer   string
	msgRE     *regexp.Regexp
	raw       string
}

func (w wantLine) matches(f Finding) bool {
	return w.line == f.Span.Start.Line && w.col == f.Span.Start.Column && w.severity == f.Severity.String() &&
		w.rule == f.Rule && w.pointer == f.Pointer && (w.msgRE == nil || w.msgRE.MatchString(f.Message))
}

func formatWant(f Finding) string {
	ptr := f.Pointer
	if ptr == "" {
		ptr = `""`
	}
	return fmt.Sprintf("%d:%d %s %s %s", f.Span.Start.Line, f.Span.Start.Column, f.Severity, f.Rule, ptr)
}

func parseWant(path string) ([]wantLine, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ws []wantLine
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		head, re, hasRE := strings.Cut(l, " ~ ")
		fs := strings.Fields(head)
		if len(fs) != 4 {
			return nil, fmt.Errorf("%s:%d: want LINE:COL SEVERITY RULE POINTER [~ REGEXP], got %q", path, i+1, l)
		}
		ls, cs, ok := strings.Cut(fs[0], ":")
		line, err1 := strconv.Atoi(ls)
		col, err2 := strconv.Atoi(cs)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d: bad position %q", path, i+1, fs[0])
		}
		w := wantLine{line: line, col: col, severity: fs[1], rule: fs[2], pointer: fs[3], raw: l}
		if w.pointer == `""` {
			w.pointer = ""
		}
		if hasRE {
			if w.msgRE, err = regexp.Compile(re); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
			}
		}
		ws = append(ws, w)
	}
	return ws, nil
}

// fixtureDialect chooses the dialect a fixture is checked in from its name:
// "v1_" or "onprem" in the name means On-Premises, "auto_" auto-detection,
// anything else Cloud.
func fixtureDialect(name string) Dialect {
	switch {
	case strings.HasPrefix(name, "v1_") || strings.Contains(name, "onprem"):
		return DialectOnPrem
	case strings.HasPrefix(name, "auto_"):
		return DialectAuto
	}
	return DialectCloud
}

// fixtureFiles lists every payload fixture under testdata/ except media files.
func fixtureFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"clean", "rules", "examples"} {
		err := filepath.WalkDir(filepath.Join("..", "testdata", dir), func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) == 0 {
		t.Fatal("no fixtures found under testdata/")
	}
	return files
}

type validatorKey struct {
	dialect          Dialect
	kind             Kind
	templates, media bool
}

var validators = map[validatorKey]*Validator{}

// validatorWith returns the shared validator for key, with the sender
// +16505550000; with key.templates, the example template definitions of
// testdata/templates.json; with key.media, media
// links resolve in testdata/media by their base name.
func validatorWith(t testing.TB, key validatorKey) *Validator {
	t.Helper()
	if v := validators[key]; v != nil {
		return v
	}
	opts := []Option{WithDialect(key.dialect), WithKind(key.kind), WithSender("+16505550000")}
	if key.templates {
		opts = append(opts, WithTemplates(exampleTemplates(t)))
	}
	if key.media {
		opts = append(opts, WithMediaSource(media.FSSource(os.DirFS(filepath.Join("..", "testdata", "media")))))
	}
	v, err := New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	validators[key] = v
	return v
}

func exampleTemplates(t testing.TB) *Templates {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "templates.json"))
	if err != nil {
		t.Fatal(err)
	}
	defs, err := ParseTemplates(data)
	if err != nil {
		t.Fatal(err)
	}
	return defs
}

// fixtureValidator returns the validator a fixture is checked with: its
// dialect from the name (fixtureDialect), the example template definitions
// when the name contains "with_templates", and testdata/media as the media
// source when it contains "with_media". A name containing "_edit_" is a
// template edit body (WithKind(KindTemplateEdit)); other payloads' kind is
// told by their shape.
func fixtureValidator(t testing.TB, name string) *Validator {
	kind := KindAuto
	if strings.Contains(name, "_edit_") {
		kind = KindTemplateEdit
	}
	return validatorWith(t, validatorKey{dialect: fixtureDialect(name), kind: kind,
		templates: strings.Contains(name, "with_templates"), media: strings.Contains(name, "with_media")})
}

func TestFixtures(t *testing.T) {
	for _, path := range fixtureFiles(t) {
		t.Run(strings.TrimPrefix(filepath.ToSlash(path), "../testdata/"), func(t *testing.T) {
			payload, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			rep := fixtureValidator(t, filepath.Base(path)).Validate(context.Background(), payload)
			wantPath := strings.TrimSuffix(path, ".json") + ".want"
			want, err := parseWant(wantPath)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				writeWant(t, wantPath, want, rep.Findings)
				return
			}
			for _, msg := range matchWant(want, rep.Findings) {
				t.Error(msg)
			}
		})
	}
}

// matchWant matches findings against the expected lines both ways and
// returns one message per mismatch.
func matchWant(want []wantLine, got []Finding) []string {
	var msgs []string
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, f := range got {
			if !used[i] && w.matches(f) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			msgs = append(msgs, fmt.Sprintf("missing finding: %s", w.raw))
		}
	}
	for i, f := range got {
		if !used[i] {
			msgs = append(msgs, fmt.Sprintf("unexpected finding: %s (%s)", formatWant(f), f.Message))
		}
	}
	return msgs
}

// writeWant rewrites a sidecar from the findings, keeping its comment lines
// (first, where they are written) and the message regexps of lines that
// still match. It removes the sidecar when there are no findings.
func writeWant(t *testing.T, path string, old []wantLine, got []Finding) {
	t.Helper()
	if len(got) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return
	}
	var b strings.Builder
	if data, err := os.ReadFile(path); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "#") {
				b.WriteString(l + "\n")
			}
		}
	}
	for _, f := range got {
		line := formatWant(f)
		if i := slices.IndexFunc(old, func(w wantLine) bool { return w.msgRE != nil && w.matches(f) }); i >= 0 {
			line += " ~ " + old[i].msgRE.String()
		}
		b.WriteString(line + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWantHarnessFailsBothWays proves the sidecar match can fail: on a
// missing finding and on an unexpected one.
func TestWantHarnessFailsBothWays(t *testing.T) {
	f := Finding{Rule: "latitude-range", Severity: SeverityError, Pointer: "/location/latitude",
		Span: Span{Start: Pos{Line: 3, Column: 17}}, Message: "latitude is 91, outside the range -90 to 90"}
	w := wantLine{line: 3, col: 17, severity: "error", rule: "latitude-range", pointer: "/location/latitude", raw: "x"}
	if msgs := matchWant([]wantLine{w}, []Finding{f}); len(msgs) != 0 {
		t.Errorf("matching want and finding: got %v, want no mismatch", msgs)
	}
	if msgs := matchWant([]wantLine{w}, nil); len(msgs) != 1 || !strings.HasPrefix(msgs[0], "missing finding") {
		t.Errorf("want without finding: got %v, want one missing finding", msgs)
	}
	if msgs := matchWant(nil, []Finding{f}); len(msgs) != 1 || !strings.HasPrefix(msgs[0], "unexpected finding") {
		t.Errorf("finding without want: got %v, want one unexpected finding", msgs)
	}
	w.msgRE = regexp.MustCompile(`outside the range -180`)
	if msgs := matchWant([]wantLine{w}, []Finding{f}); len(msgs) != 2 {
		t.Errorf("want with a message regexp that does not match: got %v, want a missing and an unexpected finding", msgs)
	}
}
