package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/walint/walint/validate"
)

// testOptions is the corpus make bench uses.
func testOptions() Options { return DefaultOptions() }

// TestDeterministic: the same options give the same bytes, and payload i does
// not depend on how many follow it.
func TestDeterministic(t *testing.T) {
	a, b := Generate(testOptions()), Generate(testOptions())
	small := testOptions()
	small.N = 100
	c := Generate(small)
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) || !bytes.Equal(a[i].Line, b[i].Line) {
			t.Fatalf("payload %d differs between two runs", i)
		}
		if i < len(c) && !bytes.Equal(a[i].Data, c[i].Data) {
			t.Fatalf("payload %d differs with a smaller corpus", i)
		}
	}
	other := testOptions()
	other.Seed, other.N = 2, 1
	if bytes.Equal(Generate(other)[0].Data, a[0].Data) {
		t.Error("seed 2 gives the same first payload as seed 1")
	}
}

// TestShape: sizes within bounds, the share of mistakes near the option,
// every kind and every mistake drawn, and Line the same payload as Data.
func TestShape(t *testing.T) {
	ps := Generate(testOptions())
	kinds, mistakes := map[string]bool{}, map[string]bool{}
	invalid := 0
	for _, p := range ps {
		if len(p.Data) < MinSize || len(p.Data) > MaxSize {
			t.Errorf("%s: %d bytes, outside %d..%d", p.Name, len(p.Data), MinSize, MaxSize)
		}
		if bytes.ContainsAny(p.Line, "\n\r") {
			t.Errorf("%s: the one-line form has a line break", p.Name)
		}
		if json.Valid(p.Data) && !sameJSON(p.Data, p.Line) {
			t.Errorf("%s: Line is not the same document as Data", p.Name)
		}
		kinds[p.Dialect+"/"+p.Kind] = true
		if !p.Valid() {
			invalid++
			mistakes[p.Mistake] = true
		}
	}
	if share := float64(invalid) / float64(len(ps)); share < 0.17 || share > 0.23 {
		t.Errorf("%.2f of the payloads have a mistake, want about 0.20", share)
	}
	for _, k := range allKinds() {
		if !kinds[k] {
			t.Errorf("kind %s never drawn", k)
		}
	}
	for _, m := range allMistakes() {
		if !mistakes[m] {
			t.Errorf("mistake %s never drawn", m)
		}
	}
}

// TestWellFormed: with WellFormed every payload parses.
func TestWellFormed(t *testing.T) {
	o := testOptions()
	o.WellFormed = true
	for _, p := range Generate(o) {
		if !json.Valid(p.Data) {
			t.Errorf("%s does not parse", p.Name)
		}
	}
}

// TestWalintAgrees keeps the corpus honest: walint finds no error in a valid
// payload, and reports each mistake under its rule as an error. A failure
// here is a generator bug or a walint bug; either way the benchmark would be
// measuring something other than it says.
func TestWalintAgrees(t *testing.T) {
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Generate(testOptions()) {
		rep := v.Validate(context.Background(), p.Data)
		var errs []string
		for _, f := range rep.Findings {
			if f.Severity == validate.SeverityError {
				errs = append(errs, f.Rule+" "+f.Pointer+": "+f.Message)
			}
		}
		if p.Valid() {
			if len(errs) > 0 {
				t.Errorf("%s: valid payload has errors:\n\t%s\n%s", p.Name, strings.Join(errs, "\n\t"), p.Data)
			}
			continue
		}
		if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, p.Rule+" ") }) {
			t.Errorf("%s: want an error from %s, got %q\n%s", p.Name, p.Rule, errs, p.Data)
		}
	}
}

// TestWriteRead: what Write writes, Read reads back.
func TestWriteRead(t *testing.T) {
	o := testOptions()
	o.N = 50
	ps := Generate(o)
	dir := t.TempDir()
	if err := Write(dir, ps); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ps) {
		t.Fatalf("read %d payloads, wrote %d", len(got), len(ps))
	}
	for i := range ps {
		want := ps[i]
		want.Line = nil // Read gives the files' bytes; corpus.jsonl is checked below
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("payload %d read back as\n%+v\nwant\n%+v", i, got[i], want)
		}
	}
	lines, err := os.ReadFile(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(lines, []byte("\n")); n != len(ps) {
		t.Errorf("corpus.jsonl has %d lines, want %d", n, len(ps))
	}
}

func sameJSON(a, b []byte) bool {
	var x, y bytes.Buffer
	return json.Compact(&x, a) == nil && json.Compact(&y, b) == nil && bytes.Equal(x.Bytes(), y.Bytes())
}

func allKinds() []string {
	var out []string
	for _, k := range kinds {
		out = append(out, k.dialect+"/"+k.name)
	}
	return out
}

func allMistakes() []string {
	var out []string
	for _, m := range mistakes {
		out = append(out, m.id)
	}
	return out
}
