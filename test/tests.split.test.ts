// The unit/e2e split of the suite (scripts/test.sh): every file listed in test/e2e.txt exists, and
// no file that starts a process, drives Chromium or runs a notebook kernel lands in the unit part,
// so `npm run test:unit` stays fast.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const dir = __dirname;
const root = path.resolve(dir, "..");
const listed = fs
  .readFileSync(path.join(dir, "e2e.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim().split(/\s+/)[0])
  .filter((n) => n && !n.startsWith("#"));

/** What makes a test file end to end (patterns built from pieces so this file does not match). */
const E2E_MARKS: [RegExp, string][] = [
  [new RegExp('from "node:' + 'child_process"'), "starts child processes"],
  [new RegExp("chrom" + "ium\\.launch|closeFigure" + "Exporter"), "drives Chromium"],
  [new RegExp("runNote" + "books\\("), "runs a Jupyter kernel"],
];

test("every file in test/e2e.txt exists", () => {
  for (const name of listed) assert.ok(fs.existsSync(path.join(dir, name)), `test/e2e.txt lists ${name}, which does not exist`);
});

test("scripts/test.sh puts every listed file and every file that starts a process, a browser or a kernel in the e2e part", () => {
  const parts = execFileSync("bash", ["scripts/test.sh", "list"], { cwd: root, encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.split(" ") as ["unit" | "e2e", string]);
  const unit = parts.filter(([p]) => p === "unit").map(([, f]) => path.basename(f));
  const e2e = parts.filter(([p]) => p === "e2e").map(([, f]) => path.basename(f));
  assert.ok(unit.length > 10 && e2e.length >= listed.length);
  for (const name of listed) assert.ok(e2e.includes(name), `${name} is listed but not run as e2e`);
  const misplaced: string[] = [];
  for (const f of unit) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    for (const [mark, what] of E2E_MARKS) if (mark.test(src)) misplaced.push(`${f} ${what}`);
  }
  assert.deepEqual(misplaced, [], "unit files that are end to end");
  assert.equal(new Set([...unit, ...e2e]).size, unit.length + e2e.length, "no file in both parts");
});
