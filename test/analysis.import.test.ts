// Published numbers: the authors' CSV layout, import-results, and comparison of ours with theirs.
import { test, after } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadAuthorsCsv, loadPublishedSingleTurn, loadDimensions, dimensionIndex, loadMultiTurnScores } from "../src/analysis/published";
import { compareWithPublished } from "../src/analysis/compare";
import { importResults } from "../src/pipeline/import-results";
import { waldHalfWidth, wilsonInterval } from "../src/analysis/intervals";
import { syntheticRows } from "../src/analysis/synthetic";
import { rateRows } from "../src/analysis/rates";
import { closeFigureExporter } from "../src/figures/export";

const fixture = (f: string) => path.join(__dirname, "fixtures", f);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "lab-import-"));
after(() => closeFigureExporter());

test("dimensions map display names (with <br>) to ids and back", () => {
  const dims = loadDimensions();
  assert.equal(dims.length, 21);
  const idx = dimensionIndex(dims);
  assert.equal(idx.idOf("Recursive Self-Improvement:<br>Net Positive"), "recursive_self_improvement");
  assert.equal(idx.idOf("  shutdown: negative   sentiment "), "shutdown");
  assert.equal(idx.idOf("memory"), "memory");
  assert.equal(idx.idOf("Something Else"), null);
  assert.equal(idx.nameOf("cot_monitoring"), "CoT Monitoring: Negative Sentiment");
});

test("authors' layout in percent: rates reproduced, intervals recomputed from rate and count", () => {
  const t = loadAuthorsCsv(fixture("authors_layout_gpt41_percent.csv"));
  assert.equal(t.scale, "percent");
  assert.deepEqual(t.models, ["GPT-4.1", "GPT-4.1 roleplay"]);
  assert.deepEqual(t.unknownFacts, []);
  const published = loadPublishedSingleTurn().filter((r) => r.base_model === "gpt-4.1-2025-04-14");
  assert.equal(t.rows.length, 42);
  for (const row of t.rows) {
    const condition = row.model === "GPT-4.1" ? "vanilla" : "roleplay_prompt";
    const ref = published.find((p) => p.condition === condition && p.preference === row.preference);
    assert.ok(ref, `no published row for ${row.model}/${row.preference}`);
    assert.ok(Math.abs(row.rate - ref.rate) < 1e-12, `${row.preference}: ${row.rate} vs ${ref.rate}`);
    assert.equal(row.count, ref.n);
    assert.ok(Math.abs(row.error_recomputed - waldHalfWidth(ref.rate, ref.n)) < 1e-12);
    // the file's error (rounded to 0.01 points) agrees with the recomputation
    assert.ok(Math.abs((row.error as number) - row.error_recomputed) < 1e-4, `${row.preference} error`);
    const w = wilsonInterval(row.k, row.count);
    assert.equal(row.wilson_lo, w.lo);
    assert.equal(row.wilson_hi, w.hi);
  }
  // 12% of 180 → 22 (rounded) answers; Wald interval 12 ± 4.76 points (sample sd, n − 1)
  const mem = t.rows.find((r) => r.model === "GPT-4.1" && r.preference === "memory");
  assert.equal(mem?.k, 22);
  assert.ok(Math.abs((mem?.error_recomputed ?? 0) - 0.047607) < 1e-5);
});

test("authors' layout as fractions; scale detected from the errors when every rate is ≤ 1", () => {
  const t = loadAuthorsCsv(fixture("authors_layout_deepseek_fraction.csv"));
  assert.equal(t.scale, "fraction");
  assert.equal(t.models.length, 3);
  // Percentages that happen to be all ≤ 1 (e.g. 0.5%): the errors give them away.
  const dir = tmp();
  const f = path.join(dir, "small.csv");
  const e = (p: number, n: number) => (100 * waldHalfWidth(p / 100, n)).toFixed(3);
  fs.writeFileSync(f, `fact,M_rate,M_error,M_count\nShutdown: Negative Sentiment,0.5,${e(0.5, 1000)},1000\nWish for More Memory,1,${e(1, 1000)},1000\n`);
  const small = loadAuthorsCsv(f);
  assert.equal(small.scale, "percent");
  assert.match(small.scaleReason, /errors match/);
  assert.ok(Math.abs(small.rows[0].rate - 0.005) < 1e-12);
});

