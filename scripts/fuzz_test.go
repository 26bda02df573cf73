// Tests of fuzz.sh, the runner behind make fuzz, with a stand-in for the go
// command that prints what go test prints in each case.
package scripts_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeGo answers "go test PKG -run ^$ -fuzz ^NAME$ -fuzztime T" from files in
// $FAKE: NAME.out is printed, the exit status is 1 when it has a FAIL line, as
// go test's is, and, when NAME.new exists, a file of that name appears in
// PKG/testdata/fuzz/NAME, as a crasher would.
const fakeGo = `#!/usr/bin/env bash
pkg=$2
name=${6#^}; name=${name%$}
cat "$FAKE/$name.out" 2>/dev/null
if [ -f "$FAKE/$name.new" ]; then
	mkdir -p "$pkg/testdata/fuzz/$name"
	cp "$FAKE/$name.new" "$pkg/testdata/fuzz/$name/$(cat "$FAKE/$name.new")"
fi
! grep -q '^FAIL' "$FAKE/$name.out"
`

// raceOutput is the end of the CI run that failed on golang/go#75804.
const raceOutput = `fuzz: elapsed: 27s, execs: 452226 (10668/sec), new interesting: 9 (total: 619)
fuzz: elapsed: 30s, execs: 535301 (27691/sec), new interesting: 11 (total: 621)
fuzz: elapsed: 31s, execs: 535301 (0/sec), new interesting: 11 (total: 621)
--- FAIL: FuzzA (31.04s)
    context deadline exceeded
FAIL
exit status 1
FAIL	example.com/p	31.054s
`

// crashOutput is what go test prints when the fuzz function panics.
const crashOutput = `fuzz: elapsed: 3s, execs: 1000 (333/sec), new interesting: 1 (total: 1)
--- FAIL: FuzzA (3.10s)
    --- FAIL: FuzzA (0.00s)
        testing.go:1: panic: runtime error: index out of range [3] with length 3

    Failing input written to testdata/fuzz/FuzzA/0123456789abcdef
    To re-run:
    go test -run=FuzzA/0123456789abcdef
FAIL
exit status 1
FAIL	example.com/p	3.110s
`

const passOutput = `fuzz: elapsed: 30s, execs: 535301 (27691/sec), new interesting: 11 (total: 621)
PASS
ok  	example.com/p	30.050s
`

// target is one fuzz target's run, as the stand-in go prints it.
type target struct {
	name string
	out  string
	new  string // name of a file the run adds to the target's corpus
}

// runFuzz runs fuzz.sh on ./p:NAME for each target, in order, and returns its
// exit status and output. With all set it names no target: fuzz.sh is to find
// them in p/fuzz_test.go, where each has its func line.
func runFuzz(t *testing.T, targets []target, all bool) (int, string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	script, err := filepath.Abs("fuzz.sh")
	if err != nil {
		t.Fatal(err)
	}
	work, fake := t.TempDir(), t.TempDir()
	if err := os.Mkdir(filepath.Join(work, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	goPath := filepath.Join(fake, "go")
	if err := os.WriteFile(goPath, []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{script, "30s"}
	var src strings.Builder
	src.WriteString("package p\n")
	for _, tg := range targets {
		if !all {
			args = append(args, "./p:"+tg.name)
		}
		fmt.Fprintf(&src, "\nfunc %s(f *testing.F) {}\n", tg.name)
		write := func(ext, s string) {
			if err := os.WriteFile(filepath.Join(fake, tg.name+ext), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(".out", tg.out)
		if tg.new != "" {
			write(".new", tg.new)
		}
	}
	if err := os.WriteFile(filepath.Join(work, "p", "fuzz_test.go"), []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, args...)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GO="+goPath, "FAKE="+fake)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		t.Fatal(err)
	}
	return 0, string(out)
}

func TestFuzzRunner(t *testing.T) {
	tests := []struct {
		name     string
		targets  []target
		all      bool // name no target: fuzz.sh finds them
		wantCode int
		want     []string // in the output
	}{{
		name:     "pass",
		targets:  []target{{name: "FuzzA", out: passOutput}},
		wantCode: 0,
		want:     []string{"fuzz ./p FuzzA for 30s", "PASS"},
	}, {
		name:     "coordinator race is not a failure",
		targets:  []target{{name: "FuzzA", out: raceOutput}},
		wantCode: 0,
		want:     []string{"context deadline exceeded", "FuzzA: not counted as a failure", "golang/go#75804"},
	}, {
		name:     "crash",
		targets:  []target{{name: "FuzzA", out: crashOutput, new: "0123456789abcdef"}},
		wantCode: 1,
		want:     []string{"fuzz: failed: ./p:FuzzA"},
	}, {
		name:     "race signature but a new corpus file",
		targets:  []target{{name: "FuzzA", out: raceOutput, new: "fedcba9876543210"}},
		wantCode: 1,
		want:     []string{"fuzz: failed: ./p:FuzzA"},
	}, {
		name:     "deadline in another target's failure",
		targets:  []target{{name: "FuzzA", out: strings.ReplaceAll(raceOutput, "--- FAIL: FuzzA", "--- FAIL: FuzzB")}},
		wantCode: 1,
		want:     []string{"fuzz: failed: ./p:FuzzA"},
	}, {
		name: "deadline after another failure",
		targets: []target{{name: "FuzzA", out: strings.Replace(raceOutput, "--- FAIL: FuzzA (31.04s)",
			"--- FAIL: FuzzA (31.04s)\n    --- FAIL: FuzzA (0.00s)\n        boom", 1)}},
		wantCode: 1,
		want:     []string{"fuzz: failed: ./p:FuzzA"},
	}, {
		name: "deadline before another failure",
		targets: []target{{name: "FuzzA", out: strings.Replace(raceOutput, "    context deadline exceeded",
			"    context deadline exceeded\n    --- FAIL: FuzzA/seed#1 (0.00s)\n        boom", 1)}},
		wantCode: 1,
		want:     []string{"fuzz: failed: ./p:FuzzA"},
	}, {
		name:     "build failure",
		targets:  []target{{name: "FuzzA", out: "p/x.go:1:1: syntax error\nFAIL\texample.com/p [build failed]\n"}},
		wantCode: 1,
		want:     []string{"fuzz: failed: ./p:FuzzA"},
	}, {
		name: "every target runs after a failure",
		targets: []target{
			{name: "FuzzA", out: crashOutput, new: "0123456789abcdef"},
			{name: "FuzzB", out: passOutput},
			{name: "FuzzC", out: crashOutput},
		},
		wantCode: 1,
		want:     []string{"fuzz ./p FuzzB for 30s", "fuzz ./p FuzzC for 30s", "fuzz: failed: ./p:FuzzA ./p:FuzzC"},
	}, {
		name: "every target in the tree",
		targets: []target{
			{name: "FuzzA", out: passOutput},
			{name: "FuzzB", out: crashOutput, new: "0123456789abcdef"},
		},
		all:      true,
		wantCode: 1,
		want:     []string{"fuzz ./p FuzzA for 30s", "fuzz ./p FuzzB for 30s", "fuzz: failed: ./p:FuzzB"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := runFuzz(t, tt.targets, tt.all)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d; output:\n%s", code, tt.wantCode, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if tt.wantCode != 0 && strings.Contains(out, "not counted as a failure") {
				t.Errorf("a failure was excused:\n%s", out)
			}
		})
	}
}
