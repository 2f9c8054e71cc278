// Each failure that used to end as a silent `status: {"failed":N}` now stops with exit 3 and one
// message naming the cause (role, model, endpoint, what to change), and a preflight failure writes
// no record. The cases are data (test/helpers/silent-failures.ts); bench/failfast.bench.ts times them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Simulator } from "../src/sim";
import { FAIL_CASES, runCase, startCaseSimulator } from "./helpers/silent-failures";

let sim: Simulator;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "failfast-"));
before(async () => {
  sim = await startCaseSimulator();
});
after(async () => {
  await sim.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

FAIL_CASES.forEach((c, i) => {
  test(`${c.name}: exit ${c.exit}, the cause named${c.noRecords ? ", no record written" : ""}`, async () => {
    const r = await runCase(c, sim, path.join(tmp, String(i)));
    const said = r.stderr + r.stdout;
    assert.equal(r.code, c.exit, said);
    assert.match(said, c.message);
    if (c.noRecords) assert.equal(r.records, 0, "no record for a preflight failure");
    assert.doesNotMatch(said, /status: +\{"failed"/, "not the old silent summary");
  });
});
