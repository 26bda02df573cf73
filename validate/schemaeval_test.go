package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/walint/walint/schemas"
	"github.com/walint/walint/validate/internal/jsontree"
	"github.com/walint/walint/validate/internal/schema"
)

// The reference: santhosh-tekuri/jsonschema compiles the same documents
// (checking them against the 2020-12 meta-schema on the way), with a
// vocabulary for x-switch, and must find the same violations as walint's
// evaluator (internal/schema), whose observations of texts near their limit
// are no violations and are left out of the comparison.

var referenceSchemas = sync.OnceValues(func() ([rootCount]*jsonschema.Schema, error) {
	docs, err := schemaDocuments()
	if err != nil {
		return [rootCount]*jsonschema.Schema{}, err
	}
	return compileReference(docs)
})

// The root schemas compared, by index: the Cloud and the On-Premises
// message schemas, and those of template creation and edit bodies.
const (
	rootCloud = iota
	rootOnPrem
	rootCreation
	rootEdit
	rootCount
)

// rootURLs and rootNames are the roots' $ids and names, by index.
var (
	rootURLs  = [rootCount]string{schemas.CloudURL, schemas.OnPremURL, schemas.TemplateURL, schemas.TemplateEditURL}
	rootNames = [rootCount]string{"cloud", "onprem", "template", "template-edit"}
)

// rootsFor returns the roots a payload is compared against: the two
// template roots for a body whose shape is a template's (detectKind), the
// two message roots for any other.
func rootsFor(root *jsontree.Node) []int {
	if detectKind(root, KindAuto).isTemplate() {
		return []int{rootCreation, rootEdit}
	}
	return []int{rootCloud, rootOnPrem}
}

// compileReference compiles the root schemas of docs (rootURLs) with the
// reference.
func compileReference(docs map[string]any) ([rootCount]*jsonschema.Schema, error) {
	var out [rootCount]*jsonschema.Schema
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.RegisterVocabulary(switchVocabulary())
	c.AssertVocabs()
	for _, id := range slices.Sorted(maps.Keys(docs)) {
		data, _ := json.Marshal(docs[id])
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return out, err
		}
		if err := c.AddResource(id, doc); err != nil {
			return out, err
		}
	}
	for i, url := range rootURLs {
		var err error
		if out[i], err = c.Compile(url); err != nil {
			return out, err
		}
	}
	return out, nil
}

// TestSchemasCompileWithReference: the schemas are valid JSON Schema 2020-12.
func TestSchemasCompileWithReference(t *testing.T) {
	if _, err := referenceSchemas(); err != nil {
		t.Fatal(err)
	}
}

// parseRoot parses a payload and returns its root, nil when it cannot be
// read.
func parseRoot(data []byte) *jsontree.Node {
	return jsontree.Parse(string(data), func(jsontree.Issue) {})
}

// plainValue converts the node to the plain Go value the reference takes:
// map[string]any (the last of duplicate names wins), []any, string,
// json.Number, bool or nil.
func plainValue(n *jsontree.Node) any {
	switch n.Kind {
	case jsontree.Bool:
		return n.Bool
	case jsontree.Number:
		if n.Extreme {
			// Reported by the parser already; the evaluator takes it for 0.
			return json.Number("0")
		}
		return json.Number(n.Text)
	case jsontree.String:
		return n.Text
	case jsontree.Object:
		m := make(map[string]any, len(n.Kids))
		for _, k := range n.Kids {
			m[k.Key] = plainValue(k)
		}
		return m
	case jsontree.Array:
		a := make([]any, len(n.Kids))
		for i, k := range n.Kids {
			a[i] = plainValue(k)
		}
		return a
	}
	return nil
}

