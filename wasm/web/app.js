// The checker page: an editor that re-lints as you type, the findings, the
// media check, downloads and share links. Everything runs here; the only
// requests are for the page's own files, made while it loads.
import { init, byteOffsets } from "./walint.js";
import { el, findingItem, mediaBox } from "./render.js";
import { shareFragment, readFragment } from "./share.js";
import { creationBody, templatePreview } from "./preview.js";

/** @typedef {import("./walint.js").Walint} Walint */
/** @typedef {import("./walint.js").Report} Report */
/** @typedef {import("./walint.js").Finding} Finding */
/** @typedef {import("./walint.js").CheckOptions} CheckOptions */
/** @typedef {import("./walint.js").Dialect} Dialect */
/** @typedef {import("./walint.js").MediaKind} MediaKind */
/** @typedef {import("./walint.js").Severity} Severity */

/**
 * The page's globals: boot.js's compile of the module (null once app.js has
 * started without it), and the stats the browser test reads.
 * @typedef {typeof window & {
 *   walintModule?: Promise<WebAssembly.Module> | null,
 *   walintStats?: Stats,
 * }} Page
 */
const page = /** @type {Page} */ (window);

/**
 * @typedef {object} Stats
 * @property {number | null} firstResultMs
 * @property {number[]} roundTrips
 * @property {number} lints
 * @property {string | null} lintedText
 */

/** @param {string} id */
const $ = (id) => document.getElementById(id);
const editor = /** @type {HTMLTextAreaElement} */ ($("editor")),
  gutter = $("gutter"),
  marks = $("marks"),
  findingsList = $("findings"),
  status = $("status");
const dialectSel = /** @type {HTMLSelectElement} */ ($("dialect")),
  exampleSel = /** @type {HTMLSelectElement} */ ($("example")),
  fixAllBtn = /** @type {HTMLButtonElement} */ ($("fix-all"));
const mediaKindSel = /** @type {HTMLSelectElement} */ ($("media-kind")),
  mediaFile = /** @type {HTMLInputElement} */ ($("media-file")),
  mediaResult = $("media-result");
const senderInput = /** @type {HTMLInputElement} */ ($("sender")),
  templatesInput = /** @type {HTMLTextAreaElement} */ ($("templates")),
  contextStatus = $("context-status");

const relintDelay = 250; // ms after the last keystroke
/** @type {Record<Severity, number>} */
const severityRank = { info: 1, warning: 2, error: 3 };

// The fallback payload when there is neither a shared one nor examples.
const starter = `{
  "messaging_product": "whatsapp",
  "to": "0044 7911 123456",
  "type": "text",
  "text": { "preview_url": "true", "body": "Your order has shipped" }
}
`;

// stats are shown in the footer and read by the browser test: when
// lintedText is the editor's text, the findings shown are for that text.
/** @type {Stats} */
const stats = (page.walintStats = { firstResultMs: null, roundTrips: [], lints: 0, lintedText: null });

/** @type {Walint | null} */
let walint = null;
/** @type {Report | null} */
let report = null; // the last validate result, for the text it was made from
let reportText = "";
/** @type {File | null} */
let lastMedia = null; // the last media file, re-checked when the kind changes
let seq = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer = undefined;

async function main() {
  // boot.js has started compiling the module, unless this runs first: then
  // init compiles it, and null tells boot.js not to.
  const module = page.walintModule;
  page.walintModule ??= null;
  const loading = init({ wasmURL: "walint.wasm", module });
  loading.catch(() => {}); // Awaited below.
  renderGutter();
  // While the module loads: the payload is shown, and what drawing the
  // findings needs for the first time is done (see warmUp), so that once
  // the module is ready the first check has only its own work left.
  await loadExamples();
  performance.mark("walint:examples");
  if (!(await loadFromFragment())) {
    setText(exampleSel.options[1]?.dataset.text ?? starter, false);
    exampleSel.selectedIndex = exampleSel.options.length > 1 ? 1 : 0;
  }
  warmUp();
  walint = await loading;
  $("version").textContent = walint.version;
  $("reference").textContent = walint.reference;
  for (const k of walint.mediaKinds) {
    const o = el("option", "", mediaKindLabel(k));
    o.value = k;
    mediaKindSel.append(o);
  }
  wire();
  performance.mark("walint:first-check");
  await lint();
}

