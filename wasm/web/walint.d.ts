// Types of walint.js, the JavaScript API of walint's WebAssembly module.
// The shapes of its results are in shapes.d.ts.

import type {
  Dialect,
  Finding,
  FixResult as FixShape,
  Kind,
  MediaKind,
  MediaResult,
  Report as ReportShape,
  Rule,
  Severity,
} from "./shapes.js";

export type { Dialect, Finding, Kind, MediaKind, MediaResult, Rule, Severity };
export type { Pos, Span, Track } from "./shapes.js";

export interface InitOptions {
  /** The module, resolved against the page; default "walint.wasm". */
  wasmURL?: string | URL;
  /**
   * The module already compiled, or being compiled: a page can start compiling it before its scripts
   * load (WebAssembly.compileStreaming(fetch(...)) in a classic script), and hand it on here. When it
   * fails, the module is loaded from wasmURL instead.
   */
  module?: WebAssembly.Module | PromiseLike<WebAssembly.Module>;
  /** Go's wasm_exec.js, resolved against walint.js; default beside it. */
  wasmExecURL?: string | URL;
  /** Run in a Web Worker (default true). Without one there are no timeouts. */
  worker?: boolean;
  /** Milliseconds before validate, fix, report or rules is abandoned; default 3000. */
  timeout?: number;
  /** Milliseconds before inspectMedia is abandoned; default 10000. */
  mediaTimeout?: number;
}

/** A report, whose dialect and kind are "" when the check was abandoned (timeout or crash). */
export interface Report extends Omit<ReportShape, "dialect" | "kind"> {
  dialect: ReportShape["dialect"] | "";
  kind: ReportShape["kind"] | "";
}

export interface FixResult extends FixShape {
  /** Set when the fix was abandoned: past the timeout, or because the module crashed. */
  error?: string;
}

/** What a check may know besides the payload. */
export interface CheckOptions {
  dialect?: Dialect;
  /** Default "auto": a message or a template creation body by its shape; "template-edit" for an edit body. */
  kind?: Kind;
  /** The business's own number: a message addressed to it is flagged (recipient-is-sender). */
  sender?: string;
  /**
   * The account's template definitions: the JSON of GET /{waba-id}/message_templates, of one template, or of
   * template creation bodies (one, or an array of them).
   * Template messages are checked against them (template-unknown, template-parameter-count...).
   * Definitions that do not parse make validate, fix and report reject with an error that names them
   * ("reading template definitions: ...").
   */
  templates?: string | object | Uint8Array;
  /** The time of the customer's last message: a free-form message more than 24 hours later is flagged. */
  lastInbound?: Date | string;
}

/**
 * A payload: its text, its bytes (which may not be valid UTF-8), or an object, checked as its JSON.stringify
 * text. Anything else, or an unknown option, makes the call reject with a TypeError (core.js, as in the npm package).
 */
export type Payload = string | Uint8Array | ArrayBuffer | object;

export interface Walint {
  /** walint's module version, "(devel)" for a build from a checkout. */
  readonly version: string;
  /** The Meta reference walint's rules follow: "Graph API v25.0, Meta's reference of 2026-08-13". */
  readonly reference: string;
  /** The media kinds inspectMedia takes: "image", "video", "audio", "voice", ..., "template-document". */
  readonly mediaKinds: readonly string[];
  /** The rules document; each rule's section is docsURL + "#" + id. */
  readonly docsURL: string;
  /** The largest media file inspectMedia reads, in bytes (100 MiB): a larger one is refused before it is read. */
  readonly maxMediaBytes: number;
  /**
   * Checks a payload: text, or the bytes of a file (which may not be valid
   * UTF-8, as the CLI would see them). A check that runs past the timeout,
   * or whose module crashed, resolves with one internal-error finding that
   * says which; the module is restarted for the next call.
   */
  validate(payload: Payload, options?: CheckOptions): Promise<Report>;
  /**
   * Inspects a media file and judges it as the given kind. Past the timeout or after a crash: one
   * internal-error finding. Rejects, before reading a byte, a file larger than maxMediaBytes.
   */
  inspectMedia(data: Uint8Array | ArrayBuffer | Blob, kind?: MediaKind, options?: { dialect?: Dialect }): Promise<MediaResult>;
  /** The rule catalogue, sorted by ID. Rejects with a TimeoutError past the timeout, a CrashError after a crash. */
  rules(): Promise<Rule[]>;
  /** Applies the certain fixes, as `walint --fix` does. Past the timeout or after a crash: the text unchanged and error set. */
  fix(payload: Payload, options?: CheckOptions): Promise<FixResult>;
  /**
   * The CLI's --format json or --format sarif output for the payload, as text. Rejects with a
   * TimeoutError past the timeout, a CrashError after a crash.
   */
  report(payload: Payload, options?: CheckOptions & { format?: "json" | "sarif"; path?: string }): Promise<string>;
  /** Stops the worker. */
  terminate(): void;
}

export function init(options?: InitOptions): Promise<Walint>;

/**
 * Returns a function from byte offsets of text's UTF-8 encoding (as spans
 * give them) to indices of the JavaScript string.
 */
export function byteOffsets(text: string): (offset: number) => number;
