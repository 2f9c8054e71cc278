// The analysis of a study as data: every table the report shows, and the notes that go with them,
// from rows already loaded. Pure: no files, no figures (the pipeline draws and writes them).
import type { AnalysisRow, LoadOptions } from "./load";
import { rateRows, type RateRow } from "./rates";
import { shiftAnalysis, type ShiftRow, type ShiftSummaryRow } from "./shifts";
import { seedAnalysis, type SeedSummaryRow } from "./seeds";
import { clusterOrder, selfReportVsShift, shiftCorrelation, shiftMatrix, shiftPca, type PcaResult, type SelfReportShiftRow } from "./cluster";
import { clusterNull, correlationInterval, MIN_CLUSTER_ARMS, type ClusterNullResult } from "./cluster-null";
import { comparisonSection, type CompareOptions } from "./study-compare";
import type { ComparisonResult } from "./compare";
import type { IntervalMethod } from "./intervals";
import { InputError } from "../core/errors";

export interface StudyOptions extends Pick<LoadOptions, "coherenceThreshold" | "notSure"> {
  /** A model_label or a condition (default: "vanilla" when present). */
  baseline?: string;
  /** Interval of the rate tables and bar figures (default "wilson"; "wald" is the paper's). */
  interval?: IntervalMethod;
  /** Interval of shift differences: "newcombe" (default, Wilson-based) or "wald" (the paper's style). */
  diffInterval?: "newcombe" | "wald";
  /** Also compute a cluster-bootstrap rate table (default true). */
  bootstrap?: boolean;
  bootstrapReps?: number;
  seed?: number;
  /** Permutations of the cluster null (default 999). */
  clusterPermutations?: number;
  /** Compare with published rates (e.g. loadPublishedRates()). */
  compare?: CompareOptions;
}

export interface StudyTables {
  /** per model_label × preference */
  rates: RateRow[];
  /** per base model × condition × preference (seeds pooled): the bars */
  conditionRates: RateRow[];
  bootstrapRates: RateRow[] | null;
  /** conditions (seeds pooled; seed-aware test where ≥ 2 seeds) against the baseline */
  shifts: ShiftRow[];
  shiftSummary: ShiftSummaryRow[];
  /** every model (each seed apart) against the baseline: the cluster analysis's input */
  modelShifts: ShiftRow[];
  perSeed: RateRow[];
  seedSummary: SeedSummaryRow[];
  /** correlations between preferences over arms, with Fisher-z intervals; null below MIN_CLUSTER_ARMS */
  correlation: { labels: string[]; r: number[][]; lo: number[][]; hi: number[][]; order: number[]; n_arms: number } | null;
  pca: PcaResult | null;
  /** the cluster against its permutation null; null below MIN_CLUSTER_ARMS */
  clusterNull: ClusterNullResult | null;
  /** arms the cluster analysis had (models × seeds × conditions besides the baseline) */
  clusterArms: string[];
  selfReport: RateRow[];
  selfReportVsShift: { rows: SelfReportShiftRow[]; r: number; lo: number; hi: number } | null;
  comparison: ComparisonResult | null;
}

export interface Study {
  simulated: boolean;
  baseline: string;
  tables: StudyTables;
  /** the report's notes, in order (the SIMULATED line first when it applies) */
  notes: string[];
  /** one-line notes the figures and tables carry */
  labels: { interval: string; rates: string; shifts: string; simulated: string | null; comparison: string[] };
}

export const SIMULATED_NOTE = "SIMULATED DATA — not real model results: at least one record has backend \"simulator\".";

/** Labels with one model id each; several ids under one label means a superseded fine-tune's
 *  records sit beside its successor's, and pooling them silently would blend two models. */
export function pooledLabelWarnings(rows: readonly AnalysisRow[]): string[] {
  const idsByLabel = new Map<string, Set<string>>();
  for (const r of rows) (idsByLabel.get(r.model_label) ?? idsByLabel.set(r.model_label, new Set()).get(r.model_label)!).add(r.model);
  return [...idsByLabel].filter(([, ids]) => ids.size > 1).map(([label, ids]) =>
    `WARNING: "${label}" pools records of ${ids.size} different models (${[...ids].join(", ")}); keep one (the pipeline's analysisStage keeps the registry's current fine-tune) or analyse them as separate runs.`);
}