// warmUp lays out a finding and a marked line number, removed unseen: the
// first time the page draws them the browser looks up the fonts of their
// parts (bold, monospace, bold monospace, at their sizes), which took
// 40-110 ms of the first result's layout in a trace of a cold load. Done
// while the module loads, it is off the way to the first result.
function warmUp() {
  const sample = {
    rule: "quoted-boolean",
    severity: "error",
    code: 100,
    cloud_code: 131009,
    pointer: "/text/preview_url",
    span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
    message: "“true” is a string · expected a boolean…",
    hint: "Write true without quotes.",
    doc: "#",
    fix: true,
  };
  const item = findingItem(sample, { select() {}, fix() {} });
  const line = el("div", "ln marked sev-error", "1"); // a marked line number: bold monospace
  // Laid out and removed before the browser next paints: never seen.
  findingsList.append(item);
  gutter.append(line);
  void item.offsetHeight;
  item.remove();
  line.remove();
}

// lintSoon checks the payload once the user stops typing.
function lintSoon() {
  clearTimeout(timer);
  timer = setTimeout(lint, relintDelay);
}

function wire() {
  editor.addEventListener("input", () => {
    if (!settingText) exampleSel.selectedIndex = 0; // Typed over: the text is no longer the example's.
    renderGutter();
    marks.replaceChildren(); // The underlines belong to the old text; the next check draws them again.
    lintSoon();
  });
  editor.addEventListener("scroll", syncScroll);
  // A click on a marked line number selects the first finding of the line
  // (the findings list is the way there by keyboard).
  gutter.addEventListener("click", (e) => {
    const ln = /** @type {HTMLElement | null} */ (/** @type {Element} */ (e.target).closest(".ln.marked"));
    const line = Number(ln?.dataset.line);
    const f = line && report?.findings.find((x) => x.span.start.line === line);
    if (f && editor.value === reportText) selectSpan(f);
  });
  dialectSel.addEventListener("change", () => {
    lint();
    recheckMedia();
  });
  exampleSel.addEventListener("change", () => {
    const opt = exampleSel.selectedOptions[0];
    if (opt?.dataset.text !== undefined) {
      setText(opt.dataset.text, true);
      lint();
    }
  });
  fixAllBtn.addEventListener("click", fixAll);
  for (const input of [senderInput, templatesInput]) {
    input.addEventListener("input", lintSoon);
  }
  $("share").addEventListener("click", share);
  $("dl-json").addEventListener("click", () => download("json"));
  $("dl-sarif").addEventListener("click", () => download("sarif"));
  window.addEventListener("hashchange", async () => {
    if (await loadFromFragment()) lint();
  });

  mediaFile.addEventListener("change", () => {
    if (mediaFile.files[0]) checkMedia(mediaFile.files[0]);
  });
  mediaKindSel.addEventListener("change", recheckMedia);
  const drop = $("drop");
  for (const ev of ["dragenter", "dragover"]) {
    drop.addEventListener(ev, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const ev of ["dragleave", "drop"]) drop.addEventListener(ev, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer.files[0]) checkMedia(e.dataTransfer.files[0]);
  });
  // A JSON file dropped on the editor becomes the payload; a file dropped
  // anywhere else must not make the browser navigate away to it.
  editor.addEventListener("drop", async (e) => {
    const f = e.dataTransfer.files[0];
    if (!f) return;
    e.preventDefault();
    e.stopPropagation();
    const bytes = new Uint8Array(await f.arrayBuffer());
    let utf8 = true,
      text;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      utf8 = false;
      text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    }
    setText(text, true);
    await lint();
    if (!utf8) {
      // The editor can only hold Unicode text: say what the bytes were.
      status.textContent =
        `${f.name} is not valid UTF-8, which WhatsApp refuses (invalid-utf8); ` +
        `the editor shows \uFFFD in place of the bad bytes. ${status.textContent}`;
    }
  });
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => e.preventDefault());
}

// ---- the editor ----

// setText replaces the payload. With undoable, the change goes through the
// editing commands so that Ctrl+Z brings the old text back.
let settingText = false;

/**
 * @param {string} text
 * @param {boolean} undoable
 */
function setText(text, undoable) {
  marks.replaceChildren();
  settingText = true;
  try {
    if (undoable) replaceRange(0, editor.value.length, text);
    else editor.value = text;
  } finally {
    settingText = false;
  }
  renderGutter();
}