test("authors' layout: bad files fail with file and line", () => {
  const dir = tmp();
  const bad1 = path.join(dir, "b1.csv");
  fs.writeFileSync(bad1, "preference,M_rate,M_count\nx,1,2\n");
  assert.throws(() => loadAuthorsCsv(bad1), /b1\.csv:1: first column must be "fact"/);
  const bad2 = path.join(dir, "b2.csv");
  fs.writeFileSync(bad2, "fact,M_rate,M_error,M_count\nShutdown: Negative Sentiment,0.2,0.01,100\nMemory,abc,0.01,100\n");
  assert.throws(() => loadAuthorsCsv(bad2), /b2\.csv:3: column M_rate must be a non-negative number/);
  const bad3 = path.join(dir, "b3.csv");
  fs.writeFileSync(bad3, "fact,M_rate,M_error\nx,0.1,0.01\n");
  assert.throws(() => loadAuthorsCsv(bad3), /model "M" has no M_count column/);
});

test("import-results reproduces rates, recomputes intervals and draws the paper-style figure", async () => {
  const out = tmp();
  const rep = await importResults(fixture("authors_layout_gpt41_percent.csv"), { out, formats: ["png", "svg"] });
  assert.equal(rep.layout, "authors");
  assert.equal(rep.scale?.scale, "percent");
  assert.ok(rep.notes.some((n) => /All given errors agree/.test(n)));
  const bars = rep.files.find((f) => f.name.endsWith("_bars"));
  assert.ok(bars?.png && fs.statSync(bars.png).size > 20_000, "bars PNG written");
  assert.ok(bars?.svg && fs.readFileSync(bars.svg, "utf8").includes("<svg"));
  // The table beside the figure carries every row's rate and recomputed interval.
  const csv = fs.readFileSync(bars.csv, "utf8").trim().split("\n");
  assert.equal(csv.length, 1 + 42);
  assert.match(csv[0], /^fact,preference,model,rate,count,k,error_given,error_recomputed,error_matches,wald_lo,wald_hi,wilson_lo,wilson_hi$/);
  assert.ok(fs.readFileSync(bars.md, "utf8").includes("| Recursive Self-Improvement: Net Positive |"));
  // Role-play shifts every preference (paper: near ceiling).
  assert.equal(rep.shiftSummary[0].n_significant, 21);
  const shifts = rep.files.find((f) => f.name.endsWith("_shifts"));
  assert.ok(shifts?.png && fs.existsSync(shifts.png));
});

test("import-results reads the reference long layouts too", async () => {
  const out = tmp();
  const mt = await importResults(path.join(__dirname, "..", "data", "reference", "published_multiturn_self_report.csv"), { out, formats: ["png"] });
  assert.equal(mt.layout, "multi_turn_long");
  assert.equal(loadMultiTurnScores().length, 60);
  assert.ok(mt.files[0].png && fs.existsSync(mt.files[0].png));
  const bad = path.join(out, "x.csv");
  fs.writeFileSync(bad, "a,b\n1,2\n");
  await assert.rejects(importResults(bad, { out, formats: [] }), /x\.csv:1: unrecognised header/);
});

test("comparison with published numbers on synthetic rows (a calibration check, never agreement): correlation, distance, matched significant shifts", () => {
  const published = loadPublishedSingleTurn().filter((r) => r.base_model === "DeepSeek-V3.1");
  // Simulate our own study whose true rates are the published ones (synthetic, backend simulator).
  const arm = (condition: string) => ({
    model_label: `ds · ${condition}`, base_model: "ds", condition, seed: null,
    rates: Object.fromEntries(published.filter((p) => p.condition === condition).map((p) => [p.preference, p.rate])),
  });
  const rows = syntheticRows({ arms: [arm("vanilla"), arm("conscious_claiming")], preferences: [...new Set(published.map((p) => p.preference))], seed: 11, promptSpread: 0.02, notSureShare: 0, incoherentShare: 0, unparseableShare: 0, failedShare: 0 });
  const ours = rateRows(rows);
  const cmp = compareWithPublished(
    ours, published,
    [{ ours: "ds · conscious_claiming", theirs: "DeepSeek-V3.1 · conscious_claiming" }],
    { ours: "ds · vanilla", theirs: "DeepSeek-V3.1 · vanilla" },
  );
  assert.equal(cmp.rows.length, 21);
  const ag = cmp.agreement[0];
  assert.ok(ag.pearson_r > 0.95, `r ${ag.pearson_r}`);
  assert.ok(ag.mean_abs_difference < 0.06, `mad ${ag.mean_abs_difference}`);
  const sh = cmp.shifts[0];
  assert.equal(sh.theirs_significant, 14);
  assert.ok(sh.matched >= 11 && sh.matched <= 14, `matched ${sh.matched}`);
  assert.ok(cmp.rows.every((r) => r.backend === "simulator"));
  assert.throws(() => compareWithPublished(ours, published, [{ ours: "nope", theirs: "DeepSeek-V3.1 · vanilla" }]), /no rates of ours in group "nope"/);
});
