package schemas_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/walint/walint/schemas"
	"github.com/walint/walint/validate"
)

// repo is the repository root, seen from this package.
const repo = ".."

// refuseLoader fails every load: a bundle that compiles with it refers to
// nothing outside itself.
type refuseLoader struct{}

func (refuseLoader) Load(url string) (any, error) {
	return nil, fmt.Errorf("the bundle refers to %s, outside itself", url)
}

// bundle builds the bundle of roots and compiles it with the reference
// implementation (draft 2020-12, which also checks it against the
// meta-schema) and no way to load anything else.
func bundle(t *testing.T, roots ...string) ([]byte, *jsonschema.Schema) {
	t.Helper()
	b, err := schemas.Bundle(roots...)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the bundle is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(refuseLoader{})
	const loc = "https://walint.test/bundle.json"
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(loc)
	if err != nil {
		t.Fatalf("compiling the bundle: %v", err)
	}
	return b, sch
}

// dialects are the bundles `walint schema --dialect` prints, with the
// walint dialects whose clean payloads each must accept.
var dialects = []struct {
	name   string
	roots  []string
	walint []validate.Dialect
}{
	{"auto", []string{schemas.CloudURL, schemas.OnPremURL}, []validate.Dialect{validate.DialectAuto, validate.DialectCloud, validate.DialectOnPrem}},
	{"cloud", []string{schemas.CloudURL}, []validate.Dialect{validate.DialectCloud}},
	{"onprem", []string{schemas.OnPremURL}, []validate.Dialect{validate.DialectOnPrem}},
}

func TestBundleSelfContained(t *testing.T) {
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			b, _ := bundle(t, d.roots...)
			var doc map[string]any
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("$schema is %v, want draft 2020-12", doc["$schema"])
			}
			if id, _ := doc["$id"].(string); !strings.HasPrefix(id, "https://") {
				t.Errorf("$id %q is not an absolute URL", id)
			}
			if doc["title"] == "" || doc["description"] == "" {
				t.Errorf("no title or description")
			}
			anyOf, _ := doc["anyOf"].([]any)
			if want := len(d.roots); want > 1 && len(anyOf) != want || want == 1 && doc["$ref"] == nil {
				t.Errorf("top level: anyOf %v, $ref %v; want an anyOf of %d roots or one $ref", anyOf, doc["$ref"], want)
			}
			if _, ok := doc["oneOf"]; ok {
				t.Errorf("top-level oneOf: a payload valid in both dialects would fail it")
			}
			walkJSON(doc, "", func(ptr, key string, v any) {
				switch {
				case strings.HasPrefix(key, "x-"):
					t.Errorf("%s: walint's annotation %s is left", ptr, key)
				case (key == "$id" || key == "$schema") && ptr != "/"+key:
					t.Errorf("%s: nested %s", ptr, key)
				case key == "$ref" && !strings.HasPrefix(v.(string), "#/$defs/"):
					t.Errorf("%s: $ref %v leaves the bundle", ptr, v)
				}
			})
		})
	}
}

// walkJSON calls fn for every member of every object in v.
func walkJSON(v any, ptr string, fn func(ptr, key string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, sub := range x {
			p := ptr + "/" + strings.NewReplacer("~", "~0", "/", "~1").Replace(k)
			fn(p, k, sub)
			walkJSON(sub, p, fn)
		}
	case []any:
		for i, sub := range x {
			walkJSON(sub, fmt.Sprintf("%s/%d", ptr, i), fn)
		}
	}
}

func TestBundleDeterministic(t *testing.T) {
	for _, d := range dialects {
		a, err1 := schemas.Bundle(d.roots...)
		b, err2 := schemas.Bundle(d.roots...)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two bundles differ", d.name)
		}
		if !bytes.HasSuffix(a, []byte("}\n")) || bytes.HasSuffix(a, []byte("\n\n")) {
			t.Errorf("%s: the bundle does not end with one newline", d.name)
		}
	}
}

