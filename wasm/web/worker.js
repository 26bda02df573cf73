// walint's Web Worker: runs the Go module off the page's thread.
//
// walint.js starts it from a Blob of wasm_exec.js followed by this file, so
// globalThis.Go is already defined here. Messages in: {type: "init", module}
// once, then {id, op, args}. Messages out: {type: "ready", version, docsURL, reference, mediaKinds}
// or {type: "failed", message}, then one {id, json} or {id, error} per call.
"use strict";

let go = null;

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "init") {
    try {
      go = new Go();
      const instance = await WebAssembly.instantiate(msg.module, go.importObject);
      go.run(instance); // Returns a promise that settles only when the program exits.
      self.postMessage({ type: "ready", version: walint.version(), docsURL: walint.docsURL, reference: walint.reference, mediaKinds: walint.mediaKinds });
    } catch (err) {
      self.postMessage({ type: "failed", message: `starting walint: ${err.message ?? err}` });
    }
    return;
  }
  const { id, op, args } = msg;
  try {
    const fn = walint[op];
    if (typeof fn !== "function") throw new Error(`walint has no ${op}`);
    if (op === "inspectMedia" && args[0] instanceof Blob) {
      // Read the file piece by piece instead of copying it whole into the
      // module's memory: inspection reads a head and a few boxes.
      const blob = args[0];
      const reader = new FileReaderSync();
      args[0] = (offset, length) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, offset + length)));
      args[2] = { ...args[2], size: blob.size };
    }
    const out = fn(...args);
    self.postMessage(out.error !== undefined ? { id, error: out.error } : { id, json: out.json });
  } catch (err) {
    // Calling into a Go program that has exited throws; walint.js starts a
    // new worker when it sees fatal.
    self.postMessage({ id, error: `walint failed: ${err.message ?? err}`, fatal: go?.exited === true });
  }
};
