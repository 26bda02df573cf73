// guardFetch: a fetch for send pipelines that refuses to POST a payload
// walint finds wrong to a WhatsApp /messages endpoint, as the Go library's
// guard.Transport (validate/guard) does for an http.Client.

import { checkKeys, checkOptions, typeName } from "../dist/core.js";
import { load } from "./load.js";

const rank = { info: 1, warning: 2, error: 3 };
const guardKeys = ["walint", "blockOn", "isMessages", "refuseAs400", "onReport", ...checkKeys];

/**
 * The error a guarded fetch rejects with when it refused to send a payload
 * because of its findings. The request never left the process.
 */
export class WalintRejectedError extends Error {
  /**
   * @param {string} url the request's URL, without a password or access_token
   * @param {import('../index.js').Report} report the payload's report
   * @param {import('../index.js').Severity} [blockOn] the lowest severity that stopped the send
   */
  constructor(url, report, blockOn = "error") {
    const { block, left } = split(report.findings, blockOn);
    super(refusalText(block, left));
    this.name = "WalintRejectedError";
    this.url = url;
    this.report = report;
    this.findings = report.findings;
    this.blockOn = blockOn;
    // The Cloud API code walint predicts: the first blocking finding's, or
    // 100 (Meta's code for a parameter it refuses) when it knows none.
    this.cloudCode = block[0]?.cloud_code || 100;
  }
}

// split returns the findings at or above blockOn, the most serious first
// and otherwise in the report's order, and the others.
/**
 * @param {import('../index.js').Finding[]} findings
 * @param {import('../index.js').Severity} blockOn
 */
function split(findings, blockOn) {
  const block = findings.filter((f) => rank[f.severity] >= rank[blockOn]);
  const left = findings.filter((f) => rank[f.severity] < rank[blockOn]);
  return { block: block.sort((a, b) => rank[b.severity] - rank[a.severity]), left };
}

// refusalText is the text of validate/guard's RejectedError: the blocking
// findings, the repeats of a rule on one line, and a count of the others.
/**
 * @param {import('../index.js').Finding[]} block
 * @param {import('../index.js').Finding[]} left
 */
function refusalText(block, left) {
  let s = "walint: payload not sent";
  if (block.length > 0) s += `: ${counts(block)}`;
  if (left.length > 0) s += ` (${counts(left)} left out)`;
  for (const g of groups(block)) {
    s += `\n\t${g[0].rule}${g.length > 1 ? ` ×${g.length}` : ""}: ${at(g[0])}`;
    if (g.length > 1) s += `; also ${others(g.slice(1))}`;
  }
  return s;
}

// groups gathers the findings of one rule and severity, in the order of
// each group's first finding.
/**
 * @param {import('../index.js').Finding[]} findings
 * @returns {import('../index.js').Finding[][]}
 */
function groups(findings) {
  const gs = [];
  for (const f of findings) {
    const g = gs.find((g) => g[0].rule === f.rule && g[0].severity === f.severity);
    if (g) g.push(f);
    else gs.push([f]);
  }
  return gs;
}

