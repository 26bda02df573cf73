// walint's JavaScript API: the Go library compiled to WebAssembly, run in a
// Web Worker so that the page stays responsive.
//
//   import { init } from "./walint.js";
//   const walint = await init({ wasmURL: "walint.wasm" });
//   const report = await walint.validate(text, { dialect: "auto" });
//
// Nothing here talks to a server except to load walint.wasm, wasm_exec.js
// and worker.js, once, at init. The compiled module and the worker's source
// are kept, so that a worker restarted after a timeout needs no network.
//
// Go in WebAssembly cannot interrupt itself, so a call that runs past its
// timeout is abandoned: the worker is terminated and a new one started.
// A worker that crashes (the Go program ends, the worker raises an error,
// a message cannot be read) is replaced the same way, at once, and its
// call is abandoned with a CrashError, not left to time out. validate and
// inspectMedia then resolve with an internal-error finding, fix with the
// text unchanged and an error; report and rules reject with the
// TimeoutError or CrashError.

import { checkOptions, payloadArg, payloadText } from "./core.js";

const here = new URL(".", import.meta.url);

/** Where the rules are documented; the Go side says, this is the fallback. */
const defaultDocsURL = "https://github.com/walint/walint/blob/main/docs/rules.md";

/**
 * Loads the module and returns the API.
 * @param {import("./walint").InitOptions} [options]
 * @returns {Promise<import("./walint").Walint>}
 */
export async function init(options = {}) {
  const wasmURL = new URL(options.wasmURL ?? "walint.wasm", globalThis.document?.baseURI ?? here);
  const execURL = new URL(options.wasmExecURL ?? "wasm_exec.js", here);
  const timeout = options.timeout ?? 3000;
  const mediaTimeout = options.mediaTimeout ?? 10000;
  // The marks show in the browser's performance tools (and the tests' logs).
  performance.mark("walint:init");
  // The module compiles while the worker's scripts load and the worker
  // starts: the worker takes the module the moment it is ready.
  const module = compiled(options.module, wasmURL);
  module.then(
    () => performance.mark("walint:compiled"),
    () => {},
  ); // Failures are reported below.
  let backend;
  if (options.worker === false) {
    backend = await inPage(await module, execURL);
  } else {
    const scripts = Promise.all([execURL, new URL("worker.js", here)].map(fetchText));
    // When both fail, the module's failure is the one to report.
    backend = await inWorker(
      module,
      await scripts.catch(async (err) => {
        await module;
        throw err;
      }),
    );
  }
  performance.mark("walint:ready");
  return api(backend, { timeout, mediaTimeout });
}

// compiled is the module: the one given (a WebAssembly.Module, or a promise
// of one a page started before its scripts loaded), or compiled from url,
// which is also what happens when the one given fails: a request that
// failed is then made again and reported.
async function compiled(given, url) {
  if (given) {
    try {
      return await given;
    } catch {
      // Compiled again below, for the error.
    }
  }
  return compile(url);
}

async function compile(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`loading ${url}: ${resp.status} ${resp.statusText}`);
  if (WebAssembly.compileStreaming && resp.headers.get("Content-Type") === "application/wasm") {
    return WebAssembly.compileStreaming(resp);
  }
  return WebAssembly.compile(await resp.arrayBuffer());
}

