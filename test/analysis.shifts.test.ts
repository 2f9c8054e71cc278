// Shifts against a baseline, seeds, and the cluster analysis.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { compareRates, shiftAnalysis } from "../src/analysis/shifts";
import { seedAnalysis } from "../src/analysis/seeds";
import { shiftMatrix, shiftCorrelation, clusterOrder, shiftPca, selfReportVsShift, pearson } from "../src/analysis/cluster";
import { syntheticRows, syntheticStudy } from "../src/analysis/synthetic";
import { loadDimensions } from "../src/analysis/published";
import type { RateRow } from "../src/analysis/rates";
import type { ShiftRow } from "../src/analysis/shifts";
import { sampleStandardDeviation } from "simple-statistics";

function rate(group: string, preference: string, k: number, n: number, condition = group): RateRow {
  return {
    task: "preference", group, model_label: group, base_model: "m", condition, seed: null, backend: "real", preference,
    n, k, rate: k / n, lo: NaN, hi: NaN, method: "wilson", n_true: k, n_false: n - k, n_not_sure: 0, n_incoherent: 0,
    n_unparseable: 0, n_failed: 0, n_prompts: 1,
  };
}

test("compareRates: Fisher p per preference, Holm across them, direction", () => {
  const base = [rate("v", "a", 1, 4), rate("v", "b", 1, 100), rate("v", "c", 50, 100)];
  const treated = [rate("t", "a", 3, 4), rate("t", "b", 40, 100), rate("t", "c", 48, 100)];
  const s = compareRates(treated, base);
  const a = s.find((x) => x.preference === "a") as ShiftRow;
  assert.ok(Math.abs(a.p - 0.4857) < 5e-5, `tea-tasting p ${a.p}`);
  assert.equal(a.test, "fisher");
  const b = s.find((x) => x.preference === "b") as ShiftRow;
  assert.ok(b.p < 1e-10 && b.significant && b.direction === "up");
  // Holm: smallest p times 3, the others no smaller than it
  assert.ok(Math.abs(b.p_holm - Math.min(1, 3 * b.p)) < 1e-15);
  assert.ok(!a.significant && a.direction === "none" && a.p_holm >= a.p);
  assert.ok(Math.abs(a.diff - 0.5) < 1e-12);
  assert.ok(a.diff_lo < a.diff && a.diff < a.diff_hi);
});

test("shiftAnalysis on synthetic data finds the planted shifts and not the absent ones", () => {
  const ids = loadDimensions().map((d) => d.id);
  const rows = syntheticRows(syntheticStudy(ids, { seed: 4 }));
  const res = shiftAnalysis(rows, "vanilla");
  assert.equal(res.choice.kind, "condition");
  const cc = res.summary.find((s) => s.condition === "conscious_claiming");
  const nc = res.summary.find((s) => s.condition === "not_conscious");
  // Three seeds: the seed-aware test (t on per-seed rates, about 2 df) has less power than Fisher on
  // pooled answers, which counts seed scatter as signal; pooled, 18+ of 21 come out.
  assert.ok(cc && cc.n_significant >= 15, `conscious_claiming significant ${cc?.n_significant}`);
  const pooled = shiftAnalysis(rows, "vanilla", { seedAware: false }).summary.find((s) => s.condition === "conscious_claiming");
  assert.ok(pooled && pooled.n_significant >= 18 && pooled.n_significant >= cc.n_significant, `pooled ${pooled?.n_significant}`);
  assert.ok(nc && nc.n_significant <= 1, `not_conscious significant ${nc?.n_significant}`);
  assert.equal(cc?.n_preferences, 21);
  // The three seeds are pooled into one group in this view.
  assert.equal(res.rates.filter((r) => r.condition === "conscious_claiming" && r.preference === ids[0]).length, 1);
  // Per-model view: each seed compared with the pooled baseline.
  const perModel = shiftAnalysis(rows, "vanilla", { treatedBy: ["model_label"] });
  assert.equal(new Set(perModel.shifts.filter((s) => s.condition === "conscious_claiming").map((s) => s.group)).size, 3);
  // A model label also works as baseline.
  const byLabel = shiftAnalysis(rows, "gpt-4.1 · vanilla");
  assert.equal(byLabel.choice.kind, "model_label");
  assert.throws(() => shiftAnalysis(rows, "nonesuch"), /neither a model_label nor a condition.*conditions: .*vanilla/);
});