// counts says how many findings of each severity there are, most serious
// first: "6 errors and 1 warning".
/** @param {import('../index.js').Finding[]} findings */
function counts(findings) {
  const parts = [];
  for (const sev of ["error", "warning", "info"]) {
    const n = findings.filter((f) => f.severity === sev).length;
    if (n > 0) parts.push(`${n} ${sev}${n > 1 ? "s" : ""}`);
  }
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** @param {import('../index.js').Finding} f */
function at(f) {
  return f.pointer === "" ? f.message : `${f.pointer}: ${f.message}`;
}

// maxOthers is how many places of a repeated finding the refusal names
// after the first.
const maxOthers = 3;

/** @param {import('../index.js').Finding[]} findings */
function others(findings) {
  const s = findings
    .slice(0, maxOthers)
    .map((f) => f.pointer || "(the whole payload)")
    .join(", ");
  return findings.length > maxOthers ? `${s} and ${findings.length - maxOthers} more` : s;
}

// refusalResponse is the refusal as the Cloud API answers a payload it
// refuses: 400 with Graph's error object, only the members Meta documents
// for the Cloud API, and walint's report beside it as the body's own
// "walint" member (see validate/guard's graphBody for why).
/**
 * @param {WalintRejectedError} err
 * @param {URL | null} url
 */
function refusalResponse(err, url) {
  const first = split(err.findings, err.blockOn).block[0];
  const details = first ? at(first) + (first.hint ? `. ${first.hint}` : "") : "";
  const body = {
    error: {
      message: `(#${err.cloudCode}) ${err.message}`,
      type: "OAuthException",
      code: err.cloudCode,
      error_data: { messaging_product: "whatsapp", details },
    },
    walint: err.report,
  };
  const res = new Response(JSON.stringify(body), {
    status: 400,
    statusText: "Bad Request",
    headers: { "Content-Type": "application/json" },
  });
  // The URL fetch would give the response of the request.
  if (url) Object.defineProperty(res, "url", { value: url.href });
  return res;
}

/**
 * Reports whether fetch(input, init) is a POST to a WhatsApp messages
 * endpoint: the Cloud API's /{version}/{phone-number-id}/messages or the
 * On-Premises /v1/messages.
 */
export function isMessagesRequest(input, init) {
  const method = init?.method ?? (isRequest(input) ? input.method : "GET");
  if (String(method).toUpperCase() !== "POST") return false; // fetch upper-cases "post"
  const url = requestURL(input);
  return url !== null && url.pathname.replace(/\/$/, "").endsWith("/messages");
}

/**
 * Returns a fetch that checks the body of every messages request (see
 * isMessagesRequest) before it is sent, and refuses, without calling
 * fetchFn, a payload with a finding at or above options.blockOn ("error"
 * by default): it rejects with a WalintRejectedError or, with
 * options.refuseAs400, resolves to the 400 response the Cloud API gives a
 * payload it refuses. options.onReport({ url, report, refused }) sees every
 * checked send. Everything else is passed to fetchFn as it came, the very
 * same arguments. Bad options throw here; the values only the module can
 * judge (a sender, templates) are judged here when options.walint is
 * given, and otherwise once, when the module is loaded at the first
 * messages request.
 * @template {(input: any, init?: any) => Promise<any>} F
 * @param {F} fetchFn
 * @param {import('../index.js').GuardOptions} [options]
 * @returns {F}
 */
export function guardFetch(fetchFn, options = {}) {
  if (typeof fetchFn !== "function") {
    throw new TypeError(
      `walint: guardFetch takes the fetch function to guard (such as globalThis.fetch), not ${typeName(fetchFn)}`,
    );
  }
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`walint: guardFetch's options must be an object, not ${typeName(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!guardKeys.includes(key))
      throw new TypeError(`walint: guardFetch: unknown option "${key}" (want ${guardKeys.join(", ")})`);
  }
  const blockOn = options.blockOn ?? "error";
  if (!Object.hasOwn(rank, blockOn))
    throw new TypeError(
      `walint: guardFetch: blockOn must be "error", "warning" or "info", not ${JSON.stringify(blockOn)}`,
    );
  const isMessages = options.isMessages ?? isMessagesRequest;
  if (typeof isMessages !== "function")
    throw new TypeError(`walint: guardFetch: isMessages must be a function, not ${typeName(isMessages)}`);
  const refuseAs400 = options.refuseAs400 ?? false;
  if (typeof refuseAs400 !== "boolean")
    throw new TypeError(`walint: guardFetch: refuseAs400 must be true or false, not ${typeName(refuseAs400)}`);
  const onReport = options.onReport;
  if (onReport !== undefined && typeof onReport !== "function")
    throw new TypeError(`walint: guardFetch: onReport must be a function, not ${typeName(onReport)}`);
  if (options.walint !== undefined && typeof options.walint?.validate !== "function") {
    throw new TypeError(
      `walint: guardFetch: the walint option takes what load() returned, not ${typeName(options.walint)}`,
    );
  }
  // The check options, read once: a templates object is written as JSON
  // here, not for every request.
  const check = checkOptions(Object.fromEntries(checkKeys.map((k) => [k, options[k]])), {}, "guardFetch");
  // The module is loaded at the first messages request unless given; its
  // values are judged by it once, here or then.
  let walint = null;
  if (options.walint) {
    judge(options.walint, check);
    walint = Promise.resolve(options.walint);
  }
  let badOptions = null;

  const guardedFetch = async function guardedFetch(...args) {
    const [input, init] = args;
    if (!isMessages(input, init)) return fetchFn.apply(this, args);
    const body = await readBody(input, init);
    if (body === undefined) return fetchFn.apply(this, args);
    if (badOptions) throw badOptions;
    if (!walint) {
      walint = load().then((w) => {
        try {
          judge(w, check);
        } catch (err) {
          badOptions = err; // The options do not change: no request will be sent.
          throw err;
        }
        return w;
      });
    }
    let w;
    try {
      w = await walint;
    } catch (err) {
      if (!badOptions) walint = null; // Tried again at the next request; this one is not sent.
      throw err;
    }
    const report = w.validate(body, check);
    const refused = report.findings.some((f) => rank[f.severity] >= rank[blockOn]);
    const url = requestURL(input);
    const shown = url ? redacted(new URL(url)) : String(isRequest(input) ? input.url : input);
    if (onReport) onReport({ url: shown, report, refused });
    if (refused) {
      const err = new WalintRejectedError(shown, report, blockOn);
      if (refuseAs400) return refusalResponse(err, url);
      throw err;
    }
    return fetchFn.apply(this, args);
  };
  // It is called as fetchFn is, and answers as fetchFn does (or with a
  // Response, which is what fetchFn's promise gives): it is typed as fetchFn.
  return /** @type {F} */ (guardedFetch);
}

// judge has the module judge the check options' values (a dialect's name,
// a sender's number, the templates' definitions, lastInbound's time) with
// a check of an empty payload, so that a bad one fails once, not at every
// send.
function judge(walint, check) {
  try {
    walint.validate("{}", check);
  } catch (err) {
    throw new Error(`walint.guardFetch: ${err.message.replace(/^walint\.validate: /, "")}`, { cause: err });
  }
}

// isRequest reports whether v is a Request (of this fetch or another
// implementation's): what fetch reads its URL, method and body from.
function isRequest(v) {
  return (
    v !== null &&
    typeof v === "object" &&
    typeof v.url === "string" &&
    typeof v.method === "string" &&
    typeof v.clone === "function"
  );
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
/** @param {URL} url */
function redacted(url) {
  if (url.password) url.password = "xxxxx";
  if (url.searchParams.has("access_token")) url.searchParams.set("access_token", "xxxxx");
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
  if (typeof body === "string") return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof Blob !== "undefined" && body instanceof Blob) {
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
  return (
    (typeof URLSearchParams !== "undefined" && body instanceof URLSearchParams) ||
    (typeof FormData !== "undefined" && body instanceof FormData) ||
    (typeof ReadableStream !== "undefined" && body instanceof ReadableStream) ||
    typeof body[Symbol.asyncIterator] === "function" ||
    typeof body.pipe === "function"
  ); // a Node stream
}
