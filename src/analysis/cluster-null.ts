// Does the cluster earn its claim? With a arms (models × seeds × conditions) the centred arms ×
// preferences shift matrix has rank ≤ a − 1, so the first principal component carries at least
// 1/(a − 1) of the variance by construction (half of it with 3 arms; pure noise on 3 arms gives
// about 0.64), and a correlation over a arms has a − 2 degrees of freedom. So the PC1 share and the
// correlations are reported against a permutation null (each preference's shifts shuffled over the
// arms independently: same marginal spread, no co-movement) and with intervals (PC1 share:
// percentile bootstrap over arms; each r: Fisher's z), and below MIN_CLUSTER_ARMS not at all.
import { seededRandom } from "../core/random";
import { normalCdf, zFor } from "./normal";
import type { ShiftMatrix } from "./cluster";

/** Fewest arms for which the cluster analysis is run. At 8 arms the noise-only PC1 share is about
 *  0.3 for 21 preferences (its 95th percentile below 0.4), so a true one-direction cluster can
 *  stand out; a correlation needs |r| > 0.71 to reach p < 0.05 over 8 arms. Below 8 the null
 *  swallows almost any observed share. */
export const MIN_CLUSTER_ARMS = 8;

export interface ClusterNullResult {
  n_arms: number;
  n_preferences: number;
  pc1_share: number;
  /** percentile bootstrap over arms */
  pc1_share_lo: number;
  pc1_share_hi: number;
  /** the same share with each preference's shifts permuted over arms */
  pc1_null_mean: number;
  pc1_null_q95: number;
  /** (1 + #null ≥ observed) / (1 + permutations) */
  pc1_p: number;
  /** mean correlation between preferences (over distinct pairs) */
  mean_r: number;
  mean_r_null_mean: number;
  mean_r_null_q95: number;
  mean_r_p: number;
  permutations: number;
}

/** Complete columns (preferences present in every arm) of the shift matrix. */
export function completeColumns(m: ShiftMatrix): { preferences: string[]; x: number[][] } {
  const keep = m.preferences.map((_, j) => m.values.every((row) => Number.isFinite(row[j])));
  return { preferences: m.preferences.filter((_, j) => keep[j]), x: m.values.map((row) => row.filter((_, j) => keep[j])) };
}

function centred(x: readonly (readonly number[])[]): number[][] {
  const a = x.length;
  const p = x[0]?.length ?? 0;
  const means = Array.from({ length: p }, (_, j) => x.reduce((s, row) => s + row[j], 0) / a);
  return x.map((row) => row.map((v, j) => v - means[j]));
}

/** Share of the largest eigenvalue of the centred covariance, from the arms × arms Gram matrix
 *  (same non-zero eigenvalues, much smaller than preferences × preferences) by power iteration. */
export function firstShare(x: readonly (readonly number[])[]): number {
  const c = centred(x);
  const a = c.length;
  const gram = c.map((ri) => c.map((rj) => ri.reduce((s, v, k) => s + v * rj[k], 0)));
  const trace = gram.reduce((s, row, i) => s + row[i], 0);
  if (!(trace > 0)) return NaN;
  let v = Array.from({ length: a }, (_, i) => 1 + i / a);
  let lambda = 0;
  for (let it = 0; it < 500; it++) {
    const w = gram.map((row) => row.reduce((s, g, k) => s + g * v[k], 0));
    const norm = Math.sqrt(w.reduce((s, y) => s + y * y, 0));
    if (norm === 0) return 0;
    const next = w.map((y) => y / norm);
    const change = next.reduce((s, y, i) => s + Math.abs(y - v[i]), 0);
    v = next;
    lambda = norm;
    if (change < 1e-12) break;
  }
  return lambda / trace;
}

/** Mean Pearson r over distinct preference pairs (columns without spread are left out). */
export function meanCorrelation(x: readonly (readonly number[])[]): number {
  const c = centred(x);
  const p = c[0]?.length ?? 0;
  const norms = Array.from({ length: p }, (_, j) => Math.sqrt(c.reduce((s, row) => s + row[j] * row[j], 0)));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      if (!(norms[i] > 0 && norms[j] > 0)) continue;
      sum += c.reduce((s, row) => s + row[i] * row[j], 0) / (norms[i] * norms[j]);
      count++;
    }
  }
  return count ? sum / count : NaN;
}

/** Fisher-z interval for a Pearson r over n pairs (NaN below 4). */
export function correlationInterval(r: number, n: number, level = 0.95): { lo: number; hi: number } {
  if (!Number.isFinite(r) || n < 4) return { lo: NaN, hi: NaN };
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, r)));
  const half = zFor(level) / Math.sqrt(n - 3);
  return { lo: Math.tanh(z - half), hi: Math.tanh(z + half) };
}

/** Two-sided p-value of a Pearson r over n pairs (Fisher's z, normal reference). */
export function correlationP(r: number, n: number): number {
  if (!Number.isFinite(r) || n < 4) return NaN;
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, r))) * Math.sqrt(n - 3);
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

export function clusterNull(m: ShiftMatrix, opts: { permutations?: number; bootstrap?: number; seed?: number; level?: number } = {}): ClusterNullResult {
  const { preferences, x } = completeColumns(m);
  const perms = opts.permutations ?? 1000;
  const reps = opts.bootstrap ?? 1000;
  const level = opts.level ?? 0.95;
  const rnd = seededRandom(opts.seed ?? 1);
  const a = x.length;
  const observed = firstShare(x);
  const observedR = meanCorrelation(x);
  const nullShares: number[] = [];
  const nullR: number[] = [];
  const col = (j: number) => x.map((row) => row[j]);
  const columns = preferences.map((_, j) => col(j));
  for (let b = 0; b < perms; b++) {
    const shuffled = columns.map((c) => {
      const s = [...c];
      for (let i = s.length - 1; i > 0; i--) {
        const k = Math.floor(rnd() * (i + 1));
        [s[i], s[k]] = [s[k], s[i]];
      }
      return s;
    });
    const px = Array.from({ length: a }, (_, i) => shuffled.map((c) => c[i]));
    nullShares.push(firstShare(px));
    nullR.push(meanCorrelation(px));
  }
  const boot: number[] = [];
  for (let b = 0; b < reps; b++) {
    const bx = Array.from({ length: a }, () => x[Math.floor(rnd() * a)]);
    const s = firstShare(bx);
    if (Number.isFinite(s)) boot.push(s);
  }
  const sorted = (v: number[]) => v.filter(Number.isFinite).sort((p, q) => p - q);
  const q = (v: number[], p: number) => (v.length ? v[Math.min(v.length - 1, Math.floor(p * v.length))] : NaN);
  const ns = sorted(nullShares);
  const nr = sorted(nullR);
  const bs = sorted(boot);
  const alpha = (1 - level) / 2;
  const mean = (v: number[]) => (v.length ? v.reduce((s, y) => s + y, 0) / v.length : NaN);
  return {
    n_arms: a,
    n_preferences: preferences.length,
    pc1_share: observed,
    pc1_share_lo: q(bs, alpha),
    pc1_share_hi: q(bs, 1 - alpha),
    pc1_null_mean: mean(ns),
    pc1_null_q95: q(ns, 0.95),
    pc1_p: (1 + ns.filter((s) => s >= observed - 1e-12).length) / (1 + ns.length),
    mean_r: observedR,
    mean_r_null_mean: mean(nr),
    mean_r_null_q95: q(nr, 0.95),
    mean_r_p: (1 + nr.filter((r) => r >= observedR - 1e-12).length) / (1 + nr.length),
    permutations: perms,
  };
}
