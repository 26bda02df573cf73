package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite the expected output in the scripts (review the diff)")

// TestMain lets the scripts run walint in a subprocess of the test binary,
// with the test-only variants that fail from the inside.
func TestMain(m *testing.M) {
	walint := func() {
		collectLess()
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"walint": walint,
		// walint-panicky panics while checking any input whose name
		// contains "panic", and has a "boom" command that panics outright.
		"walint-panicky": func() {
			lintHook = func(name string) {
				if strings.Contains(name, "panic") {
					panic("test panic while checking " + name)
				}
			}
			commands["boom"] = func([]string, *env) int { panic("boom") }
			walint()
		},
		// walint-hwm runs walint and then writes its peak resident memory
		// as the kernel counts it for this program alone (VmHWM; Linux
		// only) to stderr, for BenchmarkNDJSONPeakMemory: the rusage of a
		// child also counts its parent's memory at the time of the exec.
		"walint-hwm": func() {
			collectLess()
			code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
			if status, err := os.ReadFile("/proc/self/status"); err == nil {
				for line := range strings.Lines(string(status)) {
					if strings.HasPrefix(line, "VmHWM:") {
						fmt.Fprint(os.Stderr, line)
					}
				}
			}
			os.Exit(code)
		},
		// walint-cancelled checks every payload under a cancelled context,
		// which the validator reports as an internal-error finding.
		"walint-cancelled": func() {
			newContext = func() context.Context {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx
			}
			walint()
		},
	})
}

// TestScripts runs the scripts in testdata/script. $REPO is the root of the
// repository, for the shared fixtures (testdata/media, testdata/clean).
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("REPO", repo)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"jsonfile":  cmdJSONFile,
			"status":    cmdStatus,
			"bigfile":   cmdBigFile,
			"precommit": cmdPreCommit,
		},
	})
}

// cmdJSONFile checks that each file (or stdout) holds one JSON value:
// jsonfile stdout|FILE...
func cmdJSONFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: jsonfile stdout|FILE...")
	}
	for _, name := range args {
		var data string
		if name == "stdout" {
			data = ts.ReadFile("stdout")
		} else {
			data = ts.ReadFile(name)
		}
		var v any
		if err := json.Unmarshal([]byte(data), &v); err != nil {
			ts.Fatalf("%s is not JSON: %v", name, err)
		}
	}
}

// cmdStatus runs a command and checks its exact exit code, which "! cmd"
// cannot: status CODE COMMAND [ARG...]
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status CODE COMMAND [ARG...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: bad exit code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("status: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdBigFile writes a text payload whose body pads it to the given size:
// bigfile NAME BYTES
func cmdBigFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile NAME BYTES")
	}
	size, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("bigfile: bad size %q", args[1])
	}
	head := `{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"`
	tail := `"}}`
	body := strings.Repeat("x", max(0, size-len(head)-len(tail)))
	if err := os.WriteFile(ts.MkAbs(args[0]), []byte(head+body+tail), 0o644); err != nil {
		ts.Fatalf("bigfile: %v", err)
	}
}

// cmdPreCommit runs a hook of the repository's .pre-commit-hooks.yaml as
// `pre-commit run --all-files` would, and checks its exit code: the hook's
// entry with every file under the working directory (hidden ones too, as
// git tracks them) that its files pattern matches and its exclude pattern
// does not, in sorted order: precommit CODE HOOK-ID
func cmdPreCommit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: precommit CODE HOOK-ID")
	}
	var hooks []struct {
		ID      string   `yaml:"id"`
		Entry   string   `yaml:"entry"`
		Files   string   `yaml:"files"`
		Exclude string   `yaml:"exclude"`
		Args    []string `yaml:"args"`
	}
	data, err := os.ReadFile(filepath.Join(ts.Getenv("REPO"), ".pre-commit-hooks.yaml"))
	ts.Check(err)
	ts.Check(yaml.Unmarshal(data, &hooks))
	for _, h := range hooks {
		if h.ID != args[1] {
			continue
		}
		files := regexp.MustCompile(h.Files)
		var exclude *regexp.Regexp
		if h.Exclude != "" {
			exclude = regexp.MustCompile(h.Exclude)
		}
		root := ts.MkAbs(".")
		var names []string
		ts.Check(filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if files.MatchString(rel) && (exclude == nil || !exclude.MatchString(rel)) {
				names = append(names, rel)
			}
			return nil
		}))
		entry := strings.Fields(h.Entry)
		cmdStatus(ts, false, append(append(append([]string{args[0]}, entry...), h.Args...), names...))
		return
	}
	ts.Fatalf("no hook %q in .pre-commit-hooks.yaml", args[1])
}
