package media

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addSeeds seeds f with every file in testdata/media and a few hostile box
// layouts.
func addSeeds(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(mediaDir, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range files {
		if filepath.Base(path) == "README.md" {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(append(bytes.Clone(ftypIsom), bx64("mdat", 1<<63, nil)...))
	f.Add(append(bytes.Clone(ftypIsom), bytes.Repeat([]byte{0, 0, 0, 0, 'm', 'o', 'o', 'v'}, 40)...))
	f.Add(append(bytes.Clone(ftypIsom), bx("moov", bx64("trak", 8, nil))...))
}

func FuzzInspect(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cr := &countingReader{r: bytes.NewReader(data)}
		info, err := Inspect(cr, int64(len(data)))
		if err != nil {
			t.Fatalf("Inspect: %v", err) // a bytes.Reader never fails to read
		}
		checkBounded(t, info)
		if info.Size != int64(len(data)) {
			t.Fatalf("Size = %d, want %d", info.Size, len(data))
		}
		if n := cr.calls.Load(); n > maxBoxes*3+maxChunks+maxMarkers+100 {
			t.Fatalf("%d reads", n)
		}
	})
}

func FuzzBoxes(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		w := &walker{r: bytes.NewReader(data), size: int64(len(data)), info: &Info{}}
		var stack []box
		w.walk(func(b box, depth int) {
			if depth > maxDepth {
				t.Fatalf("box at depth %d", depth)
			}
			stack = append(stack[:depth], b)
			parentEnd := w.size
			if depth > 0 {
				parentEnd = stack[depth-1].end
			}
			if b.off < 0 || b.body() > b.end || b.end > parentEnd {
				t.Fatalf("box %q [%d, %d) with %d-byte header outside its parent ending at %d",
					b.typ, b.off, b.end, b.hdr, parentEnd)
			}
		})
		if w.visits > maxBoxes+1 {
			t.Fatalf("%d boxes visited", w.visits)
		}
		checkBounded(t, w.info)
	})
}