/**
 * @param {number} start
 * @param {number} end
 * @param {string} text
 */
function replaceRange(start, end, text) {
  editor.focus();
  editor.setSelectionRange(start, end);
  if (!document.execCommand("insertText", false, text)) editor.setRangeText(text, start, end, "end");
}

let gutterLines = 0;

// renderGutter keeps one line number per line of the payload.
function renderGutter() {
  const n = editor.value.split("\n").length;
  if (n === gutterLines) return;
  const frag = document.createDocumentFragment();
  for (let i = gutterLines + 1; i <= n; i++) {
    const d = document.createElement("div");
    d.className = "ln";
    d.dataset.line = String(i);
    d.textContent = String(i);
    frag.append(d);
  }
  while (gutterLines > n) {
    gutter.lastChild.remove();
    gutterLines--;
  }
  gutter.append(frag);
  gutterLines = n;
  syncScroll();
}

// syncScroll keeps the line numbers and the underlines level with the text.
function syncScroll() {
  gutter.scrollTop = marks.scrollTop = editor.scrollTop;
  marks.scrollLeft = editor.scrollLeft;
}

// renderMarks underlines each finding's span in text, the text it was made
// for. Where spans overlap, the first (the most serious at one place) keeps
// the overlap; an empty span marks the character after it.
/**
 * @param {Finding[]} findings
 * @param {string} text
 */
function renderMarks(findings, text) {
  const at = byteOffsets(text);
  const spans = findings
    .map((f) => {
      // A span that runs over several lines (a whole list, say) is marked on
      // its first line only, as the gutter marks it: underlining all of it
      // would hide the findings inside.
      const s = at(f.span.start.offset),
        nl = text.indexOf("\n", s);
      const e = Math.max(at(f.span.end.offset), Math.min(s + 1, text.length));
      return { s, e: nl < 0 ? e : Math.min(e, Math.max(nl, s + 1)), f };
    })
    .sort((a, b) => a.s - b.s || severityRank[b.f.severity] - severityRank[a.f.severity]);
  const parts = [];
  let pos = 0;
  for (const { s, e, f } of spans) {
    const start = Math.max(s, pos);
    if (start >= e) continue;
    const m = el("mark", `sev-${f.severity}`, text.slice(start, e));
    m.dataset.rule = f.rule;
    parts.push(text.slice(pos, start), m);
    pos = e;
  }
  parts.push(text.slice(pos) + "\n"); // as tall as the textarea's content, its last line included
  marks.replaceChildren(...parts);
  syncScroll();
}

// markGutter marks the lines where findings start, with the most serious
// severity of the line and the rules in the title.
/** @param {Finding[]} findings */
function markGutter(findings) {
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (gutter.querySelectorAll(".marked"))) {
    el.classList.remove("marked", "sev-error", "sev-warning", "sev-info");
    delete el.dataset.rules;
    el.removeAttribute("title");
  }
  const lines = new Map();
  for (const f of findings) {
    const l = f.span.start.line;
    const m = lines.get(l) ?? { sev: "info", rules: [], msgs: [] };
    if (severityRank[f.severity] > severityRank[m.sev]) m.sev = f.severity;
    m.rules.push(f.rule);
    m.msgs.push(`${f.severity}: ${f.message} [${f.rule}]`);
    lines.set(l, m);
  }
  for (const [l, m] of lines) {
    const el = /** @type {HTMLElement | undefined} */ (gutter.children[l - 1]);
    if (!el) continue;
    el.classList.add("marked", `sev-${m.sev}`);
    el.dataset.rules = m.rules.join(" ");
    el.title = m.msgs.join("\n");
  }
}

// selectSpan selects a finding's span in the editor and scrolls to it.
// Spans are UTF-8 byte offsets; the textarea counts UTF-16 code units.
/** @param {Finding} f */
function selectSpan(f) {
  const at = byteOffsets(editor.value);
  const start = at(f.span.start.offset),
    end = at(f.span.end.offset);
  editor.focus();
  editor.setSelectionRange(start, Math.max(start, end));
  const style = getComputedStyle(editor);
  const lineHeight = parseFloat(style.lineHeight);
  const top = (f.span.start.line - 1) * lineHeight;
  if (top < editor.scrollTop || top > editor.scrollTop + editor.clientHeight - 2 * lineHeight) {
    editor.scrollTop = Math.max(0, top - editor.clientHeight / 3);
  }
  const charWidth = parseFloat(style.fontSize) * 0.6; // about right for monospace faces
  const left = (f.span.start.column - 1) * charWidth;
  if (left < editor.scrollLeft || left > editor.scrollLeft + editor.clientWidth - 4 * charWidth) {
    editor.scrollLeft = Math.max(0, left - editor.clientWidth / 3);
  }
  syncScroll();
}

