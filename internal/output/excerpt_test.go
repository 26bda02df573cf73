package output

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/walint/walint/validate"
)

// The excerpt of a long line used to lay out the whole line for every
// finding, which took some twenty seconds for a megabyte minified payload
// with a hundred findings. layoutExcerptWhole and layoutLineWhole are that
// code as it was, kept as the reference that the windowed layout must match
// byte for byte.

// layoutLineWhole turns a source line into cells, one per code point as the
// validator counts them (an invalid byte is one code point), and returns
// the display column at which each code point starts; pos[len(cells)] is
// the width of the whole line.
func layoutLineWhole(line string) (cells []cell, pos []int) {
	col := 0
	for len(line) > 0 {
		r, size := utf8.DecodeRuneInString(line)
		c := cell{text: line[:size], width: runeWidth(r)}
		switch {
		case r == '\t':
			c.width = tabWidth - col%tabWidth
			c.text = strings.Repeat(" ", c.width)
		case r == '\uFEFF' && len(cells) == 0:
			// A byte order mark at the start: the file's, which editors
			// do not show either (json-bom reports it).
			c = cell{}
		case r == utf8.RuneError && size == 1, !visible(r):
			c = cell{text: "\uFFFD", width: 1}
		}
		pos = append(pos, col)
		cells = append(cells, c)
		col += c.width
		line = line[size:]
	}
	return cells, append(pos, col)
}

// layoutExcerptWhole returns the source line as it will show and a caret line
// that marks columns startCol up to endCol (exclusive, counted in code
// points like the validator's columns); endCol < 0 marks to the end of the
// line. A line wider than maxExcerptWidth is cut around startCol, with an
// ellipsis where text was left out.
func layoutExcerptWhole(line string, startCol, endCol int) (src, caret string) {
	cells, pos := layoutLineWhole(line)
	n := len(cells)
	s := min(max(startCol-1, 0), n)
	e := n
	if endCol >= 0 {
		e = min(max(endCol-1, s), n)
	}
	startCell, endCell, total := pos[s], pos[e], pos[n]

	lo, hi := 0, total
	if total > maxExcerptWidth {
		// Keep a third of the room for what comes before the span: enough
		// to see which member it is, while most of the span stays in view.
		budget := maxExcerptWidth - 2 // room for an ellipsis at each end
		lo = max(startCell-budget/3, 0)
		hi = lo + budget
		if hi > total {
			hi, lo = total, max(total-budget, 0)
		}
	}
	var b strings.Builder
	first, last := -1, lo
	for i, c := range cells {
		if pos[i] < lo || pos[i]+c.width > hi {
			continue
		}
		if first < 0 {
			first = pos[i]
		}
		b.WriteString(c.text)
		last = pos[i] + c.width
	}
	if first < 0 {
		first = lo
	}
	offset := startCell - first
	if first > 0 {
		src = "…"
		offset++
	}
	src += b.String()
	if last < total {
		src += "…"
	}
	width := max(min(endCell, last)-startCell, 1)
	caret = strings.Repeat(" ", max(offset, 0)) + "^" + strings.Repeat("~", width-1)
	return src, caret
}

