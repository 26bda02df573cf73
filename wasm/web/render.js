// Rendering of findings and media results, shared by the payload's list
// and the media check. Plain DOM: text always goes in through textContent.

// findingItem renders one finding. With actions (the payload's list, not
// a media file's) its head selects the span and its fix can be applied.
export function findingItem(f, actions) {
  const inPayload = actions !== undefined;
  const li = el("li", `finding sev-${f.severity}`);
  li.dataset.rule = f.rule;
  const head = el(inPayload ? "button" : "div", "finding-head");
  if (inPayload) {
    head.type = "button";
    head.title = "Select it in the editor";
    head.addEventListener("click", () => actions.select(f));
    li.dataset.line = f.span.start.line;
  }
  head.append(el("span", "sev", f.severity));
  if (inPayload) head.append(el("span", "pos", `${f.span.start.line}:${f.span.start.column}`));
  head.append(el("span", "msg", f.message));
  li.append(head);

  const meta = el("div", "meta");
  const rule = el("a", "rule", f.rule);
  rule.href = f.doc;
  rule.target = "_blank";
  rule.rel = "noopener noreferrer";
  rule.title = `What ${f.rule} checks, and how to fix it`;
  meta.append(rule);
  // Meta's answer as the CLI's text format writes it (output.Codes): the
  // subcode beside the Cloud API code, and the reason of Meta's review.
  const codes = [];
  if (f.code) codes.push(`code ${f.code}`);
  if (f.cloud_code) codes.push(f.subcode ? `cloud ${f.cloud_code}/${f.subcode}` : `cloud ${f.cloud_code}`);
  else if (f.subcode) codes.push(`subcode ${f.subcode}`);
  if (f.review) codes.push(`review: ${f.review}`);
  if (codes.length) meta.append(el("span", "codes", codes.join(" · ")));
  if (inPayload && f.pointer) meta.append(el("code", "ptr", f.pointer));
  li.append(meta);
  if (f.hint) li.append(el("p", "hint", f.hint));
  if (inPayload && f.fix !== undefined) {
    const fix = JSON.stringify(f.fix);
    const btn = el("button", "apply-fix");
    btn.type = "button";
    btn.append("Apply fix: ", el("code", "", fix.length > 60 ? fix.slice(0, 57) + "…" : fix));
    btn.addEventListener("click", () => actions.fix(f));
    li.append(btn);
  }
  return li;
}

// el makes an element with a class and text, both optional.
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// mediaBox renders what inspectMedia found in a file: its facts and findings.
export function mediaBox(file, m, why) {
  const box = el("div", "media-box");
  const h = el("h3", "", file.name);
  box.append(h, el("p", "detail", `judged as ${m.kind} (${why})`));
  const dl = el("dl", "facts");
  const fact = (name, value) => {
    if (value === undefined || value === "" || value === null) return;
    dl.append(el("dt", "", name), el("dd", "", String(value)));
  };
  fact("Type", m.descriptor);
  fact("MIME", m.mime);
  fact("Container", m.brand ? `${m.container} (brand "${m.brand}")` : m.container);
  fact("Size", sizeText(m.size));
  if (m.width || m.height) fact("Dimensions", `${m.width}×${m.height}`);
  if (m.duration_ms) fact("Duration", `${(m.duration_ms / 1000).toFixed(2)} s`);
  if (m.animated) fact("Animated", "yes");
  m.tracks.forEach((t, i) => fact(`Track ${i + 1}`, trackText(t)));
  fact("Damaged", m.damaged);
  box.append(dl);
  const worst = m.findings.some((f) => f.severity === "error")
    ? "has-errors"
    : m.findings.some((f) => f.severity === "warning")
      ? "has-warnings"
      : "";
  const count = el(
    "p",
    m.findings.length ? `status ${worst}` : "status clean",
    m.findings.length
      ? `${m.findings.length} finding${m.findings.length === 1 ? "" : "s"} for a ${m.kind}`
      : `No problems for a ${m.kind}`,
  );
  const list = el("ol", "findings");
  list.replaceChildren(...m.findings.map((f) => findingItem(f)));
  box.append(count, list);
  return box;
}

function trackText(t) {
  let s = `${t.kind} ${t.codec || "unknown codec"}`;
  const detail = [t.fourcc, t.handler && `handler ${t.handler}`].filter(Boolean);
  if (detail.length) s += ` (${detail.join(", ")})`;
  if (t.width || t.height) s += `, ${t.width}×${t.height}`;
  if (t.duration_ms) s += `, ${(t.duration_ms / 1000).toFixed(2)} s`;
  return s;
}

function sizeText(n) {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MB (${n} bytes)`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KB (${n} bytes)`;
  return `${n} bytes`;
}
