//go:build !js

package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/walint/walint/validate"
	"github.com/walint/walint/validate/media"
)

// broken is the payload the test types: a quoted boolean after non-ASCII
// text on its line (so the UTF-8 offsets of the spans differ from the
// UTF-16 indices of the editor), and a recipient with the 00 prefix.
const broken = `{
"messaging_product": "whatsapp",
"type": "text",
"text": {"body": "Grüße 👋 aus Zürich", "preview_url": "true"},
"to": "0044 7911 123456"
}`

// settled waits until the findings shown are those of the editor's text.
var settled = relinted(0)

// relinted waits until the page has linted more than n times and the
// findings shown are those of the editor's text.
func relinted(n int) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](
		`walintStats.lints > `+strconv.Itoa(n)+` && walintStats.lintedText === document.getElementById("editor").value`,
		chromedp.WithPollingInterval(20*time.Millisecond))
}

func TestPage(t *testing.T) {
	tb := newTab(t) // First: it skips when there is no Chromium, before the build.
	base := serve(t)
	lib, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}

	// Open the page and wait for its first result (an example payload).
	start := time.Now()
	tb.do(t, "opening the page", chromedp.Navigate(base+"/"), settled)
	wall := time.Since(start)
	first := eval[float64](t, tb, `walintStats.firstResultMs`)
	marks := eval[string](t, tb, `performance.getEntriesByType("mark").filter((m) => m.name.startsWith("walint:"))
		.map((m) => m.name.slice(7) + " " + m.startTime.toFixed(0)).join(", ")`)
	t.Logf("first result %.0f ms after navigation start (page clock: %s ms); %v from the Navigate call (test clock)",
		first, marks, wall.Round(time.Millisecond))
	// The module is requested once: the preload, boot.js's compile and
	// init share the one response.
	if n := tb.requested(base + "/walint.wasm"); n != 1 {
		t.Errorf("the page requested walint.wasm %d times, want once", n)
	}

	// The footer names the reference the rules follow, and the media kinds
	// on offer are the module's, both from the library.
	t.Run("reference and media kinds", func(t *testing.T) {
		if got := eval[string](t, tb, `document.getElementById("reference").textContent`); got != validate.Reference {
			t.Errorf("footer says the rules follow %q, want %q", got, validate.Reference)
		}
		// Each option is a kind's name and its label, as the library's
		// table of media kinds has them.
		got := eval[string](t, tb, `[...document.querySelectorAll("#media-kind option")].slice(1).map((o) => o.value + "=" + o.textContent).join(", ")`)
		var want []string
		for _, k := range validate.MediaKinds() {
			want = append(want, k.String()+"="+k.Label())
		}
		if got != strings.Join(want, ", ") {
			t.Errorf("media kinds on offer: %q, want %q", got, strings.Join(want, ", "))
		}
	})

	t.Run("examples", func(t *testing.T) {
		want, err := os.ReadFile(filepath.Join(root, "testdata", "examples", "welcome.json"))
		if err != nil {
			t.Fatal(err)
		}
		lints := eval[int](t, tb, `walintStats.lints`)
		tb.do(t, "picking an example", setValue("example", "welcome.json", "change"), relinted(lints))
		if got := eval[string](t, tb, `document.getElementById("editor").value`); got != string(want) {
			t.Errorf("picking welcome.json loads\n%s\nwant\n%s", got, want)
		}
		if n := eval[int](t, tb, `document.querySelectorAll('#findings li[data-rule="quoted-boolean"]').length`); n != 1 {
			t.Errorf("welcome.json shows %d quoted-boolean findings, want 1", n)
		}
	})

	// The example pasted from a word processor: each name and value in
	// curly quotes has its fix, Fix all is on and straightens them all.
	t.Run("pasted from docs", func(t *testing.T) {
		pasted, err := os.ReadFile(filepath.Join(root, "testdata", "examples", "pasted_from_docs.json"))
		if err != nil {
			t.Fatal(err)
		}
		lints := eval[int](t, tb, `walintStats.lints`)
		tb.do(t, "picking the pasted example", setValue("example", "pasted_from_docs.json", "change"), relinted(lints))
		if eval[bool](t, tb, `document.getElementById("fix-all").disabled`) {
			t.Error("Fix all is disabled for the pasted example")
		}
		if n := eval[int](t, tb, `document.querySelectorAll('#findings li[data-rule="json-syntax"] .apply-fix').length`); n != 2 {
			t.Errorf("%d json-syntax findings with a fix shown, want 2 (the member name and its value)", n)
		}

		// The value's fix, clicked as the text changes: it lands on the
		// value, not on the member name, which shares its pointer.
		edited := "  " + string(pasted)
		var value validate.Finding
		for _, f := range lib.Validate(context.Background(), []byte(edited)).Findings {
			if string(f.Fix) == `"Your code is 123456"` {
				value = f
			}
		}
		wantText, n := validate.Fix([]byte(edited), []validate.Finding{value})
		if n != 1 {
			t.Fatalf("the library applies %d fixes for %v", n, value)
		}
		tb.do(t, "editing and applying the value's fix at once", chromedp.Evaluate[chromedp.Void](`(() => {
			const e = document.getElementById("editor"); e.value = "  " + e.value; e.dispatchEvent(new Event("input"));
			document.querySelectorAll('#findings li[data-rule="json-syntax"] .apply-fix')[1].click(); })()`),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll('#findings li[data-rule="json-syntax"]').length === 1 &&
				walintStats.lintedText === document.getElementById("editor").value`, chromedp.WithPollingInterval(20*time.Millisecond)))
		if got := eval[string](t, tb, `document.getElementById("editor").value`); got != string(wantText) {
			t.Errorf("after the value's fix the editor holds\n%s\nwant\n%s", got, wantText)
		}

		// Fix all straightens the rest.
		wantText, _, rep := lib.FixPayload(context.Background(), wantText)
		if strings.ContainsAny(string(wantText), "“”") || len(rep.Findings) != 0 {
			t.Fatalf("the library's fix leaves %q with %v", wantText, rep.Findings)
		}
		lints = eval[int](t, tb, `walintStats.lints`)
		tb.do(t, "fixing all", chromedp.Click(chromedp.ID("fix-all")), relinted(lints))
		if got := eval[string](t, tb, `document.getElementById("editor").value`); got != string(wantText) {
			t.Errorf("after fix all the editor holds\n%s\nwant\n%s", got, wantText)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("#findings > li").length`); n != 0 {
			t.Errorf("%d findings shown after fix all, want none", n)
		}
		if status := tb.status(t); !strings.HasPrefix(status, "1 fix applied") {
			t.Errorf("status %q, want 1 fix applied", status)
		}
	})

	// Type the broken payload.
	tb.do(t, "typing the payload",
		chromedp.Evaluate[chromedp.Void](`document.getElementById("editor").value = ""`),
		chromedp.SendKeys(chromedp.ID("editor"), broken),
		settled)
	text := eval[string](t, tb, `document.getElementById("editor").value`)
	if text != broken {
		t.Fatalf("the editor holds %q after typing, want %q", text, broken)
	}
	want := lib.Validate(context.Background(), []byte(broken)).Findings

	t.Run("findings", func(t *testing.T) {
		type shown struct {
			Rule string `json:"rule"`
			Line string `json:"line"`
		}
		got := eval[[]shown](t, tb, `[...document.querySelectorAll("#findings > li")].map(li => ({rule: li.dataset.rule, line: li.dataset.line}))`)
		var wantShown []shown
		for _, f := range want {
			wantShown = append(wantShown, shown{f.Rule, strconv.Itoa(f.Span.Start.Line)})
		}
		if !slices.Equal(got, wantShown) {
			t.Errorf("findings list shows %v, want %v", got, wantShown)
		}
		for _, rule := range []string{"quoted-boolean", "recipient-intl-prefix"} {
			if !slices.ContainsFunc(got, func(s shown) bool { return s.Rule == rule }) {
				t.Errorf("no %s finding shown", rule)
			}
		}
		if status := tb.status(t); !strings.Contains(status, "error") {
			t.Errorf("status = %q, want a count of errors", status)
		}
	})

	t.Run("gutter", func(t *testing.T) {
		for _, f := range want {
			rules := eval[string](t, tb, `(() => { const el = document.querySelector('#gutter .ln.marked[data-line="`+
				strconv.Itoa(f.Span.Start.Line)+`"]'); return el ? el.dataset.rules + " " + el.className : "" })()`)
			if !strings.Contains(rules, f.Rule) || !strings.Contains(rules, "sev-") {
				t.Errorf("gutter line %d: marker %q, want one naming %s", f.Span.Start.Line, rules, f.Rule)
			}
		}
		unmarked := eval[int](t, tb, `document.querySelectorAll("#gutter .ln.marked").length`)
		lines := map[int]bool{}
		for _, f := range want {
			lines[f.Span.Start.Line] = true
		}
		if unmarked != len(lines) {
			t.Errorf("%d gutter lines marked, want %d", unmarked, len(lines))
		}
	})

	t.Run("underlines", func(t *testing.T) {
		// The layer behind the textarea holds the same text, so that its
		// marks sit under the characters they mark.
		if layer := eval[string](t, tb, `document.getElementById("marks").textContent`); layer != broken+"\n" {
			t.Errorf("the underline layer holds %q, want the payload and a newline", layer)
		}
		for _, f := range want {
			if f.Rule != "quoted-boolean" && f.Rule != "recipient-intl-prefix" {
				continue
			}
			got := eval[string](t, tb, `(() => { const m = document.querySelector('#marks mark[data-rule="`+f.Rule+`"]');
				return m ? m.className + " " + m.textContent : "(none)" })()`)
			if span := broken[f.Span.Start.Offset:f.Span.End.Offset]; got != "sev-"+f.Severity.String()+" "+span {
				t.Errorf("the %s underline is %q, want sev-%s on %q", f.Rule, got, f.Severity, span)
			}
		}
		// Typing clears them until the next result, which draws them again.
		lints := eval[int](t, tb, `walintStats.lints`)
		n := eval[int](t, tb, `(() => { const e = document.getElementById("editor");
			e.dispatchEvent(new Event("input")); return document.querySelectorAll("#marks mark").length })()`)
		if n != 0 {
			t.Errorf("%d underlines left after an edit, want none until the next check", n)
		}
		tb.do(t, "waiting for the re-check", relinted(lints))
		if n := eval[int](t, tb, `document.querySelectorAll("#marks mark").length`); n == 0 {
			t.Error("no underlines after the re-check")
		}
	})

	t.Run("select", func(t *testing.T) {
		for _, f := range want {
			if f.Rule != "quoted-boolean" && f.Rule != "recipient-intl-prefix" {
				continue
			}
			tb.do(t, "clicking the "+f.Rule+" finding", chromedp.Click(chromedp.CSS(`#findings li[data-rule="`+f.Rule+`"] .finding-head`)))
			sel := eval[string](t, tb, `(() => { const e = document.getElementById("editor");
				return document.activeElement === e ? e.value.slice(e.selectionStart, e.selectionEnd) : "(editor not focused)" })()`)
			if span := broken[f.Span.Start.Offset:f.Span.End.Offset]; sel != span {
				t.Errorf("clicking %s selects %q, want its span %q", f.Rule, sel, span)
			}
		}
	})

	t.Run("media", func(t *testing.T) {
		file, err := filepath.Abs(filepath.Join(root, "testdata", "media", "video_h264_noaudio.mp4"))
		if err != nil {
			t.Fatal(err)
		}
		tb.do(t, "choosing a video",
			setValue("media-kind", "video", "change"),
			chromedp.SetUploadFiles(chromedp.ID("media-file"), []string{file}),
			chromedp.WaitVisible(chromedp.CSS("#media-result .facts")))
		shown := eval[string](t, tb, `document.getElementById("media-result").innerText`)
		if !strings.Contains(shown, "video/mp4/h264/NONE") {
			t.Errorf("media result does not show video/mp4/h264/NONE:\n%s", shown)
		}
		got := eval[[]string](t, tb, `[...document.querySelectorAll("#media-result li")].map(li => li.dataset.rule)`)
		wantRules := mediaRules(t, file, "video")
		if !slices.Equal(got, wantRules) || !slices.Contains(got, "video-no-audio") {
			t.Errorf("media findings %v, want %v (with video-no-audio)", got, wantRules)
		}
	})

	// The screenshot shows the page with its findings and the media result.
	dir := artifacts(t)
	shot := filepath.Join(dir, "walint-page.png")
	png := screenshot(t, tb, shot)
	t.Logf("screenshot: %s (%d bytes)", shot, len(png))

	t.Run("phone width", func(t *testing.T) {
		tb.do(t, "narrowing the viewport", chromedp.EmulateViewport(360, 780))
		defer tb.do(t, "restoring the viewport", chromedp.ResetViewport())
		overflow := eval[int](t, tb, `document.documentElement.scrollWidth`)
		if overflow > 360 {
			t.Errorf("at 360 px the page is %d px wide: it scrolls sideways", overflow)
		}
		shot := filepath.Join(dir, "walint-page-360.png")
		screenshot(t, tb, shot)
		t.Logf("screenshot: %s", shot)
	})

	t.Run("apply fix", func(t *testing.T) {
		// The text changes just before the click, before the page has checked
		// it again: the fix must land where the value is now.
		edited := "  " + broken
		var qb validate.Finding
		for _, f := range lib.Validate(context.Background(), []byte(edited)).Findings {
			if f.Rule == "quoted-boolean" {
				qb = f
			}
		}
		wantText, n := validate.Fix([]byte(edited), []validate.Finding{qb})
		if n != 1 {
			t.Fatalf("the library applies %d fixes for %v", n, qb)
		}
		tb.do(t, "editing and applying the fix at once", chromedp.Evaluate[chromedp.Void](`(() => {
			const e = document.getElementById("editor"); e.value = "  " + e.value; e.dispatchEvent(new Event("input"));
			document.querySelector('#findings li[data-rule="quoted-boolean"] .apply-fix').click(); })()`),
			chromedp.Poll[chromedp.Void](`!document.querySelector('#findings li[data-rule="quoted-boolean"]') &&
				walintStats.lintedText === document.getElementById("editor").value`, chromedp.WithPollingInterval(20*time.Millisecond)))
		got := eval[string](t, tb, `document.getElementById("editor").value`)
		if got != string(wantText) {
			t.Errorf("after the fix the editor holds\n%s\nwant\n%s", got, wantText)
		}
		if n := eval[int](t, tb, `document.querySelectorAll('#findings li[data-rule="quoted-boolean"]').length`); n != 0 {
			t.Error("the quoted-boolean finding is still shown after its fix")
		}
		if n := eval[int](t, tb, `document.querySelectorAll('#findings li[data-rule="recipient-intl-prefix"]').length`); n != 1 {
			t.Error("the other finding went away with the fix")
		}
	})

	t.Run("fix all", func(t *testing.T) {
		before := eval[string](t, tb, `document.getElementById("editor").value`)
		wantText, _, rep := lib.FixPayload(context.Background(), []byte(before))
		lints := eval[int](t, tb, `walintStats.lints`)
		tb.do(t, "fixing all", chromedp.Click(chromedp.ID("fix-all")), relinted(lints))
		got := eval[string](t, tb, `document.getElementById("editor").value`)
		if got != string(wantText) {
			t.Errorf("after fix all the editor holds\n%s\nwant\n%s", got, wantText)
		}
		if n := eval[int](t, tb, `document.querySelectorAll("#findings > li").length`); n != len(rep.Findings) {
			t.Errorf("%d findings shown after fix all, want %d", n, len(rep.Findings))
		}
	})

	t.Run("share link", func(t *testing.T) {
		tb.do(t, "making a share link", chromedp.Click(chromedp.ID("share")),
			chromedp.Poll[chromedp.Void](`document.getElementById("share-url").value.includes("#")`))
		link := eval[string](t, tb, `document.getElementById("share-url").value`)
		text := eval[string](t, tb, `document.getElementById("editor").value`)
		tb.do(t, "opening the share link", chromedp.Navigate("about:blank"), chromedp.Navigate(link), settled)
		if got := eval[string](t, tb, `document.getElementById("editor").value`); got != text {
			t.Errorf("the share link %s opens\n%s\nwant\n%s", link, got, text)
		}
	})

	t.Run("context", func(t *testing.T) {
		payload, err := os.ReadFile(filepath.Join(root, "testdata", "rules", "template-parameter-count", "bad_with_templates_body_one_too_few.json"))
		if err != nil {
			t.Fatal(err)
		}
		templates, err := os.ReadFile(filepath.Join(root, "testdata", "templates.json"))
		if err != nil {
			t.Fatal(err)
		}
		set := func(what, id, value string) { t.Helper(); tb.typeInto(t, what, id, value) }
		shownRules := func() []string {
			return eval[[]string](t, tb, `[...document.querySelectorAll("#findings > li")].map(li => li.dataset.rule)`)
		}
		set("loading a template message", "editor", string(payload))
		if got := shownRules(); slices.Contains(got, "template-parameter-count") {
			t.Errorf("without template definitions: %v, want no template-parameter-count", got)
		}
		tb.do(t, "opening the context", chromedp.Click(chromedp.CSS("#context summary")))
		set("pasting the template definitions", "templates", string(templates))
		if got := shownRules(); !slices.Contains(got, "template-parameter-count") {
			t.Errorf("with template definitions: %v, want template-parameter-count", got)
		}
		// Its span, the parameters array, runs over many lines: it is
		// underlined on its first line only, as every span is.
		marks := eval[[]string](t, tb, `[...document.querySelectorAll("#marks mark")].map(m => m.dataset.rule + " " + m.textContent)`)
		if !slices.ContainsFunc(marks, func(m string) bool { return strings.HasPrefix(m, "template-parameter-count ") }) {
			t.Errorf("underlines %q, want one for template-parameter-count", marks)
		}
		for _, m := range marks {
			if strings.Contains(m, "\n") {
				t.Errorf("underline %q runs over more than one line", m)
			}
		}
		set("giving the recipient as the sender", "sender", "+16505551234")
		if got := shownRules(); !slices.Contains(got, "recipient-is-sender") || !slices.Contains(got, "template-parameter-count") {
			t.Errorf("with the sender too: %v, want recipient-is-sender and template-parameter-count", got)
		}
		if status := eval[string](t, tb, `document.getElementById("context-status").textContent`); !strings.Contains(status, "In use") {
			t.Errorf("context status %q, want one saying what is in use", status)
		}
		set("breaking the template definitions", "templates", `{"data": [`)
		status := eval[string](t, tb, `document.getElementById("context-status").className + " " + document.getElementById("context-status").textContent`)
		if !strings.Contains(status, "failed") || !strings.Contains(status, "template definitions") {
			t.Errorf("context status %q, want a failure naming the template definitions", status)
		}
		if got := shownRules(); slices.Contains(got, "template-parameter-count") || !slices.Contains(got, "recipient-is-sender") {
			t.Errorf("with broken definitions: %v, want the check without them (recipient-is-sender, no template-parameter-count)", got)
		}
		screenshot(t, tb, filepath.Join(artifacts(t), "walint-page-context.png"))
	})

	tb.checkClean(t, base)
}