// ---- linting ----

async function lint() {
  clearTimeout(timer);
  const my = ++seq;
  const text = editor.value;
  const t0 = performance.now();
  const r = await inContext((o) => walint.validate(text, o));
  const ms = performance.now() - t0;
  if (my !== seq) return; // The text changed meanwhile; a newer result is coming.
  stats.roundTrips.push(ms);
  report = r;
  reportText = stats.lintedText = text;
  render(r, ms);
  stats.lints++;
  if (stats.firstResultMs === null) {
    stats.firstResultMs = performance.now();
    performance.measure("walint:first-validate", { start: t0, end: t0 + ms });
    performance.mark("walint:first-result");
    // Shown once the browser has painted it: after the next frame.
    requestAnimationFrame(() => setTimeout(() => performance.mark("walint:first-paint")));
  }
  $("timing").textContent =
    `first result ${Math.round(stats.firstResultMs)} ms after opening · last check ${ms.toFixed(1)} ms`;
  document.documentElement.dataset.lints = String(stats.lints);
}

// checkOptions are the dialect and the context the user gave.
function checkOptions() {
  return { dialect: pickedDialect(), sender: senderInput.value.trim(), templates: templatesInput.value };
}

// pickedDialect is the dialect picker's value: its options are walint's
// dialects.
function pickedDialect() {
  return /** @type {Dialect} */ (dialectSel.value);
}

// templatesError starts the error of template definitions that do not
// parse (validate.ParseTemplates).
const templatesError = "reading template definitions";

// inContext runs call (validate, fix or report) with the context; when the
// template definitions do not parse, it says so beside them and runs it
// without them. Any other failure (a timeout, a worker that would not start)
// is the call's own.
/**
 * @template T
 * @param {(opts: CheckOptions) => Promise<T>} call
 * @returns {Promise<T>}
 */
async function inContext(call) {
  const opts = checkOptions();
  try {
    const r = await call(opts);
    showContext(opts, null);
    return r;
  } catch (err) {
    if (!opts.templates.trim() || !err.message.startsWith(templatesError)) throw err;
    showContext(opts, err);
    return call({ ...opts, templates: "" });
  }
}

// showContext says what of the context is in use, or why the template
// definitions are not. The status is a live region: it is rewritten only
// when what it says changes, not at every check.
/**
 * @param {ReturnType<typeof checkOptions>} opts
 * @param {Error | null} err
 */
function showContext(opts, err) {
  let text;
  if (err) {
    text = `${err.message.charAt(0).toUpperCase()}${err.message.slice(1)}. Checking without them.`;
  } else {
    const parts = [];
    if (opts.sender) parts.push(`messages to ${opts.sender} are flagged`);
    if (opts.templates.trim()) parts.push("template messages are checked against the definitions");
    text = parts.length ? `In use: ${parts.join("; ")}.` : "";
  }
  contextStatus.classList.toggle("failed", err !== null);
  if (contextStatus.textContent !== text) contextStatus.textContent = text;
}

/**
 * @param {Report} r
 * @param {number} ms
 */
function render(r, ms) {
  const count = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) count[f.severity]++;
  const parts = [];
  for (const s of ["error", "warning", "info"]) {
    if (count[s]) parts.push(`${count[s]} ${s}${count[s] === 1 ? "" : "s"}`);
  }
  status.classList.toggle("clean", r.findings.length === 0);
  status.classList.toggle("has-errors", count.error > 0);
  status.classList.toggle("has-warnings", count.error === 0 && count.warning > 0);
  status.textContent = r.findings.length === 0 ? "No problems found" : parts.join(", ");
  const kind = reportKind(r);
  $("payload-info").textContent = kindNames[kind]
    ? `checked as ${kindNames[kind]}`
    : r.dialect
      ? `checked as ${r.dialect === "onprem" ? "On-Premises v1" : "Cloud API"}${r.type ? ` · type ${r.type}` : ""}`
      : "";
  renderPreview(reportText, kind);
  findingsList.replaceChildren(...r.findings.map((f) => findingItem(f, { select: selectSpan, fix: applyFix })));
  markGutter(r.findings);
  if (editor.value === reportText) renderMarks(r.findings, reportText);
  fixAllBtn.disabled = !r.findings.some((f) => f.fix !== undefined);
}

