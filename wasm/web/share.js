// Share links: the payload travels in the URL fragment (after the #), which
// browsers never send to the server, so a link shares the payload only with
// whoever opens it. It is deflated when the browser can (z=), and plain
// UTF-8 otherwise (p=), both in base64url.

/**
 * Returns the fragment, without the #, that carries text and, unless it is
 * "auto", the dialect.
 */
export async function shareFragment(text, dialect) {
  const bytes = new TextEncoder().encode(text);
  let frag;
  if (typeof CompressionStream === "function") {
    const z = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    frag = `z=${toBase64URL(new Uint8Array(await new Response(z).arrayBuffer()))}`;
  } else {
    frag = `p=${toBase64URL(bytes)}`;
  }
  return dialect && dialect !== "auto" ? `dialect=${encodeURIComponent(dialect)}&${frag}` : frag;
}

/**
 * Reads a fragment made by shareFragment (with or without the #): {text,
 * dialect}, or null when it carries no payload. A damaged one throws.
 */
export async function readFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const z = params.get("z"),
    p = params.get("p");
  if (z === null && p === null) return null;
  let bytes = fromBase64URL(z ?? p);
  if (z !== null) {
    const s = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    bytes = new Uint8Array(await new Response(s).arrayBuffer());
  }
  return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), dialect: params.get("dialect") ?? "" };
}

function toBase64URL(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64URL(s) {
  const bin = atob(s.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
