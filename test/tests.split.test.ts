// The unit/e2e split of the suite (scripts/test.sh, test/e2e.txt): unit files start no browser,
// kernel or child process, so `npm run test:unit` stays fast; every listed e2e file exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const dir = __dirname;
const e2e = fs
  .readFileSync(path.join(dir, "e2e.txt"), "utf8")
  .split("\n")
  .map((l) => l.trim().split(/\s+/)[0])
  .filter((n) => n && !n.startsWith("#"));

/** What makes a test file end to end: a process, a browser or a notebook kernel (patterns built
 *  from pieces so this file does not match itself). */
const E2E_MARKS: [RegExp, string][] = [
  [new RegExp('from "node:' + 'child_process"'), "starts child processes"],
  [new RegExp("chrom" + "ium\\.launch|closeFigure" + "Exporter"), "drives Chromium"],
  [new RegExp("runNote" + "books\\("), "runs a Jupyter kernel"],
];

test("every file in test/e2e.txt exists", () => {
  for (const name of e2e) assert.ok(fs.existsSync(path.join(dir, name)), `test/e2e.txt lists ${name}, which does not exist`);
});

test("no unit test file starts a process, a browser or a kernel", () => {
  const unit = fs.readdirSync(dir).filter((f) => f.endsWith(".test.ts") && !e2e.includes(f));
  assert.ok(unit.length > 10);
  const misplaced: string[] = [];
  for (const f of unit) {
    const src = fs.readFileSync(path.join(dir, f), "utf8");
    for (const [mark, what] of E2E_MARKS) if (mark.test(src)) misplaced.push(`${f} ${what}: list it in test/e2e.txt`);
  }
  assert.deepEqual(misplaced, []);
});
