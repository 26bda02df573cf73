// guardFetch: a fetch for send pipelines that refuses to POST a payload
// walint finds wrong to a WhatsApp /messages endpoint, as the Go library's
// guard.Transport (validate/guard) does for an http.Client.

import { checkKeys, checkOptions, load, typeName } from './load.js';

const rank = { info: 1, warning: 2, error: 3 };
const guardKeys = ['walint', 'blockOn', 'isMessages', ...checkKeys];

/**
 * The error a guarded fetch rejects with when it refused to send a payload
 * because of its findings. The request never left the process.
 */
export class WalintRejectedError extends Error {
  /**
   * @param {string} url the request's URL, without a password or access_token
   * @param {import('../index').Report} report the payload's report
   */
  constructor(url, report) {
    const lines = report.findings.map((f) => `\n\t${f.pointer} ${f.span.start.line}:${f.span.start.column}: ${f.severity}: ${f.message} [${f.rule}]`);
    super(`walint: payload not sent:${lines.join('')}`);
    this.name = 'WalintRejectedError';
    this.url = url;
    this.report = report;
    this.findings = report.findings;
  }
}

/**
 * Reports whether fetch(input, init) is a POST to a WhatsApp messages
 * endpoint: the Cloud API's /{version}/{phone-number-id}/messages or the
 * On-Premises /v1/messages.
 */
export function isMessagesRequest(input, init) {
  const method = init?.method ?? (isRequest(input) ? input.method : 'GET');
  if (String(method).toUpperCase() !== 'POST') return false; // fetch upper-cases "post"
  const url = requestURL(input);
  return url !== null && url.pathname.replace(/\/$/, '').endsWith('/messages');
}

/**
 * Returns a fetch that checks the body of every messages request (see
 * isMessagesRequest) before it is sent, and rejects with a
 * WalintRejectedError, without calling fetchFn, when the payload has a
 * finding at or above options.blockOn ("error" by default). Everything
 * else is passed to fetchFn as it came, the very same arguments.
 */
export function guardFetch(fetchFn, options = {}) {
  if (typeof fetchFn !== 'function') {
    throw new TypeError(`walint: guardFetch takes the fetch function to guard (such as globalThis.fetch), not ${typeName(fetchFn)}`);
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`walint: guardFetch's options must be an object, not ${typeName(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!guardKeys.includes(key)) throw new TypeError(`walint: guardFetch: unknown option "${key}" (want ${guardKeys.join(', ')})`);
  }
  const blockOn = options.blockOn ?? 'error';
  if (!Object.hasOwn(rank, blockOn)) throw new TypeError(`walint: guardFetch: blockOn must be "error", "warning" or "info", not ${JSON.stringify(blockOn)}`);
  const isMessages = options.isMessages ?? isMessagesRequest;
  if (typeof isMessages !== 'function') throw new TypeError(`walint: guardFetch: isMessages must be a function, not ${typeName(isMessages)}`);
  if (options.walint !== undefined && typeof options.walint?.validate !== 'function') {
    throw new TypeError(`walint: guardFetch: the walint option takes what load() returned, not ${typeName(options.walint)}`);
  }
  // The check options, read once: a templates object is written as JSON
  // here, not for every request.
  const check = checkOptions(Object.fromEntries(checkKeys.map((k) => [k, options[k]])), {}, 'guardFetch');
  // The module is loaded at the first messages request unless given.
  let walint = options.walint ? Promise.resolve(options.walint) : null;

  return async function guardedFetch(...args) {
    const [input, init] = args;
    if (!isMessages(input, init)) return fetchFn.apply(this, args);
    const body = await readBody(input, init);
    if (body === undefined) return fetchFn.apply(this, args);
    walint ??= load();
    let w;
    try {
      w = await walint;
    } catch (err) {
      walint = null; // Tried again at the next request; this one is not sent.
      throw err;
    }
    const report = w.validate(body, check);
    if (report.findings.some((f) => rank[f.severity] >= rank[blockOn])) {
      const url = requestURL(input);
      throw new WalintRejectedError(url ? redacted(url) : String(isRequest(input) ? input.url : input), report);
    }
    return fetchFn.apply(this, args);
  };
}

// isRequest reports whether v is a Request (of this fetch or another
// implementation's): what fetch reads its URL, method and body from.
function isRequest(v) {
  return v !== null && typeof v === 'object' && typeof v.url === 'string' && typeof v.method === 'string' && typeof v.clone === 'function';
}

function requestURL(input) {
  try {
    return new URL(isRequest(input) ? input.url : String(input));
  } catch {
    return null; // A relative or broken URL: fetch will say so.
  }
}

// redacted is the URL without its password, as Go's URL.Redacted gives it,
// and without the value of an access_token parameter, which the Graph API
// also takes in the query.
function redacted(url) {
  if (url.password) url.password = 'xxxxx';
  if (url.searchParams.has('access_token')) url.searchParams.set('access_token', 'xxxxx');
  return url.href;
}

// readBody returns the body fetch(input, init) would send, as a string or
// bytes, when it can be read without consuming it; undefined otherwise
// (no body, a stream, form data, an unreadable body), and the request is
// then passed through unchecked. A Request's body is read from a clone.
// Any other value is sent by fetch as its string, and checked as such: a
// payload object passed without JSON.stringify goes as "[object Object]".
async function readBody(input, init) {
  let body;
  if (init != null && init.body !== undefined) {
    body = init.body;
  } else if (isRequest(input)) {
    if (input.body === null || input.bodyUsed) return undefined;
    try {
      return new Uint8Array(await input.clone().arrayBuffer());
    } catch {
      return undefined;
    }
  } else {
    return undefined;
  }
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    try {
      return new Uint8Array(await body.arrayBuffer()); // A Blob is read, not consumed.
    } catch {
      return undefined;
    }
  }
  if (body === null || isUnreadable(body)) return undefined;
  return String(body);
}

// isUnreadable reports whether fetch sends body as a stream or a form,
// which cannot be read here without consuming it, or is no JSON payload.
function isUnreadable(body) {
  return (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams)
    || (typeof FormData !== 'undefined' && body instanceof FormData)
    || (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream)
    || typeof body[Symbol.asyncIterator] === 'function'
    || typeof body.pipe === 'function'; // a Node stream
}