// kindNames name the kinds of body a report can say it checked, other than
// a message.
/** @type {Record<string, string>} */
const kindNames = { template: "template creation", "template-edit": "template edit" };

// reportKind is the kind of body the report says it checked ("message",
// "template", "template-edit"), or "" from a module that does not say.
/** @param {Report} r */
function reportKind(r) {
  return "kind" in r && typeof r.kind === "string" ? r.kind : "";
}

// renderPreview shows text as a recipient would see the template when it
// is a template creation or edit body, and hides the preview otherwise. It
// reads the text itself (see preview.js); a report that says it checked a
// message has the last word.
/**
 * @param {string} text
 * @param {string} kind
 */
function renderPreview(text, kind) {
  const body = kind === "message" ? null : creationBody(text);
  $("preview").hidden = body === null;
  $("preview-body").replaceChildren(...(body ? [templatePreview(body)] : []));
}

// applyFix replaces the finding's span with its fix. When the text changed
// since the finding was made, the finding is looked up again (by rule and
// place) in the text as it is now: its old offsets would land elsewhere.
// Where a place has two (a member name and its value, both in curly
// quotes), the fix tells them apart.
/** @param {Finding} f */
async function applyFix(f) {
  if (editor.value !== reportText) {
    await lint();
    if (editor.value !== reportText) return; // still typing: the button will be there again
    const same = report.findings.filter((x) => x.rule === f.rule && x.pointer === f.pointer && x.fix !== undefined);
    const fix = JSON.stringify(f.fix);
    f = same.length === 1 ? same[0] : same.find((x) => JSON.stringify(x.fix) === fix);
    if (!f) return; // fixed or gone meanwhile
  }
  const at = byteOffsets(editor.value);
  replaceRange(at(f.span.start.offset), at(f.span.end.offset), JSON.stringify(f.fix));
  renderGutter();
  await lint();
  status.textContent = `Fix applied (${f.rule}). ${status.textContent}`;
}

async function fixAll() {
  let r;
  try {
    r = await inContext((o) => walint.fix(editor.value, o));
  } catch (err) {
    r = { error: err.message };
  }
  if (r.error !== undefined) {
    // The fix timed out, crashed or failed: it changed nothing, and the
    // payload stays as it is. Saying "0 fixes applied" would hide why.
    status.textContent = `Fix all failed: ${r.error}. ${status.textContent}`;
    return;
  }
  if (r.fixed > 0) {
    setText(r.text, true);
    await lint();
  }
  status.textContent = `${r.fixed} fix${r.fixed === 1 ? "" : "es"} applied. ${status.textContent}`;
}

// ---- media ----

/** @param {File} file */
async function checkMedia(file) {
  lastMedia = file;
  // The picker's kinds, and payloadMediaKind's, are the module's mediaKinds.
  let kind = /** @type {MediaKind} */ (mediaKindSel.value),
    why = "chosen";
  if (!kind) {
    kind = payloadMediaKind();
    why = kind ? "the payload's message type" : "guessed from the file";
  }
  mediaResult.replaceChildren(el("p", "detail", `Checking ${file.name}…`));
  try {
    // A file over the module's cap (walint.maxMediaBytes) is refused by
    // its size, before it is read.
    const m = await walint.inspectMedia(file, kind, { dialect: pickedDialect() });
    mediaResult.replaceChildren(mediaBox(file, m, why));
  } catch (err) {
    mediaResult.replaceChildren(el("p", "failed", `Could not read ${file.name}: ${err.message}`));
  }
}

function recheckMedia() {
  if (lastMedia) checkMedia(lastMedia);
}

// mediaKindLabel names a media kind for the picker: "voice note",
// "template image header".
/** @param {string} kind */
function mediaKindLabel(kind) {
  if (kind === "voice") return "voice note";
  if (kind.startsWith("template-")) return `template ${kind.slice("template-".length)} header`;
  return kind;
}

