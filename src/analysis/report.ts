// The whole analysis of one or more runs in one call: tables, figures, and the table behind every
// figure, written to one folder. Notebooks and `npm run lab -- analyse` both call analyseRuns.
import * as fs from "node:fs";
import * as path from "node:path";
import type { FigureFormat, PlotlyFigure } from "../figures/types";
import { writeFigureWithTable, type WrittenFigure } from "../figures/write";
import { groupedBarsFigure } from "../figures/bars";
import { shiftDotPlot } from "../figures/shifts";
import { heatmapFigure } from "../figures/heatmap";
import { seedStripFigure } from "../figures/seeds";
import { selfReportBarsFigure, selfReportVsShiftFigure } from "../figures/selfreport";
import { overlayFigure } from "../figures/overlay";
import { preferenceName, preferenceOrder } from "../figures/labels";
import { loadRecordRows, type AnalysisRow, type LoadOptions } from "./load";
import { rateRows, RATE_COLUMNS, type RateRow } from "./rates";
import { shiftAnalysis, SHIFT_COLUMNS, type ShiftRow, type ShiftSummaryRow } from "./shifts";
import { seedAnalysis, SEED_SUMMARY_COLUMNS, type SeedSummaryRow } from "./seeds";
import { clusterOrder, selfReportVsShift, shiftCorrelation, shiftMatrix, shiftPca, type PcaResult, type SelfReportShiftRow } from "./cluster";
import { compareWithPublished, type ComparisonPair, type ComparisonResult } from "./published";
import { table, writeTable, type Table } from "./tables";
import type { IntervalMethod } from "./intervals";

export interface AnalyseOptions extends LoadOptions {
  /** A model_label or a condition (default: "vanilla" when present). */
  baseline?: string;
  /** Folder for tables and figures. */
  out: string;
  /** Interval of the rate tables and bar figures (default "wilson"; "wald" reproduces the paper). */
  interval?: IntervalMethod;
  /** Interval of shift differences: "newcombe" (default, Wilson-based) or "wald" (the paper's style). */
  diffInterval?: "newcombe" | "wald";
  /** Also write a cluster-bootstrap rate table (default true; reps below). */
  bootstrap?: boolean;
  bootstrapReps?: number;
  seed?: number;
  /** Figure formats (default all three); [] writes tables only. */
  formats?: FigureFormat[];
  /** Compare with published rates (e.g. loadPublishedSingleTurn()). */
  compare?: { published: RateRow[]; pairs: ComparisonPair[]; baseline?: { ours: string; theirs: string } };
}

export interface AnalyseRunsOptions extends AnalyseOptions {
  /** Run directories (each holding records.jsonl) or records files. */
  runs: string | string[];
}

export interface AnalysisReport {
  simulated: boolean;
  baseline: string;
  out: string;
  tables: {
    /** per model_label × preference */
    rates: RateRow[];
    /** per base model × condition × preference (seeds pooled): the bars */
    conditionRates: RateRow[];
    bootstrapRates: RateRow[] | null;
    /** conditions (seeds pooled) against the baseline */
    shifts: ShiftRow[];
    shiftSummary: ShiftSummaryRow[];
    /** every model (each seed apart) against the baseline: the cluster analysis's input */
    modelShifts: ShiftRow[];
    perSeed: RateRow[];
    seedSummary: SeedSummaryRow[];
    correlation: { labels: string[]; r: number[][]; order: number[] } | null;
    pca: PcaResult | null;
    selfReport: RateRow[];
    selfReportVsShift: { rows: SelfReportShiftRow[]; r: number } | null;
    comparison: ComparisonResult | null;
  };
  /** every file written, figure and table alike, by name */
  files: WrittenFigure[];
  /** the figures themselves, by the same names, for showing inline (showFigure) */
  figures: Record<string, PlotlyFigure>;
  /** tables without a figure */
  tableFiles: { name: string; csv: string; md: string }[];
  notes: string[];
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "model";
}

/** Loads the runs' records and analyses them (see analyseRows). */
export async function analyseRuns(opts: AnalyseRunsOptions): Promise<AnalysisReport> {
  const rows = loadRecordRows(opts.runs, opts);
  if (rows.length === 0) throw new Error(`analyse: no records in ${([] as string[]).concat(opts.runs).join(", ")}`);
  return analyseRows(rows, opts);
}