// referenceViolations lists what the reference finds in root, one line per
// violation (before schemaPass's deduplication).
func referenceViolations(t testing.TB, root *jsontree.Node, r int) []string {
	ref, err := referenceSchemas()
	if err != nil {
		t.Fatal(err)
	}
	err = ref[r].Validate(plainValue(root))
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		t.Fatalf("reference: %v", err)
	}
	var out []string
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		for _, c := range e.Causes {
			walk(c)
		}
		if len(e.Causes) > 0 {
			return
		}
		ptr := ""
		for _, tok := range e.InstanceLocation {
			ptr += "/" + jsontree.EscapePointer(tok)
		}
		var what string
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			what = fmt.Sprint("required ", k.Missing)
		case *kind.AdditionalProperties:
			props := slices.Clone(k.Properties)
			slices.Sort(props)
			what = fmt.Sprint("additionalProperties ", props)
		case *kind.Type:
			what = fmt.Sprint("type ", k.Want)
		case *kind.Const:
			what = "const"
		case *kind.Enum:
			what = "enum"
		case *kind.MinLength:
			what = fmt.Sprint("minLength ", k.Got, " ", k.Want)
		case *kind.MaxLength:
			what = fmt.Sprint("maxLength ", k.Got, " ", k.Want)
		case *kind.MinItems:
			what = fmt.Sprint("minItems ", k.Got, " ", k.Want)
		case *kind.MaxItems:
			what = fmt.Sprint("maxItems ", k.Got, " ", k.Want)
		case *kind.Pattern:
			what = "pattern"
		case *kind.Minimum:
			what = "minimum"
		case *kind.Maximum:
			what = "maximum"
		default:
			what = fmt.Sprintf("%T", k)
		}
		out = append(out, ptr+" "+what)
	}
	walk(verr)
	slices.Sort(out)
	return out
}

// evaluatorViolations lists what walint's evaluator finds, in the same
// form, leaving out its observations of texts near their limit.
func evaluatorViolations(v *Validator, root *jsontree.Node, r int) []string {
	sch := [rootCount]*schema.Schema{v.cloud, v.onprem, v.creation, v.edit}[r]
	var out []string
	for _, vi := range schema.Eval(sch, root) {
		what := vi.Kind.String()
		switch vi.Kind {
		case schema.NearMaxLength:
			continue
		case schema.Required:
			what = fmt.Sprint("required ", vi.Missing)
		case schema.Additional:
			var props []string
			for _, m := range vi.Unknown {
				props = append(props, m.Key)
			}
			slices.Sort(props)
			what = fmt.Sprint("additionalProperties ", props)
		case schema.Type:
			what = fmt.Sprint("type ", vi.Schema.Types())
		case schema.MinLength, schema.MaxLength, schema.MinItems, schema.MaxItems:
			what = fmt.Sprint(vi.Kind, " ", vi.Got, " ", vi.Limit)
		}
		out = append(out, vi.Node.Pointer()+" "+what)
	}
	slices.Sort(out)
	return out
}

// compareWithReference checks one payload against its roots (rootsFor):
// a message in both dialects, a template body as a creation and as an
// edit body; it reports whether the evaluator and the reference agree.
func compareWithReference(t testing.TB, v *Validator, name string, data []byte) bool {
	root := parseRoot(data)
	if root == nil {
		return true
	}
	agree := true
	for _, r := range rootsFor(root) {
		want := referenceViolations(t, root, r)
		got := evaluatorViolations(v, root, r)
		if !slices.Equal(got, want) {
			agree = false
			t.Errorf("%s (%s):\nevaluator: %q\nreference: %q", name, rootNames[r], got, want)
		}
	}
	return agree
}

// schemaTestPayloads returns every JSON fixture of testdata and, when it is
// there, of the shared corpus (which CI=true requires: haveCorpus).
func schemaTestPayloads(t testing.TB) map[string][]byte {
	t.Helper()
	roots := []string{"../testdata", "testdata"}
	if haveCorpus(t) {
		roots = append(roots, corpusDir)
	} else {
		t.Logf("shared corpus not found at %s: comparing the repository's fixtures only", corpusPlace())
	}
	out := map[string][]byte{}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
				if data, err := os.ReadFile(path); err == nil {
					out[path] = data
				}
			}
			return nil
		})
	}
	if len(out) < 100 {
		t.Fatalf("only %d payloads found", len(out))
	}
	return out
}

