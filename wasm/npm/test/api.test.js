// The library's API: what load returns, the forms a payload and the
// options take, clear errors for bad input (the module keeps answering),
// and nothing left on the host's global object or event loop.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { load } from "../index.js";
import { pkgDir } from "./helpers.js";

const text =
  '{"messaging_product":"whatsapp","to":"0016505551234","type":"text","text":{"preview_url":"true","body":"hi"}}';

test("load leaves no globals behind and does not keep node running", () => {
  // In a fresh process: the test runner's own globals would hide a leak.
  const script = `
    globalThis.fs = { trap: true }; // a user's global: Go must not get it, nor change it
    const before = Object.getOwnPropertyNames(globalThis);
    const { load } = await import(${JSON.stringify(pkgDir + "/index.js")});
    const w = await load();
    const r = w.validate('{}');
    const added = Object.getOwnPropertyNames(globalThis).filter((k) => !before.includes(k));
    console.log(JSON.stringify({ added, fs: globalThis.fs, findings: r.findings.length }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20000 });
  assert.equal(r.signal, null, "node did not exit by itself");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.added, []);
  assert.deepEqual(out.fs, { trap: true });
  assert.ok(out.findings > 0);
});

test("validate takes a string, bytes or an object; positions refer to the text checked", async () => {
  const walint = await load();
  const fromText = walint.validate(text);
  assert.deepEqual(
    fromText.findings.map((f) => f.rule),
    ["recipient-intl-prefix", "quoted-boolean"],
  );
  assert.deepEqual(walint.validate(Buffer.from(text)), fromText);
  assert.deepEqual(walint.validate(new TextEncoder().encode(text).buffer), fromText);
  const obj = JSON.parse(text);
  const fromObject = walint.validate(obj);
  const json = JSON.stringify(obj);
  const f = fromObject.findings.find((x) => x.rule === "quoted-boolean");
  assert.equal(json.slice(f.span.start.offset, f.span.end.offset), '"true"');
  assert.deepEqual(
    fromObject.findings.map((x) => x.rule),
    fromText.findings.map((x) => x.rule),
  );
  assert.equal(fromText.dialect, "cloud");
  assert.equal(walint.validate(text, { dialect: "onprem" }).dialect, "onprem");
});

test("fix, report, rules, explain, inspectMedia and the facts", async () => {
  const walint = await load();
  assert.deepEqual(walint.fix(text), { text: text.replace('"true"', "true").replace('"00', '"+'), fixed: 2 });
  assert.match(walint.report(text, { format: "sarif", path: "m.json" }), /"version": "2.1.0"[\s\S]*m\.json/);
  const rules = walint.rules();
  assert.deepEqual(
    rules.map((r) => r.id),
    rules.map((r) => r.id).sort(),
  );
  assert.match(walint.explain("quoted-boolean"), /^quoted-boolean: /);
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000400000003008060000", "hex");
  const media = walint.inspectMedia(png, "image");
  assert.equal(media.kind, "image");
  assert.equal(media.mime, "image/png");
  assert.match(walint.version, /^(\(devel\)|v\d)/);
  assert.match(walint.reference, /Graph API/);
  assert.ok(walint.mediaKinds.includes("sticker"));
  assert.equal(walint.maxMediaBytes, 100 << 20);
});

test("options: load defaults, templates as text or object, lastInbound as a Date or RFC 3339", async () => {
  const walint = await load({ dialect: "onprem" });
  assert.equal(walint.validate(text).dialect, "onprem");
  assert.equal(walint.validate(text, { dialect: "cloud" }).dialect, "cloud");
  const msg = '{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"}}';
  const window = (last) => walint.validate(msg, { dialect: "cloud", lastInbound: last }).findings.map((f) => f.rule);
  assert.deepEqual(window(new Date(Date.now() - 30 * 3600e3)), ["conversation-window"]);
  assert.deepEqual(window(new Date(Date.now() - 3600e3).toISOString()), []);
  assert.deepEqual(window(undefined), []);
  const defs = {
    data: [
      { name: "order_update", language: "en_US", status: "APPROVED", components: [{ type: "BODY", text: "Hi {{1}}" }] },
    ],
  };
  const tpl =
    '{"messaging_product":"whatsapp","to":"+16505551234","type":"template","template":{"name":"order_updat","language":{"code":"en_US"}}}';
  const withText = walint.validate(tpl, { templates: JSON.stringify(defs) });
  assert.ok(
    withText.findings.some((f) => f.rule.startsWith("template-")),
    JSON.stringify(withText.findings),
  );
  assert.deepEqual(walint.validate(tpl, { templates: defs }), withText);
});

test("bad input is a clear error, and the module answers the next call", async () => {
  const walint = await load();
  // The calls as plain JavaScript may make them: with the values the types
  // of index.d.ts refuse.
  const loose = /** @type {Record<keyof typeof walint, (...args: unknown[]) => unknown>} */ (
    /** @type {unknown} */ (walint)
  );
  const looseLoad = /** @type {(...args: unknown[]) => Promise<unknown>} */ (load);
  const circular = {};
  circular.self = circular;
  /** @type {[() => unknown, new (...args: never[]) => Error, RegExp][]} */
  const cases = [
    [() => loose.validate(), TypeError, /takes the payload as a string.*not undefined/],
    [() => loose.validate(42), TypeError, /not number/],
    [() => loose.validate(circular), TypeError, /cannot be written as JSON/],
    [() => loose.validate({ toJSON: () => undefined }), TypeError, /no JSON form/],
    [() => loose.validate(text, "cloud"), TypeError, /options must be an object, not string/],
    [() => loose.validate(text, { dialct: "cloud" }), TypeError, /unknown option "dialct"/],
    [() => loose.validate(text, { dialect: "v2" }), Error, /unknown dialect "v2"/],
    [() => loose.validate(text, { sender: 16505551234 }), TypeError, /sender must be a string/],
    [() => loose.validate(text, { lastInbound: "yesterday" }), Error, /lastInbound/],
    [() => loose.validate(text, { lastInbound: new Date("x") }), RangeError, /invalid Date/],
    [() => loose.validate(text, { lastInbound: 1 }), TypeError, /Date or an RFC 3339 string/],
    [() => loose.validate(text, { templates: '{"data": [' }), Error, /template definitions/],
    [() => loose.fix(undefined), TypeError, /walint.fix takes/],
    [() => loose.report(text, { format: "junit" }), Error, /unknown report format/],
    [() => loose.explain(7), TypeError, /rule ID/],
    [() => loose.explain("latitude"), Error, /unknown rule "latitude"/],
    [() => loose.inspectMedia("x.png"), TypeError, /Uint8Array/],
    [() => loose.inspectMedia(new Uint8Array(4), "gif"), Error, /unknown media kind "gif"/],
    [() => walint.inspectMedia(new Uint8Array(walint.maxMediaBytes + 1)), RangeError, /larger than 100 MiB/],
  ];
  for (const [fn, type, re] of cases) {
    assert.throws(fn, (err) => err instanceof type && re.test(err.message), String(fn));
    assert.equal(walint.validate(text).findings.length, 2, `after ${fn}`);
  }
  await assert.rejects(looseLoad(null), TypeError);
  await assert.rejects(looseLoad({ wasm: "walint.wasm" }), /WebAssembly.Module or the module's bytes/);
  await assert.rejects(looseLoad({ dialect: 3 }), /dialect must be a string/);
});

test("report gives the JSON report when no format is asked for", async () => {
  const walint = await load();
  const json = JSON.parse(walint.report(text));
  assert.deepEqual(
    json.files[0].findings.map((f) => f.rule),
    walint.validate(text).findings.map((f) => f.rule),
  );
  assert.equal(JSON.parse(walint.report(text, { format: "sarif" })).version, "2.1.0");
});

test("a Promise of a payload is refused, not checked as {}", async () => {
  const walint = await load();
  assert.throws(
    () => walint.validate(Promise.resolve(text)),
    (err) => err instanceof TypeError && /await it first/.test(err.message),
  );
});

test("lastInbound goes with each payload while the other options stay in the module", async () => {
  const walint = await load({ sender: "+16505550111" });
  const late = { lastInbound: new Date(Date.now() - 48 * 3600e3) };
  const fresh = { lastInbound: new Date(Date.now() - 3600e3) };
  const rules = (o) =>
    walint
      .validate('{"messaging_product":"whatsapp","to":"+16505550111","type":"text","text":{"body":"hi"}}', o)
      .findings.map((f) => f.rule);
  const lateRules = rules(late);
  assert.ok(lateRules.length > rules(fresh).length, `late ${lateRules}, fresh ${rules(fresh)}`);
  assert.deepEqual(rules(late), lateRules); // and back, with the same kept options
  assert.ok(lateRules.includes("recipient-is-sender"), `the sender option was lost: ${lateRules}`);
  assert.ok(!rules(undefined).some((r) => !lateRules.includes(r)));
});

test("an error of the Go library is not prefixed twice", async () => {
  const walint = await load();
  assert.throws(
    () => walint.validate(text, { sender: "notanumber" }),
    (err) => /^walint\.validate: (?!walint: )/.test(/** @type {Error} */ (err).message),
  );
});

test("a payload is checked as its UTF-8 bytes, whatever came before it in the module's buffers", async () => {
  const walint = await load();
  const payload = (body) =>
    `{"messaging_product":"whatsapp","to":"0016505551234","type":"text","text":{"preview_url":"true","body":${JSON.stringify(body)}}}`;
  const bodies = [
    "hi",
    "ñandú 😀 「こんにちは」",
    "lone \ud800 surrogate",
    "x".repeat(3 << 20),
    "é".repeat(5000),
    "hi",
  ];
  for (const body of bodies) {
    const text = payload(body);
    const got = walint.validate(text);
    assert.deepEqual(got, walint.validate(new TextEncoder().encode(text)), `${body.slice(0, 20)}: string and bytes`);
    const rules = got.findings.map((f) => f.rule);
    if (body.length > 1 << 20) {
      assert.deepEqual(rules, ["payload-too-large"]);
      continue;
    }
    assert.ok(
      rules.includes("quoted-boolean") && rules.includes("recipient-intl-prefix"),
      `${body.slice(0, 20)}: ${rules}`,
    );
    const f = got.findings.find((x) => x.rule === "quoted-boolean");
    assert.equal(Buffer.from(text).subarray(f.span.start.offset, f.span.end.offset).toString(), '"true"');
  }
  assert.deepEqual(
    walint.validate(payload("hi"), { lastInbound: "2020-01-01T00:00:00Z" }).findings.map((f) => f.rule),
    ["recipient-intl-prefix", "conversation-window", "quoted-boolean"],
  );
});