// typeInto gives the input or textarea id a value as typing would, and
// waits for the check that follows.
func (tb *tab) typeInto(t *testing.T, what, id, value string) {
	t.Helper()
	lints := eval[int](t, tb, `walintStats.lints`)
	tb.do(t, what, setValue(id, value, "input"), relinted(lints))
}

// status returns the page's status line.
func (tb *tab) status(t *testing.T) string {
	t.Helper()
	return eval[string](t, tb, `document.getElementById("status").textContent`)
}

// setValue sets the value of the form control with the given id and fires
// event ("input" or "change"), as a person's edit or choice would.
func setValue(id, value, event string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`(() => { const e = document.getElementById(` + jsString(id) + `);
		e.value = ` + jsString(value) + `; e.dispatchEvent(new Event(` + jsString(event) + `)); })()`)
}

// mediaRules returns the rules of the library's findings for a file judged
// as kind.
func mediaRules(t *testing.T, file, kind string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	info, err := media.Inspect(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	k, err := validate.ParseMediaKind(kind)
	if err != nil {
		t.Fatal(err)
	}
	v, err := validate.New()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := v.CheckMedia(k, info, "")
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range fs {
		rules = append(rules, f.Rule)
	}
	return rules
}

func screenshot(t *testing.T, tb *tab, path string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return png
}
