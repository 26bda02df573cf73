// What the package's tests share: where things are, the Go command, and the
// native walint binary the command's output is compared with.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const pkgDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repo = path.resolve(pkgDir, "..", "..");
export const shared = path.resolve(repo, "..", "shared");
export const go = process.env.GO || "go";
export const inCI = process.env.CI === "true";

/** The files under dir (recursively) whose names end in ext, sorted. */
export function filesUnder(dir, ext) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/** A new temporary directory, removed when the process exits. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The corpus of ../shared (valid and invalid payloads), or null with the
 * reason when it is missing: a skip outside CI, a failure in it.
 */
export function corpusFiles(t) {
  const dir = path.join(shared, "corpus");
  if (!fs.existsSync(dir)) {
    if (inCI) throw new Error(`${dir} is missing; CI needs ../shared beside the repository`);
    t.skip(`${dir} is missing (../shared is not beside the repository)`);
    return null;
  }
  return [...filesUnder(path.join(dir, "valid"), ".json"), ...filesUnder(path.join(dir, "invalid"), ".json")];
}

let native = null;
/** Builds the native walint command once per test file and returns its path. */
export function nativeWalint() {
  if (!native) {
    native = path.join(tempDir("walint-native-"), "walint");
    execFileSync(go, ["build", "-trimpath", "-o", native, "./cmd/walint"], {
      cwd: repo,
      stdio: ["ignore", "inherit", "inherit"],
    });
  }
  return native;
}
