//go:build !js

package e2e

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/walint/walint/wasm/webfiles"
)

// BenchmarkPageLoad measures what a user waits for: the time from opening
// the page to its first result (the findings of the example payload in the
// list), on the page's clock, which starts when the navigation does.
//
// cold opens the page in a new browser with a fresh profile each time: no
// HTTP cache, no compiled module. warm opens it again in the same browser,
// the way a visit after the first finds the browser's caches. Each is
// measured with the module sent as brotli, gzip and uncompressed, from a
// local server (httptest, webfiles.Handler, as make serve serves it).
//
// Each result is the median over the runs of a step, in milliseconds from
// navigation start: html (the document in), wasm-start and wasm-end (the
// module's request made and its last byte in), compiled, worker (its
// script loaded), instantiated, go-main and go-started (in the worker: the
// instance made, the Go runtime and packages initialized, then the schemas
// compiled and the API set), ready (init resolved), check (the first check
// sent), first (the findings listed: what the goal is about) and
// paint (the next frame after); validate is the first check's round trip.
// Run it with at least five runs:
//
//	WALINT_TEST_BROWSER=1 go test ./wasm/e2e -run '^$' -bench PageLoad -benchtime 7x -v
//
// With -v each run is logged. WALINT_E2E_BASE names another version's
// wasm/web (git worktree add /tmp/base COMMIT): its page is then measured
// too, run for run in turn with this one, and its medians reported as
// base-first-ms and so on; marks it lacks read -1. The page is served with
// this checkout's module, unless that wasm/web holds its own (after make
// wasm there): then it is served as it is, module and all, to compare
// modules as well as pages.
func BenchmarkPageLoad(b *testing.B) {
	needBrowser(b) // before building and compressing the module, which takes a minute
	for _, visit := range []string{"cold", "warm"} {
		for _, enc := range []string{"br", "gzip", "identity"} {
			b.Run(visit+"/"+enc, func(b *testing.B) {
				pages := benchPages(b, enc)
				runs := make([][]loadTimes, len(pages))
				if visit == "cold" {
					for range b.N {
						for i, p := range pages {
							tb := newTab(b)
							runs[i] = append(runs[i], openPage(b, tb, p))
							tb.close()
						}
					}
				} else {
					tabs := make([]*tab, len(pages))
					for i, p := range pages {
						tabs[i] = newTab(b)
						openPage(b, tabs[i], p) // the first visit
					}
					// V8 keeps a module's compiled code for the next visit
					// some time after it has optimized enough of it.
					time.Sleep(3 * time.Second)
					for range b.N {
						for i, p := range pages {
							tabs[i].do(b, "leaving the page", chromedp.Navigate("about:blank"))
							runs[i] = append(runs[i], openPage(b, tabs[i], p))
						}
					}
					for i, p := range pages {
						tabs[i].checkClean(b, p.url)
						tabs[i].close()
					}
				}
				for i, p := range pages {
					reportLoad(b, p.name, runs[i])
				}
				b.ReportMetric(0, "ns/op") // The wall time of a run is mostly the browser's start.
			})
		}
	}
}

// benchPage is a page to measure: its server's URL, and the prefix of its
// metrics.
type benchPage struct{ name, url string }

// loadTimes are a visit's times in milliseconds from navigation start (but
// Validate, a duration), and the bytes of the module's transfer.
type loadTimes struct {
	HTML         float64 `json:"html"`
	WasmStart    float64 `json:"wasmStart"`
	WasmEnd      float64 `json:"wasmEnd"`
	WasmTransfer float64 `json:"wasmTransfer"`
	Init         float64 `json:"init"`
	WorkerLoaded float64 `json:"workerLoaded"`
	Compiled     float64 `json:"compiled"`
	Instantiated float64 `json:"instantiated"`
	GoMain       float64 `json:"goMain"`
	GoStarted    float64 `json:"goStarted"`
	Ready        float64 `json:"ready"`
	Examples     float64 `json:"examples"`
	FirstCheck   float64 `json:"firstCheck"`
	Validate     float64 `json:"validate"`
	First        float64 `json:"first"`
	Paint        float64 `json:"paint"`
}

// loadTimesJS reads a visit's times from the page's performance timeline:
// navigation and resource timing, and the marks of walint.js and app.js.
const loadTimesJS = `(() => {
	const nav = performance.getEntriesByType("navigation")[0];
	const wasm = performance.getEntriesByType("resource").find((r) => new URL(r.name).pathname === "/walint.wasm");
	const at = (name) => performance.getEntriesByName("walint:" + name)[0]?.startTime ?? -1;
	return {
		html: nav.responseEnd, wasmStart: wasm?.startTime ?? -1, wasmEnd: wasm?.responseEnd ?? -1,
		wasmTransfer: wasm?.transferSize ?? -1,
		init: at("init"), workerLoaded: at("worker-loaded"), compiled: at("compiled"), instantiated: at("instantiated"), goMain: at("go-main"), goStarted: at("go-started"),
		ready: at("ready"), examples: at("examples"), firstCheck: at("first-check"),
		validate: performance.getEntriesByName("walint:first-validate")[0]?.duration ?? -1,
		first: walintStats.firstResultMs, paint: at("first-paint"),
	};
})()`

