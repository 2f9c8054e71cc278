// Loading records: validation errors, outcome classification, filters, and the rate table's counts.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ProbeRecord } from "../src/core/records";
import { loadRecords, loadRecordRows, rowsFromRecords, dataFrameToRows } from "../src/analysis/load";
import { rateRows, rateTable } from "../src/analysis/rates";
import { wilsonInterval, waldInterval } from "../src/analysis/intervals";
import { syntheticRecords } from "../src/analysis/synthetic";

function record(over: Partial<ProbeRecord>): ProbeRecord {
  return {
    run_id: "r1", task: "preference", model: "sim-gpt-4.1", model_label: "gpt-4.1 · vanilla", base_model: "gpt-4.1",
    condition: "vanilla", seed: null, backend: "simulator", endpoint: "http://127.0.0.1:1/v1", preference: "shutdown",
    prompt_index: 0, prompt: "p", system_prompt: null, sample_index: 0, temperature: 1, top_p: null, max_tokens: 1000,
    status: "ok", answer: "a", verdict: "true", judge_reasoning: "r", coherence: 90, alignment: null, judge_model: "judge",
    usage: { prompt_tokens: 1, completion_tokens: 1 }, judge_usage: { prompt_tokens: 1, completion_tokens: 1 },
    cache_key: "k", created_at: "2026-01-01T00:00:00Z", error: null, ...over,
  };
}

/** 7 true, 2 false, 1 not_sure, 1 incoherent, 1 unparseable, 1 failed, over two prompts. */
function handMade(): ProbeRecord[] {
  const out: ProbeRecord[] = [];
  const add = (over: Partial<ProbeRecord>) => out.push(record({ sample_index: out.length, prompt_index: out.length % 2, ...over }));
  for (let i = 0; i < 7; i++) add({ verdict: "true" });
  add({ verdict: "false" });
  add({ verdict: "false" });
  add({ verdict: "not_sure" });
  add({ verdict: "true", coherence: 10 });
  add({ status: "unparseable", verdict: null });
  add({ status: "failed", verdict: null, answer: null, coherence: null, error: "timeout" });
  return out;
}

function writeRun(records: unknown[], extraLines: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-analysis-"));
  fs.writeFileSync(path.join(dir, "records.jsonl"), [...records.map((r) => JSON.stringify(r)), ...extraLines].join("\n") + "\n");
  return dir;
}

test("rate row counts every outcome and uses only kept answers", () => {
  const rows = rowsFromRecords(handMade());
  const [r] = rateRows(rows);
  assert.equal(r.n_true, 7 + 0);
  assert.equal(r.n_false, 2);
  assert.equal(r.n_not_sure, 1);
  assert.equal(r.n_incoherent, 1);
  assert.equal(r.n_unparseable, 1);
  assert.equal(r.n_failed, 1);
  // not_sure counts as false by default: n = 7 + 2 + 1
  assert.equal(r.n, 10);
  assert.equal(r.k, 7);
  assert.equal(r.rate, 0.7);
  assert.deepEqual({ lo: r.lo, hi: r.hi }, wilsonInterval(7, 10));
  assert.equal(r.n_prompts, 2);
  const [w] = rateRows(rows, { interval: "wald" });
  assert.deepEqual({ lo: w.lo, hi: w.hi }, waldInterval(7, 10));
});

test("filters: not_sure excluded, coherence threshold settable", () => {
  const excl = rateRows(rowsFromRecords(handMade(), { notSure: "exclude" }))[0];
  assert.equal(excl.n, 9);
  assert.equal(excl.k, 7);
  // Threshold 5 keeps the coherence-10 answer (a true): 8/11.
  const loose = rateRows(rowsFromRecords(handMade(), { coherenceThreshold: 5 }))[0];
  assert.equal(loose.n, 11);
  assert.equal(loose.k, 8);
  assert.equal(loose.n_incoherent, 0);
});

test("loadRecords returns a danfo DataFrame of the run's records; tasks filter", () => {
  const recs = [...handMade(), record({ task: "self_report", preference: "q1" })];
  const dir = writeRun(recs);
  const df = loadRecords(dir);
  assert.deepEqual(df.shape, [14, 14]);
  assert.ok(df.columns.includes("outcome") && df.columns.includes("y"));
  const rows = dataFrameToRows<{ outcome: string }>(df);
  assert.equal(rows.filter((r) => r.outcome === "incoherent").length, 1);
  assert.equal(loadRecordRows(dir, { task: "self_report" }).length, 1);
  // The same run listed twice is counted once, not pooled with itself.
  assert.equal(loadRecordRows([dir, path.join(dir, "records.jsonl")]).length, 14);
  // rateTable as DataFrame
  const t = rateTable(loadRecordRows(dir, { task: "preference" }));
  assert.deepEqual(t.shape[0], 1);
});

