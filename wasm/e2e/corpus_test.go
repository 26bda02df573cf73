//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"github.com/walint/walint/internal/output"
	"github.com/walint/walint/validate"
)

// fixture is a payload of testdata with the dialect and the kind it is
// checked as. The page gets its bytes (base64 in JSON), since a few
// fixtures are not valid UTF-8 and a JavaScript string cannot hold them.
type fixture struct {
	Name    string `json:"name"`
	Bytes   []byte `json:"bytes"`
	Dialect string `json:"dialect"`
	Kind    string `json:"kind"`
}

// fixtures returns every payload of testdata/clean, examples, rules and
// creation (Meta's template creation examples; the creation rules' own
// fixtures are in rules), each with its dialect by the naming convention of
// validate/fixtures_test.go: "v1_" or "onprem" in the name means
// On-Premises, "auto_" auto-detection, anything else Cloud; and its kind:
// "_edit_" in the name or a file of creation/meta/edit is a template edit
// body, anything else is told by its shape.
func fixtures(t *testing.T) []fixture {
	t.Helper()
	var out []fixture
	for _, dir := range []string{"clean", "examples", "rules", "creation"} {
		err := filepath.WalkDir(filepath.Join(root, "testdata", dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			name := d.Name()
			dialect := "cloud"
			switch {
			case strings.HasPrefix(name, "v1_") || strings.Contains(name, "onprem"):
				dialect = "onprem"
			case strings.HasPrefix(name, "auto_"):
				dialect = "auto"
			}
			rel, _ := filepath.Rel(filepath.Join(root, "testdata"), path)
			kind := "auto"
			if strings.Contains(name, "_edit_") || strings.HasPrefix(filepath.ToSlash(rel), "creation/meta/edit/") {
				kind = "template-edit"
			}
			out = append(out, fixture{Name: filepath.ToSlash(rel), Bytes: b, Dialect: dialect, Kind: kind})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(out) < 100 {
		t.Fatalf("found only %d fixtures under testdata", len(out))
	}
	creation := 0
	for _, f := range out {
		if strings.HasPrefix(f.Name, "creation/") || strings.HasPrefix(f.Name, "rules/creation-") {
			creation++
		}
	}
	if creation < 50 {
		t.Fatalf("found only %d template creation fixtures under testdata", creation)
	}
	return out
}

// TestPageMatchesLibrary validates every fixture from a page context, with
// init() and validate() as a page would, and requires exactly the JSON the
// CLI prints for the same bytes (one entry of --format json): the same
// rules, pointers, spans, messages, hints, fixes and links. Each fixture is
// given as bytes and, when it is valid UTF-8, also as a string, the way the
// editor passes it.
func TestPageMatchesLibrary(t *testing.T) {
	tb := newTab(t) // First: it skips when there is no Chromium, before the build.
	base := serve(t)
	fx := fixtures(t)
	arg, err := json.Marshal(fx)
	if err != nil {
		t.Fatal(err)
	}
	tb.do(t, "opening the page", chromedp.Navigate(base+"/"), settled)

	for _, mode := range []struct{ name, opts string }{
		{"worker", `{}`},
		{"page thread", `{worker: false}`},
	} {
		t.Run(mode.name, func(t *testing.T) {
			type result struct{ Bytes, Text json.RawMessage }
			got := eval[[]result](t, tb, `(async (files) => {
				const { init } = await import("/walint.js");
				const w = await init(`+mode.opts+`);
				const out = [];
				for (const f of files) {
					const bytes = Uint8Array.from(atob(f.bytes), (c) => c.charCodeAt(0));
					let text = null;
					try { text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes); } catch {}
					out.push({ Bytes: await w.validate(bytes, { dialect: f.dialect, kind: f.kind }),
						Text: text === null ? null : await w.validate(text, { dialect: f.dialect, kind: f.kind }) });
				}
				w.terminate();
				return out;
			})(`+string(arg)+`)`)
			if len(got) != len(fx) {
				t.Fatalf("%d results for %d fixtures", len(got), len(fx))
			}
			validators := map[[2]string]*validate.Validator{}
			for i, f := range fx {
				v := validators[[2]string{f.Dialect, f.Kind}]
				if v == nil {
					d, _ := validate.ParseDialect(f.Dialect)
					k, _ := validate.ParseKind(f.Kind)
					if v, err = validate.New(validate.WithDialect(d), validate.WithKind(k)); err != nil {
						t.Fatal(err)
					}
					validators[[2]string{f.Dialect, f.Kind}] = v
				}
				wantJSON, err := json.Marshal(output.JSONFile(output.File{Path: "payload", Source: f.Bytes, Report: v.Validate(context.Background(), f.Bytes)}))
				if err != nil {
					t.Fatal(err)
				}
				var want any
				if err := json.Unmarshal(wantJSON, &want); err != nil {
					t.Fatal(err)
				}
				for _, r := range []struct {
					as  string
					got json.RawMessage
				}{{"bytes", got[i].Bytes}, {"text", got[i].Text}} {
					if r.as == "text" && !utf8.Valid(f.Bytes) {
						if string(r.got) != "null" {
							t.Errorf("%s is not UTF-8, but the page decoded it", f.Name)
						}
						continue
					}
					var have any
					if err := json.Unmarshal(r.got, &have); err != nil {
						t.Fatalf("%s: the page returned %s: %v", f.Name, r.got, err)
					}
					if !reflect.DeepEqual(have, want) {
						t.Errorf("%s (%s, as %s): the page gives\n%s\nthe library\n%s", f.Name, f.Dialect, r.as, r.got, wantJSON)
					}
				}
			}
		})
	}

	t.Run("api", func(t *testing.T) {
		type apiResult struct {
			Rules      int    `json:"rules"`
			RuleDoc    string `json:"ruleDoc"`
			SARIF      string `json:"sarif"`
			JSONReport string `json:"json"`
			Fixed      int    `json:"fixed"`
			FixedText  string `json:"fixedText"`
			Media      string `json:"media"`
			BadDialect string `json:"badDialect"`
			BadOption  string `json:"badOption"`
			Object     string `json:"object"`
			Version    string `json:"version"`
		}
		payload := `{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"preview_url":"true","body":"hi"}}`
		got := eval[apiResult](t, tb, `(async () => {
			const { init } = await import("/walint.js");
			const w = await init();
			const text = `+jsString(payload)+`;
			const rules = await w.rules();
			const sarif = JSON.parse(await w.report(text, { format: "sarif", path: "p.json" }));
			const json = JSON.parse(await w.report(text, { format: "json", path: "p.json" }));
			const fixed = await w.fix(text);
			const png = new Uint8Array(await (await fetch("/examples/index.json")).arrayBuffer());
			const media = await w.inspectMedia(png, "image");
			const badDialect = await w.validate(text, { dialect: "nope" }).then(() => "", (e) => e.message);
			// core.js, shared with the npm package: an unknown option is an error, an object is checked as its JSON.
			const badOption = await w.validate(text, { sendr: "+1" }).then(() => "", (e) => e.message);
			const object = (await w.validate(JSON.parse(text))).findings.map((f) => f.rule + " " + f.span.start.column).join(",");
			w.terminate();
			return { rules: rules.length, ruleDoc: rules.find((r) => r.id === "quoted-boolean").doc,
				sarif: sarif.version + " " + sarif.runs[0].results.length + " " + sarif.runs[0].results[0].ruleId,
				json: json.version + " " + json.files[0].path + " " + json.files[0].findings[0].rule,
				fixed: fixed.fixed, fixedText: fixed.text, media: media.mime + " " + media.findings.map((f) => f.rule).join(","),
				badDialect, badOption, object, version: w.version };
		})()`)
		if got.Rules != len(validate.Rules()) {
			t.Errorf("rules() gives %d rules, want %d", got.Rules, len(validate.Rules()))
		}
		if got.RuleDoc != output.DocURL("quoted-boolean") {
			t.Errorf("rules() links quoted-boolean to %q, want %q", got.RuleDoc, output.DocURL("quoted-boolean"))
		}
		if got.SARIF != "2.1.0 1 quoted-boolean" || got.JSONReport != "1 p.json quoted-boolean" {
			t.Errorf("report(): sarif %q, json %q", got.SARIF, got.JSONReport)
		}
		if got.Fixed != 1 || !strings.Contains(got.FixedText, `"preview_url":true`) {
			t.Errorf("fix() = %d, %q", got.Fixed, got.FixedText)
		}
		if got.Media != "application/json media-type-mismatch" {
			t.Errorf("inspectMedia(a JSON file, image) = %q", got.Media)
		}
		if !strings.Contains(got.BadDialect, "unknown dialect") {
			t.Errorf("validate with a bad dialect: %q, want an error naming it", got.BadDialect)
		}
		if !strings.Contains(got.BadOption, `walint.validate: unknown option "sendr"`) {
			t.Errorf("validate with an unknown option: %q, want an error naming it", got.BadOption)
		}
		if got.Object != "quoted-boolean 89" {
			t.Errorf("validate(an object) = %q, want its JSON text's finding", got.Object)
		}
		if got.Version == "" {
			t.Error("no version")
		}
	})

	t.Run("timeout", func(t *testing.T) {
		// A payload that takes longer than the timeout: the call must resolve
		// with an internal-error finding, and the restarted worker must
		// answer the next call.
		type result struct {
			Rule    string  `json:"rule"`
			Message string  `json:"message"`
			After   string  `json:"after"`
			Ms      float64 `json:"ms"`
		}
		got := eval[result](t, tb, `(async () => {
			const { init } = await import("/walint.js");
			const w = await init({ timeout: 50 });
			const big = JSON.stringify({ messaging_product: "whatsapp", to: "+16505551234", type: "text",
				text: { body: "x" }, filler: Array.from({ length: 30000 }, (_, i) => ({ ["k" + i]: [i, "v" + i, true] })) });
			const t0 = performance.now();
			const r = await w.validate(big);
			const ms = performance.now() - t0;
			const after = await w.validate('{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}');
			w.terminate();
			return { rule: r.findings[0]?.rule ?? "", message: r.findings[0]?.message ?? "", ms,
				after: after.findings.map((f) => f.rule).join(",") || "clean" };
		})()`)
		if got.Rule != "internal-error" || !strings.Contains(got.Message, "longer than") {
			t.Errorf("a call past the timeout gives %s %q after %.0f ms, want internal-error", got.Rule, got.Message, got.Ms)
		}
		if got.Ms > 2000 {
			t.Errorf("the call past a 50 ms timeout took %.0f ms to give up", got.Ms)
		}
		if got.After != "clean" {
			t.Errorf("after the restart a clean payload gives %s", got.After)
		}
	})

	t.Run("speed", func(t *testing.T) {
		// Not a pass/fail check: the numbers for docs/page.md, measured the way the
		// page sees them (a worker round trip per keystroke).
		example, err := os.ReadFile(filepath.Join(root, "testdata", "examples", "store_location.json"))
		if err != nil {
			t.Fatal(err)
		}
		type timing struct {
			Init, Median, P95 float64
			N                 int
		}
		got := eval[timing](t, tb, `(async () => {
			const { init } = await import("/walint.js");
			const t0 = performance.now();
			const w = await init();
			const text = `+jsString(string(example))+`;
			await w.validate(text);
			const Init = performance.now() - t0;
			const ms = [];
			for (let i = 0; i < 200; i++) {
				const t = text.replace("Our store", "Our store".slice(0, 4 + i % 5)); // a keystroke's worth of change
				const s = performance.now();
				await w.validate(t);
				ms.push(performance.now() - s);
			}
			w.terminate();
			ms.sort((a, b) => a - b);
			return { Init, Median: ms[ms.length >> 1], P95: ms[Math.floor(ms.length * 0.95)], N: ms.length };
		})()`)
		t.Logf("init (fetch, compile, start worker, first validate) %.0f ms; re-validation of %s per keystroke: median %.2f ms, p95 %.2f ms over %d",
			got.Init, "store_location.json", got.Median, got.P95, got.N)
	})

	tb.checkClean(t, base)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
