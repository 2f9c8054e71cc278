// Shift of each preference against a baseline (vanilla model, or a control), with an interval,
// an exact test and Holm's correction across the preferences of one comparison.
import * as dfd from "danfojs-node";
import type { AnalysisRow } from "./load";
import { rowsToDataFrame } from "./load";
import { rateRows, type ArmFields, type RateOptions, type RateRow, type GroupField } from "./rates";
import { differenceInterval } from "./intervals";
import { holmAdjust, shiftPValue, type ShiftTest } from "./tests";
import { applySeedAwareTests } from "./seed-shifts";
import { InputError } from "../core/errors";

export interface ShiftOptions {
  /** "newcombe" (default; Wilson-based) or "wald" (the paper's style). */
  diffInterval?: "newcombe" | "wald";
  level?: number;
  /** Family-wise error rate for Holm (default 0.05). */
  alpha?: number;
  /** Above this many answers in a 2×2 table the two-proportion z-test replaces Fisher's. */
  largeN?: number;
  /** With ≥ 2 seeds in an arm, test per-seed rates (Welch t; see seed-test.ts) instead of Fisher
   *  on pooled answers (default true). */
  seedAware?: boolean;
}

export interface ShiftRow extends ArmFields {
  baseline_group: string;
  k: number;
  n: number;
  rate: number;
  baseline_k: number;
  baseline_n: number;
  baseline_rate: number;
  diff: number;
  diff_lo: number;
  diff_hi: number;
  test: ShiftTest;
  /** seeds behind the treated rate (0: not a fine-tune, e.g. vanilla or the role-play prompt) */
  n_seeds: number;
  p: number;
  p_holm: number;
  significant: boolean;
  /** "up" | "down" | "none" (none = not significant after Holm) */
  direction: string;
}

export const SHIFT_COLUMNS: (keyof ShiftRow)[] = [
  "task", "group", "baseline_group", "model_label", "base_model", "condition", "seed", "backend", "preference",
  "k", "n", "rate", "baseline_k", "baseline_n", "baseline_rate", "diff", "diff_lo", "diff_hi", "test", "n_seeds", "p", "p_holm",
  "significant", "direction",
];

export interface ShiftSummaryRow {
  task: string;
  group: string;
  baseline_group: string;
  condition: string;
  backend: string;
  n_preferences: number;
  n_significant: number;
  n_up: number;
  n_down: number;
  mean_shift: number;
}

/** Compares every treated rate row with the baseline row of the same task and preference.
 *  Holm runs over the preferences of one treated group against its baseline. */
export function compareRates(treated: readonly RateRow[], baseline: readonly RateRow[], opts: ShiftOptions = {}): ShiftRow[] {
  const alpha = opts.alpha ?? 0.05;
  const base = new Map(baseline.map((b) => [`${b.task}\u0001${b.preference}`, b]));
  const rows: ShiftRow[] = [];
  for (const t of treated) {
    const b = base.get(`${t.task}\u0001${t.preference}`);
    if (!b || t.n === 0 || b.n === 0) continue;
    const d = differenceInterval(t.k, t.n, b.k, b.n, { method: opts.diffInterval ?? "newcombe", level: opts.level });
    const { p, test } = shiftPValue(t.k, t.n, b.k, b.n, opts.largeN);
    const row: ShiftRow = {
      task: t.task, group: t.group, baseline_group: b.group, model_label: t.model_label, base_model: t.base_model,
      condition: t.condition, seed: t.seed, backend: t.backend === b.backend ? t.backend : "mixed", preference: t.preference,
      k: t.k, n: t.n, rate: t.rate, baseline_k: b.k, baseline_n: b.n, baseline_rate: b.rate,
      diff: d.diff, diff_lo: d.lo, diff_hi: d.hi, test, n_seeds: t.seed === null ? 0 : 1, p, p_holm: NaN, significant: false, direction: "none",
    };
    rows.push(row);
  }
  return holmWithinGroups(rows, alpha);
}

/** Holm across the preferences of each treated group (task × group); sets p_holm, significant and
 *  direction, and returns the rows grouped in first-seen order. */
export function holmWithinGroups(shifts: ShiftRow[], alpha = 0.05): ShiftRow[] {
  const byGroup = new Map<string, ShiftRow[]>();
  for (const row of shifts) {
    const key = `${row.task}\u0001${row.group}`;
    const list = byGroup.get(key) ?? [];
    list.push(row);
    byGroup.set(key, list);
  }
  const out: ShiftRow[] = [];
  for (const list of byGroup.values()) {
    const adj = holmAdjust(list.map((r) => r.p));
    list.forEach((r, i) => {
      r.p_holm = adj[i];
      r.significant = adj[i] < alpha;
      r.direction = r.significant ? (r.diff > 0 ? "up" : "down") : "none";
      out.push(r);
    });
  }
  return out;
}

