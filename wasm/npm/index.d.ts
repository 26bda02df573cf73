// Types of the walint package: walint's Go library compiled to WebAssembly,
// for Node.js. The shapes of its results, those of the command's JSON
// output, are in dist/shapes.d.ts, which the build copies from the checker
// page's wasm/web/shapes.d.ts.

import type { Dialect, Finding, FixResult, Kind, MediaKind, MediaResult, Report, Rule, Severity } from "./dist/shapes.js";

export type { Dialect, Finding, FixResult, Kind, MediaKind, MediaResult, Report, Rule, Severity };
export type { Pos, Span, Track } from "./dist/shapes.js";

/** What a check may know besides the payload. */
export interface CheckOptions {
  /** Default "auto": each payload's dialect is detected. */
  dialect?: Dialect;
  /**
   * Default "auto": a message or a template creation body is told by its shape. An edit body
   * (POST /{template-id}) that sends the template's name reads as a creation body: "template-edit" says it is one.
   */
  kind?: Kind;
  /** The business's own number: a message addressed to it is flagged (recipient-is-sender). */
  sender?: string;
  /**
   * The account's template definitions: the JSON of GET /{waba-id}/message_templates, of one
   * template, or of template creation bodies (one, or an array of them: templates kept as code),
   * as text, bytes or parsed. Template messages are checked against them. Definitions
   * that do not parse make the call throw ("reading template definitions: ...").
   */
  templates?: string | Uint8Array | object;
  /**
   * When the customer last wrote: a free-form message more than 24 hours later is flagged
   * (conversation-window). A Date or an RFC 3339 string such as "2026-12-01T09:30:00Z".
   */
  lastInbound?: Date | string;
}

export interface LoadOptions extends CheckOptions {
  /** Another build of the module (uncompressed bytes, or compiled); default the packaged one. */
  wasm?: WebAssembly.Module | BufferSource;
}

/**
 * A payload: its text, the bytes of a file (checked as the command checks
 * it, invalid UTF-8 included), or an object, checked as the text
 * JSON.stringify writes, to which the positions then refer.
 */
export type Payload = string | Uint8Array | ArrayBuffer | object;

export interface Walint {
  /** walint's module version, "(devel)" for a build from a checkout. */
  readonly version: string;
  /** The Meta reference walint's rules follow: "Graph API v25.0, Meta's reference of 2026-08-13". */
  readonly reference: string;
  /** The rules document; each rule's section is docsURL + "#" + id. */
  readonly docsURL: string;
  /** The media kinds inspectMedia takes. */
  readonly mediaKinds: readonly MediaKind[];
  /** The largest media file inspectMedia reads, in bytes (100 MiB). */
  readonly maxMediaBytes: number;
  /** Checks a payload. Throws a TypeError for arguments of the wrong type, an Error for bad option values. */
  validate(payload: Payload, options?: CheckOptions): Report;
  /** Applies the certain fixes, as `walint fix` does. */
  fix(payload: Payload, options?: CheckOptions): FixResult;
  /** The command's --format json (the default) or --format sarif output for the payload, as text. */
  report(payload: Payload, options?: CheckOptions & { format?: "json" | "sarif"; path?: string }): string;
  /** The rule catalogue, sorted by ID. */
  rules(): Rule[];
  /** A rule's documentation as `walint explain ID` prints it. Throws for an unknown ID. */
  explain(id: string): string;
  /** Inspects a media file and judges it as the given kind; throws for one over maxMediaBytes. */
  inspectMedia(data: Uint8Array | ArrayBuffer | ArrayBufferView, type?: MediaKind, options?: { dialect?: Dialect }): MediaResult;
}

/** Loads the module (about 0.15 s the first time in a process) and returns the API. */
export function load(options?: LoadOptions): Promise<Walint>;

export interface GuardOptions extends CheckOptions {
  /** The lowest severity that stops a send; default "error". */
  blockOn?: Severity;
  /** A loaded instance to use; by default one is loaded at the first messages request. With it, bad option values throw when the guarded fetch is made. */
  walint?: Walint;
  /** Whether a request goes to a messages endpoint; default isMessagesRequest. */
  isMessages?: (input: unknown, init?: RequestInit) => boolean;
  /**
   * Answer a refused send with the 400 Response the Cloud API gives a payload it refuses, instead of rejecting with a
   * WalintRejectedError: Graph's error object (`{"error": {"message", "type", "code", "error_data": {"messaging_product",
   * "details"}}}`, code the predicted one) and the report as the body's own `walint` member. For clients that retry a
   * rejected fetch as a network fault. Default false.
   */
  refuseAs400?: boolean;
  /** Called with the report of every checked send, passed or refused, before it is sent or refused (to log warnings). */
  onReport?: (sent: GuardReport) => void;
}

/** What onReport is called with. */
export interface GuardReport {
  /** The request's URL, without a password or an access_token value. */
  url: string;
  report: Report;
  /** Whether the send was refused. */
  refused: boolean;
}

/**
 * Returns a fetch that refuses, without calling fetchFn, to POST a payload with a finding at or above blockOn to a
 * messages endpoint: it rejects with a WalintRejectedError, or with refuseAs400 resolves to a 400 Response. Other
 * requests, and bodies it cannot read without consuming them (streams, FormData, URLSearchParams), go to fetchFn as
 * they came. Bad options throw here.
 */
export function guardFetch<F extends (input: any, init?: any) => Promise<any>>(fetchFn: F, options?: GuardOptions): F;

/** Whether fetch(input, init) is a POST to .../messages (the Cloud API's or On-Premises /v1/messages). */
export function isMessagesRequest(input: unknown, init?: { method?: string }): boolean;

/**
 * The error of a payload a guarded fetch refused to send. The request never left the process. Its message lists the
 * findings at or above blockOn, the most serious first and the repeats of a rule on one line, and counts the others.
 */
export class WalintRejectedError extends Error {
  constructor(url: string, report: Report, blockOn?: Severity);
  readonly name: "WalintRejectedError";
  /** The request's URL, without a password or an access_token value. */
  readonly url: string;
  readonly report: Report;
  /** The report's findings: all of them, not only those at or above blockOn. */
  readonly findings: Finding[];
  /** The lowest severity that stopped the send; "error" unless given. */
  readonly blockOn: Severity;
  /** The Cloud API code walint predicts: the first blocking finding's, or 100 when it knows none. */
  readonly cloudCode: number;
}
