// Intervals, tests and adjustments against values published in textbooks and papers.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { wilsonInterval, waldInterval, differenceInterval, waldHalfWidth } from "../src/analysis/intervals";
import { fisherExact, holmAdjust, twoProportionZ, shiftPValue } from "../src/analysis/tests";
import { normalQuantile, normalCdf, tQuantile, tCdf, zFor } from "../src/analysis/normal";
import { clusterBootstrapInterval, designEffect } from "../src/analysis/bootstrap";
import { seededRandom } from "../src/core/random";
import { symmetricEigen, covarianceMatrix } from "../src/analysis/linalg";

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what} expected ${b} ± ${tol}, got ${a}`);

test("normal and t quantiles match tables", () => {
  close(zFor(0.95), 1.959964, 1e-6, "z 0.975");
  close(normalQuantile(0.995), 2.575829, 1e-6, "z 0.995");
  close(normalQuantile(0.05), -1.644854, 1e-6, "z 0.05");
  close(normalCdf(1.959964), 0.975, 1e-6, "cdf");
  close(normalCdf(-3), 0.0013499, 1e-7, "cdf tail");
  close(tQuantile(0.975, 9), 2.262157, 1e-4, "t9");
  close(tQuantile(0.975, 19), 2.093024, 1e-4, "t19");
  close(tQuantile(0.975, 4), 2.776445, 2e-3, "t4");
});

test("Wilson interval: Newcombe (1998) table I and the 0/n, n/n edges", () => {
  // Newcombe RG, Stat Med 1998;17:857-872, method 3 (score without continuity correction).
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, lo, hi] of cases) {
    const iv = wilsonInterval(k, n);
    close(iv.lo, lo, 5e-5, `${k}/${n} lo`);
    close(iv.hi, hi, 5e-5, `${k}/${n} hi`);
  }
  // 0/100: upper bound z²/(n+z²) = 3.8415/103.8415
  const zero = wilsonInterval(0, 100);
  assert.equal(zero.lo, 0);
  close(zero.hi, 0.036994, 1e-6, "0/100 hi");
  const all = wilsonInterval(100, 100);
  assert.equal(all.hi, 1);
  close(all.lo, 0.963006, 1e-6, "100/100 lo");
  assert.throws(() => wilsonInterval(5, 3), /0 <= k <= n/);
});

test("Wald interval (the paper's 1.96·sd/√n, sample sd with n − 1) and its n ≤ 2 rule", () => {
  // 81/263: p = 0.30798, half = 1.959964·√(p(1−p)/262) = 0.055900
  const iv = waldInterval(81, 263);
  close(iv.lo, 0.252085, 5e-6, "81/263 lo");
  close(iv.hi, 0.363885, 5e-6, "81/263 hi");
  // Wald collapses to zero width at 0/n and n/n: the reason Wilson is the default.
  assert.deepEqual(waldInterval(0, 100), { lo: 0, hi: 0 });
  assert.deepEqual(waldInterval(100, 100), { lo: 1, hi: 1 });
  // 50/100: 1.96·√(0.25·100/99)/10 — the population sd would give 0.098
  close(waldHalfWidth(0.5, 100), 0.098494, 1e-5, "half width");
  // the paper reports 0 ± 0 when n ≤ 2
  assert.deepEqual(waldInterval(1, 2), { lo: 0.5, hi: 0.5 });
  assert.equal(waldHalfWidth(1, 1), 0);
});

test("t quantiles are exact at df 1 and 2 and consistent with the t CDF at fractional df", () => {
  close(tQuantile(0.975, 1), 12.706205, 1e-6, "t1");
  close(tQuantile(0.975, 2), 4.302653, 1e-6, "t2");
  close(tQuantile(0.995, 2), 9.924843, 1e-6, "t2 99%");
  close(tCdf(2.262157, 9), 0.975, 1e-7, "cdf t9");
  close(tCdf(-1, 5), 0.181609, 1e-6, "cdf t5");
  for (const df of [1.3, 2.5, 4.7]) close(tCdf(tQuantile(0.975, df), df), 0.975, 1e-9, `df ${df}`);
  // between the exact neighbours
  assert.ok(tQuantile(0.975, 1.5) < 12.706205 && tQuantile(0.975, 1.5) > 4.302653);
});

test("difference interval: Newcombe (1998b) hybrid score example 56/70 vs 48/80", () => {
  // Newcombe RG, Stat Med 1998;17:873-890, method 10: 0.0524 to 0.3339.
  const d = differenceInterval(56, 70, 48, 80);
  close(d.diff, 0.2, 1e-12);
  close(d.lo, 0.0524, 5e-5, "lo");
  close(d.hi, 0.3339, 5e-5, "hi");
  // Same example, method 1 (Wald): 0.0575 to 0.3425.
  const w = differenceInterval(56, 70, 48, 80, { method: "wald" });
  close(w.lo, 0.0575, 5e-5, "wald lo");
  close(w.hi, 0.3425, 5e-5, "wald hi");
});

test("Fisher exact two-sided: tea tasting and a second textbook table", () => {
  close(fisherExact(3, 1, 1, 3), 0.4857, 5e-5, "tea");
  // The 2×2 table [[1, 9], [11, 3]] (R: fisher.test → p = 0.002759)
  close(fisherExact(1, 9, 11, 3), 0.002759, 5e-6, "second");
  // Symmetric: swapping rows or columns leaves p unchanged.
  close(fisherExact(11, 3, 1, 9), 0.002759, 5e-6, "rows swapped");
  assert.equal(fisherExact(0, 10, 0, 10), 1);
  // Large counts stay finite in log space.
  const p = fisherExact(900, 100, 800, 200);
  assert.ok(p > 0 && p < 1e-8, `large table p=${p}`);
  assert.throws(() => fisherExact(-1, 2, 3, 4), /non-negative integer/);
});

test("two-proportion z-test and the switch to it at large counts", () => {
  const { z, p } = twoProportionZ(45, 100, 30, 100);
  close(z, 2.1909, 1e-4, "z");
  close(p, 0.02846, 1e-4, "p");
  assert.equal(shiftPValue(45, 100, 30, 100).test, "fisher");
  assert.equal(shiftPValue(45_000, 100_000, 30_000, 100_000, 100_000).test, "z");
});

test("Holm adjustment matches R's p.adjust(method = 'holm')", () => {
  // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
  const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((v, i) => close(adj[i], v, 1e-12, `p${i}`));
  const capped = holmAdjust([0.5, 0.6, NaN]);
  assert.ok(Number.isNaN(capped[2]));
  close(capped[0], 1, 1e-12);
  close(capped[1], 1, 1e-12);
});

test("cluster bootstrap covers the true rate 93-97% of the time over 1000 simulated studies", () => {
  // Each study: 20 prompts × 10 samples; each prompt has its own rate (uniform within ±0.2 of
  // 0.3), so samples of one prompt are correlated. True rate = 0.3.
  const rnd = seededRandom(20260417);
  const studies = 1000;
  let covered = 0;
  let naiveCovered = 0;
  for (let s = 0; s < studies; s++) {
    const clusters = [];
    for (let g = 0; g < 20; g++) {
      const pg = 0.3 + 0.2 * (2 * rnd() - 1);
      let k = 0;
      for (let i = 0; i < 10; i++) if (rnd() < pg) k++;
      clusters.push({ k, n: 10 });
    }
    const iv = clusterBootstrapInterval(clusters, { reps: 400, seed: s + 1 });
    if (iv.lo <= 0.3 && 0.3 <= iv.hi) covered++;
    const K = clusters.reduce((a, c) => a + c.k, 0);
    const w = wilsonInterval(K, 200);
    if (w.lo <= 0.3 && 0.3 <= w.hi) naiveCovered++;
  }
  const coverage = covered / studies;
  assert.ok(coverage >= 0.93 && coverage <= 0.97, `bootstrap coverage ${coverage}`);
  // With this much clustering the per-answer Wilson interval is too narrow: the bootstrap is needed.
  assert.ok(naiveCovered / studies < coverage, `naive ${naiveCovered / studies} vs bootstrap ${coverage}`);
});

test("cluster bootstrap covers 93-97% at true rates of 1%, 3%, 10% and 30% with 10 prompts × 10 samples", () => {
  // Each prompt has its own rate, within ±60% (relative) of the true one, so answers to one prompt
  // are correlated. At 1% and 3% most studies see 0-3 true answers: the fallback (design-effect
  // Wilson) carries them; a percentile bootstrap alone gave [0, 0] there.
  for (const p of [0.01, 0.03, 0.1, 0.3]) {
    const rnd = seededRandom(77);
    const studies = 1000;
    let covered = 0;
    let fallback = 0;
    for (let s = 0; s < studies; s++) {
      const clusters = [];
      for (let g = 0; g < 10; g++) {
        const pg = p * (1 + 0.6 * (2 * rnd() - 1));
        let k = 0;
        for (let i = 0; i < 10; i++) if (rnd() < pg) k++;
        clusters.push({ k, n: 10 });
      }
      const iv = clusterBootstrapInterval(clusters, { reps: 400, seed: s + 1 });
      if (iv.method === "wilson_deff") fallback++;
      if (iv.lo <= p && p <= iv.hi) covered++;
    }
    const coverage = covered / studies;
    assert.ok(coverage >= 0.93 && coverage <= 0.97, `p = ${p}: coverage ${coverage}`);
    if (p === 0.3) assert.ok(fallback < studies / 10, `p = 0.3 should mostly bootstrap (fell back ${fallback} times)`);
  }
});

test("cluster bootstrap never collapses at 0/n or n/n, and falls back with too few prompts", () => {
  const zero = clusterBootstrapInterval(Array.from({ length: 10 }, () => ({ k: 0, n: 10 })));
  assert.equal(zero.method, "wilson_deff");
  assert.equal(zero.lo, 0);
  close(zero.hi, wilsonInterval(0, 100).hi, 1e-12, "0/100 upper = Wilson (no spread: design effect 1)");
  const all = clusterBootstrapInterval(Array.from({ length: 10 }, () => ({ k: 10, n: 10 })));
  assert.equal(all.hi, 1);
  assert.ok(all.lo < 1 && all.lo > 0.9, `100/100 lower ${all.lo}`);
  // three prompts, very different: the design effect widens the interval beyond plain Wilson
  const few = clusterBootstrapInterval([{ k: 0, n: 10 }, { k: 10, n: 10 }, { k: 5, n: 10 }]);
  assert.equal(few.method, "wilson_deff");
  assert.ok(designEffect([{ k: 0, n: 10 }, { k: 10, n: 10 }, { k: 5, n: 10 }]) > 5);
  assert.ok(few.hi - few.lo > wilsonInterval(15, 30).hi - wilsonInterval(15, 30).lo);
});

test("cluster bootstrap is reproducible with a seed; one prompt gets Wilson", () => {
  const cl = [{ k: 3, n: 10 }, { k: 5, n: 10 }, { k: 1, n: 10 }];
  assert.deepEqual(clusterBootstrapInterval(cl, { seed: 7, reps: 300 }), clusterBootstrapInterval(cl, { seed: 7, reps: 300 }));
  const one = clusterBootstrapInterval([{ k: 3, n: 10 }]);
  close(one.rate, 0.3, 1e-12);
  assert.equal(one.method, "wilson_deff");
  assert.deepEqual({ lo: one.lo, hi: one.hi }, wilsonInterval(3, 10));
});

test("symmetric eigen-decomposition and covariance", () => {
  const e = symmetricEigen([[2, 1], [1, 2]]);
  close(e.values[0], 3, 1e-10);
  close(e.values[1], 1, 1e-10);
  close(Math.abs(e.vectors[0][0]), Math.SQRT1_2, 1e-10);
  // [[2,0,0],[0,3,1],[0,1,3]] has eigenvalues 4, 2, 2
  const f = symmetricEigen([[2, 0, 0], [0, 3, 1], [0, 1, 3]]);
  [4, 2, 2].forEach((v, i) => close(f.values[i], v, 1e-10));
  const cov = covarianceMatrix([[1, 2], [2, 4], [3, 6]]);
  close(cov[0][0], 1, 1e-12);
  close(cov[0][1], 2, 1e-12);
  close(cov[1][1], 4, 1e-12);
});
