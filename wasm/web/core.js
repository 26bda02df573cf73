// The JavaScript core of walint's two front ends, the checker page's API
// (walint.js) and the npm package (../npm/lib/load.js, which gets a copy
// as dist/core.js): the checks of a call's options, the payload as the
// module takes it, and the names of types in errors. It uses nothing of a
// browser or of Node, so that both take it as it is, and both answer a
// bad argument with the same TypeError.

/** The options of a check (CheckOptions), for each call, load and guardFetch. */
export const checkKeys = Object.freeze(["dialect", "kind", "sender", "templates", "lastInbound"]);

/**
 * typeName names a value's type for an error: "number", "null", "Map".
 * @param {unknown} v
 * @returns {string}
 */
export function typeName(v) {
  if (v === null) return "null";
  if (typeof v === "object") return v.constructor?.name || "object";
  return typeof v;
}

/**
 * bytesOf returns data as a Uint8Array over the same memory, or null when
 * it is not bytes (a Uint8Array, a Buffer, another view or an ArrayBuffer).
 * @param {unknown} data
 * @returns {Uint8Array | null}
 */
export function bytesOf(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * payloadArg is a payload as the module takes it: a string, or bytes as
 * they are (which may not be valid UTF-8, as a file read from disk). An
 * object is checked as its JSON.stringify text, to which the findings'
 * positions then refer. Anything else is a TypeError naming the call.
 * @param {unknown} p
 * @param {string} what the call, for errors: "validate"
 * @returns {string | Uint8Array}
 */
export function payloadArg(p, what) {
  if (typeof p === "string") return p;
  const bytes = bytesOf(p);
  if (bytes) return bytes;
  if (p !== null && typeof p === "object") {
    if ("then" in p && typeof p.then === "function") {
      throw new TypeError(`walint.${what} takes the payload, not a Promise of it: await it first`);
    }
    let text;
    try {
      text = JSON.stringify(p);
    } catch (err) {
      throw new TypeError(`walint.${what}: the payload object cannot be written as JSON: ${errorText(err)}`, {
        cause: err,
      });
    }
    if (typeof text !== "string") {
      throw new TypeError(
        `walint.${what}: the payload object has no JSON form (its toJSON returned ${typeName(text)})`,
      );
    }
    return text;
  }
  throw new TypeError(
    `walint.${what} takes the payload as a string, bytes (Uint8Array, Buffer, ArrayBuffer) or an object, not ${typeName(p)}`,
  );
}

/**
 * payloadText is the text of a payload payloadArg took: bytes decoded as
 * UTF-8 (invalid sequences as U+FFFD).
 * @param {string | Uint8Array} p
 * @returns {string}
 */
export function payloadText(p) {
  return typeof p === "string" ? p : new TextDecoder().decode(p);
}

/**
 * checkOptions checks a call's options and returns them over defaults, as
 * the module reads them: strings. An unknown option, or one of the wrong
 * type, is a TypeError naming the call. extra names the call's own
 * options (format, path), passed on as they are when strings; only, when
 * given, the check options it takes.
 * @template {Record<string, string | undefined>} D
 * @param {unknown} options
 * @param {D} defaults
 * @param {string} what the call, for errors: "validate"
 * @param {readonly string[]} [extra]
 * @param {readonly string[]} [only]
 * @returns {D & Record<string, string>}
 */
export function checkOptions(options, defaults, what, extra = [], only = checkKeys) {
  if (options === undefined || options === null) return /** @type {D & Record<string, string>} */ (defaults);
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`walint.${what}: options must be an object, not ${typeName(options)}`);
  }
  /** @type {Record<string, string>} */
  const out = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (!only.includes(key) && !extra.includes(key)) {
      throw new TypeError(`walint.${what}: unknown option "${key}" (want ${[...only, ...extra].join(", ")})`);
    }
    if (value === undefined) continue;
    if (extra.includes(key)) {
      if (typeof value !== "string")
        throw new TypeError(`walint.${what}: ${key} must be a string, not ${typeName(value)}`);
      out[key] = value;
    } else {
      out[key] = checkOption(key, value, what);
    }
  }
  return /** @type {D & Record<string, string>} */ (out);
}

/**
 * checkOption is one check option as the module reads it.
 * @param {string} key
 * @param {unknown} value
 * @param {string} what
 * @returns {string}
 */
function checkOption(key, value, what) {
  switch (key) {
    case "templates": {
      // The definitions' JSON, or the parsed object, or the bytes of a file.
      if (typeof value === "string") return value;
      const bytes = bytesOf(value);
      if (bytes) return new TextDecoder().decode(bytes);
      if (value !== null && typeof value === "object") {
        try {
          return JSON.stringify(value);
        } catch (err) {
          throw new TypeError(`walint.${what}: the templates object cannot be written as JSON: ${errorText(err)}`, {
            cause: err,
          });
        }
      }
      break;
    }
    case "lastInbound":
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new RangeError(`walint.${what}: lastInbound is an invalid Date`);
        return value.toISOString();
      }
      if (typeof value === "string") return value;
      throw new TypeError(`walint.${what}: lastInbound must be a Date or an RFC 3339 string, not ${typeName(value)}`);
    default: // dialect, kind, sender
      if (typeof value === "string") return value;
  }
  throw new TypeError(`walint.${what}: ${key} must be a string, not ${typeName(value)}`);
}

/**
 * errorText is the message of something thrown.
 * @param {unknown} err
 * @returns {string}
 */
function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}
