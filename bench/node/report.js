'use strict';
// Prints bench/run.sh's side-by-side table from what the three comparisons
// wrote:
//
//   node report.js table --go GO_BENCH.txt --node NODE.json --cli CLI.json [--sdk SDK.json]
//   node report.js medians GO_BENCH.txt      (medians of `go test -bench -count N` output, when benchstat is not to be had)
//
// GO_BENCH.txt is `go test -bench` output, NODE.json what validate.js --json
// wrote, SDK.json what sdk.js --json wrote, CLI.json hyperfine's --export-json (or run.sh's stand-in in the same
// shape). Ratios are "how many times faster walint is": above 1, walint is faster.

const fs = require('fs');
const { median } = require('./common');

// goBench reads `go test -bench` output into {name: {unit: [values]}}. The
// -N GOMAXPROCS suffix is dropped from names.
function goBench(file) {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$/.exec(line);
    if (!m) continue;
    const f = m[2].trim().split(/\s+/);
    const b = (out[m[1]] ||= {});
    for (let i = 0; i + 1 < f.length; i += 2) (b[f[i + 1]] ||= []).push(Number(f[i]));
  }
  return out;
}

function goMedian(bench, name, unit) {
  const v = bench[name] && bench[name][unit];
  return v && v.length ? median(v) : NaN;
}

const fmtInt = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const fmtRatio = (x) => (Number.isFinite(x) ? x.toFixed(2) + '×' : '—');
const fmtSec = (x) => (Number.isFinite(x) ? x.toFixed(3) + ' s' : '—');

function medians(file) {
  const bench = goBench(file);
  for (const [name, units] of Object.entries(bench)) {
    const cols = Object.entries(units).map(([u, v]) => `${fmtNum(median(v))} ${u}`);
    console.log(`${name.padEnd(40)} ${cols.join('   ')}   (median of ${Object.values(units)[0].length})`);
  }
}

function fmtNum(x) {
  return Math.abs(x) >= 100 ? fmtInt(x) : String(Number(x.toPrecision(4)));
}

// cliTimes reads hyperfine's --export-json: per command the wall times of
// the runs and the mean user and system CPU seconds.
function cliTimes(file) {
  const out = {};
  for (const r of JSON.parse(fs.readFileSync(file, 'utf8')).results) out[r.command] = { wall: median(r.times), cpu: r.user + r.system };
  return out;
}