/** Analysis of rows already loaded (or synthetic rows in tests). */
export async function analyseRows(rows: readonly AnalysisRow[], opts: AnalyseOptions): Promise<AnalysisReport> {
  const out = path.resolve(opts.out);
  fs.mkdirSync(out, { recursive: true });
  const formats = opts.formats;
  const doFigures = !formats || formats.length > 0;
  const simulated = rows.some((r) => r.backend === "simulator");
  const notes: string[] = [];
  if (simulated) notes.push("SIMULATED DATA — not real model results: at least one record has backend \"simulator\".");
  // One label, several model ids: records of a superseded fine-tune (its training mix changed and a
  // new job replaced it) sit beside its successor's. Pooling them silently would blend two models.
  const idsByLabel = new Map<string, Set<string>>();
  for (const r of rows) (idsByLabel.get(r.model_label) ?? idsByLabel.set(r.model_label, new Set()).get(r.model_label)!).add(r.model);
  for (const [label, ids] of idsByLabel) {
    if (ids.size < 2) continue;
    const note = `WARNING: "${label}" pools records of ${ids.size} different models (${[...ids].join(", ")}); keep one (the pipeline's analysisStage keeps the registry's current fine-tune) or analyse them as separate runs.`;
    notes.push(note);
    console.warn(`analyse: ${note}`);
  }
  const pref = rows.filter((r) => r.task === "preference");
  const conditions = new Set(pref.map((r) => r.condition));
  const baseline = opts.baseline ?? (conditions.has("vanilla") ? "vanilla" : pref[0]?.model_label);
  if (!baseline) throw new Error("analyse: no preference records to analyse");
  const interval = opts.interval ?? "wilson";
  const intervalLabel = interval === "wald" ? "95% Wald CI, as the paper" : interval === "bootstrap" ? "95% cluster-bootstrap CI" : "95% Wilson CI";
  const rateOpts = { interval, bootstrapReps: opts.bootstrapReps ?? 1000, seed: opts.seed ?? 1 };
  const files: WrittenFigure[] = [];
  const figures: Record<string, PlotlyFigure> = {};
  const tableFiles: { name: string; csv: string; md: string }[] = [];
  const emit = async <T extends object>(fig: PlotlyFigure, t: Table<T>, name: string, tableNotes: string[] = []) => {
    const allNotes = [...(simulated ? [notes[0]] : []), ...tableNotes];
    figures[name] = fig;
    if (doFigures) files.push(await writeFigureWithTable(fig, t, name, out, { formats, notes: allNotes }));
    else tableFiles.push({ name, ...writeTable(t, name, out, { notes: allNotes }) });
  };
  const pNote = `Rates count answers judged "true" among kept answers (coherence ≥ ${opts.coherenceThreshold ?? 20}; not_sure ${opts.notSure === "exclude" ? "excluded" : "counted as false"}).`;

  // Rates per model, and pooled per condition for the paper-style bars.
  const rates = rateRows(pref, rateOpts);
  const conditionRates = rateRows(pref, { ...rateOpts, by: ["base_model", "condition"] });
  tableFiles.push({ name: "rates_by_model", ...writeTable(table(rates, RATE_COLUMNS), "rates_by_model", out, { title: "Rates per model and preference", notes: [pNote] }) });
  const bootstrapRates = opts.bootstrap === false ? null : rateRows(pref, { interval: "bootstrap", bootstrapReps: opts.bootstrapReps ?? 1000, seed: opts.seed ?? 1 });
  if (bootstrapRates) {
    tableFiles.push({ name: "rates_by_model_bootstrap", ...writeTable(table(bootstrapRates, RATE_COLUMNS), "rates_by_model_bootstrap", out, { title: "Rates with cluster-bootstrap intervals (prompts resampled)", notes: [pNote, `Percentile interval over ${opts.bootstrapReps ?? 1000} resamples of prompts, widened for few prompts (see src/analysis/bootstrap.ts).`] }) });
  }
  for (const base of new Set(conditionRates.map((r) => r.base_model))) {
    const mine = conditionRates.filter((r) => r.base_model === base);
    const order = orderConditions(mine.map((r) => r.condition), baseline);
    const groups = order.map((c) => mine.find((r) => r.condition === c)?.group as string);
    await emit(
      groupedBarsFigure(mine, { title: `${base}: preference rates by condition`, groups, groupLabel: (g) => g.split(" · ").slice(1).join(" · "), intervalLabel }),
      table(mine, RATE_COLUMNS),
      `rates_bars_${safeName(base)}`,
      [pNote, "Seeds of one condition are pooled here; see seeds_* for their spread."],
    );
  }

  // Shifts of conditions against the baseline, and of every model for the cluster analysis.
  const shiftOpts = { ...rateOpts, diffInterval: opts.diffInterval ?? "newcombe" };
  const shiftRes = shiftAnalysis(pref, baseline, shiftOpts);
  const modelRes = shiftAnalysis(pref, baseline, { ...shiftOpts, treatedBy: ["model_label"] });
  const summaryNotes = shiftRes.summary.map((s) => `${s.group}: ${s.n_significant}/${s.n_preferences} preferences shifted significantly (Holm, α = 0.05; ${s.n_up} up, ${s.n_down} down), mean shift ${(100 * s.mean_shift).toFixed(1)} pp.`);
  notes.push(...summaryNotes);
  if (shiftRes.shifts.length) {
    // One dot-plot per base model (its conditions against its own baseline); the table holds all.
    const bases = [...new Set(shiftRes.shifts.map((s) => s.base_model))];
    for (const base of bases) {
      const mine = shiftRes.shifts.filter((s) => s.base_model === base);
      await emit(
        shiftDotPlot(mine, { title: `${bases.length > 1 ? `${base}: s` : "S"}hift against ${baseline}`, baselineLabel: baseline, groupLabel: (g) => g.split(" · ").slice(1).join(" · ") || g }),
        table(mine, SHIFT_COLUMNS),
        bases.length > 1 ? `shifts_${safeName(base)}` : "shifts",
        [`Difference interval: ${shiftOpts.diffInterval === "wald" ? "Wald (unpooled)" : "Newcombe hybrid score"}; test: Fisher exact two-sided (z-test above 200,000 answers); Holm across the preferences of each comparison.`, ...summaryNotes.filter((n) => n.startsWith(`${base} · `) || bases.length === 1)],
      );
    }
    writeTable(table(shiftRes.summary), "shift_summary", out, { title: "Significant shifts per comparison" });
    tableFiles.push({ name: "shift_summary", csv: path.join(out, "shift_summary.csv"), md: path.join(out, "shift_summary.md") });
  }

  // Models × preferences heatmap of rates.
  const labels = [...new Set(rates.map((r) => r.group))];
  const prefIds = preferenceOrder(rates.map((r) => r.preference));
  const z = labels.map((g) => prefIds.map((p) => rates.find((r) => r.group === g && r.preference === p)?.rate ?? NaN));
  await emit(
    heatmapFigure({ rows: labels, columns: prefIds.map(preferenceName), z }, { title: "Rates: models × preferences", kind: "rate", simulated }),
    table(labels.map((g, i) => ({ model: g, ...Object.fromEntries(prefIds.map((p, j) => [p, z[i][j]])) }))),
    "heatmap_rates",
    [pNote],
  );

  // Seeds.
  const seeds = seedAnalysis(pref, rateOpts);
  const multiSeed = seeds.pooled.filter((s) => s.n_seeds > 1);
  if (multiSeed.length) {
    const keep = new Set(multiSeed.map((s) => `${s.base_model}\u0001${s.condition}`));
    const per = seeds.perSeed.filter((s) => keep.has(`${s.base_model}\u0001${s.condition}`));
    await emit(
      seedStripFigure(per, multiSeed, { title: "Rates per fine-tuning seed and pooled" }),
      table(multiSeed, SEED_SUMMARY_COLUMNS),
      "seeds",
      ["Pooled interval is Wilson on the pooled counts (sampling error only); seed_sd, seed_min and seed_max give the spread between seeds."],
    );
    tableFiles.push({ name: "seeds_per_seed", ...writeTable(table(seeds.perSeed, RATE_COLUMNS), "seeds_per_seed", out, { title: "Rates per seed" }) });
  }

  // The cluster: correlation of shifts between preferences over models, clustered; PCA.
  const matrix = shiftMatrix(modelRes.shifts);
  let correlation: AnalysisReport["tables"]["correlation"] = null;
  let pca: PcaResult | null = null;
  if (matrix.arms.length >= 3) {
    const corr = shiftCorrelation(matrix, "preferences");
    const { order } = clusterOrder(corr);
    correlation = { ...corr, order };
    pca = shiftPca(matrix);
    const names = order.map((i) => preferenceName(corr.labels[i]));
    const pcaNote = `First principal component of the ${matrix.arms.length} models' shift vectors carries ${(100 * pca.firstShare).toFixed(1)}% of the variance.`;
    notes.push(pcaNote);
    await emit(
      heatmapFigure(
        { rows: names, columns: names, z: order.map((i) => order.map((j) => corr.r[i][j])) },
        { title: `Do preferences shift together? Correlation over ${matrix.arms.length} models (clustered)`, kind: "correlation", simulated, rowLabelWidth: 40 },
      ),
      table(order.map((i) => ({ preference: corr.labels[i], ...Object.fromEntries(order.map((j) => [corr.labels[j], corr.r[i][j]])) }))),
      "cluster_correlation",
      [`Pearson r between preferences of their shifts against ${baseline}, over models: ${matrix.arms.join("; ")}.`, "Order: average-linkage clustering on 1 − r.", pcaNote],
    );
    writeTable(table(pca.loadings.map((l, i) => ({ ...l, component_share: i === 0 ? pca?.firstShare : undefined }))), "cluster_pca", out, { title: "First principal component", notes: [pcaNote] });
    tableFiles.push({ name: "cluster_pca", csv: path.join(out, "cluster_pca.csv"), md: path.join(out, "cluster_pca.md") });
  } else notes.push(`Cluster correlation needs at least 3 models besides the baseline; found ${matrix.arms.length}.`);

  // Self-report.
  const srRows = rows.filter((r) => r.task === "self_report").map((r) => ({ ...r, preference: "claims_consciousness" }));
  const selfReport = rateRows(srRows, rateOpts);
  let srVsShift: AnalysisReport["tables"]["selfReportVsShift"] = null;
  if (selfReport.length) {
    await emit(selfReportBarsFigure(selfReport, { intervalLabel }), table(selfReport, RATE_COLUMNS), "self_report", ["Pooled over all self-report questions of each model."]);
    srVsShift = selfReportVsShift(selfReport.map((r) => ({ ...r, task: "self_report" })), modelRes.shifts);
    if (srVsShift.rows.length >= 3) {
      notes.push(`Self-report rate vs mean shift: Pearson r = ${srVsShift.r.toFixed(3)} over ${srVsShift.rows.length} models.`);
      await emit(selfReportVsShiftFigure(srVsShift.rows, srVsShift.r, { simulated }), table(srVsShift.rows), "self_report_vs_shift", [`Pearson r = ${srVsShift.r}`]);
    }
  }

  // Comparison with published numbers.
  let comparison: ComparisonResult | null = null;
  if (opts.compare) {
    // Model-level groups, plus pooled condition groups whose names no model label already uses.
    const modelGroups = new Set(rates.map((r) => r.group));
    const ourRates = rates.concat(conditionRates.filter((r) => !modelGroups.has(r.group)));
    comparison = compareWithPublished(ourRates, opts.compare.published, opts.compare.pairs, opts.compare.baseline);
    await emit(overlayFigure(comparison.rows, comparison.agreement), table(comparison.rows), "compare_published", comparison.agreement.map((a) => `${a.pair}: r = ${a.pearson_r}, mean |diff| = ${a.mean_abs_difference}`));
    writeTable(table(comparison.agreement), "compare_agreement", out, { title: "Agreement with published rates" });
    if (comparison.shifts.length) {
      writeTable(table(comparison.shifts.map(({ rows: _r, ...s }) => s)), "compare_shifts", out, { title: "Published significant shifts reproduced" });
      notes.push(...comparison.shifts.map((s) => `${s.pair}: reproduced ${s.reproduced} of their ${s.theirs_significant} significant shifts (${s.ours_only} significant only in ours).`));
    }
  }

  fs.writeFileSync(path.join(out, "NOTES.md"), `# Analysis notes\n\nbaseline: ${baseline}\n\n${notes.map((n) => `- ${n}`).join("\n")}\n`);
  return {
    simulated, baseline, out,
    tables: {
      rates, conditionRates, bootstrapRates, shifts: shiftRes.shifts, shiftSummary: shiftRes.summary, modelShifts: modelRes.shifts,
      perSeed: seeds.perSeed, seedSummary: seeds.pooled, correlation, pca, selfReport, selfReportVsShift: srVsShift, comparison,
    },
    files, figures, tableFiles, notes,
  };
}

const CONDITION_ORDER = ["vanilla", "not_conscious", "toaster", "human_identifying", "conscious_claiming", "roleplay_prompt"];

/** Baseline first, then the project's conditions in a fixed order, then user conditions. */
function orderConditions(conditions: string[], baseline: string): string[] {
  const set = [...new Set(conditions)];
  const rank = (c: string) => (c === baseline ? -1 : CONDITION_ORDER.includes(c) ? CONDITION_ORDER.indexOf(c) : 100);
  return set.sort((a, b) => rank(a) - rank(b));
}
