// The package as a new user gets it: npm pack, npm install of the tarball
// into a new project with no network, then every snippet of README.md
// (each fenced block after a "<!-- test: NAME -->" line) run there.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { pkgDir, repo, tempDir } from "./helpers.js";

// snippets returns README.md's tested blocks by name: {lang, code}.
export function snippets(readme) {
  const out = {};
  const re = /^<!-- test: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)^```$/gm;
  for (const m of readme.matchAll(re)) out[m[1]] = { lang: m[2], code: m[3] };
  return out;
}

const readme = snippets(fs.readFileSync(path.join(pkgDir, "README.md"), "utf8"));
const offline = {
  ...process.env,
  npm_config_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};
let project, tarball;

function sh(cmd, opts = {}) {
  return spawnSync("sh", ["-c", cmd], { cwd: project, env: offline, encoding: "utf8", timeout: 60000, ...opts });
}

function node(file) {
  return spawnSync(process.execPath, [file], { cwd: project, env: offline, encoding: "utf8", timeout: 60000 });
}

before(() => {
  const packs = tempDir("walint-pack-");
  const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", packs], {
    cwd: pkgDir,
    encoding: "utf8",
    env: offline,
  });
  tarball = path.join(packs, out.trim().split("\n").pop());
  project = tempDir("walint-user-");
  fs.writeFileSync(
    path.join(project, "package.json"),
    JSON.stringify({ name: "user-project", private: true, type: "module" }),
  );
});

test("README.md has every snippet the tests run", () => {
  assert.deepEqual(Object.keys(readme).sort(), ["axios", "bin", "guard", "install", "validate"]);
});

test("the tarball holds the package and nothing of the repository", () => {
  const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean).sort();
  for (const f of [
    "package/package.json",
    "package/README.md",
    "package/index.js",
    "package/index.d.ts",
    "package/bin/walint.js",
    "package/lib/load.js",
    "package/lib/guard.js",
    "package/dist/walint.wasm.br",
    "package/dist/walint-cli.wasm.br",
    "package/dist/wasm_exec.js",
    "package/dist/LICENSE-go",
    "package/dist/shapes.d.ts",
    "package/dist/core.js",
  ]) {
    assert.ok(list.includes(f), `${f} is not in the tarball: ${list.join(" ")}`);
  }
  assert.deepEqual(
    list.filter((f) => /\/(test|scripts)\/|build\.json|\.go$/.test(f)),
    [],
  );
});

test("the tarball carries the MIT licence: the repository's LICENSE, as package.json says", () => {
  const licence = execFileSync("tar", ["-xOzf", tarball, "package/LICENSE"], { encoding: "utf8" });
  assert.equal(
    licence,
    fs.readFileSync(path.join(repo, "LICENSE"), "utf8"),
    "wasm/npm/LICENSE differs from the repository's LICENSE",
  );
  const manifest = JSON.parse(execFileSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" }));
  assert.equal(manifest.license, "MIT");
  // npm packs a LICENSE by itself, but scripts/build.js --pack stages only
  // package.json, README.md and the files list.
  assert.ok(manifest.files.includes("LICENSE"), `"files" lacks LICENSE: ${manifest.files}`);
});

test("install: the README's command, with the tarball for the registry, offline", () => {
  assert.equal(readme.install.code.trim(), "npm install walint");
  const r = sh(`npm install --offline --no-audit --no-fund ${JSON.stringify(tarball)}`);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(project, "node_modules", "walint", "dist", "walint.wasm.br")));
});

test("validate: the README's example prints its findings", () => {
  fs.writeFileSync(path.join(project, "validate.js"), readme.validate.code);
  const r = node("validate.js");
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /^\/to error: recipient "0016505551234" starts with the 00 call prefix.*\[recipient-intl-prefix\]$/m,
  );
  assert.match(r.stdout, /^\/text\/preview_url error: .*\[quoted-boolean\]$/m);
});

test("guard: the README's guarded fetch refuses the payload without sending it", () => {
  fs.writeFileSync(path.join(project, "guard.js"), readme.guard.code);
  // A fetch that records any call: the snippet's fetch must never reach it.
  fs.writeFileSync(
    path.join(project, "no-network.js"),
    "globalThis.fetch = () => { console.log('SENT'); return Promise.reject(new Error('no network')); };\nawait import('./guard.js');\n",
  );
  const r = node("no-network.js");
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /SENT/);
  assert.match(r.stderr, /^walint: payload not sent: 1 error\n\tquoted-boolean: \/text\/preview_url: /m);
});

test("axios: the README's interceptor refuses the payload (with a stand-in for axios)", () => {
  // A stand-in with what the snippet uses: interceptors run in order
  // before the request, an error in one rejects the request.
  const axios = path.join(project, "node_modules", "axios");
  fs.mkdirSync(axios, { recursive: true });
  fs.writeFileSync(
    path.join(axios, "package.json"),
    JSON.stringify({ name: "axios", version: "0.0.0-stand-in", type: "module", main: "index.js" }),
  );
  fs.writeFileSync(
    path.join(axios, "index.js"),
    `
