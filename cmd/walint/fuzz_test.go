package main

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzEachLine checks the .jsonl reader against a plain split of the whole
// input on LF: the same lines, numbers and offsets, each line cut to the
// limit (+2) or without its ending, blank ones left out.
func FuzzEachLine(f *testing.F) {
	f.Add("{\"a\":1}\r\n\n  \n {\"b\":2}\n{\"c\":3}", uint8(10))
	f.Add("0123456789abcdef\r\n{}", uint8(10))
	f.Add("\r\r\n\n", uint8(0))
	f.Fuzz(func(t *testing.T, data string, limit uint8) {
		max := int(limit % 64)
		var got []payload
		if err := eachLine(strings.NewReader(data), max, func(p payload) bool {
			got = append(got, p)
			return true
		}); err != nil {
			t.Fatal(err)
		}
		var want []payload
		offset := 0
		for n, line := range strings.SplitAfter(data, "\n") {
			if line == "" {
				break // after a final LF
			}
			kept := []byte(line)
			if len(kept) > max+2 {
				kept = kept[:max+2]
			} else {
				kept = bytes.TrimSuffix(bytes.TrimSuffix(kept, []byte("\n")), []byte("\r"))
			}
			if len(bytes.TrimSpace(kept)) > 0 {
				want = append(want, payload{data: kept, line: n + 1, offset: offset})
			}
			offset += len(line)
		}
		if len(got) != len(want) {
			t.Fatalf("%d payloads, want %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if !bytes.Equal(g.data, w.data) || g.line != w.line || g.offset != w.offset {
				t.Errorf("payload %d: %q line %d offset %d, want %q line %d offset %d", i, g.data, g.line, g.offset, w.data, w.line, w.offset)
			}
			if !strings.HasPrefix(data[g.offset:], string(g.data)) {
				t.Errorf("payload %d is not the file's content at offset %d", i, g.offset)
			}
		}
	})
}
