package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCompletionInShells loads each completion script in its own shell,
// as a user does, and completes a flag, a flag's value and a rule ID. The
// shells are Debian's bash, zsh and fish, which .ci/run installs: a shell
// that is missing skips its test, with a message, except in CI, where it
// fails. walint is on $PATH: TestMain put it there.
func TestCompletionInShells(t *testing.T) {
	lines := []struct{ line, want string }{
		{"walint --fo", "--format"},
		{"walint --format s", "sarif"},
		{"walint explain quoted-b", "quoted-boolean"},
		{"walint --disable lat", "latitude-range"},
	}
	for _, sh := range []struct {
		name     string
		complete func(t *testing.T, shell string, lines []string) [][]string
	}{
		{"bash", completeBash},
		{"zsh", completeZsh},
		{"fish", completeFish},
	} {
		t.Run(sh.name, func(t *testing.T) {
			shell := lookShell(t, sh.name)
			var in []string
			for _, l := range lines {
				in = append(in, l.line)
			}
			got := sh.complete(t, shell, in)
			for i, l := range lines {
				if i >= len(got) || !slices.Contains(got[i], l.want) {
					t.Errorf("%s completes %q to %q; want %q among them", sh.name, l.line, at(got, i), l.want)
				}
			}
		})
	}
}

// at returns s[i], or nil past its end.
func at(s [][]string, i int) []string {
	if i < len(s) {
		return s[i]
	}
	return nil
}

// lookShell returns the path of a shell, skipping the test when the shell
// is not installed, or failing it when CI=true.
func lookShell(t *testing.T, name string) string {
	t.Helper()
	if _, err := exec.LookPath("walint"); err != nil {
		t.Fatalf("walint is not on $PATH: %v", err)
	}
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed, and CI tests its completion: .ci/run installs the Debian package %s", name, name)
		}
		t.Skipf("%s is not installed (Debian package %s): its completion is not tested", name, name)
	}
	return path
}

// shellOutput runs a shell with args, in a home of its own so that no user
// configuration counts, and returns what it printed. The time limit only
// ends a shell that hangs.
func shellOutput(t *testing.T, shell string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, shell, args...)
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_CACHE_HOME="+home)
	cmd.Dir = home
	cmd.WaitDelay = time.Second
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("%s %q: %v\n%s%s", filepath.Base(shell), args, err, out, stderr)
	}
	return string(out)
}

// completeBash sets up the words of each line as readline does and calls
// the function the script registered for walint.
func completeBash(t *testing.T, shell string, lines []string) [][]string {
	const script = `source <(walint completion bash)
fn=$(complete -p walint | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
for line; do
	read -ra COMP_WORDS <<<"$line"
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	"$fn"
	printf '%s\n' "${COMPREPLY[@]}" '<done>'
done`
	return split(shellOutput(t, shell, append([]string{"--norc", "--noprofile", "-c", script, "bash"}, lines...)...))
}

// completeFish asks fish what it completes each line to.
func completeFish(t *testing.T, shell string, lines []string) [][]string {
	const script = `walint completion fish | source
for line in $argv
	complete -C $line | string replace -r '\t.*' ''
	echo '<done>'
end`
	return split(shellOutput(t, shell, append([]string{"--no-config", "-c", script}, lines...)...))
}

// completeZsh types each line and a tab into an interactive zsh (in a
// pseudo-terminal, with zsh/zpty) that has run compinit and loaded the
// script: the completion system runs as it does for a user. The candidates
// it would offer are written to a file: compadd is wrapped to note them
// (builtin compadd -O matches them against what was typed without adding
// them), and after each completion the shell exits.
func completeZsh(t *testing.T, shell string, lines []string) [][]string {
	const script = `out=$1 dump=$2; shift 2
zmodload zsh/zpty || exit
for line; do
	zpty z zsh -f -i
	zpty -w z "PROMPT= RPROMPT= out=${(q)out}"
	zpty -w z "autoload -Uz compinit && compinit -u -d ${(q)dump}"
	zpty -w z 'source <(walint completion zsh)'
	zpty -w z 'compadd() { local -a hits; builtin compadd -O hits "$@"; print -rl -- $hits >>$out }'
	zpty -w z 'comppostfuncs=(done-line); done-line() { print -r -- "<done>" >>$out; exit }'
	zpty -w z "$line"$'\t'
	while zpty -r z; do :; done >/dev/null
	zpty -d z
done`
	dir := t.TempDir()
	out := filepath.Join(dir, "candidates")
	// The first compinit writes the dump the later ones read, which is
	// quicker than finding the completion functions each time.
	dump := filepath.Join(dir, "zcompdump")
	shellOutput(t, shell, append([]string{"-f", "-c", script, "zsh", out, dump}, lines...)...)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("zsh completed nothing: %v", err)
	}
	return split(string(data))
}

// split splits a shell's output into the candidates for each line, which
// end with a line "<done>".
func split(out string) [][]string {
	var all [][]string
	cur := []string{}
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		if line == "<done>" {
			all, cur = append(all, cur), []string{}
			continue
		}
		cur = append(cur, line)
	}
	return all
}