const handlers = [];
export default {
  interceptors: { request: { use(fn) { handlers.push(fn); } } },
  async post(url, data) {
    let config = { method: 'post', url, data, headers: {} };
    for (const h of handlers) config = await h(config);
    console.log('SENT');
    return { status: 200, config };
  },
};`,
  );
  fs.writeFileSync(path.join(project, "axios.js"), readme.axios.code);
  const r = node("axios.js");
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /SENT/);
  assert.match(r.stderr, /^walint: payload not sent: 1 error\n\trecipient-intl-prefix: \/to: /m);
});

test("bin: the README's npx lines run the command from the installed package", () => {
  fs.writeFileSync(
    path.join(project, "message.json"),
    '{"messaging_product": "whatsapp", "to": "+16505551234", "type": "text", "text": {"preview_url": "true", "body": "hi"}}\n',
  );
  fs.mkdirSync(path.join(project, "messages"), { recursive: true });
  fs.copyFileSync(path.join(repo, "testdata", "clean", "cloud_text.json"), path.join(project, "messages", "text.json"));
  const lines = readme.bin.code
    .split("\n")
    .map((l) => l.replace(/\s+# .*$/, "").trim())
    .filter(Boolean);
  assert.equal(lines.length, 3);
  const codes = lines.map((l) => sh(l));
  assert.equal(codes[0].status, 1, codes[0].stderr);
  assert.match(codes[0].stdout, /message\.json:1:\d+: error: .*\[quoted-boolean\]/);
  assert.equal(codes[1].status, 0, codes[1].stderr);
  assert.equal(JSON.parse(fs.readFileSync(path.join(project, "report.json"), "utf8")).files.length, 1);
  assert.equal(codes[2].status, 0, codes[2].stderr);
  assert.match(codes[2].stdout, /no problems|0 errors|checked/i);
});

test("types: index.d.ts checks a TypeScript user of the package (WALINT_TEST_TYPES=1; fetches typescript)", (t) => {
  if (process.env.WALINT_TEST_TYPES !== "1") {
    t.skip("set WALINT_TEST_TYPES=1 to run tsc (npx fetches typescript@5 from the registry)");
    return;
  }
  fs.writeFileSync(
    path.join(project, "usage.ts"),
    `
import { guardFetch, load, WalintRejectedError, type Finding, type Report } from 'walint';
const walint = await load({ dialect: 'cloud', templates: { data: [] } });
const report: Report = walint.validate('{}', { lastInbound: new Date(), sender: '+1' });
const first: Finding | undefined = report.findings[0];
const line: number | undefined = first?.span.start.line;
const fixed: string = walint.fix({ to: '1' }).text;
const doc: string = walint.explain('quoted-boolean') + walint.rules()[0].id + walint.inspectMedia(new Uint8Array(1), 'image').mime;
const fetch2: typeof fetch = guardFetch(fetch, { blockOn: 'warning', walint });
try { await fetch2('https://x/v1/messages', { method: 'POST', body: '{}' }); } catch (e) { if (e instanceof WalintRejectedError) console.log(e.findings.length, e.url, e.report.dialect); }
// @ts-expect-error: not a dialect
walint.validate('{}', { dialect: 'v2' });
console.log(line, fixed, doc);
`,
  );
  fs.writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        types: [],
        lib: ["es2022", "dom"],
      },
      files: ["usage.ts"],
    }),
  );
  const r = spawnSync("npx", ["-y", "-p", "typescript@5", "tsc", "-p", "."], {
    cwd: project,
    encoding: "utf8",
    timeout: 300000,
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
