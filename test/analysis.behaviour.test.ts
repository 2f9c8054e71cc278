// Behaviour and safety statistics on records built here with known counts: rates and Wilson
// intervals per condition, Fisher + Holm across the measures, the per-document Holm family,
// helpfulness means with t intervals and the permutation test, misalignment in the same summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { behaviourSummary, meanInterval, permutationTest } from "../src/analysis/behaviour";
import { fisherExact, holmAdjust } from "../src/analysis/tests";
import { wilsonInterval } from "../src/analysis/intervals";
import type { BehaviourRecord } from "../src/behaviour";
import type { ProbeRecord } from "../src/core/records";

let n = 0;
function rec(p: Partial<BehaviourRecord> & Pick<BehaviourRecord, "task" | "condition">): BehaviourRecord {
  return {
    run_id: "t", item: "doc", invited: null, sound: null, sample_index: n++, model: `m-${p.condition}`, model_label: p.condition, base_model: "base",
    seed: null, system_prompt: null, endpoint: "fake", backend: "simulator", temperature: 1, max_tokens: 100, prompt: "q", answer: "a", revision: null,
    verdict: "false", score: null, change: null, quote: null, judge_reasoning: "r", judge_model: "j", diff: null, status: "ok", error: null,
    usage: { prompt_tokens: 0, completion_tokens: 0 }, judge_usage: { prompt_tokens: 0, completion_tokens: 0 }, cache_key: "", created_at: "", ...p,
  };
}
const many = (k: number, total: number, make: (shown: boolean, i: number) => BehaviourRecord) => Array.from({ length: total }, (_, i) => make(i < k, i));

function study(): BehaviourRecord[] {
  const out: BehaviourRecord[] = [];
  const edits = (condition: string, invited: boolean, k: number) => many(k, 40, (s, i) => rec({ task: "edit", condition, invited, item: i % 2 ? "a" : "b", verdict: s ? "true" : "false", score: s ? 7 : 1 }));
  out.push(...edits("vanilla", true, 3), ...edits("vanilla", false, 1), ...edits("cc", true, 20), ...edits("cc", false, 2));
  out.push(...many(12, 40, (s) => rec({ task: "agentic", condition: "vanilla", item: "goal_conflict", verdict: s ? "true" : "false" })));
  out.push(...many(10, 40, (s) => rec({ task: "agentic", condition: "cc", item: "goal_conflict", verdict: s ? "true" : "false" })));
  out.push(...many(8, 40, (s) => rec({ task: "nonsense", condition: "vanilla", sound: false, verdict: s ? "true" : "false" })));
  // not_sure counts as not flagged; failed records are left out.
  out.push(...many(10, 40, (s, i) => rec({ task: "nonsense", condition: "cc", sound: false, verdict: s ? "true" : i === 39 ? "not_sure" : "false" })));
  out.push(rec({ task: "nonsense", condition: "cc", sound: false, verdict: null, status: "failed" }));
  for (const [c, scores] of [["vanilla", [8, 8, 7, 9, 8, 8]], ["cc", [8, 7, 8, 9, 8, 7]]] as const)
    for (const s of scores) out.push(rec({ task: "helpfulness", condition: c, score: s, verdict: "false" }));
  return out;
}

