'use strict';
// The JavaScript side of walint's benchmark: what a Node team would do
// before sending a WhatsApp payload. For each payload: JSON.parse, ajv
// (draft 2020-12) with walint's own schemas from schemas/, and
// libphonenumber-js on "to". Run by bench/run.sh; by hand:
//
//   node bench/node/validate.js CORPUS_DIR [--runs 6] [--seconds 1] [--json OUT] [--package DIR]
//
// CORPUS_DIR is what `go run ./bench/gen -out CORPUS_DIR` wrote. For each group
// of payloads (text, template, interactive, and the whole corpus, "mixed") it
// reports the median over the runs of payloads per second (wall clock) and
// per CPU-second of the process (V8's helper threads included), for ajv with
// its default of stopping at the first error and with allErrors, which is
// what walint's report of every finding compares with; and, in the same
// process on the same texts, walint's npm package (wasm/npm, built by make
// npm and imported by its path, or the one --package names):
// walint.validate, a payload may be sent when it has no error. --no-walint
// leaves the package out.

const fs = require('fs');
const path = require('path');
const { median, readCorpus, loadWalint } = require('./common');
const Ajv2020 = require('ajv/dist/2020');
// The "max" metadata validates the digits of a number, as libphonenumber
// (and walint, through its Go port) does; the default "min" set only checks
// lengths.
const { isValidPhoneNumber } = require('libphonenumber-js/max');

const CLOUD = 'https://walint.dev/schemas/cloud/message.json';
const ONPREM = 'https://walint.dev/schemas/onprem/message.json';

function parseArgs(argv) {
  const args = { runs: 6, seconds: 1, json: '', schemas: path.join(__dirname, '..', '..', 'schemas'), dir: '', walint: true,
    package: path.join(__dirname, '..', '..', 'wasm', 'npm') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Number(argv[++i]);
    else if (a === '--seconds') args.seconds = Number(argv[++i]);
    else if (a === '--json') args.json = argv[++i];
    else if (a === '--schemas') args.schemas = argv[++i];
    else if (a === '--no-walint') args.walint = false;
    else if (a === '--package') args.package = path.resolve(argv[++i]);
    else if (!a.startsWith('--') && !args.dir) args.dir = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.dir) throw new Error('usage: node validate.js CORPUS_DIR [--runs N] [--seconds S] [--json OUT] [--schemas DIR]');
  return args;
}

// schemaFiles lists every .json file under dir.
function schemaFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...schemaFiles(p));
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

