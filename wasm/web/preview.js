// The preview of a template creation body (POST /{waba-id}/message_templates,
// or an edit's POST /{template-id}) as a recipient would see the message,
// its samples filled in, the way WhatsApp Manager shows one. It reads the
// pasted text itself, not walint's report, so that it works whatever the
// module says of the body. Plain DOM: text always goes in through
// textContent, never as HTML.
import { el } from "./render.js";

/**
 * A creation body as the preview reads it: loosely, since the text is
 * whatever was pasted, and every member may be missing or of another type.
 * @typedef {{ [key: string]: any }} Body
 */

/**
 * creationBody returns the parsed template creation body of text, or null
 * when text is not one: a JSON object with a components array and a name,
 * category or language, or with components and none of a message's
 * envelope (an edit body, which has only components and category).
 * @param {string} text
 * @returns {Body | null}
 */
export function creationBody(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || !Array.isArray(doc.components)) return null;
  if ("name" in doc || "category" in doc || "language" in doc) return doc;
  return "to" in doc || "messaging_product" in doc ? null : doc;
}

/**
 * templatePreview renders body: the message bubble (header, body, footer),
 * its buttons, and a carousel's cards beside each other under it.
 * @param {Body} body
 * @returns {HTMLElement}
 */
export function templatePreview(body) {
  const comps = body.components.filter(isObject);
  const auth = lower(body.category) === "authentication";
  const chat = el("div", "pv-chat");
  chat.append(message(comps, auth));
  const carousel = comps.find((c) => lower(c.type) === "carousel");
  if (carousel) {
    const cards = el("div", "pv-cards");
    const list = Array.isArray(carousel.cards) ? carousel.cards.filter(isObject) : [];
    list.forEach((card, i) => {
      const cardComps = Array.isArray(card.components) ? card.components.filter(isObject) : [];
      const box = message(cardComps, false);
      box.classList.add("pv-card");
      box.setAttribute("aria-label", `Card ${i + 1} of ${list.length}`);
      cards.append(box);
    });
    chat.append(cards);
  }
  return chat;
}

// message renders one bubble with its buttons under it: the template's
// top-level components, or a carousel card's.
/**
 * @param {Body[]} comps
 * @param {boolean} auth
 */
function message(comps, auth) {
  const find = (type) => comps.find((c) => lower(c.type) === type);
  const box = el("div", "pv-message");
  const bubble = el("div", "pv-bubble");
  const header = find("header");
  if (header) bubble.append(headerPart(header));
  const lto = find("limited_time_offer");
  if (lto?.limited_time_offer) bubble.append(offerPart(lto.limited_time_offer));
  const body = find("body");
  const otp = buttonsOf(find("buttons")).some((b) => lower(b.type) === "otp");
  if (body && typeof body.text !== "string" && (auth || otp)) {
    // Authentication bodies are preset: the code, and a security note when asked for.
    let text = "{{1}} is your verification code.";
    if (body.add_security_recommendation === true) text += " For your security, do not share this code.";
    bubble.append(textPart("div", "pv-body", text));
  } else if (body) {
    bubble.append(textPart("div", "pv-body", fill(String(body.text ?? ""), bodySamples(body))));
  }
  const footer = find("footer");
  if (footer) {
    const minutes = footer.code_expiration_minutes;
    const text =
      typeof footer.text === "string"
        ? footer.text
        : typeof minutes === "number"
          ? `This code expires in ${minutes} minute${minutes === 1 ? "" : "s"}.`
          : "";
    if (text) bubble.append(el("div", "pv-footer", text));
  }
  if (find("call_permission_request")) bubble.append(el("div", "pv-note", "Asks to allow calls from the business"));
  box.append(bubble);
  const buttons = buttonsOf(find("buttons"));
  if (buttons.length) box.append(buttonList(buttons));
  return box;
}

