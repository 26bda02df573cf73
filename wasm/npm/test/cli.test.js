// npx walint is the Go command: the same standard output, standard error
// and exit code as the native binary built from the same checkout, for
// each output format, a clean directory, standard input and usage errors;
// and the library's explain, rules and inspectMedia say what the command's
// explain, rules and media say.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { load } from "../index.js";
import { filesUnder, nativeWalint, pkgDir, repo, tempDir } from "./helpers.js";

const bin = path.join(pkgDir, "bin", "walint.js");
const env = { ...process.env };
delete env.GITHUB_STEP_SUMMARY; // the github format would append to it
delete env.NO_COLOR;

function run(cmd, args, input) {
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...args], {
    cwd: repo,
    env,
    input,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// runAsync is run without waiting: the command takes most of a second to
// start under WebAssembly, so the cases run two at a time.
function runAsync(cmd, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd[0], [...cmd.slice(1), ...args], { cwd: repo, env });
    const out = [],
      err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
    child.stdin.end(input ?? "");
  });
}

async function pool(tasks, width) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

// creationConfig writes, once, a configuration that checks the edit bodies
// among the creation fixtures as edit bodies (validate's fixtures test
// does so by name). Its globs are matched against the paths as given,
// which lie outside its directory.
let creationConfigFile;
function creationConfig() {
  if (!creationConfigFile) {
    creationConfigFile = path.join(tempDir("walint-creation-"), "walint.yaml");
    fs.writeFileSync(
      creationConfigFile,
      "kinds:\n" +
        '  - {path: "testdata/rules/*/*_edit_*.json", kind: template-edit}\n' +
        '  - {path: "testdata/creation/meta/edit/*.json", kind: template-edit}\n',
    );
  }
  return creationConfigFile;
}

const example = fs.readFileSync(path.join(repo, "testdata", "examples", "store_location.json"), "utf8");
const cases = [
  { name: "text on testdata/examples", args: ["testdata/examples"], code: 1 },
  { name: "text in colour", args: ["--color", "always", "testdata/examples/store_location.json"], code: 1 },
  { name: "json on testdata/examples", args: ["--format", "json", "testdata/examples"], code: 1 },
  { name: "sarif on testdata/examples", args: ["--format", "sarif", "testdata/examples"], code: 1 },
  { name: "github on testdata/examples", args: ["--format", "github", "testdata/examples"], code: 1 },
  { name: "a clean directory", args: ["--format", "json", "testdata/clean"], code: 0 },
  { name: "standard input", args: ["--format", "json", "-"], input: example, code: 1 },
  { name: "fix --diff on standard input", args: ["fix", "--diff", "-"], input: example },
  { name: "an unknown flag", args: ["--bogus"], code: 2 },
  // Go's js/wasm port spells system errors its own way ("No such file or
  // directory" for ENOENT): the one difference the command shows.
  { name: "a missing file", args: ["testdata/no-such-file.json"], code: 2, foldStderr: true },
  { name: "explain", args: ["explain", "latitude-range"], code: 0 },
  // Every template creation fixture (the creation rules' and Meta's
  // examples), the edit bodies as such by the configuration's kinds.
  {
    name: "json on every template creation fixture",
    args: ["--config", creationConfig(), "--format", "json", "testdata/rules/creation-*", "testdata/creation/meta"],
  },
  {
    name: "text on every template creation fixture",
    args: ["--config", creationConfig(), "testdata/rules/creation-*", "testdata/creation/meta"],
  },
  {
    name: "sarif on every template creation fixture",
    args: ["--config", creationConfig(), "--format", "sarif", "testdata/rules/creation-*", "testdata/creation/meta"],
  },
];

test("npx walint gives the native command's output and exit code", async (t) => {
  const got = await pool(
    cases.map((c) => () => runAsync([process.execPath, bin], c.args, c.input)),
    2,
  );
  for (const [i, c] of cases.entries()) {
    await t.test(`walint ${c.args.join(" ")}: ${c.name}`, () => {
      const want = run([nativeWalint()], c.args, c.input);
      if (c.code !== undefined)
        assert.equal(want.code, c.code, `the native command exits ${want.code}: ${want.stderr}`);
      assert.ok(
        want.stdout.length + want.stderr.length > 0,
        "the command said nothing: the comparison would prove nothing",
      );
      assert.equal(got[i].stdout, want.stdout, "standard output");
      const fold = (s) => (c.foldStderr ? s.toLowerCase() : s);
      assert.equal(fold(got[i].stderr), fold(want.stderr), "standard error");
      assert.equal(got[i].code, want.code, "exit code");
    });
  }
});

