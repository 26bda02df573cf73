package validate

import (
	"context"
	"encoding/json"
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
	// Template creation bodies: a marketing body with a text header,
	// samples and buttons, and Meta's creation examples in turn; beside
	// them json.Unmarshal of the same, the yardstick of speed.
	body, err := os.ReadFile(filepath.Join("..", "testdata", "creation", "meta", "page_components_quick_replies_url_phone.json"))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("creation", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			v.Validate(context.Background(), body)
		}
	})
	examples, _ := filepath.Glob(filepath.Join("..", "testdata", "creation", "meta", "*.json"))
	var bodies [][]byte
	for _, f := range examples {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, data)
	}
	b.Run("creation-set", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			v.Validate(context.Background(), bodies[i%len(bodies)])
			i++
		}
	})
	b.Run("creation-set-unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			var x any
			_ = json.Unmarshal(bodies[i%len(bodies)], &x)
			i++
		}
	})
}