// headerPart is a text header with its sample, or a placeholder box for a
// media, location or product header, as WhatsApp Manager shows one.
/** @param {Body} h */
function headerPart(h) {
  const format = lower(h.format || (typeof h.text === "string" ? "text" : ""));
  if (format === "text") {
    const ex = isObject(h.example) ? h.example : {};
    const samples = named(ex.header_text_named_params) ?? flat(ex.header_text);
    return textPart("div", "pv-header", fill(String(h.text ?? ""), samples));
  }
  const box = el("div", `pv-media pv-media-${format || "unknown"}`);
  box.dataset.format = format;
  box.append(el("span", "pv-media-label", format ? format.toUpperCase() : "HEADER"));
  return box;
}

// offerPart is a limited-time offer's band: its text and, when it expires,
// the countdown the recipient sees (its time comes with the message).
/** @param {Body} offer */
function offerPart(offer) {
  const band = el("div", "pv-offer");
  band.append(el("strong", "", String(offer.text ?? "")));
  if (offer.has_expiration === true) band.append(el("span", "detail", "Offer ends in {{time}}"));
  return band;
}

// The label and mark of each kind of button: a fixed label where WhatsApp
// shows one whatever the body says, else the button's text.
/** @type {Record<string, { mark: string, label?: string }>} */
const buttonKinds = {
  quick_reply: { mark: "↩" },
  url: { mark: "↗" },
  phone_number: { mark: "✆" },
  voice_call: { mark: "✆", label: "Call Now" },
  copy_code: { mark: "⧉", label: "Copy offer code" },
  flow: { mark: "☰" },
  catalog: { mark: "☰", label: "View catalog" },
  mpm: { mark: "☰", label: "View items" },
  spm: { mark: "☰", label: "View" },
  otp: { mark: "⧉", label: "Copy code" },
};

// buttonList renders the buttons under the bubble. More than three show as
// the first two and "See all options", as WhatsApp shows them.
/** @param {Body[]} buttons */
function buttonList(buttons) {
  const list = el("ul", "pv-buttons");
  const shown = buttons.length > 3 ? buttons.slice(0, 2) : buttons;
  for (const b of shown) list.append(buttonItem(b));
  if (shown.length < buttons.length) {
    const more = el("li", "pv-button pv-more");
    more.append(el("span", "pv-mark", "☰"), el("span", "pv-label", "See all options"));
    more.title = buttons.map(buttonLabel).join(" · ");
    list.append(more);
  }
  return list;
}

/** @param {Body} b */
function buttonItem(b) {
  const type = lower(b.type);
  const li = el("li", "pv-button");
  li.dataset.type = type;
  const mark = el("span", "pv-mark", (buttonKinds[type] ?? { mark: "•" }).mark);
  mark.setAttribute("aria-hidden", "true");
  li.append(mark, el("span", "pv-label", buttonLabel(b)));
  // What the button holds, filled in, on hover: the link, the number, the code.
  const sample = Array.isArray(b.example) ? b.example[0] : b.example;
  if (type === "url" && typeof b.url === "string") li.title = fillURL(b.url, sample);
  else if (type === "phone_number" && b.phone_number !== undefined) li.title = String(b.phone_number);
  else if (type === "copy_code" && sample !== undefined) li.title = String(sample);
  return li;
}

/** @param {Body} b */
function buttonLabel(b) {
  const type = lower(b.type);
  if (type === "otp") {
    const oneTap = ["one_tap", "zero_tap"].includes(lower(b.otp_type));
    if (oneTap && typeof b.autofill_text === "string") return b.autofill_text;
    return typeof b.text === "string" ? b.text : oneTap ? "Autofill" : "Copy code";
  }
  const kind = buttonKinds[type];
  if (type === "voice_call" && typeof b.text === "string") return b.text;
  if (kind?.label) return kind.label;
  return typeof b.text === "string" ? b.text : type;
}

// fillURL puts the URL button's sample in for its variable. Meta's pages
// give the sample both as the part that replaces the variable and as the
// whole URL: a sample that is already a URL is taken as it is.
/**
 * @param {string} url
 * @param {unknown} sample
 */