// openPage opens the page and waits for its first result and the paint
// after it, and returns the times.
func openPage(b *testing.B, tb *tab, p benchPage) loadTimes {
	b.Helper()
	// A page without the paint mark (an older one, compared) is given half
	// a second.
	tb.do(b, "opening the page", chromedp.Navigate(p.url+"/"), settled,
		chromedp.Poll[chromedp.Void](`performance.getEntriesByName("walint:first-paint").length > 0 ||
			performance.now() > walintStats.firstResultMs + 500`, chromedp.WithPollingInterval(20*time.Millisecond)))
	lt := eval[loadTimes](b, tb, loadTimesJS)
	b.Logf("%-5s html %3.0f  wasm %4.0f-%4.0f (%7.0f B)  init %4.0f  worker %4.0f  compiled %4.0f  instantiated %4.0f  go-main %4.0f  go-started %4.0f  ready %4.0f  examples %4.0f  check %4.0f  validate %3.0f  first %4.0f  paint %4.0f",
		strings.TrimSuffix(p.name, "-"), lt.HTML, lt.WasmStart, lt.WasmEnd, lt.WasmTransfer, lt.Init, lt.WorkerLoaded, lt.Compiled, lt.Instantiated,
		lt.GoMain, lt.GoStarted, lt.Ready, lt.Examples, lt.FirstCheck, lt.Validate, lt.First, lt.Paint)
	return lt
}

// reportLoad reports the medians of the runs, their units prefixed.
func reportLoad(b *testing.B, prefix string, runs []loadTimes) {
	median := func(f func(loadTimes) float64) float64 {
		v := make([]float64, len(runs))
		for i, r := range runs {
			v[i] = f(r)
		}
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	for _, m := range []struct {
		unit string
		f    func(loadTimes) float64
	}{
		{"html-ms", func(r loadTimes) float64 { return r.HTML }},
		{"wasm-start-ms", func(r loadTimes) float64 { return r.WasmStart }},
		{"wasm-end-ms", func(r loadTimes) float64 { return r.WasmEnd }},
		{"wasm-bytes", func(r loadTimes) float64 { return r.WasmTransfer }},
		{"compiled-ms", func(r loadTimes) float64 { return r.Compiled }},
		{"instantiated-ms", func(r loadTimes) float64 { return r.Instantiated }},
		{"go-main-ms", func(r loadTimes) float64 { return r.GoMain }},
		{"go-started-ms", func(r loadTimes) float64 { return r.GoStarted }},
		{"ready-ms", func(r loadTimes) float64 { return r.Ready }},
		{"check-ms", func(r loadTimes) float64 { return r.FirstCheck }},
		{"validate-ms", func(r loadTimes) float64 { return r.Validate }},
		{"first-ms", func(r loadTimes) float64 { return r.First }},
		{"paint-ms", func(r loadTimes) float64 { return r.Paint }},
	} {
		b.ReportMetric(median(m.f), prefix+m.unit)
	}
}

// benchPages starts the servers of the pages to measure, for the
// benchmark's life: this checkout's, and the one WALINT_E2E_BASE names,
// first, when it is set. Each sends the module with the content-encoding
// enc (br, gzip or identity), whatever the browser accepts. The build's
// compressed copies are made once, as make wasm makes them; without the
// brotli command the br benchmarks are skipped.
func benchPages(b *testing.B, enc string) []benchPage {
	b.Helper()
	serve(b)
	compressed.once.Do(func() { compressed.err = compressModule(site.dir) })
	if compressed.err != nil {
		b.Fatal(compressed.err)
	}
	if _, err := os.Stat(filepath.Join(site.dir, "walint.wasm.br")); err != nil && enc == "br" {
		b.Skip("brotli not found: no walint.wasm.br (apt-get install brotli)")
	}
	start := func(h http.Handler) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Header.Set("Accept-Encoding", enc)
			h.ServeHTTP(w, r)
		}))
		b.Cleanup(srv.Close)
		return srv.URL
	}
	var pages []benchPage
	if dir := os.Getenv("WALINT_E2E_BASE"); dir != "" {
		fsys := fs.FS(overlay{os.DirFS(site.dir), os.DirFS(dir)})
		if _, err := os.Stat(filepath.Join(dir, "walint.wasm")); err == nil {
			fsys = os.DirFS(dir)
		}
		pages = append(pages, benchPage{"base-", start(webfiles.Handler(fsys))})
	}
	return append(pages, benchPage{"", start(site.srv.Config.Handler)})
}

// compressed makes the build's compressed copies of the module, once.
var compressed struct {
	once sync.Once
	err  error
}

// compressModule writes walint.wasm.gz and walint.wasm.br beside dir's
// walint.wasm, as make wasm does (webfiles.Compress).
func compressModule(dir string) error {
	return webfiles.Compress(dir, os.Stderr)
}