func TestBundleRejectsNoRoot(t *testing.T) {
	if _, err := schemas.Bundle(); err == nil {
		t.Error("Bundle() gave no error")
	}
	if _, err := schemas.Bundle("https://walint.dev/schemas/cloud/nothing.json"); err == nil {
		t.Error("Bundle of an unknown root gave no error")
	}
}

// check validates payload against sch: nil, or what the reference says.
func check(t *testing.T, sch *jsonschema.Schema, payload []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(payload))
	if err != nil {
		t.Fatalf("payload is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

func TestBundleAcceptsCleanPayloads(t *testing.T) {
	_, sch := bundle(t, schemas.CloudURL, schemas.OnPremURL)
	clean, _ := filepath.Glob(filepath.Join(repo, "testdata", "clean", "*.json"))
	examples, _ := filepath.Glob(filepath.Join(repo, "testdata", "examples", "*.json"))
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range examples {
		// An example without a .want sidecar is clean (testdata/clean/SOURCES.md);
		// the bundle is the schema of messages, not of template bodies.
		if _, err := os.Stat(strings.TrimSuffix(f, ".json") + ".want"); errors.Is(err, fs.ErrNotExist) && isMessage(t, v, f) {
			clean = append(clean, f)
		}
	}
	t.Run("corpus", func(t *testing.T) {
		valid, _ := filepath.Glob(filepath.Join(schemas.Corpus(t, "valid"), "*.json"))
		if len(valid) == 0 {
			t.Fatal("no payloads in the corpus")
		}
		for _, f := range valid {
			payload, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := check(t, sch, payload); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	})
	if len(clean) < 50 {
		t.Fatalf("only %d clean payloads found", len(clean))
	}
	for _, f := range clean {
		payload, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := check(t, sch, payload); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

const (
	env = `"messaging_product":"whatsapp","to":"+16505551234"`
	v1  = `"to":"16505551234"`
)

func TestBundleRejectsBrokenPayloads(t *testing.T) {
	_, sch := bundle(t, schemas.CloudURL, schemas.OnPremURL)
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	for name, payload := range map[string]string{
		"cloud without to":           `{"messaging_product":"whatsapp","text":{"body":"hi"}}`,
		"v1 without to":              `{"type":"text","text":{"body":"hi"}}`,
		"to as a number":             `{"messaging_product":"whatsapp","to":16505551234,"text":{"body":"hi"}}`,
		"quoted preview_url":         `{` + env + `,"text":{"body":"hi","preview_url":"true"}}`,
		"text body of 4097":          `{` + env + `,"text":{"body":"` + strings.Repeat("a", 4097) + `"}}`,
		"v1 text body of 4097":       `{` + v1 + `,"text":{"body":"` + strings.Repeat("a", 4097) + `"}}`,
		"latitude 91":                `{` + env + `,"type":"location","location":{"latitude":91,"longitude":0}}`,
		"latitude -90.5":             `{` + v1 + `,"type":"location","location":{"latitude":-90.5,"longitude":0}}`,
		"latitude string 91.5":       `{` + env + `,"type":"location","location":{"latitude":"91.5","longitude":"0"}}`,
		"latitude string 90.0001":    `{` + env + `,"type":"location","location":{"latitude":"90.0001","longitude":"0"}}`,
		"latitude string just over":  `{` + env + `,"type":"location","location":{"latitude":"90.000000000000001","longitude":"0"}}`,
		"latitude number just over":  `{` + env + `,"type":"location","location":{"latitude":90.000000000000001,"longitude":0}}`,
		"longitude string just over": `{` + env + `,"type":"location","location":{"latitude":"0","longitude":"180.00000000000001"}}`,
		"longitude string -181":      `{` + env + `,"type":"location","location":{"latitude":"0","longitude":"-181"}}`,
		"longitude 180.5":            `{` + env + `,"type":"location","location":{"latitude":0,"longitude":180.5}}`,
		"template parameter lat 95":  `{` + env + `,"type":"template","template":{"name":"t","language":{"code":"en"},"components":[{"type":"header","parameters":[{"type":"location","location":{"latitude":"95","longitude":"1"}}]}]}}`,
		"unknown member of text":     `{` + env + `,"text":{"body":"hi","bodyy":"x"}}`,
		"header on a product":        `{` + env + `,"type":"interactive","interactive":{"type":"product","header":{"type":"text","text":"h"},"action":{"catalog_id":"1","product_retailer_id":"sku"}}}`,
		"interactive type a number":  `{` + env + `,"type":"interactive","interactive":{"type":5,"action":{}}}`,
		"four reply buttons":         `{` + env + `,"type":"interactive","interactive":{"type":"button","body":{"text":"b"},"action":{"buttons":[` + strings.Repeat(`{"type":"reply","reply":{"id":"a","title":"A"}},`, 3) + `{"type":"reply","reply":{"id":"d","title":"D"}}]}}}`,
		"list with an image header":  `{` + env + `,"type":"interactive","interactive":{"type":"list","header":{"type":"image","image":{"id":"1"}},"body":{"text":"b"},"action":{"button":"B","sections":[{"rows":[{"id":"a","title":"A"}]}]}}}`,
		"closed message type":        `{` + env + `,"type":"poll","poll":{}}`,
		"template name with capital": `{` + env + `,"type":"template","template":{"name":"Hello","language":{"code":"en"}}}`,
		"read receipt without id":    `{"messaging_product":"whatsapp","status":"read"}`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := check(t, sch, []byte(payload)); err == nil {
				t.Errorf("the bundle accepts it")
			}
			if len(errorsOf(v.Validate(context.Background(), []byte(payload)))) == 0 {
				t.Errorf("walint finds no error in it: the bundle must not refuse it")
			}
		})
	}
}

// errorsOf returns the findings of a report that are errors.
func errorsOf(r *validate.Report) []validate.Finding {
	return slices.DeleteFunc(slices.Clone(r.Findings), func(f validate.Finding) bool { return f.Severity != validate.SeverityError })
}

// TestBundleAcceptsWhatWalintWarnsAbout checks the translations of walint's
// annotations: what walint only warns about (or accepts) must not be an
// editor error.
func TestBundleAcceptsWhatWalintWarnsAbout(t *testing.T) {
	_, sch := bundle(t, schemas.CloudURL, schemas.OnPremURL)
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	const tmpl = `"type":"template","template":{"name":"t","language":{"code":"en_US"},"components":[`
	for _, tt := range []struct {
		name, payload string
		warns         string // the rule walint warns with; "" when it accepts the payload
	}{
		{"unknown interactive type", `{` + env + `,"type":"interactive","interactive":{"type":"hologram","body":{"text":"b"},"action":{"beam":true}}}`, "unknown-value"},
		{"unknown envelope member", `{` + env + `,"text":{"body":"hi"},"new_field":1}`, "unknown-field"},
		{"unknown member of a product message", `{` + env + `,"type":"interactive","interactive":{"type":"product","action":{"catalog_id":"1","product_retailer_id":"sku"},"sparkle":true}}`, "unknown-field"},
		{"unknown member of a carousel", `{` + env + `,"type":"interactive","interactive":{"type":"carousel","body":{"text":"b"},"action":{"cards":[` + card(0) + `,` + card(1) + `]},"sparkle":true}}`, "unknown-field"},
		{"unknown component type", `{` + env + `,` + tmpl + `{"type":"hologram","parameters":[]}]}}`, "unknown-value"},
		{"unknown body parameter type", `{` + env + `,` + tmpl + `{"type":"body","parameters":[{"type":"hologram","hologram":{}}]}]}}`, "unknown-value"},
		{"upper-case sub_type", `{` + env + `,` + tmpl + `{"type":"button","sub_type":"QUICK_REPLY","index":0,"parameters":[{"type":"payload","payload":"p"}]}]}}`, ""},
		{"upper-case interactive type", `{` + env + `,"type":"interactive","interactive":{"type":"CTA_URL","body":{"text":"b"},"action":{"name":"cta_url","parameters":{"display_text":"Go","url":"https://example.com"}}}}`, ""},
		{"latitude 90 as a string", `{` + env + `,"type":"location","location":{"latitude":"+90.0","longitude":"-180"}}`, ""},
		{"latitude with an exponent", `{` + env + `,"type":"location","location":{"latitude":"91e-1","longitude":"1.8e2"}}`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := v.Validate(context.Background(), []byte(tt.payload))
			if errs := errorsOf(rep); len(errs) > 0 {
				t.Fatalf("walint reports errors, the case tests nothing: %v", errs)
			}
			if tt.warns != "" && !slices.ContainsFunc(rep.Findings, func(f validate.Finding) bool { return f.Rule == tt.warns }) {
				t.Errorf("walint does not warn with %s: %v", tt.warns, rep.Findings)
			}
			if err := check(t, sch, []byte(tt.payload)); err != nil {
				t.Errorf("the bundle refuses it: %v", err)
			}
		})
	}
}

// card is a product card of a carousel message.
func card(i int) string {
	return fmt.Sprintf(`{"card_index":%d,"type":"product","action":{"catalog_id":"1","product_retailer_id":"sku%d"}}`, i, i)
}

// TestBundleNotStricterThanWalint checks every payload of the repository's
// testdata and of the shared corpus: a payload in which walint finds no
// error (warnings allowed) must validate against the bundle, in each
// dialect walint can check it as.
func TestBundleNotStricterThanWalint(t *testing.T) {
	var files []string
	err := filepath.WalkDir(filepath.Join(repo, "testdata"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"valid", "invalid"} {
		dir := filepath.Join(repo, "..", "shared", "corpus", sub)
		more, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(more) == 0 && os.Getenv("CI") == "true" {
			t.Fatalf("no corpus payloads in %s", dir)
		}
		files = append(files, more...)
	}
	payloads := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if json.Valid(b) { // Editors report broken JSON themselves.
			payloads[f] = b
		}
	}
	if len(payloads) < 500 {
		t.Fatalf("only %d payloads to compare", len(payloads))
	}
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			_, sch := bundle(t, d.roots...)
			for _, wd := range d.walint {
				// Template bodies are checked as the messages the bundle
				// describes (and are not clean as such).
				v, err := validate.New(validate.WithDialect(wd), validate.WithKind(validate.KindMessage))
				if err != nil {
					t.Fatal(err)
				}
				clean, refused := 0, 0
				for _, f := range slices.Sorted(maps.Keys(payloads)) {
					rep := v.Validate(context.Background(), payloads[f])
					if rep.Kind == validate.KindTemplate || rep.Kind == validate.KindTemplateEdit {
						continue // a template creation or edit body: the bundle is the messages' schema
					}
					walintClean := len(errorsOf(rep)) == 0
					err := check(t, sch, payloads[f])
					switch {
					case walintClean && err != nil:
						t.Errorf("%s (walint %v): walint finds no error, the bundle refuses it: %v", f, wd, err)
					case walintClean:
						clean++
					case err != nil:
						refused++
					}
				}
				t.Logf("walint %v: %d payloads clean; of the %d with errors, the bundle refuses %d",
					wd, clean, len(payloads)-clean, refused)
			}
		})
	}
}

// isMessage reports whether walint checks the payload file f as a message
// rather than as a template body.
func isMessage(t *testing.T, v *validate.Validator, f string) bool {
	t.Helper()
	payload, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return v.Validate(context.Background(), payload).Kind == validate.KindMessage
}