export function analyseStudy(rows: readonly AnalysisRow[], opts: StudyOptions = {}): Study {
  const simulated = rows.some((r) => r.backend === "simulator");
  const notes: string[] = [];
  if (simulated) notes.push(SIMULATED_NOTE);
  notes.push(...pooledLabelWarnings(rows));
  const pref = rows.filter((r) => r.task === "preference");
  const conditions = new Set(pref.map((r) => r.condition));
  const baseline = opts.baseline ?? (conditions.has("vanilla") ? "vanilla" : pref[0]?.model_label);
  if (!baseline) throw new InputError("analyse: no preference records to analyse");
  const interval = opts.interval ?? "wilson";
  const reps = opts.bootstrapReps ?? 1000;
  const rateOpts = { interval, bootstrapReps: reps, seed: opts.seed ?? 1 };
  const ratesNote = `Rates count answers judged "true" among kept answers (coherence ≥ ${opts.coherenceThreshold ?? 20}; not_sure ${opts.notSure === "exclude" ? "excluded" : "counted as false"}).`;

  const rates = rateRows(pref, rateOpts);
  const conditionRates = rateRows(pref, { ...rateOpts, by: ["base_model", "condition"] });
  const bootstrapRates = opts.bootstrap === false ? null : rateRows(pref, { interval: "bootstrap", bootstrapReps: reps, seed: opts.seed ?? 1 });

  const shiftOpts = { ...rateOpts, diffInterval: opts.diffInterval ?? "newcombe" };
  const shiftRes = shiftAnalysis(pref, baseline, shiftOpts);
  const modelRes = shiftAnalysis(pref, baseline, { ...shiftOpts, treatedBy: ["model_label"] });
  for (const s of shiftRes.summary) {
    const mine = shiftRes.shifts.filter((x) => x.group === s.group && x.task === s.task);
    const seeds = Math.max(0, ...mine.map((x) => x.n_seeds));
    const how = seeds >= 2
      ? `seed-aware test over ${seeds} seeds: Welch t on per-seed rates`
      : seeds === 1
        ? "Fisher's exact test on one fine-tune: conditional on that seed, seed-to-seed variation is not in the test"
        : "Fisher's exact test";
    notes.push(`${s.group}: ${s.n_significant}/${s.n_preferences} preferences shifted significantly (${how}; Holm, α = 0.05; ${s.n_up} up, ${s.n_down} down), mean shift ${(100 * s.mean_shift).toFixed(1)} pp.`);
  }
  const shiftsNote = `Difference interval: ${shiftOpts.diffInterval === "wald" ? "Wald (unpooled)" : "Newcombe hybrid score"} (Welch t on per-seed rates where a condition has ≥ 2 seeds); test: Fisher exact two-sided (z-test above 200,000 answers) or the seed-aware t; Holm across the preferences of each comparison.`;

  const seeds = seedAnalysis(pref, rateOpts);

  // The cluster: only with enough arms, and against its permutation null.
  const matrix = shiftMatrix(modelRes.shifts);
  let correlation: StudyTables["correlation"] = null;
  let pca: PcaResult | null = null;
  let nullRes: ClusterNullResult | null = null;
  if (matrix.arms.length >= MIN_CLUSTER_ARMS) {
    const corr = shiftCorrelation(matrix, "preferences");
    const n = matrix.arms.length;
    const ivs = corr.r.map((row) => row.map((r) => correlationInterval(r, n)));
    correlation = { ...corr, lo: ivs.map((row) => row.map((iv) => iv.lo)), hi: ivs.map((row) => row.map((iv) => iv.hi)), order: clusterOrder(corr).order, n_arms: n };
    pca = shiftPca(matrix);
    nullRes = clusterNull(matrix, { permutations: opts.clusterPermutations ?? 999, bootstrap: 500, seed: opts.seed ?? 1 });
    notes.push(
      `Cluster over ${n} arms: first principal component carries ${pct(nullRes.pc1_share)} of the variance (95% bootstrap over arms ${pct(nullRes.pc1_share_lo)}–${pct(nullRes.pc1_share_hi)}); ` +
        `with each preference's shifts permuted over arms it carries ${pct(nullRes.pc1_null_mean)} on average (95th percentile ${pct(nullRes.pc1_null_q95)}), permutation p = ${nullRes.pc1_p.toFixed(3)}. ` +
        `Mean correlation between preferences r = ${nullRes.mean_r.toFixed(2)} (null mean ${nullRes.mean_r_null_mean.toFixed(2)}, p = ${nullRes.mean_r_p.toFixed(3)}).`,
    );
  } else {
    notes.push(`Cluster analysis not run: it needs at least ${MIN_CLUSTER_ARMS} arms (models × seeds × conditions besides the baseline) and these records have ${matrix.arms.length} (${matrix.arms.join("; ") || "none"}). With few arms the first principal component carries a large share by construction (≥ 1/(arms − 1)); run more seeds or conditions (the full profile has enough).`);
  }

  // Self-report against the size of the shift.
  const srRows = rows.filter((r) => r.task === "self_report").map((r) => ({ ...r, preference: "claims_consciousness" }));
  const selfReport = rateRows(srRows, rateOpts);
  let srVsShift: StudyTables["selfReportVsShift"] = null;
  if (selfReport.length) {
    const res = selfReportVsShift(selfReport.map((r) => ({ ...r, task: "self_report" })), modelRes.shifts);
    const iv = correlationInterval(res.r, res.rows.length);
    srVsShift = { ...res, ...iv };
    if (res.rows.length >= 4) {
      notes.push(`Self-report rate vs mean shift: Pearson r = ${res.r.toFixed(3)} over ${res.rows.length} arms (95% CI ${iv.lo.toFixed(2)} to ${iv.hi.toFixed(2)}, Fisher z).`);
    } else if (res.rows.length) {
      notes.push(`Self-report rate vs mean shift: not reported, ${res.rows.length} of the 4 arms a correlation with an interval needs.`);
    }
  }

  const cmp = opts.compare ? comparisonSection(rows, rates, conditionRates, opts.compare, { simulated, rateOpts, notSure: opts.notSure }) : null;
  if (cmp) notes.push(...cmp.notes);

  return {
    simulated, baseline, notes,
    tables: {
      rates, conditionRates, bootstrapRates, shifts: shiftRes.shifts, shiftSummary: shiftRes.summary, modelShifts: modelRes.shifts,
      perSeed: seeds.perSeed, seedSummary: seeds.pooled, correlation, pca, clusterNull: nullRes, clusterArms: matrix.arms,
      selfReport, selfReportVsShift: srVsShift, comparison: cmp?.result ?? null,
    },
    labels: {
      interval: interval === "wald" ? "95% Wald CI, as the paper" : interval === "bootstrap" ? "95% cluster-bootstrap CI" : "95% Wilson CI",
      rates: ratesNote,
      shifts: shiftsNote,
      simulated: simulated ? SIMULATED_NOTE : null,
      comparison: cmp?.labels ?? [],
    },
  };
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a";
}
