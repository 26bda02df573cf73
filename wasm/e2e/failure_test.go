//go:build !js

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/walint/walint/validate"
)

// breakWorkers runs in the page before its own scripts. It wraps Worker so
// that the test can break the next call of an operation: walintBreak =
// {op, how} makes the worker get {type: "crash-for-test", how} in place of
// that call (worker.js then crashes as how says), or nothing at all when
// how is "hang". walintCalls lists the operations the page sent.
const breakWorkers = `(() => {
	const Real = Worker;
	window.walintBreak = null;
	window.walintCalls = [];
	window.Worker = class extends Real {
		postMessage(msg, ...rest) {
			if (msg?.op !== undefined) walintCalls.push(msg.op);
			const b = window.walintBreak;
			if (b && msg?.op === b.op) {
				window.walintBreak = null;
				if (b.how !== "hang") super.postMessage({ type: "crash-for-test", how: b.how });
				return;
			}
			super.postMessage(msg, ...rest);
		}
	};
})()`

// TestPageFailures: the page says what went wrong when the module's worker
// crashes or times out, never blames a crash on a timeout, never reports a
// failed Fix all as "0 fixes applied", refuses a media file over the
// module's cap before reading it, and keeps working after each.
func TestPageFailures(t *testing.T) {
	tb := newTab(t) // First: it skips when there is no Chromium, before the build.
	base := serve(t)
	tb.do(t, "wrapping Worker", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: breakWorkers})
		return err
	}))
	tb.do(t, "opening the page", chromedp.Navigate(base+"/"), settled)

	edit := func(what, text string) { t.Helper(); tb.typeInto(t, what, "editor", text) }
	breakNext := func(op, how string) {
		t.Helper()
		eval[bool](t, tb, `(walintBreak = {op: `+jsString(op)+`, how: `+jsString(how)+`}) !== null`)
	}
	// shown lists the findings shown, as "rule message".
	shown := func() []string {
		t.Helper()
		return eval[[]string](t, tb, `[...document.querySelectorAll("#findings > li")].map((li) =>
			li.dataset.rule + " " + li.querySelector(".msg").textContent)`)
	}
	// checksAgain makes sure that the restarted worker answers.
	checksAgain := func(t *testing.T) {
		t.Helper()
		edit("checking after the failure", broken)
		if got := shown(); !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "quoted-boolean ") }) {
			t.Errorf("the check after the failure shows %q, want the payload's findings", got)
		}
	}

	for _, tt := range []struct{ how, want string }{
		{"exit", "the Go program ended (exit code 2): fatal error: all goroutines are asleep"},
		{"error", "walint test crash"},
		{"messageerror", "a message to the worker could not be read"},
	} {
		t.Run("check crashes by "+tt.how, func(t *testing.T) {
			breakNext("validate", tt.how)
			edit("checking with a crash", broken)
			got := shown()
			if len(got) != 1 || !strings.HasPrefix(got[0], "internal-error walint crashed: ") || !strings.Contains(got[0], tt.want) {
				t.Errorf("a check whose worker crashed shows %q, want one internal-error saying that walint crashed: ... %s", got, tt.want)
			}
			checksAgain(t)
		})
	}

	// fixAll clicks Fix all and returns the status it leaves and the
	// editor's text.
	fixAll := func(t *testing.T) (string, string) {
		t.Helper()
		edit("loading a fixable payload", broken) // also a fresh status
		tb.do(t, "fixing all", chromedp.Click(chromedp.ID("fix-all")), chromedp.Poll[chromedp.Void](
			`/^(\d+ fix(es)? applied|Fix all failed)/.test(document.getElementById("status").textContent)`,
			chromedp.WithPollingInterval(20*time.Millisecond)))
		return tb.status(t), eval[string](t, tb, `document.getElementById("editor").value`)
	}
	lib, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	_, fixes, _ := lib.FixPayload(context.Background(), []byte(broken))
	fixed := strconv.Itoa(fixes) + " fixes applied"
	for _, tt := range []struct{ how, want string }{
		{"hang", "Fix all failed: walint took longer than 3 s and was stopped."},
		{"exit", "Fix all failed: walint crashed: the Go program ended (exit code 2): fatal error:"},
	} {
		t.Run("fix all fails by "+tt.how, func(t *testing.T) {
			breakNext("fix", tt.how)
			got, text := fixAll(t)
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Fix all whose call failed (%s) leaves the status %q, want %q...", tt.how, got, tt.want)
			}
			if text != broken {
				t.Errorf("Fix all whose call failed changed the payload to\n%s", text)
			}
			if got, text := fixAll(t); !strings.HasPrefix(got, fixed) || text == broken {
				t.Errorf("the next Fix all leaves the status %q, text changed %v; want %s", got, text != broken, fixed)
			}
		})
	}

	t.Run("media over the cap", func(t *testing.T) {
		// A sparse file: 2 GB to the browser, nothing on the disk.
		huge := filepath.Join(t.TempDir(), "huge.mp4")
		if err := os.WriteFile(huge, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(huge, 2_000_000_000); err != nil {
			t.Fatal(err)
		}
		const want = "Could not read huge.mp4: media file is larger than 100 MiB; walint reads at most 100 MiB"
		result := chromedp.Poll[chromedp.Void](`document.querySelector("#media-result .failed, #media-result .facts") !== null`,
			chromedp.WithPollingInterval(20*time.Millisecond))
		calls := eval[int](t, tb, `walintCalls.length`)
		tb.do(t, "choosing a 2 GB file", chromedp.SetUploadFiles(chromedp.ID("media-file"), []string{huge}), result)
		if got := eval[string](t, tb, `document.getElementById("media-result").textContent`); !strings.HasPrefix(got, want) {
			t.Errorf("choosing a 2 GB file shows %q, want %q...", got, want)
		}
		// The same file dropped on the drop zone.
		tb.do(t, "dropping the 2 GB file", chromedp.Evaluate[chromedp.Void](`(() => {
			const dt = new DataTransfer();
			dt.items.add(document.getElementById("media-file").files[0]);
			document.getElementById("media-result").replaceChildren();
			document.getElementById("drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
		})()`), result)
		if got := eval[string](t, tb, `document.getElementById("media-result").textContent`); !strings.HasPrefix(got, want) {
			t.Errorf("dropping a 2 GB file shows %q, want %q...", got, want)
		}
		if sent := eval[[]string](t, tb, `walintCalls.slice(`+strconv.Itoa(calls)+`)`); slices.Contains(sent, "inspectMedia") {
			t.Errorf("the page sent the 2 GB file to the worker (calls %v): it must be refused by its size", sent)
		}
		// The module still inspects a file of a sensible size.
		file, err := filepath.Abs(filepath.Join(root, "testdata", "media", "video_h264_noaudio.mp4"))
		if err != nil {
			t.Fatal(err)
		}
		tb.do(t, "choosing a video", chromedp.SetUploadFiles(chromedp.ID("media-file"), []string{file}),
			chromedp.WaitVisible(chromedp.CSS("#media-result .facts")))
		if got := eval[string](t, tb, `document.getElementById("media-result").innerText`); !strings.Contains(got, "video/mp4/h264/NONE") {
			t.Errorf("after the refusal, a video shows\n%s", got)
		}
	})

	tb.checkClean(t, base)
}
