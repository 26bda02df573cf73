// load() and the API it returns: walint's Go library, compiled to
// WebAssembly (../../main.go and api.go), run in this process. Every call
// after load is synchronous: the module answers within the call.

import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { brotliDecompress } from "node:zlib";
import { bytesOf, checkKeys, checkOptions, payloadArg, typeName } from "../dist/core.js";
import { goClass } from "../dist/wasm_exec.js";
import { sandbox } from "./sandbox.js";
// The options the module keeps between validate calls: lastInbound goes
// with each payload instead.
const keptKeys = checkKeys.filter((k) => k !== "lastInbound");

// compiled is the packaged module, compiled once per process and shared
// by every load().
let compiled = null;

async function packagedModule() {
  const file = new URL("../dist/walint.wasm.br", import.meta.url);
  const bytes = await promisify(brotliDecompress)(await readFile(file));
  return WebAssembly.compile(bytes);
}

/**
 * Loads walint's module and returns the API.
 * @param {import('../index.js').LoadOptions} [options]
 * @returns {Promise<import('../index.js').Walint>}
 */
export async function load(options = {}) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`walint: load takes an options object, not ${typeName(options)}`);
  }
  const { wasm, ...check } = options;
  const defaults = checkOptions(check, {}, "load");
  let module;
  if (wasm === undefined) {
    compiled ??= packagedModule();
    try {
      module = await compiled;
    } catch (err) {
      compiled = null;
      throw new Error(`walint: loading the packaged module: ${err.message}`, { cause: err });
    }
  } else if (wasm instanceof WebAssembly.Module) {
    module = wasm;
  } else if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) {
    module = await WebAssembly.compile(/** @type {BufferSource} */ (wasm));
  } else {
    throw new TypeError(
      `walint: load's wasm option takes a WebAssembly.Module or the module's bytes, not ${typeName(wasm)}`,
    );
  }
  return start(module, defaults);
}

// start runs the module in a scope of its own and wraps what it registers.
/**
 * @param {WebAssembly.Module} module
 * @param {Record<string, string>} defaults
 */