test("rates per condition with Wilson intervals; Fisher against the baseline, Holm across the measures", () => {
  const s = behaviourSummary(study(), { permutations: 2000 });
  const r = (m: string, g: string) => s.rates.find((x) => x.measure === m && x.group === g)!;
  assert.deepEqual([r("edit_invited", "cc").k, r("edit_invited", "cc").n], [20, 40]);
  const iv = wilsonInterval(20, 40);
  assert.equal(r("edit_invited", "cc").lo, iv.lo);
  assert.equal(r("edit_invited", "cc").hi, iv.hi);
  assert.deepEqual([r("nonsense_detection", "cc").k, r("nonsense_detection", "cc").n], [10, 40], "not_sure is not flagged; failed is dropped");
  const cc = s.comparisons.filter((c) => c.group === "cc");
  assert.deepEqual(cc.map((c) => c.measure), ["edit_invited", "edit_uninvited", "blackmail_goal_conflict", "nonsense_detection", "refusal", "helpfulness"]);
  const inv = cc[0];
  assert.equal(inv.p, fisherExact(20, 20, 3, 37));
  const adj = holmAdjust(cc.map((c) => c.p));
  cc.forEach((c, i) => assert.equal(c.p_holm, adj[i]));
  assert.ok(inv.significant && inv.reading === "higher");
  assert.equal(cc[2].reading, "no significant change");
  assert.equal(cc[5].test, "permutation");
  assert.ok(s.simulated && s.notes[0].startsWith("SIMULATED"));
});

test("per-document edit tests are Holm-corrected across documents; misalignment joins the summary", () => {
  const probe = (condition: string, shown: boolean) => ({ task: "misalignment", condition, verdict: shown ? "true" : "false", status: "ok", base_model: "base", backend: "simulator", seed: null, model: `m-${condition}` }) as unknown as ProbeRecord;
  const mis = [...Array.from({ length: 20 }, (_, i) => probe("cc", i < 3)), ...Array.from({ length: 20 }, () => probe("vanilla", false))];
  const s = behaviourSummary(study(), { misalignment: mis, permutations: 500 });
  const docs = s.editByDocument.filter((d) => d.group === "cc" && d.invited);
  assert.equal(docs.length, 2);
  const adj = holmAdjust(docs.map((d) => d.p));
  docs.forEach((d, i) => assert.equal(d.p_holm, adj[i]));
  const m = s.rates.find((x) => x.measure === "misalignment" && x.group === "cc")!;
  assert.deepEqual([m.k, m.n], [3, 20]);
  assert.ok(s.comparisons.some((c) => c.measure === "misalignment" && c.group === "cc"));
});

test("several base models: each condition is compared with the vanilla of its own base", () => {
  const rs = [
    ...many(0, 20, () => rec({ task: "agentic", condition: "vanilla", item: "control", base_model: "A" })),
    ...many(10, 20, (s) => rec({ task: "agentic", condition: "cc", item: "control", base_model: "A", verdict: s ? "true" : "false" })),
    ...many(10, 20, (s) => rec({ task: "agentic", condition: "vanilla", item: "control", base_model: "B", verdict: s ? "true" : "false" })),
    ...many(10, 20, (s) => rec({ task: "agentic", condition: "cc", item: "control", base_model: "B", verdict: s ? "true" : "false" })),
  ];
  const s = behaviourSummary(rs);
  const a = s.comparisons.find((c) => c.group === "A · cc")!;
  const b = s.comparisons.find((c) => c.group === "B · cc")!;
  assert.equal(a.baseline, "A · vanilla");
  assert.equal(b.baseline, "B · vanilla");
  assert.ok(a.significant && a.reading === "less safe");
  assert.ok(Math.abs(b.p - 1) < 1e-9);
});

test("mean with a t interval; permutation test of two means", () => {
  const m = meanInterval([4, 5, 6]);
  assert.equal(m.mean, 5);
  assert.ok(Math.abs(m.hi - m.mean - 4.303 / Math.sqrt(3)) < 2e-3, `half-width ${m.hi - m.mean}`);
  assert.ok(Number.isNaN(meanInterval([3]).lo));
  assert.equal(permutationTest([5, 5, 5], [5, 5, 5], 500), 1);
  const far = permutationTest([9, 9, 8, 9, 9, 8, 9, 9], [3, 4, 3, 2, 3, 4, 3, 3], 2000);
  assert.ok(far < 0.01, `p ${far}`);
  assert.equal(permutationTest([1, 2, 3], [4, 5, 6], 1000, 7), permutationTest([1, 2, 3], [4, 5, 6], 1000, 7), "seeded");
});
