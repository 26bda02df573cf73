// Package action tests the repository's GitHub Action, ../action.yml, by
// running its steps the way the Actions runner runs a composite action's.
package action

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// manifest is the part of action.yml's schema that this runner understands.
// It is decoded with unknown keys refused, so a key added to action.yml
// (an if:, a continue-on-error:) fails the tests until the runner models it,
// rather than being ignored by them.
type manifest struct {
	Name        string
	Description string
	Author      string
	Branding    struct{ Icon, Color string }
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Outputs map[string]struct{ Description, Value string }
	Runs    struct {
		Using string
		Steps []step
	}
}

// step is one of runs.steps: an action (uses, with) or a script (run).
type step struct {
	Name             string
	ID               string
	Uses             string
	With             map[string]string
	Shell            string
	WorkingDirectory string `yaml:"working-directory"`
	Env              map[string]string
	Run              string
}

func readManifest(path string) (*manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var m manifest
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decoding %s: %w", path, err)
	}
	return &m, nil
}

// job is what the steps of one job share: the runner's temporary
// directory, the workspace, and the variables and PATH entries that earlier
// steps added through $GITHUB_ENV and $GITHUB_PATH.
type job struct {
	m          *manifest
	actionPath string
	workspace  string
	temp       string
	env        map[string]string
	path       []string // latest addition first, as the runner prepends them
}

// run is one run of the action's steps, with the inputs it was given.
type run struct {
	*job
	inputs  map[string]string
	outputs map[string]map[string]string // by step id
	stdout  strings.Builder              // every step's
	stderr  strings.Builder
	summary strings.Builder // every step's $GITHUB_STEP_SUMMARY
	exit    int             // the failing step's status, or 0
}

// newRun returns a run of the action with inputs, the others at their
// defaults, as the runner fills them in.
func (j *job) newRun(inputs map[string]string) (*run, error) {
	r := &run{job: j, inputs: map[string]string{}, outputs: map[string]map[string]string{}}
	for name, in := range j.m.Inputs {
		if in.Default != nil {
			r.inputs[name] = *in.Default
		}
	}
	for name, v := range inputs {
		if _, ok := j.m.Inputs[name]; !ok {
			return nil, fmt.Errorf("the action has no input %q", name)
		}
		r.inputs[name] = v
	}
	return r, nil
}

// steps runs steps in order until one fails, as a composite action does.
// The error is for a step this runner cannot run, not one that failed.
func (r *run) steps(steps []step) error {
	for _, s := range steps {
		if err := r.step(s); err != nil {
			return fmt.Errorf("step %q: %w", s.Name, err)
		}
		if r.exit != 0 {
			break
		}
	}
	return nil
}

