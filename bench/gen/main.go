// Command gen writes walint's benchmark corpus: go run ./bench/gen -n N -seed S -out DIR.
// The same flags always give the same bytes. See bench/README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/walint/walint/internal/bench"
)

func main() {
	def := bench.DefaultOptions()
	n := flag.Int("n", def.N, "number of payloads")
	seed := flag.Uint64("seed", def.Seed, "seed: the same seed gives the same corpus")
	out := flag.String("out", "", "directory to write the corpus into (created; required)")
	invalid := flag.Float64("invalid", def.Invalid, "share of payloads with a mistake")
	recipients := flag.Int("recipients", def.Recipients, "distinct recipients (0: a new one for every payload)")
	wellFormed := flag.Bool("wellformed", false, "leave out JSON syntax mistakes, so that every file parses")
	types := flag.String("types", "", "only these message types, comma-separated (default: all)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-n N] [-seed S] [-invalid F] [-recipients N] [-wellformed] [-types T,...]")
		os.Exit(2)
	}
	opts := bench.Options{N: *n, Seed: *seed, Invalid: *invalid, Recipients: *recipients, WellFormed: *wellFormed}
	if *types != "" {
		opts.Types = strings.Split(*types, ",")
	}
	payloads := bench.Generate(opts)
	if err := bench.Write(*out, payloads); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	invalidN, size := 0, 0
	for i := range payloads {
		if !payloads[i].Valid() {
			invalidN++
		}
		size += len(payloads[i].Data)
	}
	fmt.Fprintf(os.Stderr, "gen: %d payloads (%d with a mistake), %d bytes, in %s\n", len(payloads), invalidN, size, *out)
}