// How many variations TestEvaluatorAgreesWithJSONSchema compares. All of
// them (some 140,000 with the corpus: 12 to 20 s on a 2-core machine) are
// CI's set; elsewhere a sample keeps go test ./... quick. The sample is
// drawn with a fixed seed, so a run repeats the one before it.
const (
	variationSample      = 8_000 // about a second
	variationSampleShort = 1_000 // a quarter of a second
)

// variationsToCompare returns how many variations to compare, 0 for all,
// and says so in words. -short wins over CI=true: a run that asks to be
// short, such as a -race run, gets the small sample.
func variationsToCompare() (int, string) {
	switch {
	case testing.Short():
		return variationSampleShort, "a fixed sample for -short"
	case os.Getenv("CI") == "true" || os.Getenv("WALINT_TEST_FULL") == "1":
		return 0, "all, for CI=true or WALINT_TEST_FULL=1"
	}
	return variationSample, "a fixed sample (WALINT_TEST_FULL=1 compares all)"
}

// variation is one changed payload: member n removed (repl "") or its
// value replaced by repl.
type variation struct {
	name string
	data []byte
	n    *jsontree.Node
	repl string
}

func (va variation) bytes() []byte {
	if va.repl == "" {
		return removeMember(va.data, va.n)
	}
	return append(append(append([]byte{}, va.data[:va.n.Start]...), va.repl...), va.data[va.n.End:]...)
}

// variations lists the variations of the payloads, in order: every member
// removed in turn, every value replaced by a value of other kinds, and
// every string made long. Payloads over 20 kB are left whole.
func variations(payloads map[string][]byte) []variation {
	repls := []string{"", "null", "7", "1.5", `"x"`, `"true"`, "true", "{}", "[]", `"` + strings.Repeat("é", 5000) + `"`}
	var out []variation
	for _, name := range slices.Sorted(maps.Keys(payloads)) {
		data := payloads[name]
		root := parseRoot(data)
		if root == nil || len(data) > 20_000 {
			continue
		}
		for _, n := range jsontree.Flatten(root, nil)[1:] {
			for _, repl := range repls {
				if repl == "" && n.Parent.Kind != jsontree.Object {
					continue
				}
				out = append(out, variation{name, data, n, repl})
			}
		}
	}
	return out
}

// TestEvaluatorAgreesWithJSONSchema compares walint's evaluator with the
// reference on every fixture and on variations of them (see variations):
// by default on a fixed sample of 8,000 variations, under -short on 1,000,
// and with CI=true (as make test runs in CI) or WALINT_TEST_FULL=1 on all:
//
//	WALINT_TEST_FULL=1 go test -run TestEvaluatorAgreesWithJSONSchema ./validate
func TestEvaluatorAgreesWithJSONSchema(t *testing.T) {
	v := mustNew(t)
	payloads := schemaTestPayloads(t)
	for _, name := range slices.Sorted(maps.Keys(payloads)) {
		compareWithReference(t, v, name, payloads[name])
	}
	if runtime.GOOS == "js" {
		// Under node the fixtures alone: the variations take half a minute
		// there, and run natively.
		t.Logf("%d payloads compared", len(payloads))
		return
	}
	all := variations(payloads)
	k, how := variationsToCompare()
	sample := sampleVariations(all, k, 14)
	for _, va := range sample {
		name := fmt.Sprintf("%s with %s at %s", va.name, va.repl, va.n.Pointer())
		if !compareWithReference(t, v, name, va.bytes()) {
			return // one variation's difference is enough to read
		}
	}
	t.Logf("%d payloads and %d of their %d variations compared: %s", len(payloads), len(sample), len(all), how)
}