// Go's js/wasm port hands the program its arguments and environment in a
// fixed 12 KB of the module's memory: `npx walint fixtures/*.json` with a
// few hundred files overflowed it ("total length of command line and
// environment variables exceeds limit") before the bin passed them another way.
test("npx walint takes 2,000 paths, more than Go's WebAssembly argv holds", () => {
  const dir = tempDir("walint-many-");
  const files = [];
  for (let i = 0; i < 2000; i++) {
    const f = path.join(dir, `payload-with-a-longish-name-${String(i).padStart(4, "0")}.json`);
    // Every 100th payload has a latitude out of range: findings, exit 1.
    const lat = i % 100 === 0 ? 91 : 52.5;
    fs.writeFileSync(
      f,
      JSON.stringify({
        messaging_product: "whatsapp",
        to: "+14155550123",
        type: "location",
        location: { latitude: lat, longitude: 13.4 },
      }),
    );
    files.push(f);
  }
  const got = run([process.execPath, bin], ["--format", "json", ...files]);
  assert.equal(got.code, 1, `exit code ${got.code}: ${got.stderr}`);
  const report = JSON.parse(got.stdout);
  assert.equal(report.files.length, 2000);
  const flagged = report.files.filter((f) => f.findings.some((x) => x.rule === "latitude-range"));
  assert.deepEqual(
    flagged.map((f) => path.basename(f.path)),
    files.filter((_, i) => i % 100 === 0).map((f) => path.basename(f)),
  );
});

// A large environment (a CI job's) goes the same way, and the command still
// reads it: GITHUB_STEP_SUMMARY among 1,000 other variables gets the summary.
test("npx walint runs in a large environment and reads it", () => {
  const summary = path.join(tempDir("walint-env-"), "summary.md");
  const big = { ...env, GITHUB_STEP_SUMMARY: summary };
  for (let i = 0; i < 1000; i++) big[`WALINT_TEST_FILLER_${i}`] = "x".repeat(20);
  const r = spawnSync(process.execPath, [bin, "--format", "github", "testdata/examples/store_location.json"], {
    cwd: repo,
    env: big,
    encoding: "utf8",
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(fs.readFileSync(summary, "utf8"), /latitude-range/);
});

test("explain(id) is `walint explain ID` for every rule, and rules() is `walint rules`", async () => {
  const walint = await load();
  const rules = walint.rules();
  const cli = JSON.parse(run([nativeWalint()], ["rules", "--format", "json"]).stdout).rules;
  assert.equal(rules.length, cli.length);
  assert.ok(rules.length > 50, `only ${rules.length} rules`);
  for (const [i, r] of rules.entries()) {
    const c = cli[i];
    assert.deepEqual(r, c, `rules()[${i}]`); // one shape, as the command writes it
    assert.equal(walint.explain(r.id), run([nativeWalint()], ["explain", r.id]).stdout, `explain ${r.id}`);
  }
});

test("inspectMedia is `walint media --format json` for every file of testdata/media", async () => {
  const walint = await load();
  const files = filesUnder(path.join(repo, "testdata", "media"), "").filter((f) => !f.endsWith(".md"));
  assert.ok(files.length > 20, `only ${files.length} media files`);
  const byKind = new Map();
  for (const f of files) {
    const got = walint.inspectMedia(fs.readFileSync(f)); // the kind guessed from the file
    if (!byKind.has(got.kind)) byKind.set(got.kind, []);
    byKind.get(got.kind).push([f, got]);
  }
  assert.ok(byKind.size >= 4, `only ${[...byKind.keys()]} kinds guessed`);
  let findings = 0;
  for (const [kind, list] of byKind) {
    const out = JSON.parse(
      run([nativeWalint()], ["media", "--type", kind, "--format", "json", ...list.map(([f]) => path.relative(repo, f))])
        .stdout,
    );
    for (const [i, [f, got]] of list.entries()) {
      const { path: _, ...want } = out.files[i];
      const { kind: k, ...rest } = got;
      assert.equal(k, kind);
      assert.deepEqual(rest, want, path.relative(repo, f));
      findings += want.findings.length;
    }
  }
  assert.ok(findings > 5, `only ${findings} media findings`);
});
