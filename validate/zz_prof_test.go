package validate

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkCorpusProf(b *testing.B) {
	files, _ := filepath.Glob("/work/shared/corpus/valid/cloud_*.json")
	var docs [][]byte
	for _, f := range files {
		d, _ := os.ReadFile(f)
		docs = append(docs, d)
	}
	v, _ := New()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			v.Validate(context.Background(), d)
		}
	}
}
