// guardFetch against a real server on 127.0.0.1: a bad payload never
// arrives, a good one arrives byte for byte, and whatever is not a
// messages request with a readable body passes through untouched.

import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { guardFetch, isMessagesRequest, load, WalintRejectedError } from '../index.js';

const good = '{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"Your order has shipped 📦"}}';
const bad = '{"messaging_product":"whatsapp","to":"0016505551234","type":"text","text":{"preview_url":"true","body":"hi"}}';
// Only a warning: a field walint does not know.
const warned = '{"messaging_product":"whatsapp","to":"+16505551234","type":"text","text":{"body":"hi"},"zzz":1}';

let server, base, walint;
const arrived = []; // {method, url, body: Buffer}

before(async () => {
  walint = await load();
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      arrived.push({ method: req.method, url: req.url, body: Buffer.concat(chunks) });
      res.setHeader('Content-Type', 'application/json');
      res.end('{"messages":[{"id":"wamid.1"}]}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

const messages = () => `${base}/v21.0/1234567890/messages`;

test('a payload with an error is refused before it is sent', async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  arrived.length = 0;
  const err = await fetch(messages(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: bad }).then(
    () => assert.fail('the bad payload was sent'), (e) => e);
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  assert.equal(err.name, 'WalintRejectedError');
  assert.equal(err.url, messages());
  assert.deepEqual(err.findings.map((f) => f.rule).sort(), ['quoted-boolean', 'recipient-intl-prefix']);
  assert.deepEqual(err.findings, walint.validate(bad).findings);
  assert.match(err.message, /^walint: payload not sent:\n\t\/to 1:38: error: .*\[recipient-intl-prefix\]\n\t\/text\/preview_url 1:90: error: /);
  assert.equal(arrived.length, 0, 'the server got the bad payload');
});

test('a good payload arrives byte for byte, whatever form its body takes', async () => {
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
    const res = await fetch(messages(), { method: 'post', body: body() });
    assert.equal(res.status, 200, kind);
    assert.deepEqual((await res.json()).messages[0].id, 'wamid.1');
    assert.equal(arrived.length, 1, kind);
    assert.ok(arrived[0].body.equals(Buffer.from(good)), `${kind}: the server got ${arrived[0].body}`);
  }
  // A Request is read from a clone and sent itself, unread.
  arrived.length = 0;
  const req = new Request(messages(), { method: 'POST', body: good });
  await fetch(req);
  assert.ok(arrived[0].body.equals(Buffer.from(good)));
  const badReq = new Request(messages(), { method: 'POST', body: bad });
  await assert.rejects(fetch(badReq), WalintRejectedError);
  assert.equal(badReq.bodyUsed, false, 'the refused Request was consumed');
  assert.equal(arrived.length, 1);
});

test('the threshold: warnings pass by default and are refused with blockOn warning', async () => {
  assert.ok(walint.validate(warned).findings.some((f) => f.severity === 'warning'), 'the payload should have a warning');
  assert.ok(!walint.validate(warned).findings.some((f) => f.severity === 'error'), 'the payload should have no error');
  arrived.length = 0;
  await guardFetch(globalThis.fetch, { walint })(messages(), { method: 'POST', body: warned });
  assert.equal(arrived.length, 1);
  await assert.rejects(guardFetch(globalThis.fetch, { walint, blockOn: 'warning' })(messages(), { method: 'POST', body: warned }), WalintRejectedError);
  assert.equal(arrived.length, 1);
});

test('everything else is passed through untouched: the very same arguments', async () => {
  const calls = [];
  const fake = function (...args) {
    calls.push({ args, self: this });
    return Promise.resolve('sent');
  };
  const fetch = guardFetch(fake, { walint });
  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(bad)); c.close(); } });
  const passes = [
    [messages()], // GET
    [messages(), { method: 'GET' }],
    [`${base}/v21.0/1234567890/media`, { method: 'POST', body: bad }],
    [`${base}/v21.0/1234567890/messages_x`, { method: 'POST', body: bad }],
    [messages(), { method: 'POST' }], // no body
    [messages(), { method: 'POST', body: stream, duplex: 'half' }],
    [messages(), { method: 'POST', body: new URLSearchParams({ to: '1' }) }],
    ['/v1/messages', { method: 'POST', body: bad }], // not a URL fetch can send
  ];
  for (const args of passes) {
    calls.length = 0;
    const self = {};
    assert.equal(await fetch.apply(self, args), 'sent', JSON.stringify(args));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].args.length, args.length);
    calls[0].args.forEach((a, i) => assert.equal(a, args[i], `argument ${i} is not the one given`));
    assert.equal(calls[0].self, self);
  }
  calls.length = 0;
  await assert.rejects(fetch(`${base}/v1/messages/`, { method: 'POST', body: bad }), WalintRejectedError);
  await assert.rejects(fetch(new URL(messages()), { method: 'POST', body: bad }), WalintRejectedError);
  assert.equal(calls.length, 0, 'fetch was called for a refused payload');
});

