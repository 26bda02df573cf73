package action

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

// parseFileCommand reads $GITHUB_OUTPUT or $GITHUB_ENV as the runner does:
// lines of name=value, and name<<DELIMITER followed by the value's lines
// and a line holding only the delimiter.
func parseFileCommand(s string) (map[string]string, error) {
	vars := map[string]string{}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		eq, heredoc := strings.Index(line, "="), strings.Index(line, "<<")
		switch {
		case eq > 0 && (heredoc < 0 || eq < heredoc):
			vars[line[:eq]] = line[eq+1:]
		case heredoc > 0:
			name, delim := line[:heredoc], line[heredoc+2:]
			if delim == "" {
				return nil, fmt.Errorf("line %d: %q has no delimiter", i+1, line)
			}
			var value []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				value = append(value, lines[i])
			}
			if i == len(lines) {
				return nil, fmt.Errorf("%q: no line %q ends the value", name, delim)
			}
			vars[name] = strings.Join(value, "\n")
		default:
			return nil, fmt.Errorf("line %d: %q is neither name=value nor name<<DELIMITER", i+1, line)
		}
	}
	return vars, nil
}

func TestParseFileCommand(t *testing.T) {
	for _, c := range []struct {
		in   string
		want map[string]string
		err  string
	}{
		{in: "", want: map[string]string{}},
		{in: "exit-code=1\nsarif-file=a b.sarif\n", want: map[string]string{"exit-code": "1", "sarif-file": "a b.sarif"}},
		{in: "a=b=c\r\nd=\n", want: map[string]string{"a": "b=c", "d": ""}},
		{in: "later=1\nlater=2\n", want: map[string]string{"later": "2"}},
		{in: "msg<<EOF\nline 1\nx=y\n\nEOF\nn=2\n", want: map[string]string{"msg": "line 1\nx=y\n", "n": "2"}},
		{in: "a=x<<y\n", want: map[string]string{"a": "x<<y"}},
		{in: "msg<<EOF\nline\n", err: `no line "EOF" ends the value`},
		{in: "msg<<\nEOF\n", err: "has no delimiter"},
		{in: "no value\n", err: "neither name=value nor name<<DELIMITER"},
		{in: "=value\n", err: "neither name=value nor name<<DELIMITER"},
	} {
		got, err := parseFileCommand(c.in)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("parseFileCommand(%q): error %v, want one with %q", c.in, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("parseFileCommand(%q): %v", c.in, err)
		case c.err == "" && !maps.Equal(got, c.want):
			t.Errorf("parseFileCommand(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
