// Helpers the bench/node scripts share: the median of runs, make bench's
// generated corpus, and walint's npm package.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// readCorpus reads the corpus bench/gen wrote into dir: its manifest's rows,
// each with the payload's text.
function readCorpus(dir) {
  const rows = fs.readFileSync(path.join(dir, 'manifest.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  return rows.map((l) => {
    const [name, dialect, kind, mistake, rule] = l.split('\t');
    return { name, dialect, kind, type: kind.split('.')[0], mistake: mistake === '-' ? '' : mistake, rule,
      text: fs.readFileSync(path.join(dir, 'json', name), 'utf8') };
  });
}

// loadWalint loads walint's npm package from dir, timing the
// import and the first load() (decompress, compile, start the module).
async function loadWalint(dir) {
  const index = path.join(dir, 'index.js');
  if (!fs.existsSync(path.join(dir, 'dist', 'walint.wasm.br'))) {
    throw new Error(`${path.join(dir, 'dist')} is missing: run make npm first`);
  }
  const t0 = process.hrtime.bigint();
  const { load } = await import(pathToFileURL(index).href);
  const t1 = process.hrtime.bigint();
  const walint = await load();
  const t2 = process.hrtime.bigint();
  return { walint, importMs: Number(t1 - t0) / 1e6, loadMs: Number(t2 - t1) / 1e6 };
}

module.exports = { median, readCorpus, loadWalint };