/** The API over a backend: a function (op, args, timeout) → Promise. */
function api(backend, { timeout, mediaTimeout }) {
  const docsURL = backend.docsURL || defaultDocsURL;
  // The check options a call sends when it gives none.
  const defaults = { dialect: "auto", kind: "auto", sender: "", templates: "" };
  const failed = (message) => ({
    rule: "internal-error",
    severity: "error",
    code: 0,
    cloud_code: 0,
    pointer: "",
    span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    message,
    hint: "The check was abandoned; the page is still usable. If this payload is small, please report it.",
    doc: `${docsURL}#internal-error`,
  });
  // Runs op; an abandoned call (timed out or crashed) resolves with
  // onAbandoned(message) when given, and rejects otherwise.
  const call = async (op, args, ms, onAbandoned) => {
    try {
      const out = await backend.call(op, args, ms);
      return op === "report" ? out : JSON.parse(out); // A report is text to save, kept as Go wrote it.
    } catch (err) {
      if ((err.name === "TimeoutError" || err.name === "CrashError") && onAbandoned) return onAbandoned(err.message);
      throw err;
    }
  };
  return {
    version: backend.version,
    reference: backend.reference,
    mediaKinds: backend.mediaKinds,
    maxMediaBytes: backend.maxMediaBytes,
    docsURL,
    // The options and the payload are checked by core.js, as the npm
    // package checks them; a bad one rejects the call's promise.
    validate: async (text, opts) =>
      call("validate", [payloadArg(text, "validate"), checkOptions(opts, defaults, "validate")], timeout, (msg) => ({
        path: "payload",
        dialect: "",
        kind: "",
        type: "",
        findings: [failed(msg)],
      })),
    fix: async (text, opts) => {
      const p = payloadArg(text, "fix");
      return call("fix", [p, checkOptions(opts, defaults, "fix")], timeout, (msg) => ({
        text: payloadText(p),
        fixed: 0,
        error: msg,
      }));
    },
    report: async (text, opts) =>
      call(
        "report",
        [
          payloadArg(text, "report"),
          checkOptions(opts, { ...defaults, format: "json", path: "payload" }, "report", ["format", "path"]),
        ],
        timeout,
      ),
    inspectMedia: async (data, kind = "", opts) => {
      if (data instanceof ArrayBuffer) data = new Uint8Array(data);
      if (!(data instanceof Uint8Array) && !(data instanceof Blob))
        throw new TypeError("inspectMedia takes a Uint8Array or a Blob");
      // A file over the module's cap is refused by its size, with the
      // module's own message, before a byte of it is read or sent to the
      // worker: the module would refuse it anyway, and a copy of 2 GB is
      // what killed it.
      if ((data.size ?? data.length) > backend.maxMediaBytes) throw new Error(backend.mediaTooLarge);
      if (data instanceof Blob && !backend.takesBlobs) data = new Uint8Array(await data.arrayBuffer());
      const { dialect } = checkOptions(opts, { dialect: "auto" }, "inspectMedia", [], ["dialect"]);
      return call("inspectMedia", [data, kind ?? "", { dialect }], mediaTimeout, (msg) => ({
        kind,
        mime: "",
        descriptor: "",
        container: "",
        size: data.size ?? data.length,
        animated: false,
        tracks: [],
        findings: [failed(msg)],
      }));
    },
    rules: () => call("rules", [], timeout),
    terminate: () => backend.terminate(),
  };
}

async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`loading ${url}: ${r.status} ${r.statusText}`);
  return r.text();
}

/**
 * A backend that runs the module in a Web Worker, one call at a time. The
 * module may still be compiling (a promise): the worker starts meanwhile.
 */
