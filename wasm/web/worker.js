// walint's Web Worker: runs the Go module off the page's thread.
//
// walint.js starts it from a Blob of wasm_exec.js followed by this file, so
// globalThis.Go is already defined here. Messages in: {type: "init", module}
// once, then {id, op, args}. Messages out: {type: "ready", version, docsURL, reference, mediaKinds,
// maxMediaBytes, mediaTooLarge, marks} or {type: "failed", message}, then one {id, json} or {id, error} per
// call, and {type: "crashed", message} when the Go program has ended or a message could not be read:
// walint.js then fails the call in flight and starts a new worker.
"use strict";

/**
 * Go's runtime, the class wasm_exec.js defines, as this worker uses it.
 * @typedef {object} GoRuntime
 * @property {WebAssembly.Imports} importObject
 * @property {(instance: WebAssembly.Instance) => Promise<void>} run
 * @property {boolean} exited
 * @property {(code: number) => void} exit
 * @property {{ id: number }} _pendingEvent
 * @property {() => void} _resume
 */

/**
 * The API the Go program sets as globalThis.walint (wasm/main.go): the
 * module's facts, and the calls, which answer {json} or {error}.
 * @typedef {{
 *   version(): string,
 *   docsURL: string,
 *   reference: string,
 *   mediaKinds: string[],
 *   maxMediaBytes: number,
 *   mediaTooLarge: string,
 *   [op: string]: unknown,
 * }} GoAPI
 */

/**
 * The worker's global scope, with what wasm_exec.js and the Go program add
 * to it. FileReaderSync is a worker's, missing from the page's types (lib
 * dom) that tsc checks this file with.
 * @typedef {typeof globalThis & {
 *   Go: new () => GoRuntime,
 *   walint: GoAPI,
 *   walintMainAt?: number,
 *   fs: { writeSync(fd: number, buf: Uint8Array): number },
 *   FileReaderSync: new () => { readAsArrayBuffer(blob: Blob): ArrayBuffer },
 * }} WorkerScope
 */
const scope = /** @type {WorkerScope} */ (globalThis);

/** @type {GoRuntime | null} */
let go = null;

// loaded is when this script started, for the page's performance marks.
const loaded = now();

// stderr is the start of what the Go program wrote to standard error, which
// wasm_exec.js passes on to console.log: a panic or a fatal error says there
// why the program ended.
let stderr = "";
const writeSync = scope.fs.writeSync;
scope.fs.writeSync = function (fd, buf) {
  if (fd === 2 && stderr.length < 4096) stderr += new TextDecoder().decode(buf);
  return writeSync.call(this, fd, buf);
};
let exitCode = null;

// ended says why the Go program ended: its exit code and the first line it
// wrote to standard error ("fatal error: out of memory", "panic: ...").
function ended() {
  const line = stderr
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  return `the Go program ended (exit code ${exitCode ?? "unknown"})${line ? `: ${line}` : ""}`;
}

// crashed tells the page, once, that this worker can answer no more.
let told = false;
/** @param {string} message */
function crashed(message) {
  if (told) return;
  told = true;
  self.postMessage({ type: "crashed", message });
}

// A message that cannot be deserialized here never reaches onmessage, and
// its call would wait for an answer until its timeout.
self.onmessageerror = () => crashed("a message to the worker could not be read");

self.onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "init") {
    // The times of the start's steps, for the page's performance marks:
    // absolute, since the worker's clock starts where the page's does not.
    const marks = { "worker-loaded": loaded, "worker-init": now() };
    try {
      go = new scope.Go();
      go.exit = (code) => {
        exitCode = code;
      }; // Said in the crashed message, not on the console.
      const instance = await WebAssembly.instantiate(/** @type {WebAssembly.Module} */ (msg.module), go.importObject);
      marks.instantiated = now();
      // go.run returns a promise that settles only when the program ends,
      // which walint's never does by itself: main waits forever. It returns
      // once main waits, the API set and the schemas compiled.
      go.run(instance).then(
        () => crashed(ended()),
        (err) => crashed(`the Go program failed: ${err.message ?? err}`),
      );
      if (go.exited) throw new Error(ended());
      if (typeof scope.walintMainAt === "number") marks["go-main"] = performance.timeOrigin + scope.walintMainAt;
      marks["go-started"] = now();
      self.postMessage({
        type: "ready",
        version: scope.walint.version(),
        docsURL: scope.walint.docsURL,
        reference: scope.walint.reference,
        mediaKinds: scope.walint.mediaKinds,
        maxMediaBytes: scope.walint.maxMediaBytes,
        mediaTooLarge: scope.walint.mediaTooLarge,
        marks,
      });
    } catch (err) {
      self.postMessage({ type: "failed", message: `starting walint: ${err.message ?? err}` });
    }
    return;
  }
  if (msg.type === "crash-for-test") {
    crashForTest(msg.how);
    return;
  }
  const { id, op, args } = msg;
  try {
    const fn = scope.walint[op];
    if (typeof fn !== "function") throw new Error(`walint has no ${op}`);
    if (op === "inspectMedia" && args[0] instanceof Blob) {
      // Read the file piece by piece instead of copying it whole into the
      // module's memory: inspection reads a head and a few boxes.
      const blob = args[0];
      const reader = new scope.FileReaderSync();
      args[0] = (offset, length) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, offset + length)));
      args[2] = { ...args[2], size: blob.size };
    }
    const out = fn(...args);
    if (go.exited) throw new Error("the call ended the Go program");
    self.postMessage(out.error !== undefined ? { id, error: out.error } : { id, json: out.json });
  } catch (err) {
    // A call that ends the Go program returns nothing, and calling into a
    // program that has ended throws: either way the worker is done for.
    if (go?.exited) crashed(ended());
    else self.postMessage({ id, error: `walint failed: ${err.message ?? err}` });
  }
};

// now is the time in milliseconds since the epoch, as precise as
// performance.now.
function now() {
  return performance.timeOrigin + performance.now();
}

// crashForTest breaks the worker on purpose. Only the browser tests
// (wasm/e2e) send {type: "crash-for-test"}, in place of a call, to see the
// page survive each way a worker dies: "exit" ends the Go program with a
// real fatal error (the deadlock wasm_exec_node.js provokes the same way),
// "error" throws an uncaught exception (the worker's error event), and
// "messageerror" fires the event of a message that could not be read.
/** @param {"exit" | "messageerror" | "error"} how */
function crashForTest(how) {
  if (how === "exit") {
    go._pendingEvent = { id: 0 };
    go._resume();
  } else if (how === "messageerror") {
    self.dispatchEvent(new MessageEvent("messageerror"));
  } else {
    setTimeout(() => {
      throw new Error("walint test crash");
    });
  }
}