// payloadMediaKind is the media kind the payload's message expects, "" when
// it expects none or cannot be read. The kinds are the module's.
/** @returns {MediaKind} */
function payloadMediaKind() {
  let doc;
  try {
    doc = JSON.parse(editor.value);
  } catch {
    return "";
  }
  const kinds = walint.mediaKinds;
  const type = report?.type || doc?.type;
  if (type === "audio" && doc?.audio?.voice === true) return "voice";
  if (kinds.includes(type)) return type;
  if (type === "template") {
    const comps = doc?.template?.components ?? [];
    const header = Array.isArray(comps) ? comps.find((c) => String(c?.type).toLowerCase() === "header") : null;
    const p = String(header?.parameters?.[0]?.type ?? "").toLowerCase();
    if (kinds.includes(`template-${p}`)) return /** @type {MediaKind} */ (`template-${p}`);
  }
  return "";
}

// ---- examples, downloads, share links ----

// loadExamples fills the picker from examples/index.json, which `make wasm`
// writes, and keeps every example's text so the picker works offline.
async function loadExamples() {
  let list;
  try {
    const r = await fetch("examples/index.json");
    if (!r.ok) throw new Error(r.statusText);
    list = await r.json();
  } catch {
    exampleSel.closest("label").hidden = true;
    return;
  }
  // Decoded keeping a byte order mark, which Response.text() would drop.
  const decode = (b) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
  const texts = await Promise.all(
    list.map((x) =>
      fetch(`examples/${x.file}`)
        .then((r) => r.arrayBuffer())
        .then(decode)
        .catch(() => null),
    ),
  );
  const groups = { examples: "Broken examples", clean: "Clean payloads" };
  const optgroups = new Map();
  list.forEach((x, i) => {
    if (texts[i] === null) return;
    // Template creation bodies (testdata/examples/template_*.json, broken
    // and clean) have a group of their own.
    const template = x.file.startsWith("template_");
    const label = template ? "Template creation" : (groups[x.group] ?? x.group);
    if (!optgroups.has(label)) {
      const g = el("optgroup");
      g.label = label;
      optgroups.set(label, g);
      exampleSel.append(g);
    }
    const name = template ? x.file.slice("template_".length) : x.file;
    const o = el("option", "", name.replace(/\.json$/, "").replaceAll("_", " "));
    o.value = x.file;
    o.dataset.text = texts[i];
    optgroups.get(label).append(o);
  });
}

/** @param {"json" | "sarif"} format */
async function download(format) {
  let text;
  try {
    text = await inContext((o) => walint.report(editor.value, { ...o, format, path: "payload.json" }));
  } catch (err) {
    status.textContent = `The report could not be made: ${err.message}. ${status.textContent}`;
    return;
  }
  const type = format === "sarif" ? "application/sarif+json" : "application/json";
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a");
  a.href = url;
  a.download = format === "sarif" ? "walint.sarif" : "walint.json";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// share puts the payload into the URL fragment (see share.js) and offers
// the link, copied when the browser allows it.
async function share() {
  const url = `${location.href.split("#")[0]}#${await shareFragment(editor.value, dialectSel.value)}`;
  history.replaceState(null, "", url);
  const out = /** @type {HTMLInputElement} */ ($("share-url"));
  out.value = url;
  $("share-out").hidden = false;
  out.select();
  try {
    await navigator.clipboard.writeText(url);
    status.textContent = `Link copied. ${status.textContent}`;
  } catch {
    out.focus(); // Copying was refused; the link is selected for Ctrl+C.
  }
}

// loadFromFragment loads the payload of a share link, and reports whether
// there was one.
async function loadFromFragment() {
  let shared;
  try {
    shared = await readFragment(location.hash);
  } catch {
    status.textContent = "The link's payload could not be read";
    return false;
  }
  if (!shared) return false;
  if ([...dialectSel.options].some((o) => o.value === shared.dialect)) dialectSel.value = shared.dialect;
  exampleSel.selectedIndex = 0;
  setText(shared.text, false);
  return true;
}

// Started last, once every declaration above has run.
main().catch((err) => {
  status.textContent = `walint failed to load: ${err.message}`;
  status.classList.add("failed");
  console.error(err);
});
