'use strict';
// walint's npm package against the checks of a Zod-based WhatsApp SDK, in
// one Node process, on the payloads of the corpus the SDK can express:
// @kapso/whatsapp-cloud-api, whose message senders parse their input with
// Zod schemas and build the payload before sending. By hand:
//
//   node bench/node/sdk.js CORPUS_DIR [--runs 6] [--seconds 1] [--json OUT] [--package DIR]
//
// The SDK takes its own input (camelCase, one sender per message type), not
// a payload: each payload of a type it has a sender for (text, image,
// document, video, audio, sticker, location, contacts, reaction, template)
// is turned into that input once, before timing. What is timed on its side
// is what an application pays before the request goes out: the sender's
// Zod parse, building the payload, its snake_case copy and JSON text, with
// a fetch that answers at once. On walint's side: walint.validate of the
// payload's text, as in validate.js. Payloads the SDK's schemas refuse are
// left out of both sides (walint finds a mistake in each of them too), so
// both check the same payloads, the ones that may be sent.

const fs = require('fs');
const path = require('path');
const { median, readCorpus, loadWalint } = require('./common');
const { WhatsAppClient } = require('@kapso/whatsapp-cloud-api');

function parseArgs(argv) {
  const args = { runs: 6, seconds: 1, json: '', dir: '', package: path.join(__dirname, '..', '..', 'wasm', 'npm') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--seconds') args.seconds = Number(argv[++i]);
    else if (a === '--json') args.json = argv[++i];
    else if (a === '--package') args.package = path.resolve(argv[++i]);
    else if (!a.startsWith('--') && !args.dir) args.dir = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.dir) throw new Error('usage: node sdk.js CORPUS_DIR [--runs N] [--seconds S] [--json OUT]');
  return args;
}

// camel copies a value with its object keys in camelCase, as the SDK's
// inputs are written (it turns them back into snake_case to send).
function camel(v) {
  if (Array.isArray(v)) return v.map(camel);
  if (v === null || typeof v !== 'object') return v;
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())] = camel(x);
  return out;
}

const media = ['image', 'document', 'video', 'audio', 'sticker'];
const senders = {
  text: 'sendText', location: 'sendLocation', contacts: 'sendContacts', reaction: 'sendReaction', template: 'sendTemplate',
  image: 'sendImage', document: 'sendDocument', video: 'sendVideo', audio: 'sendAudio', sticker: 'sendSticker',
};

// sdkInput turns a Cloud API payload into the input of the SDK's sender for
// its type, or returns null when the SDK has no sender for it.
function sdkInput(doc) {
  if (doc === null || typeof doc !== 'object' || doc.messaging_product !== 'whatsapp' || !senders[doc.type]) return null;
  const base = { phoneNumberId: '106540352242922' };
  if (doc.to !== undefined) base.to = doc.to;
  if (doc.recipient_type !== undefined) base.recipientType = doc.recipient_type;
  if (doc.context?.message_id !== undefined) base.contextMessageId = doc.context.message_id;
  if (doc.biz_opaque_callback_data !== undefined) base.bizOpaqueCallbackData = doc.biz_opaque_callback_data;
  const body = doc[doc.type];
  if (doc.type === 'text') {
    if (body === null || typeof body !== 'object') return null;
    return { ...base, body: body.body, ...(body.preview_url !== undefined ? { previewUrl: body.preview_url } : {}) };
  }
  if (media.includes(doc.type) || ['location', 'contacts', 'reaction', 'template'].includes(doc.type)) {
    return { ...base, [doc.type]: camel(body) };
  }
  return null;
}

// The fetch the client is given: it answers every request at once, with no
// body, so that only the SDK's own work before the request is timed.
const answer = { ok: true, status: 204, headers: { get: () => '' }, text: async () => '' };
const client = new WhatsAppClient({ accessToken: 'bench', fetch: async () => answer });

async function sdkCheck(p) {
  await client.messages[p.sender](p.input);
}

// measure runs check over the payloads, round and round, for about seconds,
// and returns payloads per second and per CPU-second of the process.
async function measure(check, payloads, seconds) {
  const limit = BigInt(Math.round(seconds * 1e9));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let n = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < payloads.length; i++) await check(payloads[i]);
    n += payloads.length;
    elapsed = process.hrtime.bigint() - t0;
  } while (elapsed < limit);
  const cpu = process.cpuUsage(cpu0);
  return { perSec: n / (Number(elapsed) / 1e9), perCoreSec: n / ((cpu.user + cpu.system) / 1e6) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const rows = readCorpus(args.dir);
  const { walint } = await loadWalint(args.package);
  const payloads = [];
  const refused = {};
  for (const { text } of rows) {
    let doc;
    try {
      doc = JSON.parse(text);
    } catch {
      continue;
    }
    const input = sdkInput(doc);
    if (!input) continue;
    const p = { text, type: doc.type, sender: senders[doc.type], input };
    try {
      await sdkCheck(p);
    } catch {
      refused[doc.type] = (refused[doc.type] || 0) + 1;
      continue;
    }
    payloads.push(p);
  }
  const groups = { mixed: payloads };
  for (const t of ['text', 'template']) groups[t] = payloads.filter((p) => p.type === t);
  groups.media = payloads.filter((p) => media.includes(p.type));
  const pipelines = {
    sdk: sdkCheck,
    walint: (p) => !walint.validate(p.text).findings.some((f) => f.severity === 'error'),
  };
  const results = {};
  for (const [group, list] of Object.entries(groups)) {
    for (const [name, check] of Object.entries(pipelines)) {
      await measure(check, list, Math.min(0.3, args.seconds)); // warm up
    }
    const runs = { sdk: [], walint: [] };
    // The two sides alternate, run by run, so that the machine's load
    // weighs on both alike.
    for (let r = 0; r < args.runs; r++) {
      for (const [name, check] of Object.entries(pipelines)) runs[name].push(await measure(check, list, args.seconds));
    }
    for (const name of Object.keys(pipelines)) {
      results[`${name}/${group}`] = {
        payloads: list.length,
        perSec: median(runs[name].map((x) => x.perSec)),
        perCoreSec: median(runs[name].map((x) => x.perCoreSec)),
        usPerPayload: 1e6 / median(runs[name].map((x) => x.perCoreSec)),
      };
    }
  }
  // The SDK's package.json is not among its exports: read it from the file.
  const version = (pkg) => JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  const sdkVersion = version('@kapso/whatsapp-cloud-api');
  const zodVersion = version('zod');
  const out = { node: process.version, sdk: sdkVersion, zod: zodVersion, payloads: payloads.length, refused, results };
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
  console.log(`node ${out.node}, @kapso/whatsapp-cloud-api ${sdkVersion} (zod ${zodVersion}), walint ${walint.version}`);
  console.log(`${payloads.length} payloads the SDK expresses and accepts; refused by its schemas (left out): ${JSON.stringify(refused)}`);
  console.log('group'.padEnd(16) + 'payloads/s/core'.padStart(17) + 'µs/payload'.padStart(12));
  for (const [k, r] of Object.entries(results)) {
    console.log(k.padEnd(16) + Math.round(r.perCoreSec).toString().padStart(17) + r.usPerPayload.toFixed(1).padStart(12));
  }
  console.log('walint ÷ SDK, payloads/s/core: ' +
    Object.keys(groups).map((g) => `${g} ${(results[`walint/${g}`].perCoreSec / results[`sdk/${g}`].perCoreSec).toFixed(2)}×`).join(', '));
}

main().catch((err) => {
  console.error(`bench: ${err.stack || err.message}`);
  process.exit(1);
});
