package action

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestManifest checks action.yml for what GitHub and the Marketplace require
// of a composite action and what this repository promises of its own.
func TestManifest(t *testing.T) {
	m, err := readManifest("../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	if m.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", m.Runs.Using)
	}
	if m.Name == "" || m.Description == "" || m.Author == "" {
		t.Errorf("name %q, description %q and author %q: the Marketplace wants all three", m.Name, m.Description, m.Author)
	}
	// The colours GitHub accepts. The icon must be one of the Feather icons
	// GitHub lists; that list is not repeated here.
	colors := []string{"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}
	if m.Branding.Icon == "" || !slices.Contains(colors, m.Branding.Color) {
		t.Errorf("branding: icon %q, color %q (want one of %v)", m.Branding.Icon, m.Branding.Color, colors)
	}

	used := ""
	ids := map[string]bool{}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})$`)
	for i, s := range m.Runs.Steps {
		switch {
		case (s.Uses == "") == (s.Run == ""):
			t.Errorf("step %d: has both uses and run, or neither", i)
		case s.Uses != "" && !pinned.MatchString(s.Uses):
			t.Errorf("step %d: uses %q, not a release tag or a commit", i, s.Uses)
		case s.Run != "" && (s.Shell == "" || s.Name == ""):
			t.Errorf("step %d: a run step of a composite action needs a shell (and here a name)", i)
		case strings.Contains(s.Run, "${{"):
			t.Errorf("step %q: an expression in run is pasted into the script; pass it through env", s.Name)
		}
		if s.ID != "" && ids[s.ID] {
			t.Errorf("step %q: id %q is taken", s.Name, s.ID)
		}
		ids[s.ID] = true
		used += s.WorkingDirectory + "\n" + strings.Join(slices.Collect(maps.Values(s.With)), "\n") +
			"\n" + strings.Join(slices.Collect(maps.Values(s.Env)), "\n")
	}

	for name, in := range m.Inputs {
		if in.Description == "" {
			t.Errorf("input %s has no description", name)
		}
		if in.Default == nil && !in.Required {
			t.Errorf("input %s has no default and is not required", name)
		}
		if !regexp.MustCompile(`\$\{\{\s*inputs\.` + regexp.QuoteMeta(name) + `\s*\}\}`).MatchString(used) {
			t.Errorf("input %s is read by no step", name)
		}
	}
	for name, o := range m.Outputs {
		if o.Description == "" || !strings.HasPrefix(o.Value, "${{") {
			t.Errorf("output %s: description %q, value %q", name, o.Description, o.Value)
		}
	}
}