function table(args) {
  const go = goBench(args.go);
  const node = JSON.parse(fs.readFileSync(args.node, 'utf8'));
  const cli = cliTimes(args.cli);
  const rows = [];
  const row = (...c) => rows.push(c);
  const W = [34, 16, 26, 12];
  const print = (c) => console.log(c.map((x, i) => (i === 0 ? String(x).padEnd(W[i]) : String(x).padStart(W[i]))).join(''));

  const c = node.corpus;
  console.log(`Corpus: ${c.payloads.toLocaleString('en-US')} payloads, ${c.invalid} with a mistake. ` +
    `ajv + libphonenumber-js catch ${c.caught} of them and flag ${c.falsePositives} valid ones; walint catches all (bench tests).`);
  console.log(`walint: Go benchmarks, -cpu 1, median of ${(go['Corpus/mixed'] || {})['ns/op']?.length || '?'} runs. ` +
    `Node ${node.node}, ajv ${node.ajv}, libphonenumber-js ${node.libphonenumber} (max metadata), median of ${node.results['first/mixed'].runs.length} runs.`);
  console.log('Library figures are payloads per CPU-second of the process (payloads/s/core); ratio = walint ÷ JS, above 1 means walint is faster.');
  console.log('JS column: ajv stopping at the first error / ajv with allErrors (walint always reports every finding); the ratio is against the faster of the two.');
  console.log('');
  print(['library (payloads/s/core)', 'walint', 'ajv+libphonenumber-js', 'ratio']);
  const ratios = {};
  for (const g of ['text', 'template', 'interactive', 'mixed']) {
    const w = goMedian(go, `Corpus/${g}`, 'payloads/s/core');
    const first = node.results[`first/${g}`].perCoreSec;
    const all = node.results[`all/${g}`].perCoreSec;
    ratios[g] = w / Math.max(first, all);
    print([`  ${g}`, fmtInt(w), `${fmtInt(first)} / ${fmtInt(all)}`, fmtRatio(ratios[g])]);
  }
  const cold = goMedian(go, 'Corpus/text-cold', 'payloads/s/core');
  print(['  text, every recipient new', fmtInt(cold), '(no cache: as text)', fmtRatio(cold / Math.max(node.results['first/text'].perCoreSec, node.results['all/text'].perCoreSec))]);
  if (node.walint) {
    console.log('');
    const wc = node.walint.corpus;
    console.log(`Node: walint's npm package (the Go library in WebAssembly) in the same process as ajv + libphonenumber-js: ` +
      `import ${node.walint.importMs.toFixed(0)} ms, first load() ${node.walint.loadMs.toFixed(0)} ms; catches ${wc.caught} of ${c.invalid}, flags ${wc.falsePositives} valid ones. Ratio against ajv with allErrors.`);
    print(['Node (payloads/s/core)', 'walint npm', 'ajv+libphonenumber-js', 'ratio']);
    for (const g of ['text', 'template', 'interactive', 'mixed']) {
      const w = node.results[`walint/${g}`].perCoreSec;
      const all = node.results[`all/${g}`].perCoreSec;
      print([`  ${g}`, fmtInt(w), `${fmtInt(node.results[`first/${g}`].perCoreSec)} / ${fmtInt(all)}`, fmtRatio(w / all)]);
    }
  }
  if (args.sdk) {
    const sdk = JSON.parse(fs.readFileSync(args.sdk, 'utf8'));
    console.log('');
    console.log(`Node: walint's npm package against the Zod checks of @kapso/whatsapp-cloud-api ${sdk.sdk} (zod ${sdk.zod}) before sending, ` +
      `on the ${sdk.payloads.toLocaleString('en-US')} payloads of the corpus the SDK expresses and accepts (sdk.js).`);
    print(['Node (µs per payload, CPU)', 'walint npm', 'Zod SDK', 'ratio']);
    for (const g of ['text', 'template', 'media', 'mixed']) {
      const w = sdk.results[`walint/${g}`];
      const z = sdk.results[`sdk/${g}`];
      if (w && z) print([`  ${g}`, w.usPerPayload.toFixed(1), z.usPerPayload.toFixed(1), fmtRatio(w.perCoreSec / z.perCoreSec)]);
    }
  }
  console.log('');
  print(['library, per payload (walint)', 'µs', 'allocs', 'bytes']);
  for (const g of ['text', 'template', 'interactive', 'mixed', 'text-cold']) {
    const n = `Corpus/${g}`;
    print([`  ${g}`, (goMedian(go, n, 'ns/op') / 1000).toFixed(1), fmtInt(goMedian(go, n, 'allocs/op')), fmtInt(goMedian(go, n, 'B/op'))]);
  }
  console.log('');
  print(['CLI', 'walint', 'ajv-cli', 'ratio']);
  const cliRatio = {};
  for (const [label, w, a] of [['10,000 files', 'walint-10000', 'ajv-cli-10000'], ['1 file (start-up)', 'walint-1', 'ajv-cli-1']]) {
    if (!cli[w] || !cli[a]) continue;
    cliRatio[label] = cli[a].wall / cli[w].wall;
    print([`  ${label}, wall (median)`, fmtSec(cli[w].wall), fmtSec(cli[a].wall), fmtRatio(cliRatio[label])]);
    print([`  ${label}, CPU (mean)`, fmtSec(cli[w].cpu), fmtSec(cli[a].cpu), fmtRatio(cli[a].cpu / cli[w].cpu)]);
  }
  console.log('');
  const text = goMedian(go, 'Corpus/text', 'payloads/s/core');
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  console.log('Goals (issue 7):');
  console.log(`  library >= 30,000 text payloads/s/core, all rules on: ${fmtInt(text)} (every recipient new: ${fmtInt(cold)}): ${verdict(text >= 30000 && cold >= 30000)}`);
  const slowest = Object.entries(ratios).sort((a, b) => a[1] - b[1])[0];
  console.log(`  library faster per payload than ajv + libphonenumber-js: mixed ${fmtRatio(ratios.mixed)}, slowest ${slowest[0]} ${fmtRatio(slowest[1])}: ` +
    verdict(Object.values(ratios).every((r) => r > 1)));
  const r10k = cliRatio['10,000 files'];
  console.log(`  CLI faster than ajv-cli end to end (10,000 files): ${fmtRatio(r10k)}: ${verdict(r10k > 1)}`);
}

function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'medians' && rest.length === 1) return medians(rest[0]);
  if (cmd === 'table') {
    const args = {};
    for (let i = 0; i < rest.length; i += 2) args[rest[i].replace(/^--/, '')] = rest[i + 1];
    if (args.go && args.node && args.cli) return table(args);
  }
  console.error('usage: node report.js table --go GO.txt --node NODE.json --cli CLI.json [--sdk SDK.json] | node report.js medians GO.txt');
  process.exit(2);
}

main();
