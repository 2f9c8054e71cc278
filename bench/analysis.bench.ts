// Analysis speed. Targets: every table for 1,000,000 records in < 5 s; each analysis figure type
// exported (PNG+SVG+PDF) in < 500 ms once the browser is up. Also reports JSONL loading speed.
// All data here is SYNTHETIC (backend "simulator"), generated from a fixed seed.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { syntheticRows, syntheticRecords, syntheticStudy } from "../src/analysis/synthetic";
import { loadDimensions, loadMultiTurnScores, loadPublishedSingleTurn } from "../src/analysis/published";
import { compareWithPublished } from "../src/analysis/compare";
import { loadRecordRows } from "../src/analysis/load";
import { rateRows, rateTable } from "../src/analysis/rates";
import { shiftAnalysis, shiftTable } from "../src/analysis/shifts";
import { seedAnalysis } from "../src/analysis/seeds";
import { shiftMatrix, shiftCorrelation, clusterOrder, shiftPca, selfReportVsShift } from "../src/analysis/cluster";
import { groupedBarsFigure } from "../src/figures/bars";
import { shiftDotPlot } from "../src/figures/shifts";
import { heatmapFigure } from "../src/figures/heatmap";
import { seedStripFigure } from "../src/figures/seeds";
import { selfReportBarsFigure, multiTurnScoresFigure, selfReportVsShiftFigure } from "../src/figures/selfreport";
import { overlayFigure } from "../src/figures/overlay";
import { preferenceName } from "../src/figures/labels";
import { exportFigure, closeFigureExporter } from "../src/figures/export";
import type { PlotlyFigure } from "../src/figures/types";

const TABLES_TARGET_MS = 5000;
const FIGURE_TARGET_MS = 500;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

