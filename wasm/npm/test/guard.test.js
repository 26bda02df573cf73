// guardFetch against a real server on 127.0.0.1: a bad payload never
// arrives, a good one arrives byte for byte, and whatever is not a
// messages request with a readable body passes through untouched.

import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { guardFetch, isMessagesRequest, load, WalintRejectedError } from "../index.js";

const good =
  '{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Your order has shipped 📦"}}';
const bad =
  '{"messaging_product":"whatsapp","to":"0016505551234","type":"text","text":{"preview_url":"true","body":"hi"}}';
// Only a warning: a field walint does not know.
const warned = '{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"},"zzz":1}';

let server, base, walint;
const arrived = []; // {method, url, body: Buffer}

before(async () => {
  walint = await load();
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      arrived.push({ method: req.method, url: req.url, body: Buffer.concat(chunks) });
      res.setHeader("Content-Type", "application/json");
      res.end('{"messages":[{"id":"wamid.1"}]}');
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${/** @type {import("node:net").AddressInfo} */ (server.address()).port}`;
});
after(() => server.close());

const messages = () => `${base}/v21.0/1234567890/messages`;

// notSent is a fetch for the guard to wrap that fails the test if a request
// reaches it.
/** @type {typeof fetch} */
const notSent = () => assert.fail("sent");

// looseGuard is guardFetch called as plain JavaScript may call it: with the
// values the types of index.d.ts refuse.
const looseGuard = /** @type {(...args: unknown[]) => unknown} */ (guardFetch);

test("a payload with an error is refused before it is sent", async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  arrived.length = 0;
  const err = await fetch(messages(), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: bad,
  }).then(
    () => assert.fail("the bad payload was sent"),
    (e) => e,
  );
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  assert.equal(err.name, "WalintRejectedError");
  assert.equal(err.url, messages());
  assert.deepEqual(err.findings.map((f) => f.rule).sort(), ["quoted-boolean", "recipient-intl-prefix"]);
  assert.deepEqual(err.findings, walint.validate(bad).findings);
  assert.match(
    err.message,
    /^walint: payload not sent: 2 errors\n\trecipient-intl-prefix: \/to: .*\n\tquoted-boolean: \/text\/preview_url: /,
  );
  assert.equal(arrived.length, 0, "the server got the bad payload");
});

test("a good payload arrives byte for byte, whatever form its body takes", async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  const bytes = new TextEncoder().encode(good);
  const bodies = {
    string: () => good,
    Uint8Array: () => bytes,
    ArrayBuffer: () => bytes.slice().buffer,
    DataView: () => new DataView(bytes.slice().buffer),
    Blob: () => new Blob([good]),
  };
  for (const [kind, body] of Object.entries(bodies)) {
    arrived.length = 0;
    const res = await fetch(messages(), { method: "post", body: body() });
    assert.equal(res.status, 200, kind);
    assert.deepEqual((await res.json()).messages[0].id, "wamid.1");
    assert.equal(arrived.length, 1, kind);
    assert.ok(arrived[0].body.equals(Buffer.from(good)), `${kind}: the server got ${arrived[0].body}`);
  }
  // A Request is read from a clone and sent itself, unread.
  arrived.length = 0;
  const req = new Request(messages(), { method: "POST", body: good });
  await fetch(req);
  assert.ok(arrived[0].body.equals(Buffer.from(good)));
  const badReq = new Request(messages(), { method: "POST", body: bad });
  await assert.rejects(fetch(badReq), WalintRejectedError);
  assert.equal(badReq.bodyUsed, false, "the refused Request was consumed");
  assert.equal(arrived.length, 1);
});

test("the threshold: warnings pass by default and are refused with blockOn warning", async () => {
  assert.ok(
    walint.validate(warned).findings.some((f) => f.severity === "warning"),
    "the payload should have a warning",
  );
  assert.ok(!walint.validate(warned).findings.some((f) => f.severity === "error"), "the payload should have no error");
  arrived.length = 0;
  await guardFetch(globalThis.fetch, { walint })(messages(), { method: "POST", body: warned });
  assert.equal(arrived.length, 1);
  await assert.rejects(
    guardFetch(globalThis.fetch, { walint, blockOn: "warning" })(messages(), { method: "POST", body: warned }),
    WalintRejectedError,
  );
  assert.equal(arrived.length, 1);
});

test("everything else is passed through untouched: the very same arguments", async () => {
  const calls = [];
  const fake = function (...args) {
    calls.push({ args, self: this });
    return Promise.resolve("sent");
  };
  const fetch = guardFetch(fake, { walint });
  const stream = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(bad));
      c.close();
    },
  });
  const passes = [
    [messages()], // GET
    [messages(), { method: "GET" }],
    [`${base}/v21.0/1234567890/media`, { method: "POST", body: bad }],
    [`${base}/v21.0/1234567890/messages_x`, { method: "POST", body: bad }],
    [messages(), { method: "POST" }], // no body
    [messages(), { method: "POST", body: stream, duplex: "half" }],
    [messages(), { method: "POST", body: new URLSearchParams({ to: "1" }) }],
    ["/v1/messages", { method: "POST", body: bad }], // not a URL fetch can send
  ];
  for (const args of passes) {
    calls.length = 0;
    const self = {};
    assert.equal(await fetch.apply(self, args), "sent", JSON.stringify(args));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].args.length, args.length);
    calls[0].args.forEach((a, i) => assert.equal(a, args[i], `argument ${i} is not the one given`));
    assert.equal(calls[0].self, self);
  }
  calls.length = 0;
  await assert.rejects(fetch(`${base}/v1/messages/`, { method: "POST", body: bad }), WalintRejectedError);
  await assert.rejects(fetch(new URL(messages()), { method: "POST", body: bad }), WalintRejectedError);
  assert.equal(calls.length, 0, "fetch was called for a refused payload");
});

test("isMessagesRequest knows the Cloud and On-Premises endpoints", () => {
  assert.equal(isMessagesRequest("https://graph.facebook.com/v21.0/123/messages", { method: "POST" }), true);
  assert.equal(isMessagesRequest("https://waba.360dialog.io/v1/messages/", { method: "post" }), true);
  assert.equal(isMessagesRequest(new Request("https://x.test/v1/messages", { method: "POST", body: "{}" })), true);
  assert.equal(isMessagesRequest("https://graph.facebook.com/v21.0/123/messages"), false);
  assert.equal(isMessagesRequest("https://graph.facebook.com/v21.0/123/message_templates", { method: "POST" }), false);
});

test("options are checked at once", async () => {
  assert.throws(() => looseGuard("fetch"), TypeError);
  assert.throws(() => looseGuard(fetch, { dialect: 3 }), /walint\.guardFetch: dialect must be a string/);
  assert.throws(() => looseGuard(fetch, { templates: 7 }), /templates must be a string/);
  assert.throws(() => looseGuard(fetch, { blockOn: "fatal" }), /blockOn/);
  assert.throws(() => looseGuard(fetch, { blockon: "error" }), /unknown option "blockon"/);
  assert.throws(() => looseGuard(fetch, { walint: {} }), /load\(\)/);
  assert.throws(
    () => looseGuard(fetch, { refuseAs400: "yes" }),
    /walint: guardFetch: refuseAs400 must be true or false, not string/,
  );
  assert.throws(
    () => looseGuard(fetch, { onReport: "log" }),
    /walint: guardFetch: onReport must be a function, not string/,
  );
});

test("a bad option value fails when the guarded fetch is made, not at every send", async () => {
  // The values only the module can judge are judged by the walint given.
  assert.throws(() => looseGuard(fetch, { walint, dialect: "v2" }), /^Error: walint\.guardFetch: unknown dialect "v2"/);
  assert.throws(
    () => guardFetch(fetch, { walint, sender: "abc" }),
    /^Error: walint\.guardFetch: .*sender "abc" is not a valid phone number/,
  );
  assert.throws(
    () => guardFetch(fetch, { walint, templates: "{" }),
    /^Error: walint\.guardFetch: .*template definitions/,
  );
  assert.throws(
    () => guardFetch(fetch, { walint, lastInbound: "yesterday" }),
    /^Error: walint\.guardFetch: reading lastInbound/,
  );
  // Without one, at the first messages request, and once: later requests
  // get the same error without a new check, and nothing is sent.
  // @ts-expect-error -- "v2" is no dialect: the module refuses it, once.
  const lazy = guardFetch(notSent, { dialect: "v2" });
  const first = await lazy(messages(), { method: "POST", body: good }).then(
    () => assert.fail("sent"),
    (e) => e,
  );
  assert.match(first.message, /^walint\.guardFetch: unknown dialect "v2"/);
  const second = await lazy(messages(), { method: "POST", body: good }).then(
    () => assert.fail("sent"),
    (e) => e,
  );
  assert.equal(second, first);
});

test("without a walint option the module is loaded at the first messages request", async () => {
  arrived.length = 0;
  const fetch = guardFetch(globalThis.fetch, { dialect: "cloud", sender: "+16505551234" });
  await assert.rejects(
    fetch(messages(), { method: "POST", body: good }),
    (e) => e instanceof WalintRejectedError && e.findings.some((f) => f.rule === "recipient-is-sender"),
  );
  assert.equal(arrived.length, 0);
});

test("a payload object passed without JSON.stringify is checked as fetch sends it, and refused", async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  arrived.length = 0;
  const err = await fetch(messages(), { method: "POST", body: JSON.parse(good) }).then(
    () => assert.fail('"[object Object]" was sent'),
    (e) => e,
  );
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  assert.deepEqual(
    err.findings.map((f) => f.rule),
    ["json-syntax"],
  );
  assert.equal(arrived.length, 0);
});

test("the error's URL hides a password and an access_token", async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  const url = `${base.replace("//", "//user:secret@")}/v21.0/1234567890/messages?access_token=EAAG123&x=1`;
  const err = await fetch(url, { method: "POST", body: bad }).then(
    () => assert.fail("sent"),
    (e) => e,
  );
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  assert.ok(!err.url.includes("secret") && !err.url.includes("EAAG123") && err.url.includes("user:xxxxx@"), err.url);
  assert.match(err.url, /access_token=xxxxx&x=1$/);
});

// repeatedButtons has a warning before its errors (recipient-e164, which
// predicts no Cloud code) and four errors of one rule (reply-buttons-unique,
// 131009); validate/guard's tests use it too.
const repeatedButtons =
  '{"messaging_product":"whatsapp","to":"16505551234","type":"interactive","interactive":{"type":"button","body":{"text":"Pick"},"action":{"buttons":[' +
  '{"type":"reply","reply":{"id":"a","title":"Same"}},{"type":"reply","reply":{"id":"a","title":"Same"}},{"type":"reply","reply":{"id":"a","title":"Same"}}]}}}';

test("the refusal puts the blocking findings first, groups repeats and counts what it left out, as the Go guard does", async () => {
  const err = await guardFetch(globalThis.fetch, { walint })(messages(), {
    method: "POST",
    body: repeatedButtons,
  }).then(
    () => assert.fail("sent"),
    (e) => e,
  );
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  // The text of validate/guard's RejectedError for the same payload.
  assert.equal(
    err.message,
    "walint: payload not sent: 4 errors (1 warning left out)\n" +
      '\treply-buttons-unique ×4: /interactive/action/buttons/1/reply/id: button id "a" is already used at /interactive/action/buttons/0/reply/id; ' +
      "also /interactive/action/buttons/1/reply/title, /interactive/action/buttons/2/reply/id, /interactive/action/buttons/2/reply/title",
  );
  assert.equal(err.cloudCode, 131009);
  assert.equal(err.blockOn, "error");
  assert.equal(err.findings.length, 5);

  const warn = await guardFetch(globalThis.fetch, { walint, blockOn: "warning" })(messages(), {
    method: "POST",
    body: repeatedButtons,
  }).then(
    () => assert.fail("sent"),
    (e) => e,
  );
  assert.match(
    warn.message,
    /^walint: payload not sent: 4 errors and 1 warning\n\treply-buttons-unique ×4: .*\n\trecipient-e164: \/to: /,
  );
  // The warning comes first in the payload, but the error is the code.
  assert.equal(warn.cloudCode, 131009);
  // A refusal built by hand (an axios interceptor) blocks on errors.
  assert.equal(new WalintRejectedError("https://x/v1/messages", walint.validate(repeatedButtons)).message, err.message);
});

test("refuseAs400 answers a refusal as the Cloud API answers a payload it refuses", async () => {
  const fetch = guardFetch(notSent, { walint, refuseAs400: true });
  const res = await fetch(messages(), { method: "POST", body: repeatedButtons });
  assert.equal(res.status, 400);
  assert.equal(res.ok, false);
  assert.equal(res.statusText, "Bad Request");
  assert.equal(res.headers.get("content-type"), "application/json");
  assert.equal(res.url, messages());
  const body = await res.json();
  assert.deepEqual(
    Object.keys(body.error).sort(),
    ["code", "error_data", "message", "type"],
    "only the members Meta documents",
  );
  assert.equal(body.error.code, 131009);
  assert.equal(body.error.type, "OAuthException");
  assert.equal(body.error.error_data.messaging_product, "whatsapp");
  assert.match(
    body.error.message,
    /^\(#131009\) walint: payload not sent: 4 errors \(1 warning left out\)\n\treply-buttons-unique ×4: /,
  );
  assert.equal(
    body.error.error_data.details,
    '/interactive/action/buttons/1/reply/id: button id "a" is already used at /interactive/action/buttons/0/reply/id. Give every button its own id.',
  );
  assert.deepEqual(body.walint, walint.validate(repeatedButtons));
  // No code known: 100, Meta's code for a parameter it refuses.
  const warned400 = await guardFetch(notSent, { walint, refuseAs400: true, blockOn: "warning" })(messages(), {
    method: "POST",
    body: warned,
  });
  assert.equal(
    (await warned400.json()).error.code,
    walint.validate(warned).findings.find((f) => f.severity === "warning").cloud_code || 100,
  );
});

test("onReport sees every checked send, passed or refused, and nothing else", async () => {
  for (const refuseAs400 of [false, true]) {
    const seen = [];
    const fetch = guardFetch(globalThis.fetch, { walint, refuseAs400, onReport: (r) => seen.push(r) });
    arrived.length = 0;
    await fetch(messages(), { method: "POST", body: warned });
    await fetch(messages(), { method: "POST", body: bad }).catch((e) => assert.ok(e instanceof WalintRejectedError));
    await fetch(`${base}/v21.0/1234567890/media`, { method: "POST", body: bad });
    await fetch(`${messages()}?access_token=EAAG123`, { method: "POST", body: good });
    assert.equal(arrived.length, 3);
    assert.deepEqual(
      seen.map((r) => [r.url, r.refused, r.report.findings.map((f) => f.rule).sort()]),
      [
        [messages(), false, ["unknown-field"]],
        [messages(), true, ["quoted-boolean", "recipient-intl-prefix"]],
        [`${messages()}?access_token=xxxxx`, false, []],
      ],
      `refuseAs400 ${refuseAs400}`,
    );
  }
});
