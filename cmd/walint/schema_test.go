package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/walint/walint/schemas"
)

// runSchemaArgs runs walint schema with args and returns its exit code and
// output.
func runSchemaArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = runSchema(args, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut})
	return code, out.String(), errOut.String()
}

func TestSchemaCommand(t *testing.T) {
	both, err1 := schemas.Bundle(schemas.CloudURL, schemas.OnPremURL)
	cloud, err2 := schemas.Bundle(schemas.CloudURL)
	onprem, err3 := schemas.Bundle(schemas.OnPremURL)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want []byte
	}{
		{nil, both},
		{[]string{"--dialect", "auto"}, both},
		{[]string{"--dialect=cloud"}, cloud},
		{[]string{"-dialect", "onprem"}, onprem},
		{[]string{"--dialect", "v1"}, onprem},
	} {
		code, stdout, stderr := runSchemaArgs(tt.args...)
		if code != exitClean || stderr != "" {
			t.Errorf("walint schema %v: exit %d, stderr %q", tt.args, code, stderr)
		}
		if stdout != string(tt.want) {
			t.Errorf("walint schema %v: not the bundle of its dialect", tt.args)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil || !strings.HasSuffix(stdout, "}\n") {
			t.Errorf("walint schema %v: not one JSON document ending with a newline: %v", tt.args, err)
		}
	}
	if bytes.Equal(both, cloud) || bytes.Equal(cloud, onprem) {
		t.Error("the dialects give the same schema")
	}

	// Two runs give the same bytes.
	_, a, _ := runSchemaArgs()
	_, b, _ := runSchemaArgs()
	if a != b {
		t.Error("two runs differ")
	}
}

func TestSchemaCommandUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--dialect", "whatsapp"}, exitUsage, `unknown dialect "whatsapp" (want auto, cloud or onprem)`},
		{[]string{"payload.json"}, exitUsage, "schema takes no arguments"},
		{[]string{"--format", "yaml"}, exitUsage, "flag provided but not defined: -format"},
		{[]string{"-h"}, exitClean, "usage: walint schema [--dialect auto|cloud|onprem]"},
	} {
		code, stdout, stderr := runSchemaArgs(tt.args...)
		if code != tt.code {
			t.Errorf("walint schema %v: exit %d, want %d", tt.args, code, tt.code)
		}
		out := stderr
		if tt.code == exitClean {
			out = stdout // -h: the usage asked for
		}
		if !strings.Contains(out, tt.want) {
			t.Errorf("walint schema %v: output %q, want it to contain %q", tt.args, out, tt.want)
		}
		if tt.code != exitClean && stdout != "" {
			t.Errorf("walint schema %v: printed %q on a usage error", tt.args, stdout)
		}
	}
}

// failWriter fails every write, as a closed pipe does.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestSchemaCommandWriteError(t *testing.T) {
	var errOut bytes.Buffer
	code := runSchema(nil, &env{stdout: failWriter{}, stderr: &errOut})
	if code != exitUsage || !strings.Contains(errOut.String(), "writing the schema: broken pipe") {
		t.Errorf("exit %d, stderr %q; want exit %d and the write error", code, errOut.String(), exitUsage)
	}
}
