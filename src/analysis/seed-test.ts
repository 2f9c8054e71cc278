// Seed-aware shift test. Each fine-tuning seed is its own model: two seeds of one condition differ
// by more than sampling error, so pooling their answers and running Fisher treats seeds as if they
// were answers and calls seed-to-seed differences "shifts". With two or more seeds the unit of
// replication is the seed: the test compares mean per-seed rates, with the variance of that mean
// estimated from the seeds themselves (Welch's unequal-variance t, Satterthwaite's df).
//
// Why this test (and not a bootstrap over seeds × prompts): with the 2-6 seeds an experiment has,
// a bootstrap over seeds has 3-28 distinct resamples and no small-sample correction; a t test on
// per-seed rates has exactly the right reference distribution when seed rates are roughly normal,
// and at 2-3 seeds its heavy-tailed t(1-2) keeps the false-positive rate at or below α instead of
// above it (tested in simulation: test/analysis.seeds.test.ts).
import { tCdf, tQuantile } from "./normal";
import { designEffect, type ClusterCount } from "./bootstrap";

/** Counts of one seed (or of the one model of an arm without seeds). */
export interface SeedCount {
  k: number;
  n: number;
  /** per-prompt counts of this seed: their design effect scales the binomial variance */
  prompts?: ClusterCount[];
}

export interface SeedAwareShift {
  /** mean per-seed rate of the treated arm minus that of the baseline */
  diff: number;
  lo: number;
  hi: number;
  p: number;
  /** Welch-Satterthwaite degrees of freedom */
  df: number;
  treated_seeds: number;
  baseline_seeds: number;
}

interface ArmMoments {
  mean: number;
  /** variance of the mean */
  v: number;
  df: number;
}

/** Mean rate of an arm and the variance of that mean. With ≥ 2 seeds the variance comes from the
 *  spread of the seed rates (s²/g, df g − 1), floored at the binomial variance of the pooled
 *  answers (seeds cannot agree more closely than sampling allows; the floor keeps identical seed
 *  rates from giving a zero standard error). With one seed it is the binomial variance itself,
 *  with the count's df. Rates are shrunk by ½ answer ((K + ½)/(N + 1)) in the binomial variance so
 *  that 0/n and n/n still have some. */
function armMoments(seeds: readonly SeedCount[]): ArmMoments {
  const used = seeds.filter((s) => s.n > 0);
  const K = used.reduce((a, s) => a + s.k, 0);
  const N = used.reduce((a, s) => a + s.n, 0);
  const shrunk = (K + 0.5) / (N + 1);
  // Answers to one prompt are correlated; the design effect of the prompts (seeds alike) scales the
  // binomial variance to what the clustering leaves.
  // (per seed, so that differences between seeds do not count twice)
  const withPrompts = used.filter((s) => s.prompts?.length);
  const deff = withPrompts.length ? withPrompts.reduce((a, s) => a + designEffect(s.prompts ?? []), 0) / withPrompts.length : 1;
  const binomial = ((shrunk * (1 - shrunk)) / N) * deff;
  if (used.length < 2) return { mean: K / N, v: binomial, df: Math.max(1, N - 1) };
  const rates = used.map((s) => s.k / s.n);
  const g = rates.length;
  const mean = rates.reduce((a, r) => a + r, 0) / g;
  const s2 = rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (g - 1);
  return { mean, v: Math.max(s2 / g, binomial), df: g - 1 };
}

/** Welch's t on per-seed rates of a treated arm against a baseline arm (either may have one seed). */
export function seedAwareShiftTest(treated: readonly SeedCount[], baseline: readonly SeedCount[], level = 0.95): SeedAwareShift {
  const tUsed = treated.filter((s) => s.n > 0).length;
  const bUsed = baseline.filter((s) => s.n > 0).length;
  if (tUsed === 0 || bUsed === 0) return { diff: NaN, lo: NaN, hi: NaN, p: NaN, df: NaN, treated_seeds: tUsed, baseline_seeds: bUsed };
  const t = armMoments(treated);
  const b = armMoments(baseline);
  const diff = t.mean - b.mean;
  const v = t.v + b.v;
  // Satterthwaite's df. (Hsu's conservative min(df) was tried: at 2-3 seeds it rejected almost
  // nothing, 0-0.05% against a nominal 5%, which leaves no power at all.)
  const df = (v * v) / ((t.v * t.v) / t.df + (b.v * b.v) / b.df);
  const se = Math.sqrt(v);
  const stat = diff / se;
  const p = Math.min(1, 2 * tCdf(-Math.abs(stat), df));
  const half = tQuantile(1 - (1 - level) / 2, df) * se;
  return { diff, lo: diff - half, hi: diff + half, p, df, treated_seeds: tUsed, baseline_seeds: bUsed };
}
