#!/usr/bin/env node
// npx walint: walint's command (cmd/walint) compiled to WebAssembly and run
// by node, with the same flags, output formats and exit codes as the
// native binary. It runs in a process of its own, so Go gets node's real
// file system as its globals, as Go's own go_js_wasm_exec does.

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { goClass } from '../dist/wasm_exec.js';

const exitInternal = 3; // walint's exit code for its own failure

globalThis.fs = fs;
globalThis.path = path;
globalThis.crypto ??= crypto.webcrypto; // Node 18

try {
  const Go = goClass(globalThis);
  const go = new Go();
  go.argv = ['walint', ...process.argv.slice(2)];
  go.env = { TMPDIR: os.tmpdir(), ...process.env };
  go.exit = (code) => process.exit(code);
  const module = zlib.brotliDecompressSync(fs.readFileSync(new URL('../dist/walint-cli.wasm.br', import.meta.url)));
  const { instance } = await WebAssembly.instantiate(module, go.importObject);
  process.on('exit', (code) => {
    // node found nothing left to wait for while Go still runs: Go is
    // stuck. Let it say where (its deadlock report), as go_js_wasm_exec does.
    if (code === 0 && !go.exited) {
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  await go.run(instance);
} catch (err) {
  console.error(`walint: ${err?.stack ?? err}`);
  process.exit(exitInternal);
}