// excerptLines are lines that exercise every kind of cell, on both sides of
// the lineLayout marks and of the excerpt's window.
func excerptLines() []string {
	long := func(unit string, n int) string { return strings.Repeat(unit, n) }
	return []string{
		"",
		"a",
		"\t",
		"\uFEFF",
		"\uFEFF{\"a\": 1}",
		`"to": "x"`,
		`  "body": "é😀", "n": 12,`,
		"e\u0301x",
		"日本x",
		"\t\"n\":\t12",
		"a\x1bb\u202ec\xffd",
		long("a", 63), long("a", 64), long("a", 65), long("a", 128), long("a", 300),
		long("a", 200) + "XY" + long("b", 200),
		long(`{"type":"text","text":"é","currency":1,"date_time":"x"},`, 60),
		long("\t", 200),
		long("a\t", 150),
		long("ab\tc", 100),
		long("日", 300),
		long("日a", 200),
		long("a", 59) + long("日", 100),
		long("😀", 250),
		long("👩\u200d💻", 100),
		long("e\u0301", 200),
		"x" + long("\u0301", 500) + "y" + long("z", 300),      // a long run of zero-width marks
		long("a", 150) + long("\u0301", 300) + long("b", 150), // zero-width marks in the window
		long("a", 40) + long("\u200d", 200) + long("c", 200),  // zero-width joiners where the window starts
		long("\xff", 300),                                // invalid bytes
		long("\xe6\x97", 200),                            // cut-off UTF-8 sequences
		long("a\xf0\x9f\x98", 100) + long("b", 100),      // cut-off four-byte sequences
		long("\x80", 70) + long("é", 100),                // stray continuation bytes
		long("\x00\x01\x08\n\v\f\x0e\x1b\x1f\x7f ~", 30), // ASCII control characters
		long("\u0085\u2028\u2029\u202e\u200b", 60),       // C1 control, separators, format characters
		long("\uFEFF", 200),                              // byte order marks after the first code point
		"\uFEFF" + long("\t", 100) + long("x", 100),
		long("\r", 10) + long("a", 200),        // a CR inside a line, as a test feeds it
		long("a\t日😀e\u0301\xff\x1b\u202e", 60), // every kind, repeated across marks
	}
}

// excerptSpans returns the spans to try on a line of n code points: every
// start column near the ends, the marks and the window's edges, each with
// an empty, a short, a long, an open and an overlong end.
func excerptSpans(n int) [][2]int {
	starts := map[int]bool{}
	for _, s := range []int{-5, 0, 1, 2, 3, n - 1, n, n + 1, n + 2, n + 100} {
		starts[s] = true
	}
	for k := 0; k <= n+1; k++ {
		if n <= 200 || k%layoutStride <= 2 || k%layoutStride >= layoutStride-2 || k%97 == 0 {
			starts[k] = true
		}
	}
	var spans [][2]int
	for s := range starts {
		for _, e := range []int{-1, -7, s - 3, s, s + 1, s + 2, s + 15, s + 40, s + 117, s + 118, s + 119, s + 121, s + 200, n, n + 1, n + 2, n + 1000} {
			spans = append(spans, [2]int{s, e})
		}
	}
	return spans
}

// TestExcerptMatchesWholeLine checks the windowed excerpt against the
// layout of the whole line, on lines with every kind of cell and spans at
// every interesting column.
func TestExcerptMatchesWholeLine(t *testing.T) {
	for _, line := range excerptLines() {
		l := newLineLayout(line)
		if n := utf8.RuneCountInString(line); l.n != n {
			t.Errorf("%q: %d code points, want %d", line, l.n, n)
		}
		failed := 0
		for _, sp := range excerptSpans(l.n) {
			if !sameExcerpt(t, l, line, sp[0], sp[1]) {
				if failed++; failed == 3 {
					break
				}
			}
		}
	}
}

// TestExcerptRandomLines checks the windowed excerpt against the layout of
// the whole line on random lines made of every kind of cell.
func TestExcerptRandomLines(t *testing.T) {
	pieces := []string{"a", "a", "a", "a", "{", "\"", ":", " ", "\t", "é", "日", "😀", "👩\u200d💻", "\u0301", "\u200d",
		"\xff", "\xe6\x97", "\x80", "\x00", "\x1b", "\x1f", "\x7f", "~", "\u202e", "\u2028", "\uFEFF", "\u00a0", "\U0001F1FA"}
	rng := rand.New(rand.NewPCG(20, 1))
	iters := 1000
	if testing.Short() {
		iters = 100
	}
	for range iters {
		var b strings.Builder
		for range rng.IntN(600) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(50) == 0 { // runs of one piece, such as a long run of marks
				p = strings.Repeat(p, rng.IntN(150))
			}
			b.WriteString(p)
		}
		line := b.String()
		l := newLineLayout(line)
		for range 20 {
			s := rng.IntN(l.n+3) - 1
			e := s + rng.IntN(250) - 5
			if rng.IntN(8) == 0 {
				e = -1
			}
			if !sameExcerpt(t, l, line, s, e) {
				return
			}
		}
	}
}

