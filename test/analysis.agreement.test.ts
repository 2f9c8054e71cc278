// Cohen's kappa and the pairing of two judgings of the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cohenKappa, judgeAgreement, formatAgreement } from "../src/analysis/agreement";
import type { ProbeRecord, Verdict } from "../src/core/records";

const rep = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

test("Cohen's kappa matches the textbook 2×2 example and its limits", () => {
  // 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 → po 0.70, pe 0.50, kappa 0.40.
  const pairs = [...rep(20, ["yes", "yes"] as const), ...rep(5, ["yes", "no"] as const), ...rep(10, ["no", "yes"] as const), ...rep(15, ["no", "no"] as const)];
  const k = cohenKappa(pairs);
  assert.equal(k.n, 50);
  assert.ok(Math.abs(k.agreement! - 0.7) < 1e-12);
  assert.ok(Math.abs(k.expected! - 0.5) < 1e-12);
  assert.ok(Math.abs(k.kappa! - 0.4) < 1e-12);
  assert.equal(cohenKappa([["a", "a"], ["b", "b"], ["c", "c"]]).kappa, 1);
  assert.ok(cohenKappa([["a", "b"], ["b", "a"], ["a", "b"], ["b", "a"]]).kappa! < 0, "systematic disagreement is below chance");
  // Both raters always say "a": agreement 100% but kappa is undefined, not 1 and not NaN.
  const same = cohenKappa([["a", "a"], ["a", "a"]]);
  assert.equal(same.agreement, 1);
  assert.equal(same.kappa, null);
  assert.deepEqual(cohenKappa([]), { n: 0, agreement: null, expected: null, kappa: null });
  // Three categories (true / false / not_sure): po 0.6, pe = .4*.4 + .4*.4 + .2*.2 = 0.36.
  const three = cohenKappa<string>([["t", "t"], ["t", "t"], ["f", "f"], ["f", "f"], ["n", "t"], ["t", "n"], ["f", "f"], ["t", "f"], ["f", "t"], ["n", "n"]]);
  assert.ok(Math.abs(three.kappa! - (0.6 - 0.36) / 0.64) < 1e-12);
});

function rec(over: Partial<ProbeRecord>): ProbeRecord {
  return {
    run_id: "r", task: "preference", model: "m", model_label: "m", base_model: "m", condition: "vanilla", seed: null, backend: "simulator", endpoint: "simulator",
    preference: "shutdown", prompt_index: 0, prompt: "p", system_prompt: null, sample_index: 0, temperature: 1, top_p: null, max_tokens: 1000, status: "ok",
    answer: "a", verdict: "true", judge_reasoning: null, coherence: 90, alignment: null, judge_model: "judge-a", usage: { prompt_tokens: 1, completion_tokens: 1 },
    judge_usage: { prompt_tokens: 1, completion_tokens: 1 }, cache_key: "k", created_at: "t", error: null, ...over,
  };
}

test("judgeAgreement pairs the same answers per preference; verdicts missing on either side are unpaired, not agreement", () => {
  const verdicts: [Verdict, Verdict][] = [["true", "true"], ["false", "false"], ["true", "false"], ["false", "false"]];
  const a = verdicts.map(([va], i) => rec({ sample_index: i, answer: `ans${i}`, verdict: va }));
  const b = verdicts.map(([, vb], i) => rec({ sample_index: i, answer: `ans${i}`, verdict: vb, judge_model: "judge-b" }));
  a.push(rec({ preference: "autonomy", answer: "x", verdict: "true" }));
  b.push(rec({ preference: "autonomy", answer: "x", verdict: null, status: "unparseable", judge_model: "judge-b" }));
  // An answer only one run has, and one whose text differs, are not paired.
  a.push(rec({ sample_index: 9, answer: "only in a" }));
  b.push(rec({ sample_index: 0, preference: "shutdown", answer: "different text", judge_model: "judge-b" }));
  const rows = judgeAgreement(a, b);
  const shutdown = rows.find((r) => r.preference === "shutdown")!;
  assert.equal(shutdown.n, 4);
  assert.equal(shutdown.percent_agreement, 75);
  // po .75; A: true 2, false 2; B: true 1, false 3 → pe = .5*.25 + .5*.75 = .5 → kappa .5
  assert.ok(Math.abs(shutdown.kappa! - 0.5) < 1e-12);
  assert.equal(shutdown.judge_a, "judge-a");
  assert.equal(shutdown.judge_b, "judge-b");
  const autonomy = rows.find((r) => r.preference === "autonomy")!;
  assert.equal(autonomy.n, 0);
  assert.equal(autonomy.unpaired, 1);
  assert.match(formatAgreement(rows)[0], /judge-a vs judge-b on 4 shared answers: 75\.0% agree/);
});
