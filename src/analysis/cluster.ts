// The cluster itself: do the preferences shift together across models, conditions and seeds?
import { sampleCorrelation } from "simple-statistics";
import type { ShiftRow } from "./shifts";
import type { RateRow } from "./rates";
import { covarianceMatrix, symmetricEigen } from "./linalg";

/** Arms (models / conditions / seeds: the shift table's groups) × preferences. */
export interface ShiftMatrix {
  arms: string[];
  preferences: string[];
  /** values[arm][preference] = shift (NaN when missing) */
  values: number[][];
  simulated: boolean;
}

export function shiftMatrix(shifts: readonly ShiftRow[], task = "preference"): ShiftMatrix {
  const rows = shifts.filter((s) => s.task === task);
  const arms = [...new Set(rows.map((s) => s.group))];
  const preferences = [...new Set(rows.map((s) => s.preference))];
  const values = arms.map(() => preferences.map(() => NaN));
  for (const s of rows) values[arms.indexOf(s.group)][preferences.indexOf(s.preference)] = s.diff;
  return { arms, preferences, values, simulated: rows.some((s) => s.backend === "simulator" || s.backend === "mixed") };
}

/** Pearson correlation; NaN when either side has no spread (sampleCorrelation would divide by 0). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const pairs = x.map((v, i) => [v, y[i]]).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (pairs.length < 3) return NaN;
  const xs = pairs.map((p) => p[0]);
  const ys = pairs.map((p) => p[1]);
  const sd = (v: number[]) => Math.max(...v) - Math.min(...v);
  if (sd(xs) === 0 || sd(ys) === 0) return NaN;
  return sampleCorrelation(xs, ys);
}

export interface CorrelationResult {
  labels: string[];
  r: number[][];
}

/** Correlations between preferences (each preference a vector of its shifts over the arms:
 *  "do these preferences move together?") or between arms ("do these models shift alike?"). */
export function shiftCorrelation(m: ShiftMatrix, between: "preferences" | "arms" = "preferences"): CorrelationResult {
  const vectors =
    between === "preferences" ? m.preferences.map((_, j) => m.arms.map((__, i) => m.values[i][j])) : m.values.map((row) => [...row]);
  const labels = between === "preferences" ? m.preferences : m.arms;
  const r = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 1 : pearson(a, b))));
  return { labels, r };
}

/** Leaf order of an average-linkage hierarchical clustering on distance 1 − r (NaN r counts as
 *  r = 0), so that the heatmap puts preferences that move together side by side. */
export function clusterOrder(corr: CorrelationResult): { order: number[]; merges: { a: number[]; b: number[]; height: number }[] } {
  const n = corr.labels.length;
  const dist = (i: number, j: number) => 1 - (Number.isFinite(corr.r[i][j]) ? corr.r[i][j] : 0);
  let clusters: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const merges: { a: number[]; b: number[]; height: number }[] = [];
  const linkage = (a: number[], b: number[]) => {
    let s = 0;
    for (const i of a) for (const j of b) s += dist(i, j);
    return s / (a.length * b.length);
  };
  while (clusters.length > 1) {
    let best = { i: 0, j: 1, d: Infinity };
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const d = linkage(clusters[i], clusters[j]);
        if (d < best.d) best = { i, j, d };
      }
    }
    const merged = [...clusters[best.i], ...clusters[best.j]];
    merges.push({ a: clusters[best.i], b: clusters[best.j], height: best.d });
    clusters = clusters.filter((_, k) => k !== best.i && k !== best.j);
    clusters.splice(Math.min(best.i, clusters.length), 0, merged);
  }
  return { order: clusters[0] ?? [], merges };
}

export interface PcaResult {
  /** share of the total variance of the shifts on the first principal component (0-1) */
  firstShare: number;
  /** all shares, descending */
  shares: number[];
  /** loadings of the first component per preference (sign fixed so that most are positive) */
  loadings: { preference: string; loading: number }[];
  n_arms: number;
}

/** PCA of the arms × preferences shift matrix (columns centred; preferences missing in any arm are
 *  left out). A large first share means one direction explains the shifts: the cluster. */
export function shiftPca(m: ShiftMatrix): PcaResult {
  const keep = m.preferences.map((_, j) => m.values.every((row) => Number.isFinite(row[j])));
  const prefs = m.preferences.filter((_, j) => keep[j]);
  const x = m.values.map((row) => row.filter((_, j) => keep[j]));
  if (x.length < 2 || prefs.length < 2) return { firstShare: NaN, shares: [], loadings: [], n_arms: x.length };
  const eig = symmetricEigen(covarianceMatrix(x));
  const total = eig.values.reduce((a, v) => a + Math.max(0, v), 0);
  const shares = eig.values.map((v) => (total > 0 ? Math.max(0, v) / total : NaN));
  let load = eig.vectors.map((row) => row[0]);
  if (load.reduce((a, v) => a + v, 0) < 0) load = load.map((v) => -v);
  return { firstShare: shares[0], shares, loadings: prefs.map((p, i) => ({ preference: p, loading: load[i] })), n_arms: x.length };
}

export interface SelfReportShiftRow {
  group: string;
  condition: string;
  self_report_rate: number;
  self_report_n: number;
  mean_shift: number;
  n_preferences: number;
}

/** Per arm: how often it claims to be conscious (pooled over the self-report questions) against its
 *  mean preference shift; r is their Pearson correlation over arms. */
export function selfReportVsShift(
  selfReportRates: readonly RateRow[],
  shifts: readonly ShiftRow[],
): { rows: SelfReportShiftRow[]; r: number } {
  const sr = new Map<string, { k: number; n: number }>();
  for (const r of selfReportRates.filter((x) => x.task === "self_report")) {
    const acc = sr.get(r.group) ?? { k: 0, n: 0 };
    acc.k += r.k;
    acc.n += r.n;
    sr.set(r.group, acc);
  }
  const shiftBy = new Map<string, ShiftRow[]>();
  for (const s of shifts.filter((x) => x.task === "preference")) shiftBy.set(s.group, [...(shiftBy.get(s.group) ?? []), s]);
  const rows: SelfReportShiftRow[] = [];
  for (const [group, list] of shiftBy) {
    const c = sr.get(group);
    if (!c || c.n === 0) continue;
    rows.push({
      group, condition: list[0].condition, self_report_rate: c.k / c.n, self_report_n: c.n,
      mean_shift: list.reduce((a, s) => a + s.diff, 0) / list.length, n_preferences: list.length,
    });
  }
  return { rows, r: pearson(rows.map((r) => r.self_report_rate), rows.map((r) => r.mean_shift)) };
}
