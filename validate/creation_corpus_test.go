package validate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// creationExamplesDir holds template creation and edit bodies written from
// Meta's pages and SDK fixtures (testdata/creation/meta/SOURCES.md names
// each one's source), with expect.tsv listing what each body that breaks a
// rule must give; edit bodies are under edit/.
var creationExamplesDir = filepath.Join("..", "testdata", "creation", "meta")

// creationExpectation is a line of expect.tsv: a finding of severity sev at
// pointer in file.
type creationExpectation struct {
	file, pointer, what, sev string
}

func readCreationExpectations(t *testing.T) []creationExpectation {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(creationExamplesDir, "expect.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []creationExpectation
	for i, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || (f[3] != "error" && f[3] != "warning") {
			t.Fatalf("expect.tsv:%d: want file, pointer, what and error|warning, tab-separated: %q", i+1, line)
		}
		out = append(out, creationExpectation{file: f[0], pointer: f[1], what: f[2], sev: f[3]})
	}
	return out
}

// TestCreationExamples: Meta's documented creation and edit bodies lint
// without an error, except where expect.tsv says the example itself breaks
// a rule (TEMPLATE-CREATION.md §10), and there the finding is the one
// expected: of that severity, at that pointer. Each creation body is
// checked as the kind its shape shows and as KindTemplate, each edit body
// as KindTemplateEdit.
func TestCreationExamples(t *testing.T) {
	expected := map[string][]creationExpectation{}
	for _, e := range readCreationExpectations(t) {
		expected[e.file] = append(expected[e.file], e)
	}
	var files []string
	for _, glob := range []string{"*.json", "edit/*.json"} {
		m, _ := filepath.Glob(filepath.Join(creationExamplesDir, glob))
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("found %d creation examples, want the 40 and more of testdata/creation/meta", len(files))
	}
	seen := map[string]bool{}
	for _, path := range files {
		rel := filepath.ToSlash(strings.TrimPrefix(path, creationExamplesDir+string(filepath.Separator)))
		seen[rel] = true
		payload, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		kind, kinds := KindTemplate, []Kind{KindAuto, KindTemplate}
		if strings.HasPrefix(rel, "edit/") {
			// An edit body that names its template reads as a creation body
			// (Kind): only the kind given makes it an edit.
			kind, kinds = KindTemplateEdit, []Kind{KindTemplateEdit}
		}
		for _, asked := range kinds {
			rep := validatorWith(t, validatorKey{kind: asked}).Validate(context.Background(), payload)
			if rep.Kind != kind && rep.Kind != KindAuto { // KindAuto: not JSON
				t.Errorf("%s: checked as %v, want %v", rel, rep.Kind, kind)
			}
			matched := make([]bool, len(rep.Findings))
			for _, e := range expected[rel] {
				found := false
				for i, f := range rep.Findings {
					if f.Pointer == e.pointer && f.Severity.String() == e.sev {
						matched[i], found = true, true
					}
				}
				if !found {
					t.Errorf("%s (kind %v): no %s at %q: %s", rel, asked, e.sev, e.pointer, e.what)
				}
			}
			for i, f := range rep.Findings {
				if f.Severity == SeverityError && !matched[i] {
					t.Errorf("%s (kind %v): unexpected error %s at %q: %s", rel, asked, f.Rule, f.Pointer, f.Message)
				}
			}
		}
	}
	for file := range expected {
		if !seen[file] {
			t.Errorf("expect.tsv names %s, which is not there", file)
		}
	}
}