async function inWorker(module, [exec, work]) {
  // The worker is started from a Blob of wasm_exec.js and worker.js, fetched
  // once, so restarting it costs no request.
  const source = URL.createObjectURL(new Blob([exec, "\n", work], { type: "text/javascript" }));

  // worker is the one worker in use, ready says when it can take calls,
  // and pending is the call it is running: {id, resolve, reject, timer}.
  let worker,
    ready,
    pending = null;

  // abandon ends worker w, which ran past a call's timeout or crashed: the
  // call in flight fails with err, and a new worker starts at once, so that
  // the next call finds it ready. A worker already replaced is left be.
  const abandon = (w, err) => {
    if (w !== worker) return;
    w.terminate();
    const p = pending;
    pending = null;
    start().catch(() => {}); // A failure shows on the next call.
    if (p) {
      clearTimeout(p.timer);
      p.reject(err);
    }
  };

  const start = () => {
    const w = (worker = new Worker(source));
    let started = false;
    ready = new Promise((resolve, reject) => {
      // Whatever goes wrong before the worker is ready is a failure to
      // start, reported by init or the next call; after, it is a crash.
      const fail = (reason) => {
        if (!started) reject(new Error(reason || "the worker failed to start"));
        else abandon(w, crashError(reason));
      };
      w.onmessage = (e) => {
        const m = e.data;
        if (m.type === "ready") {
          started = true;
          // The worker's steps on the page's timeline, as walint:instantiated
          // and so on, once: a restarted worker's would only confuse.
          for (const [name, at] of Object.entries(m.marks ?? {})) {
            if (!performance.getEntriesByName(`walint:${name}`, "mark").length) {
              performance.mark(`walint:${name}`, { startTime: at - performance.timeOrigin });
            }
          }
          resolve(m);
        } else if (m.type === "failed" || m.type === "crashed") {
          fail(m.message);
        } else if (w === worker && pending?.id === m.id) {
          const p = pending;
          pending = null;
          clearTimeout(p.timer);
          if (m.error !== undefined) p.reject(new Error(m.error));
          else p.resolve(m.json);
        }
      };
      w.onerror = (e) => {
        e.preventDefault(); // Reported here, as the call's error, not again on the page's console.
        fail(e.message);
      };
      w.onmessageerror = () => fail("a message from the worker could not be read");
      // The module goes to the worker once compiled, and a compile that
      // failed fails the start. (A restarted worker has it at once.)
      Promise.resolve(module).then((m) => w.postMessage({ type: "init", module: m }), reject);
    });
    return ready;
  };
  let info;
  try {
    info = await start();
  } catch (err) {
    worker.terminate();
    URL.revokeObjectURL(source);
    throw err;
  }

  // Calls queue up and run one at a time: the worker could not run them
  // side by side anyway, and a timeout must measure the call itself, not
  // the calls waiting before it.
  let queue = Promise.resolve();
  let nextID = 1;
  const run = (op, args, ms) =>
    new Promise((resolve, reject) => {
      const w = worker,
        id = nextID++;
      const timer = setTimeout(() => {
        const err = new Error(`walint took longer than ${ms / 1000} s and was stopped`);
        err.name = "TimeoutError";
        abandon(w, err);
      }, ms);
      pending = { id, resolve, reject, timer };
      try {
        w.postMessage({ id, op, args });
      } catch (err) {
        // The arguments cannot be sent (DataCloneError): the worker is fine.
        clearTimeout(timer);
        pending = null;
        reject(err);
      }
    });
  return {
    version: info.version,
    reference: info.reference,
    mediaKinds: info.mediaKinds,
    maxMediaBytes: info.maxMediaBytes,
    mediaTooLarge: info.mediaTooLarge,
    docsURL: info.docsURL,
    takesBlobs: true,
    call(op, args, ms) {
      const p = queue.then(() => ready).then(() => run(op, args, ms));
      queue = p.catch(() => {});
      return p;
    },
    terminate() {
      worker.terminate();
      URL.revokeObjectURL(source);
    },
  };
}

// crashError is the error of a call whose worker crashed, with the reason
// when there is one: the Go program's last words, or the worker's error.
function crashError(reason) {
  const err = new Error(reason ? `walint crashed: ${reason}` : "walint crashed");
  err.name = "CrashError";
  return err;
}

/** A backend that runs the module on the page's own thread: no timeouts. */
async function inPage(module, execURL) {
  if (!globalThis.Go) await import(execURL.href);
  const go = new globalThis.Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  go.run(instance);
  const w = globalThis.walint;
  return {
    version: w.version(),
    reference: w.reference,
    mediaKinds: w.mediaKinds,
    maxMediaBytes: w.maxMediaBytes,
    mediaTooLarge: w.mediaTooLarge,
    docsURL: w.docsURL,
    takesBlobs: false,
    async call(op, args) {
      const out = w[op](...args);
      if (out.error !== undefined) throw new Error(out.error);
      return out.json;
    },
    terminate() {},
  };
}

/**
 * Returns a function that turns a byte offset of text's UTF-8 encoding,
 * as findings give them, into an index of the JavaScript (UTF-16) string.
 * A lone surrogate counts three bytes, as U+FFFD, the way TextEncoder and
 * Go's syscall/js encode it.
 * @param {string} text
 * @returns {(offset: number) => number}
 */
export function byteOffsets(text) {
  // starts[i] is the byte offset of text[i]; one more entry for the end.
  const starts = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    starts[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      text.charCodeAt(i + 1) >= 0xdc00 &&
      text.charCodeAt(i + 1) <= 0xdfff
    ) {
      starts[++i] = b; // The low surrogate shares its pair's offset.
      b += 4;
    } else b += 3;
  }
  starts[text.length] = b;
  return (offset) => {
    // The first index whose offset is >= the one asked for.
    let lo = 0,
      hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
