package scripts_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseNotes runs release-notes.sh, which make dist runs for
// dist/RELEASE_NOTES.md, on changelogs of its own.
func TestReleaseNotes(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	unreleasedOnly := "# Changelog\n\n## [Unreleased]\n\n- Coming.\n"
	for _, tt := range []struct {
		name, version, changelog string
		want                     string // the notes, or with ! an error the output must hold
	}{
		{"release", "v1.0.0", rehearsalChangelog, "### Added\n\n- Everything.\n"},
		{"without v", "1.0.0", rehearsalChangelog, "### Added\n\n- Everything.\n"},
		{"a later section", "v0.9.0", "## [1.0.0] - 2026-12-10\n\n- New.\n\n## [0.9.0] - 2026-11-01\n\n- Old.\n\n## [0.8.0]\n", "- Old.\n"},
		{"no brackets", "v1.0.0", "## 1.0.0 - 2026-12-10\n- New.\n", "- New.\n"},
		{"reference links kept", "v1.0.0", "## [1.0.0]\n\n- See [#22].\n\n[#22]: https://example.com/22\n[1.0.0]: https://example.com/v1.0.0\n",
			"- See [#22].\n\n[#22]: https://example.com/22\n"},
		{"release still unreleased", "v1.0.0", unreleasedOnly,
			"!CHANGELOG.md has no section for 1.0.0 (its sections: [Unreleased])"},
		{"empty section", "v1.0.0", "## [Unreleased]\n\n- Coming.\n\n## [1.0.0] - 2026-12-10\n\n## [0.9.0]\n\n- Old.\n",
			"!CHANGELOG.md has no section for 1.0.0"},
		{"a prerelease has the unreleased notes", "v1.0.0-rc.1", unreleasedOnly, "- Coming.\n"},
		{"a snapshot has the unreleased notes", "v0.9.0-3-g0123abc-dirty", rehearsalChangelog, "- Not in 1.0.0.\n"},
		{"a prerelease's own section", "v1.0.0-rc.1", "## [Unreleased]\n\n- Coming.\n\n## [1.0.0-rc.1]\n\n- Candidate.\n", "- Candidate.\n"},
		{"nothing unreleased", "v1.0.1-rc.1", "## [Unreleased]\n\n## [1.0.0]\n\n- New.\n", "!CHANGELOG.md has no section for 1.0.1-rc.1 and no Unreleased one"},
		{"no changelog", "v1.0.0", "", "!CHANGELOG.md not found"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.changelog != "" {
				if err := os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte(tt.changelog), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			script, err := filepath.Abs("release-notes.sh")
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bash, script, tt.version, "CHANGELOG.md")
			cmd.Dir = dir
			var stderr strings.Builder
			cmd.Stderr = &stderr
			stdout, err := cmd.Output()
			if want, ok := strings.CutPrefix(tt.want, "!"); ok {
				if err == nil || !strings.Contains(stderr.String(), want) || len(stdout) != 0 {
					t.Errorf("release-notes.sh %s: %v, stdout %q, stderr %q; want a failure saying %q", tt.version, err, stdout, stderr.String(), want)
				}
				return
			}
			if err != nil || string(stdout) != tt.want {
				t.Errorf("release-notes.sh %s: %v, stderr %q; printed\n%s\nwant\n%s", tt.version, err, stderr.String(), stdout, tt.want)
			}
		})
	}
}
