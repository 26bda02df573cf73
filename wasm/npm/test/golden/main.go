// Command golden checks payloads with the Go library, natively, for the npm
// package's parity test (../parity.test.js): it reads a JSON array of cases
// on standard input and writes, for each, what the package's validate and
// fix must return for the same payload and options.
//
//	[{"file": "testdata/examples/welcome.json", "dialect": "cloud", "kind": "auto", "sender": "+16505550000",
//	  "templates": "testdata/templates.json", "lastInbound": "2026-12-01T09:30:00Z"}, ...]
//
// It uses the library as a Go program would, validate.New and the CLI's
// JSON shape (internal/output), not the module's own code in ../../api.go,
// so that a difference in either shows.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

type testCase struct {
	File        string `json:"file"`
	Dialect     string `json:"dialect"`
	Kind        string `json:"kind"`
	Sender      string `json:"sender"`
	Templates   string `json:"templates"` // a file of definitions
	LastInbound string `json:"lastInbound"`
}

type result struct {
	Report any    `json:"report"`
	Fixed  string `json:"fixed"`
	Fixes  int    `json:"fixes"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "golden: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		return fmt.Errorf("reading the cases: %w", err)
	}
	validators := map[testCase]*validate.Validator{}
	out := make([]result, 0, len(cases))
	for _, c := range cases {
		key := testCase{Dialect: c.Dialect, Kind: c.Kind, Sender: c.Sender, Templates: c.Templates}
		v := validators[key]
		if v == nil {
			var err error
			if v, err = newValidator(key); err != nil {
				return err
			}
			validators[key] = v
		}
		src, err := os.ReadFile(c.File)
		if err != nil {
			return err
		}
		ctx := context.Background()
		if c.LastInbound != "" {
			t, err := time.Parse(time.RFC3339Nano, c.LastInbound)
			if err != nil {
				return err
			}
			ctx = validate.ContextWithLastInbound(ctx, t)
		}
		rep := v.Validate(ctx, src)
		fixed, n, _ := v.FixPayload(ctx, src)
		out = append(out, result{Report: output.JSONFile(output.File{Path: "payload", Source: src, Report: rep}), Fixed: string(fixed), Fixes: n})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func newValidator(k testCase) (*validate.Validator, error) {
	d, err := validate.ParseDialect(k.Dialect)
	if err != nil {
		return nil, err
	}
	kind, err := validate.ParseKind(k.Kind)
	if err != nil {
		return nil, err
	}
	opts := []validate.Option{validate.WithDialect(d), validate.WithKind(kind)}
	if k.Sender != "" {
		opts = append(opts, validate.WithSender(k.Sender))
	}
	if k.Templates != "" {
		data, err := os.ReadFile(k.Templates)
		if err != nil {
			return nil, err
		}
		t, err := validate.ParseTemplates(data)
		if err != nil {
			return nil, err
		}
		opts = append(opts, validate.WithTemplates(t))
	}
	return validate.New(opts...)
}