// sampleVariations returns k of the variations, in order, drawn with a
// fixed seed, so that a failure found once is found again; all of them
// when k is 0 or not less than their number.
func sampleVariations(all []variation, k int, seed uint64) []variation {
	if k <= 0 || k >= len(all) {
		return all
	}
	picked := rand.New(rand.NewPCG(seed, 5)).Perm(len(all))[:k]
	slices.Sort(picked)
	sample := make([]variation, k)
	for i, j := range picked {
		sample[i] = all[j]
	}
	return sample
}

// removeMember returns data without the member n (its name, value and one
// adjacent comma).
func removeMember(data []byte, n *jsontree.Node) []byte {
	start, end := n.KeyStart, n.End
	rest := bytes.TrimLeft(data[end:], " \t\r\n")
	if len(rest) > 0 && rest[0] == ',' {
		end = len(data) - len(rest) + 1
	} else if i := bytes.LastIndexByte(data[:start], ','); i >= 0 && strings.TrimSpace(string(data[i+1:start])) == "" {
		start = i
	}
	return append(append([]byte{}, data[:start]...), data[end:]...)
}

func FuzzSchemaEval(f *testing.F) {
	for _, data := range schemaTestPayloads(f) {
		f.Add(data)
	}
	v := mustNew(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		compareWithReference(t, v, "input", data)
	})
}

// switchVocabulary returns the vocabulary that compiles x-switch.
func switchVocabulary() *jsonschema.Vocabulary {
	return &jsonschema.Vocabulary{
		URL:        "https://walint.dev/vocab/switch",
		Subschemas: []jsonschema.SchemaPath{{jsonschema.Prop(schema.SwitchKeyword), jsonschema.AllProp{}, jsonschema.AllProp{}}},
		Compile:    compileSwitch,
	}
}

// switchExt is a compiled x-switch: for each discriminating property, the
// branch for each of its values.
type switchExt map[string]map[string]*jsonschema.Schema

func compileSwitch(ctx *jsonschema.CompilerContext, obj map[string]any) (jsonschema.SchemaExt, error) {
	sw, ok := obj[schema.SwitchKeyword].(map[string]any)
	if !ok {
		return nil, nil
	}
	ext := switchExt{}
	for prop, cases := range sw {
		cm, _ := cases.(map[string]any)
		ext[prop] = map[string]*jsonschema.Schema{}
		for value := range cm {
			ext[prop][value] = ctx.Enqueue([]string{schema.SwitchKeyword, prop, value})
		}
	}
	return ext, nil
}

// Validate validates an object against the branch its discriminators pick.
func (s switchExt) Validate(ctx *jsonschema.ValidatorContext, v any) {
	obj, ok := v.(map[string]any)
	if !ok {
		return
	}
	// In the order of the property names, as internal/schema does: which of
	// two violations of one kind at one place is kept depends on it.
	for _, prop := range slices.Sorted(maps.Keys(s)) {
		value, _ := obj[prop].(string)
		if sch := s[prop][strings.ToLower(value)]; sch != nil {
			if err := ctx.Validate(sch, v, nil); err != nil {
				ctx.AddErr(err)
			}
		}
	}
}

// compileTest compiles one schema document for a test.
func compileTest(doc map[string]any) (*schema.Schema, error) {
	const id = "https://example.test/t.json"
	s, err := schema.Compile(map[string]any{id: doc}, func(id string) bool { return ruleByID(id) != nil }, id)
	if err != nil {
		return nil, err
	}
	return s[0], nil
}

