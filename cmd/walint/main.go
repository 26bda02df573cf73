// Command walint lints WhatsApp Business API message payloads before they
// are sent. See the README for usage.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	args := commandLine() // first: under js/wasm it also sets the environment
	collectLess()
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// collectLess lets the heap grow to three times what is live before the
// garbage collector runs (GOGC=200), unless GOGC is set. What is live is
// mostly the validator's tables (about 4 MB) and a few payloads: at Go's
// default (twice) the collector ran 30 times on make bench's 10,000 files,
// marking the tables each time, and took a sixth of walint's instructions;
// at 200 it runs half as often, for 12% fewer instructions, and the heap
// peaks at most half as high again (payloads in flight stay bounded,
// inFlight). 400 saved 6% more and doubled the peak.
func collectLess() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}
