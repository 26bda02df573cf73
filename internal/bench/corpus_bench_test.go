package bench

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/walint/walint/validate"
)

// CorpusEnv names the environment variable that points the benchmarks at a
// corpus directory written by bench/gen; bench/run.sh sets it so that the Go
// and the Node side measure the same bytes. Without it the benchmarks
// generate DefaultOptions in memory, which gives the same payloads.
const CorpusEnv = "WALINT_BENCH_CORPUS"

var corpusOnce = sync.OnceValues(func() ([]Payload, error) {
	if dir := os.Getenv(CorpusEnv); dir != "" {
		return Read(dir)
	}
	return Generate(DefaultOptions()), nil
})

// BenchmarkCorpus validates the corpus payload by payload with every rule
// on (validate.New()'s defaults, dialect auto-detected), one payload per
// op: ns/op is the time per payload and allocs/op the allocations per
// payload. payloads/s is wall-clock throughput of one goroutine;
// payloads/s/core divides by the CPU time the whole process used (the
// garbage collector's workers included), so it does not depend on -cpu.
//
// text, template and interactive are the corpus's payloads of that type,
// valid and invalid; mixed is the whole corpus in its order. text-cold is
// 8,192 text payloads each to a recipient of its own, as many as walint's
// phone cache holds in its two generations of 4,096: taken in order, every
// recipient is analysed afresh.
func BenchmarkCorpus(b *testing.B) {
	v, err := validate.New()
	if err != nil {
		b.Fatal(err)
	}
	all, err := corpusOnce()
	if err != nil {
		b.Fatal(err)
	}
	for _, typ := range []string{"text", "template", "interactive"} {
		var data [][]byte
		for i := range all {
			if all[i].Type() == typ {
				data = append(data, all[i].Data)
			}
		}
		b.Run(typ, func(b *testing.B) { validateEach(b, v, data) })
	}
	b.Run("mixed", func(b *testing.B) {
		data := make([][]byte, len(all))
		for i := range all {
			data[i] = all[i].Data
		}
		validateEach(b, v, data)
	})
	b.Run("text-cold", func(b *testing.B) {
		opts := DefaultOptions()
		opts.N, opts.Recipients, opts.Types = 8192, 0, []string{"text"}
		var data [][]byte
		for _, p := range Generate(opts) {
			data = append(data, p.Data)
		}
		validateEach(b, v, data)
	})
}

func validateEach(b *testing.B, v *validate.Validator, data [][]byte) {
	if len(data) == 0 {
		b.Skip("no payloads of this type in the corpus")
	}
	total := 0
	for _, d := range data {
		total += len(d)
	}
	ctx := context.Background()
	b.SetBytes(int64(total / len(data)))
	b.ReportAllocs()
	cpu0, cpuOK := cpuTime()
	i := 0
	for b.Loop() {
		v.Validate(ctx, data[i])
		if i++; i == len(data) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "payloads/s")
	if cpu1, _ := cpuTime(); cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(b.N)/(cpu1-cpu0).Seconds(), "payloads/s/core")
	}
}
