// The package gives the same findings as the Go library, field by field,
// on every payload fixture of testdata/ and on ../shared/corpus: the Go
// side is golden/main.go, which checks the same cases natively.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { load } from "../index.js";
import { corpusFiles, filesUnder, go, repo } from "./helpers.js";

const sender = "+16505550000";
const templates = path.join(repo, "testdata", "templates.json");

// fixtureDialect is validate's own choice for a fixture (fixtures_test.go):
// "v1_" or "onprem" in the name means On-Premises, "auto_" auto-detection.
function fixtureDialect(file) {
  const name = path.basename(file);
  if (name.startsWith("v1_") || name.includes("onprem")) return "onprem";
  if (name.startsWith("auto_")) return "auto";
  return "cloud";
}

// fixtureKind is validate's choice of kind for a fixture: "_edit_" in the
// name, or a file of testdata/creation/meta/edit, is a template edit body,
// which its shape does not always tell; anything else is told by its shape.
function fixtureKind(file) {
  const rel = path.relative(repo, file).split(path.sep).join("/");
  if (path.basename(file).includes("_edit_") || rel.startsWith("testdata/creation/meta/edit/")) return "template-edit";
  return "auto";
}

// golden runs the cases through the Go library.
function golden(cases) {
  const out = execFileSync(go, ["run", "./wasm/npm/test/golden"], {
    cwd: repo,
    input: JSON.stringify(cases),
    maxBuffer: 1 << 30,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "inherit"],
  });
  return JSON.parse(out);
}

// compare checks every case with the package and compares report and fix
// with the Go library's, as bytes and, when the file is UTF-8, as a string.
async function compare(cases) {
  const want = golden(cases);
  assert.equal(want.length, cases.length);
  const walint = await load();
  let strings = 0;
  for (const [i, c] of cases.entries()) {
    const bytes = fs.readFileSync(c.file);
    const opts = {
      dialect: c.dialect,
      kind: c.kind || undefined,
      sender: c.sender || undefined,
      lastInbound: c.lastInbound || undefined,
    };
    if (c.templates) opts.templates = fs.readFileSync(c.templates, "utf8");
    const where = `${path.relative(repo, c.file)} ${JSON.stringify({ ...c, file: undefined, templates: c.templates ? "testdata/templates.json" : undefined })}`;
    const got = walint.validate(bytes, opts);
    assert.equal(
      got.findings.length,
      want[i].report.findings.length,
      `${where}: number of findings\n${JSON.stringify(got.findings, null, 1)}`,
    );
    for (const [j, f] of got.findings.entries())
      assert.deepEqual(f, want[i].report.findings[j], `${where}: finding ${j}`);
    assert.deepEqual(got, want[i].report, `${where}: report`);
    const fixed = walint.fix(bytes, opts);
    assert.deepEqual(fixed, { text: want[i].fixed, fixed: want[i].fixes }, `${where}: fix`);
    const text = bytes.toString("utf8");
    if (Buffer.from(text, "utf8").equals(bytes)) {
      assert.deepEqual(walint.validate(text, opts), want[i].report, `${where}: report of the text`);
      strings++;
    }
  }
  return { cases: cases.length, strings, findings: want.reduce((n, r) => n + r.report.findings.length, 0) };
}

test("every fixture of testdata/ as validate's tests check it, and as a user with no options would", async (t) => {
  // creation holds Meta's template creation and edit examples; the
  // creation rules' fixtures are in rules (testdata/rules/creation-*).
  const files = ["clean", "rules", "examples", "creation"].flatMap((d) =>
    filesUnder(path.join(repo, "testdata", d), ".json"),
  );
  assert.ok(files.length > 600, `only ${files.length} fixtures found`);
  const creation = files.filter((f) => f.includes(`${path.sep}creation`));
  assert.ok(creation.length > 50, `only ${creation.length} template creation fixtures found`);
  const cases = [
    ...files.map((file) => ({ file, dialect: fixtureDialect(file), kind: fixtureKind(file), sender, templates })),
    ...files.map((file) => ({ file, dialect: "auto" })),
  ];
  const n = await compare(cases);
  t.diagnostic(
    `${n.cases} checks of ${files.length} fixtures (${n.strings} also as strings), ${n.findings} findings, all equal`,
  );
  assert.ok(n.findings > 500, `only ${n.findings} findings: the fixtures should give many`);
});

test("../shared/corpus, valid and invalid", async (t) => {
  const files = corpusFiles(t);
  if (!files) return;
  assert.ok(files.length > 50, `only ${files.length} corpus payloads found`);
  const n = await compare(
    files.flatMap((file) => [
      { file, dialect: "auto" },
      { file, dialect: "cloud", sender, templates },
    ]),
  );
  t.diagnostic(`${n.cases} checks of ${files.length} corpus payloads, ${n.findings} findings, all equal`);
});

test("the time of the last inbound message reaches the conversation window, as in Go", async () => {
  const file = path.join(repo, "testdata", "clean", "cloud_text.json");
  const cases = ["2020-01-01T00:00:00Z", "2999-01-01T00:00:00.5+02:00"].map((lastInbound) => ({
    file,
    dialect: "cloud",
    lastInbound,
  }));
  const want = golden(cases);
  assert.deepEqual(
    want.map((r) => r.report.findings.map((f) => f.rule)),
    [["conversation-window"], []],
  );
  await compare(cases);
  const walint = await load();
  const bytes = fs.readFileSync(file);
  assert.deepEqual(
    walint.validate(bytes, { dialect: "cloud", lastInbound: new Date("2020-01-01T00:00:00Z") }),
    want[0].report,
  );
});
