// Builds the package's generated files into dist/ (make npm runs it):
//
//   dist/walint.wasm.br      the library's module (../../wasm), brotli-compressed
//   dist/walint-cli.wasm.br  the command (../../cmd/walint) for the bin, brotli-compressed
//   dist/wasm_exec.js        Go's wasm_exec.js, wrapped in a function of the global object it runs against
//   dist/LICENSE-go          Go's licence, which covers wasm_exec.js and the Go runtime in both modules
//   dist/shapes.d.ts         the types of the results, shared with the checker page (../web/shapes.d.ts)
//   dist/core.js             option checks and payload coercion, shared with the checker page (../web/core.js)
//   dist/build.json          what was built: the modules' sizes and hashes, to skip compressing an unchanged one
//
//   node scripts/build.js [--version v1.2.3] [--quality 9] [--pack DIR]
//
// --version stamps the release into both modules (as make dist does) and,
// with --pack, into the tarball's package.json; --pack then writes the
// tarball (npm pack) into DIR. Nothing here touches the network.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const repo = path.resolve(pkgDir, "..", "..");
const dist = path.join(pkgDir, "dist");
const go = process.env.GO || "go";

const modules = [
  // file, Go package, the variable -X stamps the release version into
  { file: "walint.wasm", pkg: "./wasm", versionVar: "main.releaseVersion" },
  { file: "walint-cli.wasm", pkg: "./cmd/walint", versionVar: "main.version" },
];

function parseArgs(argv) {
  const args = { version: "", quality: 9, pack: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--version") args.version = value();
    else if (a === "--quality") args.quality = Number(value());
    else if (a === "--pack") args.pack = path.resolve(value());
    else
      throw new Error(
        `unknown argument ${a}\nusage: node scripts/build.js [--version v1.2.3] [--quality 0-11] [--pack DIR]`,
      );
  }
  if (!Number.isInteger(args.quality) || args.quality < 0 || args.quality > 11) throw new Error("--quality is 0 to 11");
  // The version goes into -ldflags unquoted, as scripts/dist.sh checks too.
  if (args.version && !/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(args.version)) {
    throw new Error(`--version ${args.version}: want letters, digits and . _ + - (v1.2.3)`);
  }
  return args;
}

const sha256 = (b) => createHash("sha256").update(b).digest("hex");

// writeIfChanged writes data to file unless it already holds those bytes,
// so that an unchanged file keeps its time.
function writeIfChanged(file, data) {
  try {
    if (fs.readFileSync(file).equals(Buffer.from(data))) return;
  } catch {}
  fs.writeFileSync(file, data);
}

// buildModule builds one Go package for js/wasm and writes its compressed
// copy, unless the last build made the same module with the same quality.
function buildModule(m, args, previous, tmp) {
  const out = path.join(tmp, m.file);
  let ldflags = "-s -w";
  if (args.version) ldflags += ` -X ${m.versionVar}=${args.version}`;
  execFileSync(go, ["build", "-trimpath", `-ldflags=${ldflags}`, "-o", out, m.pkg], {
    cwd: repo,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, GOOS: "js", GOARCH: "wasm" },
  });
  const raw = fs.readFileSync(out);
  const entry = { sha256: sha256(raw), bytes: raw.length, quality: args.quality };
  const target = path.join(dist, m.file + ".br");
  const prev = previous?.[m.file];
  if (prev && prev.sha256 === entry.sha256 && prev.quality === entry.quality && fs.existsSync(target)) {
    return { ...prev };
  }
  const t0 = performance.now();
  const br = zlib.brotliCompressSync(raw, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: args.quality,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  fs.writeFileSync(target, br);
  entry.compressed = br.length;
  console.log(
    `build: ${m.pkg} → dist/${m.file}.br: ${mb(raw.length)} → ${mb(br.length)} (brotli ${args.quality}, ${Math.round(performance.now() - t0)} ms)`,
  );
  return entry;
}

const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;

// wasmExec wraps Go's wasm_exec.js in a function of the global object it
// runs against. Go's script reads and sets globals (fs, process, path, Go)
// and the module's js.Global() is whatever globalThis it saw: inside the
// function globalThis is the parameter, so the library can give Go a
// scope of its own, and fs, crypto and performance, which the script uses
// by their bare names, are that scope's.
function wasmExec(goroot) {
  let file = path.join(goroot, "lib", "wasm", "wasm_exec.js");
  if (!fs.existsSync(file)) file = path.join(goroot, "misc", "wasm", "wasm_exec.js"); // before Go 1.24
  const source = fs.readFileSync(file, "utf8");
  const goVersion = execFileSync(go, ["env", "GOVERSION"], { encoding: "utf8" }).trim();
  return `// @ts-nocheck: Go's code, checked by Go; make lint checks only the callers.
// Generated by scripts/build.js from ${goVersion}'s wasm_exec.js, which follows
// unchanged; do not edit. Go's licence is in LICENSE-go.
//
// goClass runs it against scope instead of the real global object and
// returns the Go class it defines there.
/**
 * @param {any} globalThis
 * @returns {any}
 */
export function goClass(globalThis) {
  const { fs, crypto, performance } = globalThis;
${source}
  return globalThis.Go;
}
`;
}

// npmVersion is the package version for a release VERSION: v1.2.3 is
// 1.2.3; what is not semver (a bare commit, "dev") is a prerelease of 0.0.0.
function npmVersion(v) {
  const s = v.replace(/^v(?=\d)/, "");
  if (/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(s)) return s;
  return `0.0.0-${s.replace(/[^0-9A-Za-z.-]/g, "-")}`;
}

// pack writes the package's tarball into dir, with the version stamped in
// a staged copy, so that the committed package.json stays as it is.
function pack(dir, version) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "walint-npm-"));
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
    for (const f of ["package.json", "README.md", ...manifest.files]) {
      fs.cpSync(path.join(pkgDir, f), path.join(stage, f), { recursive: true });
    }
    if (version) manifest.version = npmVersion(version);
    fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
    fs.mkdirSync(dir, { recursive: true });
    const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: stage, encoding: "utf8" });
    const tarball = path.join(dir, out.trim().split("\n").pop());
    console.log(`build: ${tarball} (${mb(fs.statSync(tarball).size)}, version ${manifest.version})`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(dist, { recursive: true });
  const record = path.join(dist, "build.json");
  let previous = null;
  try {
    previous = JSON.parse(fs.readFileSync(record, "utf8")).modules;
  } catch {}
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "walint-wasm-"));
  const built = {};
  try {
    for (const m of modules) built[m.file] = buildModule(m, args, previous, tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const goroot = execFileSync(go, ["env", "GOROOT"], { encoding: "utf8" }).trim();
  writeIfChanged(path.join(dist, "wasm_exec.js"), wasmExec(goroot));
  writeIfChanged(path.join(dist, "LICENSE-go"), fs.readFileSync(path.join(goroot, "LICENSE")));
  writeIfChanged(path.join(dist, "shapes.d.ts"), fs.readFileSync(path.join(pkgDir, "..", "web", "shapes.d.ts")));
  writeIfChanged(path.join(dist, "core.js"), fs.readFileSync(path.join(pkgDir, "..", "web", "core.js")));
  writeIfChanged(record, JSON.stringify({ version: args.version || "", modules: built }, null, 2) + "\n");
  if (args.pack) pack(args.pack, args.version);
}

try {
  main();
} catch (err) {
  console.error(`build: ${err.message}`);
  process.exit(1);
}
