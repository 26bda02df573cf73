#!/usr/bin/env node
// npx walint: walint's command (cmd/walint) compiled to WebAssembly and run
// by node, with the same flags, output formats and exit codes as the
// native binary. It runs in a process of its own, so Go gets node's real
// file system as its globals, as Go's own go_js_wasm_exec does.

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { goClass } from "../dist/wasm_exec.js";

const exitInternal = 3; // walint's exit code for its own failure

// The variables Go's runtime reads as it starts, before main can set them.
const runtimeVars = ["GOGC", "GODEBUG", "GOMEMLIMIT", "GOTRACEBACK", "TMPDIR"];

globalThis.fs = fs;
globalThis.path = path;
globalThis.crypto ??= /** @type {Crypto} */ (/** @type {unknown} */ (crypto.webcrypto)); // Node 18

try {
  const Go = goClass(globalThis);
  const go = new Go();
  // The arguments and the environment go in a global the command reads
  // (cmd/walint/args_js.go), not through Go's argv: wasm_exec.js has 12 KB
  // for both, which `npx walint fixtures/*.json` soon overflows. Go's own
  // runtime reads its few variables (GOGC, GODEBUG...) before main, so
  // those go the usual way too.
  const env = { TMPDIR: os.tmpdir(), ...process.env };
  globalThis.walintCommand = { args: process.argv.slice(2), env };
  go.argv = ["walint"];
  go.env = Object.fromEntries(Object.entries(env).filter(([k]) => runtimeVars.includes(k)));
  go.exit = (code) => process.exit(code);
  const module = zlib.brotliDecompressSync(fs.readFileSync(new URL("../dist/walint-cli.wasm.br", import.meta.url)));
  const { instance } = await WebAssembly.instantiate(module, go.importObject);
  process.on("exit", (code) => {
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
