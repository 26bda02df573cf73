package validate

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkValidate measures one Validate call on a typical text, template
// and interactive payload from testdata/clean, and on the whole clean set.
func BenchmarkValidate(b *testing.B) {
	v, err := New()
	if err != nil {
		b.Fatal(err)
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "clean", name))
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	for _, bc := range []struct{ name, file string }{
		{"text", "cloud_text.json"},
		{"template", "cloud_template_currency_date_time.json"},
		{"interactive", "cloud_interactive_list.json"},
	} {
		payload := read(bc.file)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(payload)))
			for b.Loop() {
				v.Validate(context.Background(), payload)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "clean", "*.json"))
	var all [][]byte
	for _, f := range files {
		all = append(all, read(filepath.Base(f)))
	}
	b.Run("clean-set", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			v.Validate(context.Background(), all[i%len(all)])
			i++
		}
	})
}
