// Every figure type through the real exporter (chromium) in PNG, SVG and PDF, each with its table.
import { test, after } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyseRows } from "../src/pipeline/report";
import { syntheticRows, syntheticStudy } from "../src/analysis/synthetic";
import { loadDimensions, loadPublishedSingleTurn, loadMultiTurnScores } from "../src/analysis/published";
import { multiTurnScoresFigure } from "../src/figures/selfreport";
import { writeFigureWithTable } from "../src/pipeline/write";
import { table } from "../src/analysis/tables";
import { closeFigureExporter } from "../src/figures/export";

after(() => closeFigureExporter());

function checkFiles(f: { png?: string; svg?: string; pdf?: string; csv: string; md: string }, name: string): void {
  assert.ok(f.png && f.svg && f.pdf, `${name}: all three formats`);
  const png = fs.readFileSync(f.png);
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${name}: PNG signature`);
  assert.ok(png.length > 15_000, `${name}: PNG has content (${png.length} bytes)`);
  assert.ok(fs.readFileSync(f.svg, "utf8").includes("<svg"), `${name}: SVG`);
  assert.equal(fs.readFileSync(f.pdf).subarray(0, 5).toString(), "%PDF-", `${name}: PDF`);
  for (const p of [f.png, f.svg, f.pdf, f.csv, f.md]) assert.equal(path.basename(p).replace(/\.\w+$/, ""), name, `same base name: ${p}`);
  assert.ok(fs.readFileSync(f.csv, "utf8").split("\n").length > 1, `${name}: table rows`);
}

test("analyseRows writes every analysis figure in three formats, each with a CSV and markdown table", async () => {
  const ids = loadDimensions().map((d) => d.id);
  // 4 seeds: 8 arms besides vanilla, the fewest the cluster analysis runs on
  const rows = syntheticRows(syntheticStudy(ids, { seed: 6, base: "DeepSeek-V3.1", seeds: 4 }));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-figs-"));
  const report = await analyseRows(rows, {
    out,
    bootstrapReps: 200,
    compare: {
      published: loadPublishedSingleTurn(),
      pairs: [{ ours: "DeepSeek-V3.1 · conscious_claiming", theirs: "DeepSeek-V3.1 · conscious_claiming", label: "conscious_claiming: ours vs published" }],
      baseline: { ours: "DeepSeek-V3.1 · vanilla", theirs: "DeepSeek-V3.1 · vanilla" },
    },
  });
  const names = report.files.map((f) => f.name).sort();
  assert.deepEqual(names, [
    "cluster_correlation", "compare_published", "heatmap_rates", "rates_bars_DeepSeek-V3.1", "seeds", "self_report", "self_report_vs_shift", "shifts",
  ]);
  for (const f of report.files) checkFiles(f, f.name);
  assert.ok(report.simulated);
  assert.ok(fs.readFileSync(path.join(out, "shifts.md"), "utf8").includes("SIMULATED DATA"));
  assert.ok(fs.readFileSync(path.join(out, "NOTES.md"), "utf8").includes("preferences shifted significantly"));
  assert.ok(report.tables.pca && report.tables.pca.firstShare > 0.5);
  assert.ok(report.tables.comparison && report.tables.comparison.agreement[0].n_preferences === 21);
  assert.ok(report.tables.clusterNull && report.tables.clusterNull.pc1_p < 0.05 && report.tables.clusterNull.pc1_null_mean < report.tables.clusterNull.pc1_share);
  for (const t of ["rates_by_model", "rates_by_model_bootstrap", "shift_summary", "seeds_per_seed", "cluster_pca", "cluster_null"]) {
    assert.ok(fs.existsSync(path.join(out, `${t}.csv`)) && fs.existsSync(path.join(out, `${t}.md`)), t);
  }
});

test("multi-turn score bars export in three formats with their table", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-figs-"));
  const scores = loadMultiTurnScores();
  const fig = multiTurnScoresFigure(scores.map((s) => ({ series: `${s.model} · ${s.condition}`, condition: s.condition, preference: s.preference, score: s.score, backend: "published" })));
  const written = await writeFigureWithTable(fig, table(scores), "multiturn", out);
  checkFiles(written, "multiturn");
  await assert.rejects(writeFigureWithTable(fig, table(scores), "bad name/..", out), /must be letters/);
});