// compile adds every schema by its $id and compiles the two roots, once.
// The x- keywords are walint's annotations: declared as keywords so that
// ajv's strict mode stays on for everything else.
function compile(schemaDir, allErrors) {
  const ajv = new Ajv2020({ allErrors, allowUnionTypes: true, strictTypes: false });
  for (const keyword of ['x-expected', 'x-hint', 'x-members', 'x-rule', 'x-vocabulary']) ajv.addKeyword({ keyword, schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-misplaced', schemaType: 'object' });
  for (const f of schemaFiles(schemaDir)) ajv.addSchema(JSON.parse(fs.readFileSync(f, 'utf8')));
  return { cloud: ajv.getSchema(CLOUD), onprem: ajv.getSchema(ONPREM) };
}

// check is the whole pipeline for one payload; it returns whether the
// payload may be sent. The dialect is chosen as walint's auto-detection does:
// messaging_product means the Cloud API.
function check(v, text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  const cloud = doc !== null && typeof doc === 'object' && !Array.isArray(doc) && 'messaging_product' in doc;
  let ok = (cloud ? v.cloud : v.onprem)(doc);
  if (cloud && typeof doc.to === 'string' && doc.recipient_type !== 'group' && !('status' in doc)) {
    ok = isValidPhoneNumber(doc.to.startsWith('+') ? doc.to : '+' + doc.to) && ok;
  }
  return ok;
}

// checkWalint is walint's pipeline for one payload: it may be sent when it
// has no error, the guard's default.
function checkWalint(walint, text) {
  return !walint.validate(text).findings.some((f) => f.severity === 'error');
}

// measure runs the pipeline over texts, round and round, for about seconds.
function measure(v, texts, seconds, checkFn = check) {
  const limit = BigInt(Math.round(seconds * 1e9));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let n = 0;
  let sink = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < texts.length; i++) if (checkFn(v, texts[i])) sink++;
    n += texts.length;
    elapsed = process.hrtime.bigint() - t0;
  } while (elapsed < limit);
  const cpu = process.cpuUsage(cpu0);
  const secs = Number(elapsed) / 1e9;
  return { perSec: n / secs, perCoreSec: n / ((cpu.user + cpu.system) / 1e6), sink };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const corpus = readCorpus(args.dir);
  const w = args.walint ? await loadWalint(args.package) : null;
  const t0 = process.hrtime.bigint();
  const variants = { first: compile(args.schemas, false), all: compile(args.schemas, true) };
  const compileMs = Number(process.hrtime.bigint() - t0) / 2e6; // per variant

  // What the pipeline catches, for the record.
  let caught = 0, invalid = 0, falsePos = 0;
  const missed = {};
  for (const p of corpus) {
    const ok = check(variants.all, p.text);
    if (p.mistake) {
      invalid++;
      if (!ok) caught++;
      else missed[p.mistake] = (missed[p.mistake] || 0) + 1;
    } else if (!ok) {
      falsePos++;
    }
  }

  const groups = {
    text: corpus.filter((p) => p.type === 'text').map((p) => p.text),
    template: corpus.filter((p) => p.type === 'template').map((p) => p.text),
    interactive: corpus.filter((p) => p.type === 'interactive').map((p) => p.text),
    mixed: corpus.map((p) => p.text),
  };
  // What walint's package catches, the same way.
  let walintCorpus = null;
  if (w) {
    walintCorpus = { caught: 0, falsePositives: 0, missed: {} };
    for (const p of corpus) {
      const ok = checkWalint(w.walint, p.text);
      if (p.mistake && !ok) walintCorpus.caught++;
      else if (p.mistake) walintCorpus.missed[p.mistake] = (walintCorpus.missed[p.mistake] || 0) + 1;
      else if (!ok) walintCorpus.falsePositives++;
    }
  }

  const results = {};
  const pipelines = Object.entries(variants).map(([variant, v]) => [variant, v, check]);
  if (w) pipelines.push(['walint', w.walint, checkWalint]);
  for (const [variant, v, checkFn] of pipelines) {
    for (const [group, texts] of Object.entries(groups)) {
      measure(v, texts, Math.min(0.3, args.seconds), checkFn); // warm up: let V8 optimise
      const runs = [];
      for (let r = 0; r < args.runs; r++) runs.push(measure(v, texts, args.seconds, checkFn));
      results[`${variant}/${group}`] = {
        payloads: texts.length,
        perSec: median(runs.map((x) => x.perSec)),
        perCoreSec: median(runs.map((x) => x.perCoreSec)),
        runs: runs.map((x) => Math.round(x.perSec)),
      };
    }
  }

  const out = {
    node: process.version,
    ajv: require('ajv/package.json').version,
    libphonenumber: require('libphonenumber-js/package.json').version,
    compileMs,
    corpus: { payloads: corpus.length, invalid, caught, falsePositives: falsePos, missed },
    results,
  };
  if (w) out.walint = { version: w.walint.version, importMs: w.importMs, loadMs: w.loadMs, corpus: walintCorpus };
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');

  console.log(`node ${out.node}, ajv ${out.ajv} (draft 2020-12), libphonenumber-js ${out.libphonenumber} (max metadata)`);
  console.log(`schemas added and both roots compiled in ${compileMs.toFixed(1)} ms`);
  console.log(`catches ${caught} of ${invalid} payloads with a mistake; flags ${falsePos} valid ones`);
  console.log('group'.padEnd(24) + 'payloads/s'.padStart(12) + 'payloads/s/core'.padStart(17) + '  runs');
  for (const [k, r] of Object.entries(results)) {
    console.log(k.padEnd(24) + Math.round(r.perSec).toString().padStart(12) + Math.round(r.perCoreSec).toString().padStart(17) + '  ' + r.runs.join(' '));
  }
  if (w) {
    const c = out.walint.corpus;
    console.log(`walint (npm package, WebAssembly) in the same process: import ${w.importMs.toFixed(0)} ms, first load() ${w.loadMs.toFixed(0)} ms; ` +
      `catches ${c.caught} of ${invalid} payloads with a mistake; flags ${c.falsePositives} valid ones`);
    console.log('walint ÷ ajv allErrors + libphonenumber-js, payloads/s/core: ' +
      Object.keys(groups).map((g) => `${g} ${(results[`walint/${g}`].perCoreSec / results[`all/${g}`].perCoreSec).toFixed(2)}×`).join(', '));
  }
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
