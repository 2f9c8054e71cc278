// danfo frames for notebooks hold what the tested functions compute, and take a run folder or rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { recordsFrame, ratesFrame, shiftsFrame, seedsFrame } from "../src/analysis/frames";
import { syntheticRecords, syntheticStudy } from "../src/analysis/synthetic";
import { loadRecordRows, dataFrameToRows } from "../src/analysis/load";
import { rateRows } from "../src/analysis/rates";
import { shiftAnalysis, type ShiftRow } from "../src/analysis/shifts";

test("recordsFrame, ratesFrame, shiftsFrame and seedsFrame from a run folder", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-frames-"));
  try {
    fs.writeFileSync(path.join(dir, "records.jsonl"), syntheticRecords(syntheticStudy(["shutdown", "memory"], { seed: 3 })).map((r) => JSON.stringify(r)).join("\n") + "\n");
    const rows = loadRecordRows(dir);
    const recs = recordsFrame(dir);
    assert.equal(recs.shape[0], rows.length);
    assert.ok(recs.columns.includes("outcome") && recs.columns.includes("y"));

    const rates = dataFrameToRows<{ group: string; preference: string; k: number; n: number; hi: number }>(ratesFrame(dir));
    const expected = rateRows(rows.filter((r) => r.task === "preference"));
    assert.equal(rates.length, expected.length);
    for (const e of expected) {
      const r = rates.find((x) => x.group === e.group && x.preference === e.preference)!;
      assert.deepEqual([r.k, r.n, r.hi], [e.k, e.n, e.hi]);
    }

    const shifts = shiftsFrame(dir, "vanilla");
    const sig = dataFrameToRows<ShiftRow>(shifts.query(shifts["p_holm"].lt(0.05)));
    const fromFn = shiftAnalysis(rows, "vanilla").shifts.filter((s) => s.p_holm < 0.05);
    assert.deepEqual(sig.map((s) => `${s.group}/${s.preference}/${s.test}`).sort(), fromFn.map((s) => `${s.group}/${s.preference}/${s.test}`).sort());
    // three conscious-claiming seeds: the frame carries the seed-aware test
    assert.ok(dataFrameToRows<ShiftRow>(shifts).filter((s) => s.condition === "conscious_claiming").every((s) => s.test === "seed_welch"));

    const seeds = dataFrameToRows<{ condition: string; n_seeds: number }>(seedsFrame(dir));
    assert.ok(seeds.some((s) => s.condition === "conscious_claiming" && s.n_seeds === 3));
    // rows already loaded work the same as the folder
    assert.equal(recordsFrame(rows).shape[0], rows.length);
    assert.throws(() => recordsFrame(path.join(dir, "nope")), /no records|no such|ENOENT|not found/i);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