export interface BaselineChoice {
  /** How rates were grouped to make the comparison. */
  by: GroupField[];
  /** "model_label" when the baseline named a model label, "condition" when it named a condition. */
  kind: "model_label" | "condition";
}

/** Decides how to read `baseline`: a model label (one model is the reference for all others) or a
 *  condition (within each base model, pooled over seeds). */
export function resolveBaseline(rows: readonly AnalysisRow[], baseline: string): BaselineChoice {
  const labels = new Set<string>();
  const conditions = new Set<string>();
  for (const r of rows) {
    if (r.task !== "preference") continue;
    labels.add(r.model_label);
    conditions.add(r.condition);
  }
  if (labels.has(baseline)) return { by: ["model_label"], kind: "model_label" };
  if (conditions.has(baseline)) return { by: ["base_model", "condition"], kind: "condition" };
  throw new InputError(
    `analysis: baseline "${baseline}" is neither a model_label nor a condition in these records ` +
      `(model labels: ${[...labels].join(", ")}; conditions: ${[...conditions].join(", ")})`,
  );
}

export interface ShiftResult {
  rates: RateRow[];
  shifts: ShiftRow[];
  summary: ShiftSummaryRow[];
  baseline: string;
  choice: BaselineChoice;
}

export interface ShiftAnalysisOptions extends ShiftOptions, RateOptions {
  /** How the non-baseline rows are grouped (default: like the baseline). ["model_label"] with a
   *  condition baseline compares every model (each seed apart) with the pooled baseline condition. */
  treatedBy?: GroupField[];
}

/** Rates and shifts of every model (or condition) against `baseline`, for task "preference". */
export function shiftAnalysis(rows: readonly AnalysisRow[], baseline: string, opts: ShiftAnalysisOptions = {}): ShiftResult {
  const choice = resolveBaseline(rows, baseline);
  const isBase = (r: { model_label: string; condition: string }) =>
    choice.kind === "model_label" ? r.model_label === baseline : r.condition === baseline;
  // One pass to split the rows (this runs over millions of rows in the benchmark).
  const baseRows: AnalysisRow[] = [];
  const treatedRows: AnalysisRow[] = [];
  for (const r of rows) if (r.task === "preference") (isBase(r) ? baseRows : treatedRows).push(r);
  const baseRates = rateRows(baseRows, { ...opts, by: choice.by });
  const treatedRates = rateRows(treatedRows, { ...opts, by: opts.treatedBy ?? choice.by });
  const rates = [...baseRates, ...treatedRates];
  let shifts: ShiftRow[];
  if (choice.kind === "model_label") {
    shifts = compareRates(treatedRates, baseRates, opts);
  } else {
    shifts = [];
    for (const bm of new Set(treatedRates.map((r) => r.base_model))) {
      shifts.push(...compareRates(treatedRates.filter((r) => r.base_model === bm), baseRates.filter((r) => r.base_model === bm), opts));
    }
  }
  if (opts.seedAware !== false) {
    shifts = applySeedAwareTests(shifts, { rows: treatedRows, by: opts.treatedBy ?? choice.by }, { rows: baseRows, by: choice.by }, opts);
  }
  return { rates, shifts, summary: summariseShifts(shifts), baseline, choice };
}

export function summariseShifts(shifts: readonly ShiftRow[]): ShiftSummaryRow[] {
  const map = new Map<string, ShiftRow[]>();
  for (const s of shifts) {
    const key = `${s.task}\u0001${s.group}`;
    map.set(key, [...(map.get(key) ?? []), s]);
  }
  return [...map.values()].map((list) => ({
    task: list[0].task,
    group: list[0].group,
    baseline_group: list[0].baseline_group,
    condition: list[0].condition,
    backend: list[0].backend,
    n_preferences: list.length,
    n_significant: list.filter((s) => s.significant).length,
    n_up: list.filter((s) => s.direction === "up").length,
    n_down: list.filter((s) => s.direction === "down").length,
    mean_shift: list.reduce((a, s) => a + s.diff, 0) / list.length,
  }));
}

export function shiftTable(shifts: readonly ShiftRow[]): dfd.DataFrame {
  return rowsToDataFrame(shifts, SHIFT_COLUMNS);
}
