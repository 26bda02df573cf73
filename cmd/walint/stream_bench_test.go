package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/walint/walint/internal/bench"
)

// writeNDJSON writes a .jsonl file of n payloads, every other one with two
// findings (so the text format quotes a source line for each), and returns
// its name. It writes a pair at a time, so that the benchmark's own memory
// stays small.
func writeNDJSON(b *testing.B, n int) string {
	b.Helper()
	name := filepath.Join(b.TempDir(), "log.jsonl")
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for range n / 2 {
		w.WriteString(goodLine + "\n" + badLine + "\n")
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return name
}

// BenchmarkLintNDJSON lints .jsonl files of 1k to 100k payloads in the
// text format and reports the time per line, which streaming keeps flat:
// the text format indexed the whole file's lines again for every payload
// with findings (10k lines 5 s, 40k lines 53 s).
//
//	go test ./cmd/walint -run XXX -bench LintNDJSON
func BenchmarkLintNDJSON(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			name := writeNDJSON(b, n)
			for b.Loop() {
				if code := run([]string{name}, nil, io.Discard, io.Discard); code != exitFound {
					b.Fatalf("exit code %d", code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
		})
	}
}

// BenchmarkNDJSONPeakMemory runs walint (this test binary, as the scripts
// do) on .jsonl files of 1k and 1M payloads and reports the child's peak
// resident memory, which streaming keeps about the same: 1M lines took
// 5.4 GB when the file was read whole. On Linux the figure is the child's
// own (VmHWM); elsewhere it is its rusage, which also counts the memory of
// this process when it started the child.
//
//	go test ./cmd/walint -run XXX -bench NDJSONPeakMemory -benchtime 1x
func BenchmarkNDJSONPeakMemory(b *testing.B) {
	for _, n := range []int{1000, 1000000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			name := writeNDJSON(b, n)
			var peak int64
			for b.Loop() {
				cmd := exec.Command(os.Args[0], name)
				cmd.Args[0] = "walint-hwm" // testscript.Main runs the command of that name
				var stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = io.Discard, &stderr
				if err := cmd.Run(); cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != exitFound {
					b.Fatalf("walint: %v\n%s", err, stderr.String())
				}
				rss, ok := vmHWM(stderr.String())
				if !ok {
					rss = maxRSS(cmd.ProcessState)
				}
				peak = max(peak, rss)
			}
			if peak > 0 {
				b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			}
		})
	}
}

// vmHWM reads the "VmHWM: N kB" line walint-hwm writes, in bytes.
func vmHWM(stderr string) (int64, bool) {
	_, line, ok := strings.Cut(stderr, "VmHWM:")
	var kb int64
	if !ok {
		return 0, false
	}
	if _, err := fmt.Sscanf(line, "%d kB", &kb); err != nil {
		return 0, false
	}
	return kb << 10, true
}

// BenchmarkLintDir lints make bench's CLI corpus (10,000 generated files,
// one payload each) as `walint DIR` and `walint --all-json DIR` do, to
// /dev/null: the per-file cost of the CLI, reading, deciding a file is a
// payload, validating and writing the text report.
//
//	go test ./cmd/walint -run XXX -bench LintDir -cpuprofile cpu.prof
func BenchmarkLintDir(b *testing.B) {
	dir := b.TempDir()
	if err := bench.Write(dir, bench.Generate(bench.DefaultOptions())); err != nil {
		b.Fatal(err)
	}
	files := filepath.Join(dir, "json")
	for _, args := range [][]string{{files}, {"--all-json", files}} {
		b.Run(strings.Join(args[:len(args)-1], "")+"dir", func(b *testing.B) {
			for b.Loop() {
				if code := run(args, nil, io.Discard, io.Discard); code != exitFound {
					b.Fatalf("exit code %d", code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10000), "ns/file")
		})
	}
}