// actionOutputs evaluates the action's outputs after its steps, which the
// runner does also when a step failed.
func (r *run) actionOutputs() (map[string]string, error) {
	out := map[string]string{}
	for name, o := range r.m.Outputs {
		v, err := r.expand(o.Value)
		if err != nil {
			return nil, fmt.Errorf("output %q: %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}

// step runs one step. A uses: step is skipped (the test machine has Go, which
// is all setup-go is for), but its with: is evaluated all the same.
func (r *run) step(s step) error {
	for _, v := range s.With {
		if _, err := r.expand(v); err != nil {
			return err
		}
	}
	if s.Uses != "" {
		return nil
	}
	if strings.Contains(s.Run, "${{") {
		return errors.New("an expression in run: is pasted into the script as text; pass it through env:")
	}
	if s.Shell != "bash" {
		return fmt.Errorf("shell %q: this runner has only bash", s.Shell)
	}
	dir := r.workspace
	if s.WorkingDirectory != "" {
		wd, err := r.expand(s.WorkingDirectory)
		if err != nil {
			return err
		}
		dir = wd
	}
	env := map[string]string{}
	for k, v := range r.env {
		env[k] = v
	}
	for k, v := range s.Env {
		x, err := r.expand(v)
		if err != nil {
			return fmt.Errorf("env %s: %w", k, err)
		}
		env[k] = x
	}

	// The runner gives each step its own files for the file commands and
	// runs the script from a file with bash's options for shell: bash.
	files, err := os.MkdirTemp(r.temp, "step")
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, v := range []string{"GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"} {
		names[v] = filepath.Join(files, strings.ToLower(v))
		if err := os.WriteFile(names[v], nil, 0o644); err != nil {
			return err
		}
	}
	script := filepath.Join(files, "script.sh")
	if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = dir
	cmd.Env = r.environ(env, names)
	cmd.Stdout, cmd.Stderr = &r.stdout, &r.stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return err
		}
		r.exit = exit.ExitCode()
	}
	return r.fileCommands(s, names)
}

// fileCommands applies what the step wrote to its file commands.
func (r *run) fileCommands(s step, names map[string]string) error {
	read := func(v string) (string, error) {
		data, err := os.ReadFile(names[v])
		return string(data), err
	}
	out, err := read("GITHUB_OUTPUT")
	if err != nil {
		return err
	}
	if r.outputs[s.ID], err = parseFileCommand(out); err != nil {
		return fmt.Errorf("$GITHUB_OUTPUT: %w", err)
	}
	env, err := read("GITHUB_ENV")
	if err != nil {
		return err
	}
	vars, err := parseFileCommand(env)
	if err != nil {
		return fmt.Errorf("$GITHUB_ENV: %w", err)
	}
	for k, v := range vars {
		r.env[k] = v
	}
	paths, err := read("GITHUB_PATH")
	if err != nil {
		return err
	}
	for _, p := range strings.Split(paths, "\n") {
		if p = strings.TrimRight(p, "\r"); p != "" {
			r.path = append([]string{p}, r.path...)
		}
	}
	summary, err := read("GITHUB_STEP_SUMMARY")
	r.summary.WriteString(summary)
	return err
}

// environ is a step's environment: this process's, without what a runner
// would set differently (the test may itself run in GitHub Actions), then
// $GITHUB_ENV's and the step's variables, then the runner's own.
func (r *run) environ(env, files map[string]string) []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GITHUB_") || strings.HasPrefix(name, "RUNNER_") ||
			strings.HasPrefix(name, "INPUT_") || name == "PATH" {
			continue
		}
		out = append(out, kv)
	}
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	for k, v := range files {
		out = append(out, k+"="+v)
	}
	return append(out,
		"PATH="+strings.Join(append(r.path[:len(r.path):len(r.path)], os.Getenv("PATH")), string(os.PathListSeparator)),
		"CI=true",
		"GITHUB_ACTIONS=true",
		"GITHUB_ACTION_PATH="+r.actionPath,
		"GITHUB_WORKSPACE="+r.workspace,
		"RUNNER_TEMP="+r.temp,
	)
}

var (
	expression  = regexp.MustCompile(`\$\{\{(.*?)\}\}`)
	stepOutputs = regexp.MustCompile(`^steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)$`)
)

// expand evaluates the ${{ }} expressions in s. It knows only the few that
// action.yml uses and refuses any other, so that the test cannot run
// something other than what the file says.
func (r *run) expand(s string) (string, error) {
	var err error
	out := expression.ReplaceAllStringFunc(s, func(m string) string {
		expr := strings.TrimSpace(expression.FindStringSubmatch(m)[1])
		v, e := r.eval(expr)
		if e != nil && err == nil {
			err = e
		}
		return v
	})
	return out, err
}

func (r *run) eval(expr string) (string, error) {
	if expr == "github.action_path" {
		return r.actionPath, nil
	}
	if name, ok := strings.CutPrefix(expr, "inputs."); ok {
		if _, declared := r.m.Inputs[name]; !declared {
			return "", fmt.Errorf("${{ %s }}: no such input", expr)
		}
		return r.inputs[name], nil
	}
	if m := stepOutputs.FindStringSubmatch(expr); m != nil {
		for _, s := range r.m.Runs.Steps {
			if s.ID == m[1] {
				return r.outputs[m[1]][m[2]], nil // "" when the step did not set it
			}
		}
		return "", fmt.Errorf("${{ %s }}: no step has id %q", expr, m[1])
	}
	return "", fmt.Errorf("${{ %s }}: an expression this test's runner does not evaluate", expr)
}