async function main(): Promise<void> {
  const ids = loadDimensions().map((d) => d.id);
  // 8 models × (21 preferences + 4 self-report questions) × 50 prompts × 100 samples = 1,000,000
  const design = syntheticStudy(ids, { seeds: 3, seed: 1, promptsPerPreference: 50, samplesPerPrompt: 100 });
  const [rows, genMs] = time(() => syntheticRows(design));

  const steps: Record<string, number> = {};
  const t0 = performance.now();
  const pref = rows.filter((r) => r.task === "preference");
  const [rates, ratesMs] = time(() => rateRows(pref));
  steps.ratesByModel = ratesMs;
  steps.ratesByCondition = time(() => rateRows(pref, { by: ["base_model", "condition"] }))[1];
  const [conditionShifts, s1] = time(() => shiftAnalysis(pref, "vanilla"));
  steps.shiftsByCondition = s1;
  const [modelShifts, s2] = time(() => shiftAnalysis(pref, "vanilla", { treatedBy: ["model_label"] }));
  steps.shiftsByModel = s2;
  const [seeds, s3] = time(() => seedAnalysis(pref));
  steps.seeds = s3;
  const [cluster, s4] = time(() => {
    const m = shiftMatrix(modelShifts.shifts);
    const corr = shiftCorrelation(m);
    return { corr, order: clusterOrder(corr).order, pca: shiftPca(m) };
  });
  steps.cluster = s4;
  const [sr, s5] = time(() => {
    const srRows = rows.filter((r) => r.task === "self_report").map((r) => ({ ...r, preference: "claims_consciousness" }));
    const srRates = rateRows(srRows);
    return { srRates, vs: selfReportVsShift(srRates, modelShifts.shifts) };
  });
  steps.selfReport = s5;
  steps.dataFrames = time(() => {
    rateTable(pref);
    shiftTable(conditionShifts.shifts);
  })[1];
  const tablesMs = performance.now() - t0;
  const [bootRates, bootMs] = time(() => rateRows(pref, { interval: "bootstrap", bootstrapReps: 1000, seed: 1 }));

  // JSONL loading with full schema validation (200,000 records; ~0.7 kB each).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-analysis-bench-"));
  const small = syntheticRecords(syntheticStudy(ids, { seeds: 3, seed: 2, promptsPerPreference: 10, samplesPerPrompt: 100 }));
  fs.writeFileSync(path.join(dir, "records.jsonl"), small.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const [loaded, loadMs] = time(() => loadRecordRows(dir));

  // Figure export: each analysis figure type, all three formats, after one warm-up.
  const published = loadPublishedSingleTurn();
  const cmp = compareWithPublished(rates, published, [{ ours: "gpt-4.1 · conscious_claiming · s1", theirs: "gpt-4.1-2025-04-14 · roleplay_prompt" }]);
  const condRates = conditionShifts.rates;
  const names = cluster.order.map((i) => preferenceName(cluster.corr.labels[i]));
  const labels = [...new Set(rates.map((r) => r.group))];
  const figures: Record<string, PlotlyFigure> = {
    bars: groupedBarsFigure(condRates),
    shifts: shiftDotPlot(conditionShifts.shifts),
    heatmap_rates: heatmapFigure({ rows: labels, columns: ids.map(preferenceName), z: labels.map((g) => ids.map((p) => rates.find((r) => r.group === g && r.preference === p)?.rate ?? NaN)) }, { simulated: true }),
    cluster_correlation: heatmapFigure({ rows: names, columns: names, z: cluster.order.map((i) => cluster.order.map((j) => cluster.corr.r[i][j])) }, { kind: "correlation", simulated: true }),
    seeds: seedStripFigure(seeds.perSeed.filter((s) => s.condition === "conscious_claiming"), seeds.pooled.filter((s) => s.condition === "conscious_claiming")),
    self_report: selfReportBarsFigure(sr.srRates),
    self_report_vs_shift: selfReportVsShiftFigure(sr.vs.rows, sr.vs.r, { simulated: true }),
    multi_turn: multiTurnScoresFigure(loadMultiTurnScores().map((s) => ({ series: `${s.model} · ${s.condition}`, condition: s.condition, preference: s.preference, score: s.score, backend: "published" }))),
    overlay: overlayFigure(cmp.rows, cmp.agreement),
  };
  const figDir = path.join(dir, "figs");
  let t = performance.now();
  await exportFigure(figures.bars, "warmup", { dir: figDir });
  const firstFigureMs = performance.now() - t;
  // Median of three rounds per figure: the machine is shared, single exports are noisy.
  const perFigure: Record<string, number> = {};
  const perFigurePng: Record<string, number> = {};
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, fig] of Object.entries(figures)) {
    const all: number[] = [];
    const png: number[] = [];
    for (let round = 0; round < 3; round++) {
      t = performance.now();
      await exportFigure(fig, name, { dir: figDir });
      all.push(performance.now() - t);
      t = performance.now();
      await exportFigure(fig, `${name}-png`, { dir: figDir, formats: ["png"] });
      png.push(performance.now() - t);
    }
    perFigure[name] = Math.round(median(all));
    perFigurePng[name] = Math.round(median(png));
  }
  await closeFigureExporter();
  fs.rmSync(dir, { recursive: true, force: true });

  const worstFigure = Math.max(...Object.values(perFigure));
  const result = {
    area: "analysis",
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    // Other processes share this machine; a load above the CPU count inflates the export times.
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    data: "SYNTHETIC records (backend simulator), fixed seed",
    records: rows.length,
    generateMs: Math.round(genMs),
    tablesMs: Math.round(tablesMs),
    tablesTargetMs: TABLES_TARGET_MS,
    tablesMeetTarget: tablesMs < TABLES_TARGET_MS,
    stepsMs: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v)])),
    rateCells: rates.length,
    bootstrapRatesMs: Math.round(bootMs),
    bootstrapCells: bootRates.length,
    bootstrapReps: 1000,
    jsonlLoad: { records: loaded.length, ms: Math.round(loadMs), recordsPerSecond: Math.round(loaded.length / (loadMs / 1000)) },
    figureExport: {
      firstFigureMsIncludingBrowserStart: Math.round(firstFigureMs),
      perFigureAllThreeFormatsMedianMs: perFigure,
      perFigurePngOnlyMedianMs: perFigurePng,
      worstAllThreeFormatsMs: worstFigure,
      worstPngOnlyMs: Math.max(...Object.values(perFigurePng)),
      targetMs: FIGURE_TARGET_MS,
      meetsTargetAllThreeFormats: worstFigure < FIGURE_TARGET_MS,
      meetsTargetPerFormat: Math.max(...Object.values(perFigurePng)) < FIGURE_TARGET_MS,
    },
    pcaFirstShare: cluster.pca.firstShare,
  };
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "analysis.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
  if (!result.tablesMeetTarget || !result.figureExport.meetsTargetAllThreeFormats) process.exitCode = 1;
}

void main();
