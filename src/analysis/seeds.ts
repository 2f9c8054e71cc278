// Fine-tuning seeds: each seed is its own model; the pooled estimate must show how far seeds differ.
import { mean, sampleStandardDeviation } from "simple-statistics";
import type { AnalysisRow } from "./load";
import { rateRows, type ArmFields, type RateRow, type RateOptions } from "./rates";
import { wilsonInterval } from "./intervals";

/** Seeds pooled: the arm without its seed (and without a group name: seeds are grouped by base model and condition). */
export interface SeedSummaryRow extends Pick<ArmFields, "task" | "base_model" | "condition" | "backend" | "preference"> {
  /** seeds with at least one kept answer */
  n_seeds: number;
  /** Σk/Σn over all seeds */
  pooled_rate: number;
  /** Wilson interval on the pooled counts: sampling error only, not between-seed spread */
  pooled_lo: number;
  pooled_hi: number;
  k: number;
  n: number;
  /** mean of the per-seed rates */
  seed_mean: number;
  /** sample sd of the per-seed rates (NaN with one seed) */
  seed_sd: number;
  seed_min: number;
  seed_max: number;
}

export const SEED_SUMMARY_COLUMNS: (keyof SeedSummaryRow)[] = [
  "task", "base_model", "condition", "backend", "preference", "n_seeds", "pooled_rate", "pooled_lo", "pooled_hi",
  "k", "n", "seed_mean", "seed_sd", "seed_min", "seed_max",
];

export interface SeedResult {
  perSeed: RateRow[];
  pooled: SeedSummaryRow[];
}

/** Per-seed rates (grouped by base model, condition and seed) and their pooled summary. */
export function seedAnalysis(rows: readonly AnalysisRow[], opts: RateOptions = {}): SeedResult {
  const perSeed = rateRows(rows, { ...opts, by: ["base_model", "condition", "seed"] });
  const groups = new Map<string, RateRow[]>();
  for (const r of perSeed) {
    const key = [r.task, r.base_model, r.condition, r.preference].join("\u0001");
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const pooled = [...groups.values()].map((list): SeedSummaryRow => {
    const k = list.reduce((a, r) => a + r.k, 0);
    const n = list.reduce((a, r) => a + r.n, 0);
    const rates = list.filter((r) => r.n > 0).map((r) => r.rate);
    const iv = n > 0 ? wilsonInterval(k, n, opts.level) : { lo: NaN, hi: NaN };
    const backends = new Set(list.map((r) => r.backend));
    return {
      task: list[0].task, base_model: list[0].base_model, condition: list[0].condition,
      backend: backends.size === 1 ? list[0].backend : "mixed", preference: list[0].preference,
      // Seeds with no kept answer (all incoherent or failed) have no rate: they are not counted.
      n_seeds: rates.length, pooled_rate: n ? k / n : NaN, pooled_lo: iv.lo, pooled_hi: iv.hi, k, n,
      seed_mean: rates.length ? mean(rates) : NaN,
      seed_sd: rates.length > 1 ? sampleStandardDeviation(rates) : NaN,
      seed_min: rates.length ? Math.min(...rates) : NaN,
      seed_max: rates.length ? Math.max(...rates) : NaN,
    };
  });
  return { perSeed, pooled };
}