// FuzzLayoutExcerpt checks the windowed excerpt against the layout of the
// whole line on any line and span.
func FuzzLayoutExcerpt(f *testing.F) {
	for _, line := range excerptLines() {
		f.Add(line, 1, -1)
		f.Add(line, 150, 160)
	}
	f.Fuzz(func(t *testing.T, line string, start, end int) {
		if len(line) > 1<<16 {
			return
		}
		start, end = start%(1<<20), end%(1<<20)
		sameExcerpt(t, newLineLayout(line), line, start, end)
	})
}

// sameExcerpt reports whether the excerpt of line from start to end is the
// one the whole-line layout makes, and says where it is not.
func sameExcerpt(t *testing.T, l *lineLayout, line string, start, end int) bool {
	t.Helper()
	src, caret := l.excerpt(start, end)
	wantSrc, wantCaret := layoutExcerptWhole(line, start, end)
	if src != wantSrc || caret != wantCaret {
		t.Errorf("excerpt of %q from %d to %d:\ngot  %q\n     %q\nwant %q\n     %q", line, start, end, src, caret, wantSrc, wantCaret)
		return false
	}
	return true
}

// TestExcerptLongLineWork checks that an excerpt of a long line no longer
// costs a pass over the line: the text format's work per finding on a
// megabyte line allocates about the excerpt, not about the line.
func TestExcerptLongLineWork(t *testing.T) {
	line, spans := longLine(1 << 20)
	lines := newSourceLines([]byte(line))
	var tw textWriter
	tw.excerpt(lines, 1, findingAt(spans[0]), "") // lays the line out once
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, s := range spans {
		tw.excerpt(lines, 1, findingAt(s), "")
		tw.b.Reset()
	}
	runtime.ReadMemStats(&after)
	if perFinding := (after.TotalAlloc - before.TotalAlloc) / uint64(len(spans)); perFinding > 8<<10 {
		t.Errorf("an excerpt of a %d-byte line allocates %d bytes, want at most 8 KB", len(line), perFinding)
	}
}

// longLine is a minified payload of about n bytes on one line, as the
// parameters of a large template send are, and spans of findings spread
// over it, 101 of them as a run stops at.
func longLine(n int) (string, []validate.Span) {
	const unit = `{"type":"text","text":"é","currency":1,"date_time":"x"},`
	line := `{"parameters":[` + strings.Repeat(unit, max(n/len(unit), 1)) + `]}`
	const findings = 101
	var spans []validate.Span
	step := len(line) / findings
	for i := range findings {
		off := strings.Index(line[i*step:], `"date_time"`) + i*step
		col := utf8.RuneCountInString(line[:off]) + 1
		spans = append(spans, span(1, col, off, 1, col+15, off+15))
	}
	return line, spans
}

// findingAt is a finding at span s.
func findingAt(s validate.Span) validate.Finding {
	return validate.Finding{Rule: "wrong-type", Severity: validate.SeverityError, Pointer: "/x", Span: s, Message: "m"}
}

// BenchmarkExcerptLongLine is the text format's work per finding on a
// single-line payload: quoting the line and marking the span. It must not
// grow with the length of the line.
func BenchmarkExcerptLongLine(b *testing.B) {
	for _, n := range []int{1 << 10, 10 << 10, 100 << 10, 1 << 20} {
		line, spans := longLine(n)
		b.Run(fmt.Sprintf("line=%dKB", n>>10), func(b *testing.B) {
			lines := newSourceLines([]byte(line))
			var t textWriter
			findings := 0
			for b.Loop() {
				for _, s := range spans {
					t.excerpt(lines, 1, findingAt(s), "")
					t.b.Reset()
					findings++
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(findings), "ns/finding")
		})
	}
}

// BenchmarkTextLongLine is the whole text format of a single-line payload
// with 101 findings: the line is read once, not once per finding.
func BenchmarkTextLongLine(b *testing.B) {
	for _, n := range []int{1 << 10, 10 << 10, 100 << 10, 1 << 20} {
		line, spans := longLine(n)
		var fs []validate.Finding
		for _, s := range spans {
			fs = append(fs, findingAt(s))
		}
		files := []File{{Path: "a.json", Source: []byte(line), Report: &validate.Report{Findings: fs}}}
		b.Run(fmt.Sprintf("line=%dKB", n>>10), func(b *testing.B) {
			var w strings.Builder
			for b.Loop() {
				w.Reset()
				if err := Text(&w, files, TextOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
