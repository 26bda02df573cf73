package validate

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLineIndex: LF, CRLF and a lone CR each end a line, CRLF once; columns
// count code points from the start of the line.
func TestLineIndex(t *testing.T) {
	tests := []struct {
		src  string
		off  int
		line int
		col  int
	}{
		{"a\nb", 2, 2, 1},
		{"a\r\nb", 3, 2, 1},
		{"a\rb", 2, 2, 1},
		{"a\r\rb", 3, 3, 1},
		{"a\n\rb", 3, 3, 1},     // LF then CR: two line breaks
		{"a\r\n\r\nb", 5, 3, 1}, // two CRLFs: two line breaks
		{"a\r\nb", 1, 1, 2},     // the CR of a CRLF is on the line it ends
		{"a\r\nb", 2, 1, 3},     // and so is its LF
		{"é\rxé\ry", 6, 2, 3},   // "é" is two bytes, one column
		{"é\rxé\ry", 7, 3, 1},   // the line after it
		{"x\r", 2, 2, 1},        // a CR at the very end
		{"ab\rcd\re", 99, 3, 2}, // clamped to the end
	}
	for _, tt := range tests {
		got := newLineIndex(tt.src).pos(tt.off)
		if got.Line != tt.line || got.Column != tt.col {
			t.Errorf("pos(%d) in %q = %d:%d, want %d:%d", tt.off, tt.src, got.Line, got.Column, tt.line, tt.col)
		}
	}
}

// TestLineEndings: the same payload saved with LF, CRLF or CR line endings
// gives its findings at the same lines and columns.
func TestLineEndings(t *testing.T) {
	lines := []string{
		`{`,
		`  "messaging_product": "whatsapp",`,
		`  "to": "0044 7911 123456",`,
		`  "type": "text", "text": {"body": "é", "preview_url": "true"}`,
		`}`,
	}
	type at struct {
		rule      string
		line, col int
	}
	want := []at{{"recipient-intl-prefix", 3, 9}, {"quoted-boolean", 4, 56}}
	v := mustNew(t)
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		payload := []byte(strings.Join(lines, eol) + eol)
		rep := v.Validate(context.Background(), payload)
		checkReport(t, payload, rep)
		var got []at
		for _, f := range rep.Findings {
			got = append(got, at{f.Rule, f.Span.Start.Line, f.Span.Start.Column})
			if f.Span.End.Line != f.Span.Start.Line {
				t.Errorf("line ending %q: %s spans lines %d to %d", eol, f.Rule, f.Span.Start.Line, f.Span.End.Line)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("line ending %q: got findings at %v, want %v", eol, got, want)
		}
	}
}

// TestLineIndexForwardAndBack: positions asked for in any order are the same
// as those of a fresh index asked for each alone, whether the index counts
// forward or has listed its lines (after a position before the last one).
// Offsets are those of tokens, never inside a character's bytes.
func TestLineIndexForwardAndBack(t *testing.T) {
	srcs := []string{"", "a", "x\n\nyé\n\xffé\nz\n", "a\nb\r\nc\rd\n", "é\r\n\r\ré\n\nxyz", "{\n  \"a\": \"\xff\xfe\",\r\n  \"b\": 1\r}", "\r\n\n\r"}
	for _, src := range srcs {
		for _, order := range [][]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
			{3, 9, 5, 20, 0, 7, 7, 2, 14, 1}, {20, 0, 20, 1, 19, 2}} {
			li := newLineIndex(src)
			for _, off := range order {
				if off < len(src) && !utf8.RuneStart(src[off]) {
					continue
				}
				got := li.pos(off)
				if want := newLineIndex(src).pos(off); got != want {
					t.Errorf("%q: pos(%d) after %v = %+v, want %+v", src, off, order, got, want)
				}
			}
		}
	}
}