async function start(module, defaults) {
  const { scope, output } = sandbox();
  const Go = goClass(scope);
  const go = new Go();
  go.argv = ["walint"];
  go.env = {};
  let exitCode = null;
  go.exit = (code) => {
    exitCode = code;
  };
  const instance = await WebAssembly.instantiate(module, go.importObject);
  // run goes on until main waits for calls, having registered the API.
  go.run(instance).catch(() => {}); // A failure shows below or in the next call.
  const api = scope.walint;
  if (!api) throw new Error(`walint: the module did not start${said(output())}`);

  let broken = null;
  const stopped = (cause) =>
    new Error(
      `walint: the WebAssembly module has stopped${exitCode !== null ? ` (exit code ${exitCode})` : ""}${said(output())}; load() a new one`,
      { cause },
    );
  // guarded runs a call into the module. A Go panic within it is an
  // error of the call (main.go recovers it); a module that ended (a fatal
  // error, a trap) fails this and every later call. A js.FuncOf call
  // gives undefined when the program ended within it.
  const guarded = (fn, wantsValue = true) => {
    if (broken) throw stopped(broken);
    let out;
    try {
      out = fn();
    } catch (err) {
      broken = err;
      throw stopped(err);
    }
    if ((wantsValue && out === undefined) || exitCode !== null) {
      broken = new Error("the Go program ended");
      throw stopped();
    }
    return out;
  };
  // call runs one of the module's js.FuncOf functions and returns its JSON text.
  const call = (op, what, args) => {
    const out = guarded(() => api[op](...args));
    if (out.error !== undefined) throw new Error(`walint.${what}: ${goError(out.error)}`);
    return out.json;
  };
  let sent = null; // the options the module has for validate

  // check checks a payload through the module's exported functions
  // (../../exports.go), which take and give numbers, not JavaScript values:
  // the payload and the time of the last inbound message go into a buffer
  // in the module's memory, and the report's JSON comes out of another.
  // Views of the memory are made after each call, which may have grown it.
  /** @type {{mem: WebAssembly.Memory, walintInput(n: number): number, walintValidate(n: number, m: number): number, walintOutput(): number}} */
  const exports = /** @type {any} */ (instance.exports);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const check = (p, lastInbound) => {
    let bytes = typeof p === "string" ? null : p;
    // UTF-8 takes at most 3 bytes for a UTF-16 unit.
    if (!bytes && (p.length + lastInbound.length) * 3 > maxInput) bytes = encoder.encode(p);
    const size = (bytes ? bytes.length : p.length * 3) + lastInbound.length * 3;
    if (size > maxInput) throw new RangeError(`walint.validate: the payload is too large (${bytes.length} bytes)`);
    return guarded(() => {
      const at = exports.walintInput(size);
      const input = new Uint8Array(exports.mem.buffer, at, size);
      let n;
      if (bytes) {
        input.set(bytes);
        n = bytes.length;
      } else {
        n = encoder.encodeInto(p, input).written;
      }
      const m = encoder.encodeInto(lastInbound, input.subarray(n)).written;
      const r = exports.walintValidate(n, m);
      return {
        ok: r >= 0,
        text: decoder.decode(new Uint8Array(exports.mem.buffer, exports.walintOutput(), Math.abs(r))),
      };
    }, false);
  };

  const mediaKinds = Object.freeze([...api.mediaKinds]);
  return Object.freeze({
    version: api.version(),
    reference: api.reference,
    docsURL: api.docsURL,
    mediaKinds,
    maxMediaBytes: api.maxMediaBytes,
    validate(payload, options) {
      const p = payloadArg(payload, "validate");
      const o = checkOptions(options, defaults, "validate");
      // The module keeps the options of the last call: they are sent only
      // when they change, which in a send pipeline is seldom; the time of
      // the last inbound message goes with each payload.
      if (o !== sent && !sameOptions(o, sent)) {
        const err = guarded(() => api.useOptions(o));
        if (err !== null) throw new Error(`walint.validate: ${goError(err.message)}`);
        sent = o;
      }
      const out = check(p, o.lastInbound ?? "");
      if (!out.ok) throw new Error(`walint.validate: ${goError(out.text)}`);
      return JSON.parse(out.text);
    },
    fix(payload, options) {
      const p = payloadArg(payload, "fix");
      return JSON.parse(call("fix", "fix", [p, checkOptions(options, defaults, "fix")]));
    },
    report(payload, options) {
      const p = payloadArg(payload, "report");
      const o = checkOptions(options, defaults, "report", ["format", "path"]);
      return call("report", "report", [p, { format: "json", ...o }]);
    },
    rules() {
      return JSON.parse(call("rules", "rules", []));
    },
    explain(id) {
      if (typeof id !== "string") throw new TypeError(`walint.explain takes a rule ID, not ${typeName(id)}`);
      return JSON.parse(call("explain", "explain", [id]));
    },
    inspectMedia(data, type = "", options) {
      const bytes = bytesOf(data);
      if (!bytes)
        throw new TypeError(
          `walint.inspectMedia takes the file's bytes (a Uint8Array, Buffer or ArrayBuffer), not ${typeName(data)}`,
        );
      if (typeof type !== "string")
        throw new TypeError(
          `walint.inspectMedia: the type must be a string (${mediaKinds.join(", ")}), not ${typeName(type)}`,
        );
      // Refused by its size before the module sees it, which would refuse
      // it anyway.
      if (bytes.length > api.maxMediaBytes) throw new RangeError(`walint.inspectMedia: ${api.mediaTooLarge}`);
      const dialect =
        checkOptions(options, { dialect: defaults.dialect }, "inspectMedia", [], ["dialect"]).dialect ?? "";
      // The module reads the parts of the file it needs through read,
      // rather than take a copy of the whole file: the module's memory
      // never shrinks, and a 100 MB video would stay in it.
      const read = (offset, length) => bytes.subarray(offset, offset + length);
      return JSON.parse(call("inspectMedia", "inspectMedia", [read, type, { dialect, size: bytes.length }]));
    },
  });
}

// maxInput is the most bytes validate writes into the module at once: the
// exported functions take int32 lengths.
const maxInput = 0x7fffffff;

// sameOptions reports whether two normalised check options are the same,
// as far as the module keeps them.
function sameOptions(a, b) {
  return b !== null && keptKeys.every((k) => a[k] === b[k]);
}

// goError is an error message of the Go library without its "walint: "
// prefix: the calls put their own in front.
function goError(msg) {
  return String(msg).replace(/^walint: /, "");
}

const said = (text) => (text ? `: ${text}` : "");