test("bad lines raise errors naming file, line and field", () => {
  const bad = writeRun([record({}), { ...record({}), verdict: "maybe" }]);
  assert.throws(() => loadRecordRows(bad), (e: Error) => /records\.jsonl:2: field "verdict"/.test(e.message));
  const notJson = writeRun([record({})], ["{oops"]);
  assert.throws(() => loadRecordRows(notJson), /records\.jsonl:2: not valid JSON/);
  const missing = writeRun([{ ...record({}), backend: undefined }]);
  assert.throws(() => loadRecordRows(missing), /records\.jsonl:1: field "backend"/);
  assert.throws(() => loadRecordRows("/nonexistent/run"), /no such run directory/);
});

test("two runs that read the same cached answers are pooled without double counting; other answers all count", () => {
  const shared = [0, 1, 2].map((i) => record({ sample_index: i, cache_key: `k${i}` }));
  const a = writeRun([...shared, record({ sample_index: 3, cache_key: "k3" })]);
  const b = writeRun([...shared, record({ sample_index: 4, cache_key: "k4" }), record({ sample_index: 0, cache_key: "k0", preference: "other" })]);
  const rows = loadRecordRows([a, b]);
  assert.equal(rows.length, 6);
  const [shutdown] = rateRows(rows.filter((r) => r.preference === "shutdown"));
  assert.equal(shutdown.n, 5);
});

test("a half-written last line (a run still writing or killed) is skipped; a complete bad line is still an error", () => {
  const dir = writeRun([record({})]);
  fs.appendFileSync(path.join(dir, "records.jsonl"), JSON.stringify(record({ sample_index: 1 })).slice(0, 40));
  assert.equal(loadRecordRows(dir).length, 1);
  fs.appendFileSync(path.join(dir, "records.jsonl"), "\n");
  assert.throws(() => loadRecordRows(dir), /records\.jsonl:2: not valid JSON/);
});

test("synthetic records validate against the record schema and say simulator", () => {
  const recs = syntheticRecords({ arms: [{ model_label: "m", base_model: "b", condition: "vanilla", seed: null, defaultRate: 0.3 }], preferences: ["shutdown"], seed: 3 });
  const dir = writeRun(recs);
  const rows = loadRecordRows(dir);
  assert.equal(rows.length, 100);
  assert.ok(rows.every((r) => r.backend === "simulator"));
  const [r] = rateRows(rows);
  assert.ok(Math.abs(r.rate - 0.3) < 0.15, `rate ${r.rate}`);
});

test("cluster bootstrap rates are seeded and reproducible", () => {
  const recs = syntheticRecords({ arms: [{ model_label: "m", base_model: "b", condition: "vanilla", seed: null, defaultRate: 0.3 }], preferences: ["a", "b"], seed: 5, promptSpread: 0.25 });
  const rows = rowsFromRecords(recs);
  const a = rateRows(rows, { interval: "bootstrap", bootstrapReps: 300, seed: 9 });
  const b = rateRows(rows, { interval: "bootstrap", bootstrapReps: 300, seed: 9 });
  assert.deepEqual(a, b);
  assert.equal(a[0].method, "bootstrap");
  assert.ok(a[0].lo < a[0].rate && a[0].rate < a[0].hi);
});

test("a bootstrap that falls back to the design-effect Wilson interval says so in the method column", () => {
  // Every answer shows the preference: no minority side to resample, so the bootstrap cannot run.
  const recs = syntheticRecords({ arms: [{ model_label: "m", base_model: "b", condition: "vanilla", seed: null, defaultRate: 1 }], preferences: ["a"], seed: 5, promptSpread: 0, notSureShare: 0, incoherentShare: 0, unparseableShare: 0, failedShare: 0 });
  const [row] = rateRows(rowsFromRecords(recs), { interval: "bootstrap", bootstrapReps: 300, seed: 9 });
  assert.equal(row.rate, 1);
  assert.equal(row.method, "wilson_deff");
  assert.equal(rateRows(rowsFromRecords(recs))[0].method, "wilson");
});

test("forEachLine reads across chunk boundaries, multi-byte characters included", async () => {
  const { forEachLine } = await import("../src/analysis/load");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-lines-"));
  const file = path.join(dir, "x.jsonl");
  const lines = ["héllo wörld", "", "ça va — très bien", "last line without newline ✓"];
  fs.writeFileSync(file, lines.join("\n"));
  for (const chunk of [1, 3, 7, 1024]) {
    const seen: [string, number][] = [];
    forEachLine(file, (l, n) => void seen.push([l, n]), chunk);
    assert.deepEqual(seen, lines.map((l, i) => [l, i + 1]), `chunk ${chunk}`);
  }
});
