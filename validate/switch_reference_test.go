//go:build !js

package validate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The x-switch rewrite (schema.ToSwitches) must not change what the schemas say:
// the reference implementation compiles the embedded schemas as written
// (allOf of if/then branches) and as rewritten (x-switch), and the two must
// accept and refuse the same payloads. The one deliberate difference, the
// switch's case-blind lookup of a discriminator ("CATALOG"), is set aside
// by giving both the payload with its "type", "sub_type" and "format" values
// in lower case.

var originalAndRewritten = sync.OnceValues(func() ([2][rootCount]*jsonschema.Schema, error) {
	var out [2][rootCount]*jsonschema.Schema
	original, err := decodeSchemas()
	if err != nil {
		return out, err
	}
	rewritten, err := schemaDocuments()
	if err != nil {
		return out, err
	}
	if out[0], err = compileReference(original); err != nil {
		return out, fmt.Errorf("compiling the schemas as written: %w", err)
	}
	if out[1], err = compileReference(rewritten); err != nil {
		return out, fmt.Errorf("compiling the rewritten schemas: %w", err)
	}
	return out, nil
})

// lowerDiscriminators lower-cases the string values of every "type",
// "sub_type" and "format" (a template header's) member of a decoded
// payload.
func lowerDiscriminators(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			if s, ok := sub.(string); ok && (k == "type" || k == "sub_type" || k == "format") {
				x[k] = strings.ToLower(s)
				continue
			}
			lowerDiscriminators(sub)
		}
	case []any:
		for _, sub := range x {
			lowerDiscriminators(sub)
		}
	}
}

// TestSwitchRewriteKeepsMeaning compares the original and the rewritten
// schemas on every fixture and corpus payload and a fixed sample of their
// variations (2,000; 250 with -short; all of them, some 140,000, with
// CI=true or WALINT_TEST_FULL=1). It can tell: compiled without
// AssertVocabs, the reference ignores x-switch, the rewritten schemas lose
// every branch check, and this test fails on the first corpus payload with
// a too-long button title.
func TestSwitchRewriteKeepsMeaning(t *testing.T) {
	compiled, err := originalAndRewritten()
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, data []byte) bool {
		root := parseRoot(data)
		if root == nil {
			return true
		}
		value := plainValue(root)
		lowerDiscriminators(value)
		for _, r := range rootsFor(root) {
			origErr := compiled[0][r].Validate(value)
			rewErr := compiled[1][r].Validate(value)
			if (origErr == nil) != (rewErr == nil) {
				t.Errorf("%s (%s): the original schema says %v, the rewritten one %v", name, rootNames[r], origErr, rewErr)
				return false
			}
		}
		return true
	}
	payloads := schemaTestPayloads(t)
	for _, name := range slices.Sorted(maps.Keys(payloads)) {
		if !check(name, payloads[name]) {
			return
		}
	}
	// A quarter of TestEvaluatorAgreesWithJSONSchema's sample: each takes
	// two compiled schemas, and that test compares the rewritten ones too.
	all := variations(payloads)
	k, _ := variationsToCompare()
	sample := sampleVariations(all, k/4, 5)
	for _, va := range sample {
		if !check(fmt.Sprintf("%s with %s at %s", va.name, va.repl, va.n.Pointer()), va.bytes()) {
			return
		}
	}
	t.Logf("%d payloads and %d of their %d variations compared", len(payloads), len(sample), len(all))
}
