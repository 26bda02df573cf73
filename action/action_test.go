package action

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A workspace's files: payloads from testdata, by their path there, or text.
var (
	// broken has one finding, quoted-boolean at 6:20.
	broken = file{from: "testdata/examples/welcome.json"}
	clean  = file{from: "testdata/clean/cloud_text.json"}
	// warningOnly has one finding, the warning recipient-e164 at 4:9.
	warningOnly = file{from: "testdata/rules/recipient-e164/bad_missing_plus.json"}
	// misspelt names no template in templates: template-unknown at 7:13.
	misspelt  = file{from: "testdata/rules/template-unknown/bad_with_templates_misspelt_name.json"}
	templates = file{from: "testdata/templates.json"}
)

type file struct{ from, text string }

// brokenAnnotation is the start of the workflow command for broken's finding.
const brokenAnnotation = "::error file=payloads/broken.json,line=6,col=20,endLine=6,endColumn=25,title=walint quoted-boolean::"

// TestAction runs the action as GitHub would on a workspace, once per case:
// walint is built once, by the action's own build step, and each case runs
// the steps that read the inputs.
func TestAction(t *testing.T) {
	if testing.Short() {
		// Warm, it takes 2 s; with an empty build cache the -trimpath build
		// compiles everything again, standard library included: a minute here.
		t.Skip("builds walint as the action does")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash, which the action's steps run in")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	m, err := readManifest(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	// The steps before the first that reads an input install walint and do
	// the same in every case, so they run once; their PATH entry is kept.
	first := slices.IndexFunc(m.Runs.Steps, readsInputs)
	if first < 0 {
		t.Fatal("no step of action.yml reads an input")
	}
	install, lint := m.Runs.Steps[:first], m.Runs.Steps[first:]
	installed := &job{m: m, actionPath: root, workspace: t.TempDir(), temp: t.TempDir(), env: map[string]string{}}
	r, err := installed.newRun(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.steps(install); err != nil {
		t.Fatal(err)
	}
	if r.exit != 0 {
		t.Fatalf("installing walint: exit %d\n%s%s", r.exit, r.stdout.String(), r.stderr.String())
	}

	for _, c := range []struct {
		name    string
		files   map[string]file
		inputs  map[string]string
		exit    int
		stdout  []string // regexps, each to match somewhere
		nostd   []string // regexps to match nowhere
		summary []string
		outputs map[string]string
		sarif   string // the SARIF file to check, in the workspace
	}{{
		name:    "a broken payload and a clean one",
		files:   map[string]file{"payloads/broken.json": broken, "payloads/clean.json": clean},
		exit:    1,
		stdout:  []string{"(?m)^" + regexp.QuoteMeta(brokenAnnotation)},
		nostd:   []string{"file=payloads/clean.json"},
		summary: []string{"(?m)^## walint$", `1 error in 1 file \(2 files checked\)`, `(?m)^\| File \| Line \| Severity \| Rule \| Message \|$`, `(?m)^\| payloads/broken\.json \| 6 \| error \| \[quoted-boolean\]\(`},
		outputs: map[string]string{"exit-code": "1", "sarif-file": ""},
	}, {
		name:    "a clean workspace",
		files:   map[string]file{"payloads/clean.json": clean},
		exit:    0,
		nostd:   []string{"::(error|warning|notice) "},
		summary: []string{"(?m)^## walint$", "no problems in 1 file"},
		outputs: map[string]string{"exit-code": "0"},
	}, {
		name:    "a warning, which fails no run by default",
		files:   map[string]file{"payloads/phone.json": warningOnly},
		exit:    0,
		stdout:  []string{"(?m)^::warning file=payloads/phone.json,line=4,col=9,"},
		outputs: map[string]string{"exit-code": "0"},
	}, {
		name:    "fail-on warning",
		files:   map[string]file{"payloads/phone.json": warningOnly},
		inputs:  map[string]string{"fail-on": "warning"},
		exit:    1,
		stdout:  []string{"(?m)^::warning file=payloads/phone.json,line=4,col=9,"},
		outputs: map[string]string{"exit-code": "1"},
	}, {
		name:    "SARIF beside the annotations, and the lint run's status",
		files:   map[string]file{"payloads/broken.json": broken, "payloads/clean.json": clean},
		inputs:  map[string]string{"sarif": "reports/walint.sarif"},
		exit:    1,
		stdout:  []string{"(?m)^" + regexp.QuoteMeta(brokenAnnotation)},
		outputs: map[string]string{"exit-code": "1", "sarif-file": "reports/walint.sarif"},
		sarif:   "reports/walint.sarif",
	}, {
		name:    "a SARIF file that cannot be written fails the step",
		files:   map[string]file{"payloads/clean.json": clean},
		inputs:  map[string]string{"sarif": "payloads/clean.json/walint.sarif"},
		exit:    2,
		stdout:  []string{`(?m)^::error title=walint::the SARIF run failed \(exit 2\)`},
		outputs: map[string]string{"exit-code": "2", "sarif-file": ""},
	}, {
		name: "a config that turns the rule off",
		files: map[string]file{"payloads/broken.json": broken,
			"ci/walint.yaml": {text: "disable: [quoted-boolean]\n"}},
		inputs:  map[string]string{"config": "ci/walint.yaml"},
		exit:    0,
		summary: []string{"no problems in 1 file"},
	}, {
		name:    "a config that is not there",
		files:   map[string]file{"payloads/clean.json": clean},
		inputs:  map[string]string{"config": "ci/missing.yaml"},
		exit:    2,
		outputs: map[string]string{"exit-code": "2"},
	}, {
		name:  "without templates, a template's name is not checked",
		files: map[string]file{"payloads/order.json": misspelt},
		exit:  0,
		nostd: []string{"template-unknown"},
	}, {
		name:    "templates",
		files:   map[string]file{"payloads/order.json": misspelt, "ci/templates.json": templates},
		inputs:  map[string]string{"paths": "payloads", "templates": "ci/templates.json"},
		exit:    1,
		stdout:  []string{"(?m)^::error file=payloads/order.json,line=7,col=13,.*title=walint template-unknown::"},
		outputs: map[string]string{"exit-code": "1"},
	}, {
		// The paths reach walint as they are: no shell runs the name of the
		// second, and walint, not bash, expands the glob (its ** matches no
		// directory too, so the top payload is found; bash's would not).
		name: "paths are passed as they are",
		files: map[string]file{"payloads/broken.json": broken, "payloads/sub/clean.json": clean,
			"$(touch${IFS}pwned).json": clean},
		inputs:  map[string]string{"paths": "payloads/**/*.json\n  $(touch${IFS}pwned).json ", "format": "text"},
		exit:    1,
		stdout:  []string{`(?m)^payloads/broken\.json:6:20: error: `, `1 error in 1 file \(3 files checked\)`},
		nostd:   []string{"::error"},
		outputs: map[string]string{"exit-code": "1"},
	}, {
		name:    "no paths",
		files:   map[string]file{"payloads/clean.json": clean},
		inputs:  map[string]string{"paths": " \n "},
		exit:    2,
		stdout:  []string{`(?m)^::error title=walint::the paths input is empty$`},
		outputs: map[string]string{"exit-code": "2"},
	}} {
		t.Run(c.name, func(t *testing.T) {
			workspace := t.TempDir()
			for name, f := range c.files {
				writeFile(t, root, filepath.Join(workspace, name), f)
			}
			j := *installed
			j.workspace = workspace
			j.env = maps.Clone(installed.env)
			r, err := j.newRun(c.inputs)
			if err != nil {
				t.Fatal(err)
			}
			if err := r.steps(lint); err != nil {
				t.Fatal(err)
			}
			outputs, err := r.actionOutputs()
			if err != nil {
				t.Fatal(err)
			}
			stdout, summary := r.stdout.String(), r.summary.String()
			t.Logf("stdout:\n%s\nstderr:\n%s\nsummary:\n%s", stdout, r.stderr.String(), summary)
			if r.exit != c.exit {
				t.Errorf("exit %d, want %d", r.exit, c.exit)
			}
			matchAll(t, "stdout", stdout, c.stdout, true)
			matchAll(t, "stdout", stdout, c.nostd, false)
			matchAll(t, "the step summary", summary, c.summary, true)
			for name, want := range c.outputs {
				if outputs[name] != want {
					t.Errorf("output %s = %q, want %q", name, outputs[name], want)
				}
			}
			if _, err := os.Stat(filepath.Join(workspace, "pwned")); err == nil {
				t.Error("a path input ran as a command")
			}
			if c.sarif != "" {
				checkSARIF(t, filepath.Join(workspace, c.sarif))
			}
		})
	}
}

// readsInputs says whether a step's fields use an input.
func readsInputs(s step) bool {
	fields := []string{s.Run, s.WorkingDirectory}
	for _, m := range []map[string]string{s.With, s.Env} {
		for _, v := range m {
			fields = append(fields, v)
		}
	}
	return slices.ContainsFunc(fields, func(f string) bool { return strings.Contains(f, "inputs.") })
}

func writeFile(t *testing.T, root, name string, f file) {
	t.Helper()
	data := []byte(f.text)
	if f.from != "" {
		var err error
		if data, err = os.ReadFile(filepath.Join(root, f.from)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func matchAll(t *testing.T, what, text string, patterns []string, want bool) {
	t.Helper()
	for _, p := range patterns {
		if regexp.MustCompile(p).MatchString(text) != want {
			if want {
				t.Errorf("%s does not match %s", what, p)
			} else {
				t.Errorf("%s matches %s, which it should not", what, p)
			}
		}
	}
}

// checkSARIF checks that name is a SARIF 2.1.0 log with broken's finding.
func checkSARIF(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("%s: version %q with %d runs, want 2.1.0 with 1", name, log.Version, len(log.Runs))
	}
	var rules []string
	for _, r := range log.Runs[0].Results {
		rules = append(rules, r.RuleID)
	}
	if !slices.Equal(rules, []string{"quoted-boolean"}) {
		t.Errorf("%s: results for %q, want quoted-boolean", name, rules)
	}
}
