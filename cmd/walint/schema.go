package main

import (
	"github.com/walint/walint/schemas"
	"github.com/walint/walint/validate"
)

const schemaUsage = `usage: walint schema [--dialect auto|cloud|onprem]

Prints one self-contained JSON Schema (draft 2020-12) of WhatsApp message
payloads for editors: VS Code's json.schemas setting, JetBrains' JSON Schema
mappings. It checks the shape of each field as walint does, and never
refuses what walint only warns about; walint checks more. With the default
dialect, auto, it accepts Cloud API and On-Premises v1 payloads.

Flags:
`

// runSchema prints the bundled schema.
func runSchema(args []string, e *env) int {
	fs := newFlagSet("walint schema", schemaUsage, e)
	dialect := fs.String("dialect", "auto", "API `dialect` the schema accepts: auto (either), cloud or onprem")
	rest, code, ok := parseArgs(fs, args, e)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		e.errorf("schema takes no arguments; it prints the schema to standard output")
		return exitUsage
	}
	d, err := validate.ParseDialect(*dialect)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	var roots []string
	if d != validate.DialectOnPrem {
		roots = append(roots, schemas.CloudURL)
	}
	if d != validate.DialectCloud {
		roots = append(roots, schemas.OnPremURL)
	}
	b, err := schemas.Bundle(roots...)
	if err != nil {
		e.errorf("building the schema: %v", err)
		return exitInternal
	}
	if _, err := e.stdout.Write(b); err != nil {
		e.errorf("writing the schema: %v", err)
		return exitUsage
	}
	return exitClean
}
