package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/walint/walint/validate"
)

// BenchmarkAppendReport writes the report of every payload of
// testdata/rules, as walintValidate does, into a buffer kept from call to
// call.
func BenchmarkAppendReport(b *testing.B) {
	v, err := validate.New()
	if err != nil {
		b.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*.json"))
	if err != nil || len(files) == 0 {
		b.Fatalf("testdata/rules: %d files, %v", len(files), err)
	}
	type payload struct {
		src []byte
		rep *validate.Report
	}
	var ps []payload
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, payload{src, v.Validate(context.Background(), src)})
	}
	var out []byte
	size := 0
	for _, p := range ps {
		out, _ = appendReport(out[:0], p.src, p.rep)
		size += len(out)
	}
	b.SetBytes(int64(size / len(ps)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		p := ps[i%len(ps)]
		if out, err = appendReport(out[:0], p.src, p.rep); err != nil {
			b.Fatal(err)
		}
	}
}