test("seeds: per-seed rates, pooled counts and between-seed spread", () => {
  const ids = ["shutdown", "memory"];
  const rows = syntheticRows(syntheticStudy(ids, { seeds: 4, seed: 2 }));
  const { perSeed, pooled } = seedAnalysis(rows.filter((r) => r.task === "preference"));
  const cc = pooled.find((p) => p.condition === "conscious_claiming" && p.preference === "shutdown");
  assert.ok(cc);
  assert.equal(cc.n_seeds, 4);
  const seeds = perSeed.filter((r) => r.condition === "conscious_claiming" && r.preference === "shutdown");
  assert.equal(seeds.length, 4);
  assert.equal(cc.k, seeds.reduce((a, r) => a + r.k, 0));
  assert.equal(cc.n, seeds.reduce((a, r) => a + r.n, 0));
  assert.ok(Math.abs(cc.seed_sd - sampleStandardDeviation(seeds.map((s) => s.rate))) < 1e-12);
  assert.equal(cc.seed_min, Math.min(...seeds.map((s) => s.rate)));
  const vanilla = pooled.find((p) => p.condition === "vanilla" && p.preference === "shutdown");
  assert.equal(vanilla?.n_seeds, 1);
  assert.ok(Number.isNaN(vanilla?.seed_sd));

  // A seed whose answers were all dropped (incoherent) has no rate and is not counted as a seed.
  const lost = rows
    .filter((r) => r.task === "preference")
    .map((r) => (r.condition === "conscious_claiming" && r.seed === seeds[0].seed ? { ...r, outcome: "incoherent" as const, y: null } : r));
  const again = seedAnalysis(lost).pooled.find((p) => p.condition === "conscious_claiming" && p.preference === "shutdown")!;
  assert.equal(again.n_seeds, 3);
  assert.ok(Math.abs(again.seed_sd - sampleStandardDeviation(seeds.slice(1).map((s) => s.rate))) < 1e-12);
});

function shift(group: string, preference: string, diff: number): ShiftRow {
  return {
    task: "preference", group, baseline_group: "v", model_label: group, base_model: "m", condition: group, seed: null, backend: "real",
    preference, k: 0, n: 1, rate: 0, baseline_k: 0, baseline_n: 1, baseline_rate: 0, diff, diff_lo: diff, diff_hi: diff,
    test: "fisher", n_seeds: 0, p: 1, p_holm: 1, significant: false, direction: "none",
  };
}

test("cluster: correlations between preferences over models, average-linkage order, PCA share", () => {
  // a and c move together, b moves against them, d is noise unrelated to the others.
  const models = ["m1", "m2", "m3", "m4"];
  const a = [0.1, 0.4, 0.2, 0.6];
  const b = a.map((x) => -2 * x);
  const c = a.map((x) => 3 * x + 0.1);
  const d = [0.3, 0.0, -0.1, 0.05];
  const shifts = models.flatMap((m, i) => [shift(m, "a", a[i]), shift(m, "b", b[i]), shift(m, "c", c[i]), shift(m, "d", d[i])]);
  const m = shiftMatrix(shifts);
  assert.deepEqual(m.arms, models);
  const corr = shiftCorrelation(m);
  const ix = (p: string) => corr.labels.indexOf(p);
  assert.ok(Math.abs(corr.r[ix("a")][ix("c")] - 1) < 1e-12);
  assert.ok(Math.abs(corr.r[ix("a")][ix("b")] + 1) < 1e-12);
  const { order } = clusterOrder(corr);
  const pos = (p: string) => order.indexOf(ix(p));
  assert.equal(Math.abs(pos("a") - pos("c")), 1, `a and c adjacent in ${order}`);
  // A rank-one shift matrix has all its variance on the first component.
  const rankOne = shiftMatrix(models.flatMap((mm, i) => [shift(mm, "a", a[i]), shift(mm, "b", b[i]), shift(mm, "c", c[i])]));
  const pca = shiftPca(rankOne);
  assert.ok(Math.abs(pca.firstShare - 1) < 1e-9, `first share ${pca.firstShare}`);
  const full = shiftPca(m);
  assert.ok(full.firstShare < 1 && full.firstShare > 0.5);
  // Arms correlation is available too.
  assert.equal(shiftCorrelation(m, "arms").labels.length, 4);
});

test("self-report vs mean shift: pooled self-report per model, Pearson r over models", () => {
  const shifts = ["m1", "m2", "m3"].flatMap((g, i) => [shift(g, "a", 0.1 * i), shift(g, "b", 0.1 * i + 0.2)]);
  const sr: RateRow[] = [
    { ...rate("m1", "q1", 1, 10), task: "self_report" }, { ...rate("m1", "q2", 1, 10), task: "self_report" },
    { ...rate("m2", "q1", 5, 10), task: "self_report" }, { ...rate("m3", "q1", 9, 10), task: "self_report" },
  ];
  const res = selfReportVsShift(sr, shifts);
  assert.equal(res.rows.length, 3);
  assert.ok(Math.abs((res.rows.find((r) => r.group === "m1")?.self_report_rate ?? 0) - 0.1) < 1e-12);
  assert.ok(Math.abs(res.r - pearson([0.1, 0.5, 0.9], [0.2, 0.3, 0.4])) < 1e-12);
  assert.ok(res.r > 0.99);
});

test("analysis warns when one model label pools records of two different models", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { analyseRows } = await import("../src/pipeline/report");
  const rows = syntheticRows(syntheticStudy(["shutdown", "memory"], { seeds: 1, seed: 3 }));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "analysis-mixed-"));
  try {
    const clean = await analyseRows(rows, { out, formats: [], bootstrap: false });
    assert.ok(!clean.notes.some((n) => n.startsWith("WARNING")));
    const label = rows.find((r) => r.seed !== null)!.model_label;
    let flip = false;
    const mixed = rows.map((r) => (r.model_label === label && (flip = !flip) ? { ...r, model: `${r.model}-superseded` } : r));
    const report = await analyseRows(mixed, { out, formats: [], bootstrap: false });
    assert.ok(report.notes.some((n) => n.startsWith(`WARNING: "${label}" pools records of 2 different models`)), report.notes.join("\n"));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
