'use strict';
// The cost of one walint.validate call of the npm package, in CPU µs: a
// one-line payload (the call's fixed cost shows most there), a 233-byte
// text and the whole corpus, each checked over and over in one process.
// Given several packages (the checkout's wasm/npm and, say, one built from
// an older commit), it loads them all and alternates them round by round,
// so that the machine's load weighs on each alike:
//
//   node bench/node/calls.js CORPUS_DIR [--package DIR]... [--rounds 7] [--calls 20000]
//
// Without --package it measures this checkout's wasm/npm (make npm first).

const path = require('path');
const { median, readCorpus, loadWalint } = require('./common');

function parseArgs(argv) {
  const args = { dir: '', packages: [], rounds: 7, calls: 20000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--package') args.packages.push(path.resolve(argv[++i]));
    else if (a === '--rounds') args.rounds = Number(argv[++i]);
    else if (a === '--calls') args.calls = Number(argv[++i]);
    else if (!a.startsWith('--') && !args.dir) args.dir = a;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.dir) throw new Error('usage: node calls.js CORPUS_DIR [--package DIR]... [--rounds N] [--calls N]');
  if (args.packages.length === 0) args.packages.push(path.join(__dirname, '..', '..', 'wasm', 'npm'));
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const rows = readCorpus(args.dir);
  const corpus = rows.map((r) => r.text);
  const text = rows.find((r) => r.name.includes('-text-ok.json')).text;
  const cases = {
    'one-line payload': ['{"messaging_product":"whatsapp","to":"+14155552671","type":"text","text":{"body":"hi there"}}'],
    [`a text of ${Buffer.byteLength(text)} B`]: [text],
    [`the corpus (${corpus.length})`]: corpus,
  };
  const walints = [];
  for (const dir of args.packages) {
    walints.push((await loadWalint(dir)).walint);
  }
  console.log(`node ${process.version}; CPU µs per walint.validate call, median of ${args.rounds} rounds (the rounds in brackets)`);
  for (const [name, texts] of Object.entries(cases)) {
    const n = Math.max(texts.length, args.calls);
    for (const w of walints) for (let i = 0; i < Math.min(n, 5000); i++) w.validate(texts[i % texts.length]); // warm up
    const us = walints.map(() => []);
    for (let r = 0; r < args.rounds; r++) {
      for (const [k, w] of walints.entries()) {
        const c0 = process.cpuUsage();
        for (let i = 0; i < n; i++) w.validate(texts[i % texts.length]);
        const c = process.cpuUsage(c0);
        us[k].push((c.user + c.system) / n);
      }
    }
    const cols = args.packages.map((dir, k) => `${path.relative(process.cwd(), dir) || '.'}: ${median(us[k]).toFixed(1)} [${us[k].map((x) => x.toFixed(0)).join(' ')}]`);
    const ratio = walints.length > 1 ? `  first ÷ last ${(median(us[0]) / median(us[us.length - 1])).toFixed(2)}×` : '';
    console.log(`${name.padEnd(24)}${cols.join('   ')}${ratio}`);
  }
}

main().catch((err) => {
  console.error(`bench: ${err.stack || err.message}`);
  process.exit(1);
});