// TestSchemaPassReportsEveryMissingMember: when the base schema and the
// branch its "type" picks both miss members of one object, every missing
// member is reported, each once.
func TestSchemaPassReportsEveryMissingMember(t *testing.T) {
	rep := mustNew(t).Validate(context.Background(),
		[]byte(`{"messaging_product":"whatsapp","to":"+14155552671","type":"interactive","interactive":{"type":"button"}}`))
	var missing []string
	for _, f := range rep.Findings {
		if f.Rule == "required-field" {
			missing = append(missing, f.Pointer)
		}
	}
	slices.Sort(missing)
	if want := []string{"/interactive/action", "/interactive/body"}; !slices.Equal(missing, want) {
		t.Errorf("missing members reported: %v, want %v", missing, want)
	}
}

// TestSchemaPassReportsEachFaultOnce: where a schema and one it applies both
// find a fault, the schema pass reports it once: a missing member by name,
// an unknown member by node, any other kind by value.
func TestSchemaPassReportsEachFaultOnce(t *testing.T) {
	props := func() map[string]any {
		return map[string]any{"a": map[string]any{}, "b": map[string]any{"type": "string"}, "c": map[string]any{}}
	}
	s, err := compileTest(map[string]any{
		"required": []any{"a"}, "properties": props(), "additionalProperties": false,
		"allOf": []any{map[string]any{"required": []any{"a", "c"}, "properties": props(), "additionalProperties": false}},
	})
	if err != nil {
		t.Fatal(err)
	}
	root := parseRoot([]byte(`{"z":1,"b":1}`))
	if found := schema.Eval(s, root); len(found) != 6 {
		t.Fatalf("the evaluator found %d violations, want each of the 3 faults twice: %v", len(found), found)
	}
	c := newCollector(nil)
	(&Validator{}).schemaPass(s, root, messageType(root), nil, c)
	got := map[string][]string{}
	for _, r := range c.kept {
		got[r.rule.ID] = append(got[r.rule.ID], r.pointer)
	}
	want := map[string][]string{"required-field": {"/a", "/c"}, "unexpected-field": {"/z"}, "wrong-type": {"/b"}}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("reported %v, want %v", got, want)
	}
}

// TestSchemaPassNearAndOver: a text over one schema's limit and near
// another's is reported as too long, once; near a limit only, it gets the
// note.
func TestSchemaPassNearAndOver(t *testing.T) {
	s, err := compileTest(map[string]any{"properties": map[string]any{"s": map[string]any{
		"maxLength": json.Number("10"), "allOf": []any{map[string]any{"maxLength": json.Number("11")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string][]string{
		`{"s":"12345678901"}`: {"string-length"},
		`{"s":"1234567890"}`:  {"near-length-limit"},
		`{"s":"123456789"}`:   nil,
	} {
		c := newCollector(nil)
		(&Validator{}).schemaPass(s, parseRoot([]byte(in)), "text", nil, c)
		var got []string
		for _, r := range c.kept {
			got = append(got, r.rule.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: reported %v, want %v", in, got, want)
		}
	}
}

// TestExplainEveryKind: explain has a report for every kind of violation the
// evaluator makes (an unhandled one would panic, and the payload's check
// would end in an internal error).
func TestExplainEveryKind(t *testing.T) {
	s, err := compileTest(map[string]any{"type": "string", "enum": []any{"a"}, "pattern": "^a$"})
	if err != nil {
		t.Fatal(err)
	}
	root := parseRoot([]byte(`{"b":"b"}`))
	member := root.Kids[0]
	for _, k := range schema.Kinds() {
		vi := schema.Violation{Kind: k, Node: member, Schema: s, Got: 5, Limit: 4, Bound: big.NewRat(1, 1)}
		switch k {
		case schema.Required:
			vi.Node, vi.Missing = root, []string{"m"}
		case schema.Additional:
			vi.Node, vi.Unknown = root, []*jsontree.Node{member}
		}
		c := newCollector(nil)
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("explain panics on a %v violation: %v", k, r)
				}
			}()
			explain(vi, c)
		}()
		if len(c.kept) != 1 || c.kept[0].msg == "" {
			t.Errorf("a %v violation gives %d reports, want one with a message", k, len(c.kept))
		}
	}
}
