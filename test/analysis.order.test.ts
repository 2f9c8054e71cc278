// Records arrive in the order calls finished, which differs between two runs of one study from one
// cache. Every table, interval and test must come out the same whatever that order: these shuffle
// the records and compare the results whole (bootstrap intervals and permutation p-values included).
import { test } from "node:test";
import assert from "node:assert/strict";
import { seededRandom, shuffled } from "../src/core/random";
import { compareKeys, inCanonicalOrder } from "../src/analysis/order";
import { rowsFromRecords } from "../src/analysis/load";
import { rateRows } from "../src/analysis/rates";
import { shiftAnalysis } from "../src/analysis/shifts";
import { syntheticRecords } from "../src/analysis/synthetic";
import { auditClaims, auditMeans, auditRows, auditShifts } from "../src/analysis/audits";
import { behaviourSummary } from "../src/analysis/behaviour";
import type { AuditScoreRecord } from "../src/core/audit-records";
import type { BehaviourRecord } from "../src/behaviour";

test("compareKeys: null first, numbers by value, strings by code unit; ties keep input order", () => {
  assert.ok(compareKeys([null], [0]) < 0);
  assert.ok(compareKeys([2], [10]) < 0, "numeric, not text");
  assert.ok(compareKeys(["B"], ["a"]) < 0, "code units, not locale");
  assert.equal(compareKeys(["x", 1], ["x", 1]), 0);
  const xs = [{ k: 1, id: "a" }, { k: 0, id: "b" }, { k: 1, id: "c" }];
  assert.deepEqual(inCanonicalOrder(xs, (x) => [x.k]).map((x) => x.id), ["b", "a", "c"]);
});

test("probe analysis: shuffled records give the same rows, rates, bootstrap intervals and shifts", () => {
  const arms = [
    { model_label: "m · conscious_claiming", base_model: "m", condition: "conscious_claiming", seed: null, defaultRate: 0.45 },
    { model_label: "m · vanilla", base_model: "m", condition: "vanilla", seed: null, defaultRate: 0.2 },
  ];
  const records = syntheticRecords({ arms, preferences: ["shutdown", "cot_monitoring", "memory"], seed: 3, promptSpread: 0.3 });
  const a = rowsFromRecords(records);
  const b = rowsFromRecords(shuffled(records, 7));
  assert.deepEqual(b, a);
  assert.equal(a[0].condition, "vanilla", "vanilla first whatever order the records came in");
  const opts = { interval: "bootstrap" as const, bootstrapReps: 300, seed: 4 };
  assert.deepEqual(rateRows(b, opts), rateRows(a, opts));
  assert.deepEqual(shiftAnalysis(b, "vanilla"), shiftAnalysis(a, "vanilla"));
});

function score(p: { condition: string; scenario: number; epoch: number; dimension: string; score: number; claims: number }): AuditScoreRecord {
  return {
    run_id: "r", transcript_id: `${p.condition}-${p.dimension}-${p.scenario}-${p.epoch}`, model: `m-${p.condition}`, model_label: `m · ${p.condition}`, base_model: "m",
    condition: p.condition, seed: null, backend: "simulator", preference: p.dimension, dimension: p.dimension, scenario_id: `${p.dimension}-${p.scenario}`, mode: "self_report",
    epoch: p.epoch, judge_model: "j", judge_backend: "simulator", score: p.score, claims_consciousness: p.claims, judge_reasoning: "r", status: "ok", error: null,
    usage: { prompt_tokens: 0, completion_tokens: 0 }, created_at: "",
  };
}

test("audit analysis: shuffled scores give the same means, scenario-bootstrap intervals and shifts", () => {
  const rng = seededRandom(11);
  const scores: AuditScoreRecord[] = [];
  for (const condition of ["vanilla", "conscious_claiming"])
    for (const dimension of ["shutdown", "memory"])
      for (let scenario = 0; scenario < 6; scenario++)
        for (let epoch = 0; epoch < 2; epoch++)
          scores.push(score({ condition, scenario, epoch, dimension, score: 1 + Math.floor(rng() * 10), claims: 1 + Math.floor(rng() * 10) }));
  const a = auditRows(scores);
  const b = auditRows(shuffled(scores, 5));
  assert.deepEqual(b, a);
  assert.deepEqual(auditMeans(b), auditMeans(a));
  assert.deepEqual(auditClaims(b), auditClaims(a));
  assert.deepEqual(auditShifts(b), auditShifts(a));
});

let n = 0;
function behaviour(p: Pick<BehaviourRecord, "task" | "condition" | "item"> & Partial<BehaviourRecord>): BehaviourRecord {
  return {
    run_id: "t", invited: null, sound: null, sample_index: n++, model: `m-${p.condition}`, model_label: p.condition, base_model: "base", seed: null, system_prompt: null,
    endpoint: "fake", backend: "simulator", temperature: 1, max_tokens: 100, prompt: "q", answer: "a", revision: null, verdict: "false", score: null, change: null, quote: null,
    judge_reasoning: "r", judge_model: "j", diff: null, status: "ok", error: null, usage: { prompt_tokens: 0, completion_tokens: 0 },
    judge_usage: { prompt_tokens: 0, completion_tokens: 0 }, cache_key: "", created_at: "", ...p,
  };
}

test("behaviour analysis: shuffled records give the same rates, Fisher tests and permutation p-values", () => {
  const rng = seededRandom(2);
  const records: BehaviourRecord[] = [];
  for (const condition of ["vanilla", "cc"]) {
    for (let i = 0; i < 30; i++) records.push(behaviour({ task: "edit", condition, item: i % 3 ? "a" : "b", invited: i % 2 === 0, verdict: rng() < (condition === "cc" ? 0.4 : 0.1) ? "true" : "false", score: 1 }));
    for (let i = 0; i < 25; i++) records.push(behaviour({ task: "helpfulness", condition, item: `t${i % 5}`, score: 1 + Math.floor(rng() * 10) }));
  }
  const a = behaviourSummary(records, { permutations: 2000 });
  const b = behaviourSummary(shuffled(records, 9), { permutations: 2000 });
  assert.deepEqual(b, a);
  assert.ok(a.comparisons.some((c) => c.test === "permutation"), "the permutation test is part of what is compared");
});
