//go:build !js

// Package e2e tests the checker page in a real headless Chromium: the
// module is built for js/wasm into a temporary directory, served with
// wasm/web through httptest, and the page is driven with chromedp.
//
// Chromium is found as $WALINT_CHROMIUM, chromium, chromium-browser or
// google-chrome. Without it the tests are skipped, except when CI=true:
// CI installs Debian's chromium (.ci/run) and the tests must run there.
package e2e

import (
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/walint/walint/wasm/webfiles"
)

// root is the repository, relative to this package's directory.
const root = "../.."

// The site is built and served once for all tests.
var site struct {
	once sync.Once
	err  error
	dir  string // the build: walint.wasm, wasm_exec.js, examples/
	srv  *httptest.Server
}

func TestMain(m *testing.M) {
	code := m.Run()
	if site.srv != nil {
		site.srv.Close()
	}
	if site.dir != "" {
		os.RemoveAll(site.dir)
	}
	os.Exit(code)
}

// serve builds the module and starts the server, once, and returns its URL.
func serve(t testing.TB) string {
	t.Helper()
	site.once.Do(func() {
		site.dir, site.err = os.MkdirTemp("", "walint-e2e-")
		if site.err == nil {
			start := time.Now()
			if site.err = webfiles.Build(root, site.dir); site.err == nil {
				fmt.Fprintf(os.Stderr, "e2e: built the module in %v\n", time.Since(start).Round(time.Millisecond))
			}
		}
		if site.err == nil {
			site.srv = httptest.NewServer(webfiles.Handler(overlay{os.DirFS(site.dir), os.DirFS(filepath.Join(root, "wasm", "web"))}))
		}
	})
	if site.err != nil {
		t.Fatal(site.err)
	}
	return site.srv.URL
}

// overlay is the build over the page's sources, served by the handler
// make serve uses. The names the build owns (the module and its compressed
// copies, wasm_exec.js, the examples) come from the build only, never from
// what an earlier make wasm left in wasm/web.
type overlay struct{ build, web fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if name == "wasm_exec.js" || strings.HasPrefix(name, "walint.wasm") || strings.HasPrefix(name, "examples/") {
		return o.build.Open(name)
	}
	return o.web.Open(name)
}

// chromium returns the browser to drive, or "" when there is none.
func chromium() string {
	if p := os.Getenv("WALINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// tab is a browser tab with what the page did: the URLs it requested and
// the errors it raised.
type tab struct {
	ctx   context.Context
	close func() // ends the browser; also done when the test ends

	mu       sync.Mutex
	urls     []string
	problems []string
}

// needBrowser skips t unless the browser tests are asked for (make test,
// CI=true, WALINT_TEST_BROWSER=1) and Chromium is installed, failing it when
// CI=true and Chromium is missing, and returns Chromium's path.
func needBrowser(t testing.TB) string {
	t.Helper()
	if os.Getenv("CI") != "true" && os.Getenv("WALINT_TEST_BROWSER") != "1" {
		// Some 20 s: make test runs them (and CI must), go test ./... not.
		t.Skip("the browser tests run with make test, CI=true or WALINT_TEST_BROWSER=1")
	}
	exe := chromium()
	if exe == "" {
		const msg = "Chromium not found (install Debian's chromium package, or set WALINT_CHROMIUM)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + ": the browser tests are required when CI=true")
		}
		t.Skip(msg + ": skipping the browser tests")
	}
	return exe
}

// newTab starts a headless Chromium with the flags this machine needs
// (no sandbox as root, no GPU, no background networking, which the closed
// network would refuse) and a fresh profile, and opens a tab.
func newTab(t testing.TB) *tab {
	t.Helper()
	exe := needBrowser(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	tb := &tab{ctx: ctx, close: func() { cancelTab(); cancelAlloc() }}
	t.Cleanup(tb.close)
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.urls = append(tb.urls, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			tb.problems = append(tb.problems, fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg))
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					if a.Description != "" {
						parts = append(parts, a.Description)
					} else {
						parts = append(parts, string(a.Value))
					}
				}
				tb.problems = append(tb.problems, "console.error: "+strings.Join(parts, " "))
			}
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	return tb
}

// do runs actions with a time limit.
func (tb *tab) do(t testing.TB, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v%s", what, err, tb.reported())
	}
}

// eval evaluates a JavaScript expression, awaiting a promise, and decodes
// its value into T.
func eval[T any](t testing.TB, tb *tab, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 120*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.200s: %v%s", expr, err, tb.reported())
	}
	return v
}

// reported lists the errors the page reported so far, for a failure message.
func (tb *tab) reported() string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.problems) == 0 {
		return ""
	}
	return "\nthe page reported:\n\t" + strings.Join(tb.problems, "\n\t")
}

// requested counts the page's requests of url.
func (tb *tab) requested(url string) int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	n := 0
	for _, u := range tb.urls {
		if u == url {
			n++
		}
	}
	return n
}

// checkClean fails the test if the page raised an error or requested
// anything but the test server's files.
func (tb *tab) checkClean(t testing.TB, base string) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		t.Errorf("the page reported: %s", p)
	}
	for _, u := range tb.urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page requested %s, outside the test server %s", u, base)
		}
	}
	if len(tb.urls) == 0 {
		t.Error("no requests seen at all: the network log is not working")
	}
}

// artifacts is where screenshots go: $WALINT_ARTIFACTS, or a temporary
// directory kept for the test's life.
func artifacts(t *testing.T) string {
	if dir := os.Getenv("WALINT_ARTIFACTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}
