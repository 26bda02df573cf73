// The JSON shapes of walint's WebAssembly module, shared by the checker
// page's API (walint.d.ts beside this file) and the npm package (wasm/npm,
// whose build copies this file into it): one finding, one report, a media
// inspection, a rule. They are those of the command's JSON output.

export type Dialect = "auto" | "cloud" | "onprem";
/**
 * What a payload is: a message, a template creation body (POST /{waba-id}/message_templates) or a
 * template edit body (POST /{template-id}). "auto" tells them apart by shape.
 */
export type Kind = "auto" | "message" | "template" | "template-edit";
export type Severity = "error" | "warning" | "info";

/** A media kind inspectMedia judges a file as ("" guesses it from the file). */
export type MediaKind =
  | "" | "image" | "video" | "audio" | "voice" | "document" | "sticker"
  | "template-image" | "template-video" | "template-document";

/** A position: 1-based line, 1-based column in code points, 0-based UTF-8 byte offset. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

/** A range of the payload's text: start inclusive, end exclusive. */
export interface Span {
  start: Pos;
  end: Pos;
}

/** One finding, as in the command's JSON output. */
export interface Finding {
  rule: string;
  severity: Severity;
  /** The 360dialog / On-Premises error code; 0 when unknown. */
  code: number;
  /** The Meta Cloud API error code; 0 when unknown. */
  cloud_code: number;
  /** The error_subcode Meta gives beside cloud_code, such as 2388299; absent when none is known. */
  subcode?: number;
  /** Present when Meta accepts the template but its review rejects it: the reason, such as "INVALID_FORMAT". */
  review?: string;
  /** RFC 6901 JSON Pointer of the offending value. */
  pointer: string;
  span: Span;
  message: string;
  hint?: string;
  /** Present only when the fix is certain: the JSON value to put at pointer. */
  fix?: unknown;
  /** Other places the finding speaks of, such as where a value that must be unique was first used. */
  related?: Location[];
  /** The rule's section of docs/rules.md. */
  doc: string;
}

/** A place of the payload that a finding relates to. */
export interface Location {
  pointer: string;
  span: Span;
  /** What is there, such as "first used here". */
  message: string;
}

/** One entry of the command's JSON output ("files"[i]), with path "payload". */
export interface Report {
  path: string;
  /** The dialect the payload was checked as; "auto" when it could not be read far enough to tell. */
  dialect: "cloud" | "onprem" | "auto";
  /** What the payload was checked as; "auto" when it could not be read far enough to tell. */
  kind: Kind;
  /** The message type, "status" for a read receipt, "" when unreadable. */
  type: string;
  findings: Finding[];
}

export interface Track {
  kind: "video" | "audio" | "other";
  handler?: string;
  fourcc?: string;
  codec: string;
  width?: number;
  height?: number;
  duration_ms?: number;
}

/** What inspectMedia found: one file of `walint media --format json`, and the kind it was judged as. */
export interface MediaResult {
  /** The kind the file was judged as. */
  kind: MediaKind;
  mime: string;
  /** WhatsApp's style: "video/mp4/h264/aac", "video/mp4/h264/NONE", "audio/ogg/opus". */
  descriptor: string;
  container: string;
  brand?: string;
  size: number;
  width?: number;
  height?: number;
  duration_ms?: number;
  animated: boolean;
  damaged?: string;
  tracks: Track[];
  /** Media findings have no pointer or span. */
  findings: Array<Pick<Finding, "rule" | "severity" | "code" | "cloud_code" | "subcode" | "review" | "message" | "hint" | "doc">>;
}

/** A rule of the catalogue, as `walint rules --format json` lists them. */
export interface Rule {
  id: string;
  severity: Severity;
  /** What the rule rests on: "documented limit", "observed behaviour" or "conservative guess". */
  certainty: string;
  code: number;
  cloud_code: number;
  /** The error_subcode Meta gives beside cloud_code; absent when none is known. */
  subcode?: number;
  /** The reason Meta's review gives when it rejects a template the rule flags; absent for others. */
  review?: string;
  /** The kinds of payload the rule checks. */
  kinds: Array<Exclude<Kind, "auto">>;
  summary: string;
  /** The rule's Markdown documentation. */
  description: string;
  /** The rule's section of docs/rules.md, as a finding's doc. */
  doc: string;
}

export interface FixResult {
  /** The text with every certain fix applied, or unchanged. */
  text: string;
  /** How many fixes were applied. */
  fixed: number;
}
