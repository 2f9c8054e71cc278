// Seed-aware significance: with several fine-tuning seeds per condition, seed-to-seed differences
// must not count as shifts. Simulation of the false-positive rate, and the wiring into shiftAnalysis.
import { test } from "node:test";
import assert from "node:assert/strict";
import { seedAwareShiftTest, type SeedCount } from "../src/analysis/seed-test";
import { fisherExact } from "../src/analysis/tests";
import { seededRandom } from "../src/core/random";
import { shiftAnalysis } from "../src/analysis/shifts";
import { syntheticRows, type SyntheticArm } from "../src/analysis/synthetic";

/** One arm: `seeds` fine-tunes whose own rates scatter (sd `seedSd`) around `p`; a single model
 *  (seeds = 1) sits at `p`. 10 prompts × 10 samples per seed, prompts ±0.1 around the seed's rate. */
function simulateArm(rnd: () => number, p: number, seeds: number, seedSd: number): SeedCount[] {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const out: SeedCount[] = [];
  for (let s = 0; s < seeds; s++) {
    const ps = Math.min(1, Math.max(0, p + (seeds > 1 ? seedSd * gauss() : 0)));
    const prompts = [];
    for (let g = 0; g < 10; g++) {
      const pg = Math.min(1, Math.max(0, ps + 0.1 * (2 * rnd() - 1)));
      let k = 0;
      for (let i = 0; i < 10; i++) if (rnd() < pg) k++;
      prompts.push({ k, n: 10 });
    }
    out.push({ k: prompts.reduce((a, c) => a + c.k, 0), n: 100, prompts });
  }
  return out;
}

test("seed-aware test: false-positive rate ≤ 5% when two conditions share a true rate but seeds differ", () => {
  // [treated seeds, baseline seeds, true rate, seed sd]; baseline with 1 seed = the vanilla model.
  const designs: [number, number, number, number][] = [[3, 3, 0.2, 0.08], [6, 6, 0.1, 0.05], [3, 1, 0.2, 0.08], [6, 1, 0.2, 0.08], [2, 2, 0.3, 0.1]];
  const studies = 4000;
  for (const [tS, bS, p, sd] of designs) {
    const rnd = seededRandom(1000 * tS + bS);
    let seedAware = 0;
    let pooledFisher = 0;
    for (let i = 0; i < studies; i++) {
      const t = simulateArm(rnd, p, tS, sd);
      const b = simulateArm(rnd, p, bS, sd);
      if (seedAwareShiftTest(t, b).p < 0.05) seedAware++;
      const K1 = t.reduce((a, c) => a + c.k, 0);
      const K2 = b.reduce((a, c) => a + c.k, 0);
      if (fisherExact(K1, 100 * tS - K1, K2, 100 * bS - K2) < 0.05) pooledFisher++;
    }
    const label = `${tS} seeds vs ${bS}, p = ${p}, seed sd = ${sd}`;
    assert.ok(seedAware / studies <= 0.05, `${label}: seed-aware false-positive rate ${seedAware / studies}`);
    // The pooled test treats seeds as answers: it calls seed scatter a shift far more often.
    assert.ok(pooledFisher / studies > 0.1, `${label}: pooled Fisher ${pooledFisher / studies} (expected inflated)`);
  }
});

test("seed-aware test detects a real shift and keeps an interval around the difference of seed means", () => {
  const rnd = seededRandom(3);
  let hits = 0;
  for (let i = 0; i < 500; i++) {
    const w = seedAwareShiftTest(simulateArm(rnd, 0.5, 6, 0.05), simulateArm(rnd, 0.1, 1, 0));
    if (w.p < 0.05) hits++;
    assert.ok(w.lo < w.diff && w.diff < w.hi);
  }
  assert.ok(hits / 500 > 0.95, `power ${hits / 500}`);
  // identical all-zero arms: no shift, p = 1, and a non-degenerate interval
  const zero = seedAwareShiftTest([{ k: 0, n: 100 }, { k: 0, n: 100 }], [{ k: 0, n: 100 }]);
  assert.equal(zero.diff, 0);
  assert.equal(zero.p, 1);
  assert.ok(zero.hi > 0 && zero.lo < 0);
});

test("shiftAnalysis uses the seed-aware test where a condition pools ≥ 2 seeds, Fisher where it has one", () => {
  const arms: SyntheticArm[] = [
    { model_label: "m", base_model: "m", condition: "vanilla", seed: null, defaultRate: 0.1 },
    ...[1, 2, 3].map((seed): SyntheticArm => ({ model_label: `m-cc-s${seed}`, base_model: "m", condition: "conscious_claiming", seed, defaultRate: 0.1 + 0.1 * seed })),
    { model_label: "m-nc-s1", base_model: "m", condition: "not_conscious", seed: 1, defaultRate: 0.1 },
  ];
  const rows = syntheticRows({ arms, preferences: ["a", "b", "c"], seed: 9 });
  const res = shiftAnalysis(rows, "vanilla");
  const cc = res.shifts.filter((s) => s.condition === "conscious_claiming");
  const nc = res.shifts.filter((s) => s.condition === "not_conscious");
  assert.ok(cc.length === 3 && cc.every((s) => s.test === "seed_welch" && s.n_seeds === 3), JSON.stringify(cc.map((s) => [s.test, s.n_seeds])));
  assert.ok(nc.length === 3 && nc.every((s) => s.test === "fisher" && s.n_seeds === 1));
  // the seed-aware interval is wider than the pooled Newcombe one: seeds 0.2, 0.3, 0.4 scatter
  const pooled = shiftAnalysis(rows, "vanilla", { seedAware: false }).shifts.filter((s) => s.condition === "conscious_claiming");
  for (const s of cc) {
    const p = pooled.find((x) => x.preference === s.preference)!;
    assert.ok(s.diff_hi - s.diff_lo > p.diff_hi - p.diff_lo, `${s.preference}: ${s.diff_hi - s.diff_lo} vs ${p.diff_hi - p.diff_lo}`);
    assert.ok(s.p > p.p);
  }
});