function fillURL(url, sample) {
  if (typeof sample !== "string") return url;
  if (/^https?:\/\//i.test(sample)) return sample;
  return url.replace(variable, sample);
}

// ---- variables and samples ----

// variable matches {{1}} and {{name}}, with the spaces inside that people
// write (and that walint flags).
const variable = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/;

/**
 * Samples: positional ones in order ({{1}} is the first), or named ones by
 * name.
 * @typedef {string[] | Map<string, string>} Samples
 */

/**
 * bodySamples reads a body's samples in every shape Meta's pages show:
 * named (body_text_named_params), a list holding one list, a flat list or
 * a single string.
 * @param {Body} body
 * @returns {Samples}
 */
function bodySamples(body) {
  const ex = isObject(body.example) ? body.example : {};
  return named(ex.body_text_named_params) ?? flat(ex.body_text);
}

/**
 * @param {unknown} v
 * @returns {string[]}
 */
function flat(v) {
  if (typeof v === "string" || typeof v === "number") return [String(v)];
  if (!Array.isArray(v)) return [];
  if (v.length === 1 && Array.isArray(v[0])) return flat(v[0]);
  return v.map((x) => (typeof x === "string" || typeof x === "number" ? String(x) : ""));
}

/**
 * @param {unknown} params
 * @returns {Map<string, string> | null}
 */
function named(params) {
  if (!Array.isArray(params)) return null;
  const m = new Map();
  for (const p of params) {
    if (isObject(p) && typeof p.param_name === "string" && p.example !== undefined)
      m.set(p.param_name, String(p.example));
  }
  return m;
}

// fill puts the samples in for the variables; a variable without a sample
// stays as it is written, so that it shows.
/**
 * @param {string} text
 * @param {Samples} samples
 */
export function fill(text, samples) {
  return text.replace(new RegExp(variable.source, "g"), (whole, name) => {
    const v = samples instanceof Map ? samples.get(name) : /^\d+$/.test(name) ? samples[Number(name) - 1] : undefined;
    return v === undefined || v === "" ? whole : v;
  });
}

// ---- WhatsApp's formatting ----

// styles are WhatsApp's formatting marks: ```monospace``` (nothing inside
// is formatted), *bold*, _italic_ and ~strikethrough~. A mark opens after a
// space, punctuation or the start, before a non-space, and closes the other
// way round, on the same line.
const styles = [
  { re: /```([\s\S]+?)```/u, tag: "code", inner: false },
  { re: /(?<![\p{L}\p{N}*])\*(?=\S)([^*\n]*?\S)\*(?![\p{L}\p{N}*])/u, tag: "strong", inner: true },
  { re: /(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])/u, tag: "em", inner: true },
  { re: /(?<![\p{L}\p{N}~])~(?=\S)([^~\n]*?\S)~(?![\p{L}\p{N}~])/u, tag: "s", inner: true },
];

/**
 * formatted turns text into nodes: text, and elements for the formatted
 * parts, their content formatted in turn.
 * @param {string} text
 * @returns {Node[]}
 */
export function formatted(text) {
  /** @type {{ m: RegExpExecArray, s: (typeof styles)[number] } | null} */
  let first = null;
  for (const s of styles) {
    const m = s.re.exec(text);
    if (m && (!first || m.index < first.m.index)) first = { m, s };
  }
  if (!first) return text ? [document.createTextNode(text)] : [];
  const { m, s } = first;
  const e = el(s.tag);
  if (s.inner) e.append(...formatted(m[1]));
  else e.textContent = m[1];
  const before = text.slice(0, m.index);
  return [...(before ? [document.createTextNode(before)] : []), e, ...formatted(text.slice(m.index + m[0].length))];
}

/**
 * @param {string} tag
 * @param {string} cls
 * @param {string} text
 */
function textPart(tag, cls, text) {
  const e = el(tag, cls);
  e.append(...formatted(text));
  return e;
}

/** @param {Body | undefined} c */
function buttonsOf(c) {
  return Array.isArray(c?.buttons) ? c.buttons.filter(isObject) : [];
}

/**
 * @param {unknown} v
 * @returns {v is Body}
 */
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** @param {unknown} v */
function lower(v) {
  return typeof v === "string" ? v.toLowerCase() : "";
}
