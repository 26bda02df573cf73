package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

const completionUsage = `usage: walint completion bash|zsh|fish

Prints the shell script that completes walint's commands, flags, their
values (formats, rule IDs, severities) and file names. Load it with

  bash:  source <(walint completion bash)      (or save it in ~/.local/share/bash-completion/completions/walint)
  zsh:   source <(walint completion zsh)       (or save it as _walint in a directory of $fpath)
  fish:  walint completion fish > ~/.config/fish/completions/walint.fish

The scripts ask walint itself for the candidates, so they stay current.
`

// The scripts call "walint __complete WORD...", with the words after
// "walint" up to the one under the cursor (perhaps ""), and read one
// candidate a line; the line "::files" means "complete file names".
const filesDirective = "::files"

var completionScripts = map[string]string{
	"bash": `# bash completion for walint (walint completion bash)
_walint() {
	local cur=${COMP_WORDS[COMP_CWORD]} line files=0
	COMPREPLY=()
	while IFS= read -r line; do
		if [ "$line" = "::files" ]; then files=1; else COMPREPLY+=("$line"); fi
	done < <(walint __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
	if [ "$files" = 1 ]; then
		COMPREPLY+=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
	fi
}
complete -F _walint walint
`,
	"zsh": `#compdef walint
# zsh completion for walint (walint completion zsh)
_walint() {
	local -a candidates
	local line files=0
	while IFS= read -r line; do
		if [[ $line == "::files" ]]; then files=1; else candidates+=("$line"); fi
	done < <(walint __complete "${(@)words[2,CURRENT]}" 2>/dev/null)
	(( ${#candidates} )) && compadd -a candidates
	(( files )) && _files
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
	_walint "$@"
else
	compdef _walint walint
fi
`,
	"fish": `# fish completion for walint (walint completion fish)
function __walint_complete
	set -l words (commandline -opc) (commandline -ct)
	for line in (walint __complete $words[2..-1] 2>/dev/null)
		if test "$line" = "::files"
			__fish_complete_path (commandline -ct)
		else
			echo $line
		end
	end
end
complete -c walint -f -a '(__walint_complete)'
`,
}

// runCompletion prints the completion script of a shell.
func runCompletion(args []string, e *env) int {
	fs := newFlagSet("walint completion", completionUsage, e)
	rest, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) != 1 || completionScripts[rest[0]] == "" {
		e.errorf("completion takes one shell: bash, zsh or fish")
		return exitUsage
	}
	io.WriteString(e.stdout, completionScripts[rest[0]])
	return exitClean
}

// runComplete prints the candidates for the last of the words, which
// follow "walint" on a command line being typed: the hidden command the
// completion scripts call.
func runComplete(words []string, e *env) int {
	if len(words) == 0 {
		words = []string{""}
	}
	cur, before := words[len(words)-1], words[:len(words)-1]
	cmd := "lint"
	if len(before) > 0 {
		if _, ok := commands[before[0]]; ok {
			cmd, before = before[0], before[1:]
		}
	}
	var out []string
	switch {
	case len(words) == 1 && !strings.HasPrefix(cur, "-"):
		out = append(slices.Sorted(maps.Keys(commands)), filesDirective)
	case len(before) > 0 && takesValue(cmd, before[len(before)-1]):
		out = flagValues(cmd, strings.TrimLeft(before[len(before)-1], "-"))
	case strings.HasPrefix(cur, "-"):
		for _, name := range flagNames(cmd) {
			out = append(out, "--"+name)
		}
	case cmd == "explain":
		out = ruleIDs()
	case cmd == "completion":
		out = slices.Sorted(maps.Keys(completionScripts))
	case cmd == "rules" || cmd == "config" || cmd == "version":
	default:
		out = []string{filesDirective}
	}
	for _, c := range out {
		if c == filesDirective || strings.HasPrefix(c, cur) {
			fmt.Fprintln(e.stdout, c)
		}
	}
	return exitClean
}

// commandFlags returns the flag set of a command, with its flags defined:
// the command is asked for help, in an env that hands over the flag set it
// makes.
func commandFlags(cmd string) *flag.FlagSet {
	run, ok := commands[cmd]
	if !ok {
		return nil
	}
	var fs *flag.FlagSet
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, flagSets: func(f *flag.FlagSet) {
		if fs == nil {
			fs = f
		}
	}}
	run([]string{"-h"}, e)
	return fs
}

// flagNames lists the flags of a command.
func flagNames(cmd string) []string {
	var names []string
	if fs := commandFlags(cmd); fs != nil {
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	}
	return names
}

// takesValue reports whether word is a flag of the command that takes a
// value (not a boolean flag, and not already given one with =).
func takesValue(cmd, word string) bool {
	if !strings.HasPrefix(word, "-") || strings.Contains(word, "=") {
		return false
	}
	fs := commandFlags(cmd)
	if fs == nil {
		return false
	}
	f := fs.Lookup(strings.TrimLeft(word, "-"))
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// textOrJSON are the formats of the commands that print no lint report
// (media and rules).
var textOrJSON = []string{"text", "json"}

// flagValues returns the values a flag of the command takes, or the files
// directive.
func flagValues(cmd, name string) []string {
	switch name {
	case "format":
		if cmd == "media" || cmd == "rules" {
			return slices.Clone(textOrJSON)
		}
		return output.FormatNames()
	case "fail-on":
		var out []string
		for s := validate.SeverityError; s >= validate.SeverityInfo; s-- {
			out = append(out, s.String())
		}
		return out
	case "dialect":
		return []string{validate.DialectAuto.String(), validate.DialectCloud.String(), validate.DialectOnPrem.String()}
	case "kind":
		return kindNames()
	case "color":
		return slices.Clone(colorModes)
	case "disable":
		return ruleIDs()
	case "type":
		return slices.Clone(mediaTypes)
	case "sender", "stdin-filename":
		return nil
	}
	return []string{filesDirective}
}