test('isMessagesRequest knows the Cloud and On-Premises endpoints', () => {
  assert.equal(isMessagesRequest('https://graph.facebook.com/v21.0/123/messages', { method: 'POST' }), true);
  assert.equal(isMessagesRequest('https://waba.360dialog.io/v1/messages/', { method: 'post' }), true);
  assert.equal(isMessagesRequest(new Request('https://x.test/v1/messages', { method: 'POST', body: '{}' })), true);
  assert.equal(isMessagesRequest('https://graph.facebook.com/v21.0/123/messages'), false);
  assert.equal(isMessagesRequest('https://graph.facebook.com/v21.0/123/message_templates', { method: 'POST' }), false);
});

test('options are checked at once', async () => {
  assert.throws(() => guardFetch('fetch'), TypeError);
  assert.throws(() => guardFetch(fetch, { dialect: 3 }), /walint\.guardFetch: dialect must be a string/);
  assert.throws(() => guardFetch(fetch, { templates: 7 }), /templates must be a string/);
  assert.throws(() => guardFetch(fetch, { blockOn: 'fatal' }), /blockOn/);
  assert.throws(() => guardFetch(fetch, { blockon: 'error' }), /unknown option "blockon"/);
  assert.throws(() => guardFetch(fetch, { walint: {} }), /load\(\)/);
  // Check options go to validate: a bad dialect is the request's error, and nothing is sent.
  await assert.rejects(guardFetch(() => assert.fail('sent'), { walint, dialect: 'v2' })(messages(), { method: 'POST', body: good }), /unknown dialect/);
});

test('without a walint option the module is loaded at the first messages request', async () => {
  arrived.length = 0;
  const fetch = guardFetch(globalThis.fetch, { dialect: 'cloud', sender: '+16505551234' });
  await assert.rejects(fetch(messages(), { method: 'POST', body: good }), (e) => e instanceof WalintRejectedError && e.findings.some((f) => f.rule === 'recipient-is-sender'));
  assert.equal(arrived.length, 0);
});

test('a payload object passed without JSON.stringify is checked as fetch sends it, and refused', async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  arrived.length = 0;
  const err = await fetch(messages(), { method: 'POST', body: JSON.parse(good) }).then(
    () => assert.fail('"[object Object]" was sent'), (e) => e);
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  assert.deepEqual(err.findings.map((f) => f.rule), ['json-syntax']);
  assert.equal(arrived.length, 0);
});

test('the error\'s URL hides a password and an access_token', async () => {
  const fetch = guardFetch(globalThis.fetch, { walint });
  const url = `${base.replace('//', '//user:secret@')}/v21.0/1234567890/messages?access_token=EAAG123&x=1`;
  const err = await fetch(url, { method: 'POST', body: bad }).then(() => assert.fail('sent'), (e) => e);
  assert.ok(err instanceof WalintRejectedError, `rejected with ${err}`);
  assert.ok(!err.url.includes('secret') && !err.url.includes('EAAG123') && err.url.includes('user:xxxxx@'), err.url);
  assert.match(err.url, /access_token=xxxxx&x=1$/);
});
