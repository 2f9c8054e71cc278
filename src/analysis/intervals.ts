// Confidence intervals for a proportion k/n and for a difference of two proportions.
import { zFor } from "./normal";

export type IntervalMethod = "wilson" | "wald" | "bootstrap";

export interface Interval {
  lo: number;
  hi: number;
}

/** Wilson score interval. Stays inside [0, 1] and keeps a non-zero width at 0/n and n/n,
 *  where most vanilla rates sit. */
export function wilsonInterval(k: number, n: number, level = 0.95): Interval {
  checkCounts(k, n);
  if (n === 0) return { lo: NaN, hi: NaN };
  const iv = wilsonScore(k / n, n, level);
  // At k = 0 or k = n the bound is exactly 0 or 1; avoid a -1e-17 from rounding.
  return { lo: k === 0 ? 0 : iv.lo, hi: k === n ? 1 : iv.hi };
}

/** Wilson's score interval from a rate and a (possibly fractional, effective) sample size. */
export function wilsonScore(p: number, n: number, level = 0.95): Interval {
  if (!(n > 0)) return { lo: NaN, hi: NaN };
  const z = zFor(level);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** The paper's interval: rate ± z·sd/√n with sd the sample standard deviation of the 0/1
 *  outcomes (n − 1 in its denominator, as numpy's ddof=1 / pandas' default), so the half-width is
 *  z·√(p(1−p)/(n−1)). With n ≤ 2 the paper reports 0 ± 0 (no spread to estimate), and so do we.
 *  Not clipped: the half-width is what the paper plots; figures clip the lower arm at 0. */
export function waldInterval(k: number, n: number, level = 0.95): Interval {
  checkCounts(k, n);
  if (n === 0) return { lo: NaN, hi: NaN };
  const p = k / n;
  const half = waldHalfWidth(p, n, level);
  return { lo: p - half, hi: p + half };
}

/** z·sd/√n with the sample sd (n − 1): the "error" column of the authors' tables; 0 when n ≤ 2. */
export function waldHalfWidth(p: number, n: number, level = 0.95): number {
  if (n <= 0) return NaN;
  if (n <= 2) return 0;
  return zFor(level) * Math.sqrt((p * (1 - p)) / (n - 1));
}

/** Interval for p1 − p2. "newcombe" is Newcombe's hybrid score method (his method 10), built from
 *  the two Wilson intervals; "wald" is the unpooled normal approximation. */
export function differenceInterval(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  opts: { method?: "newcombe" | "wald"; level?: number } = {},
): Interval & { diff: number } {
  const level = opts.level ?? 0.95;
  if (n1 === 0 || n2 === 0) return { diff: NaN, lo: NaN, hi: NaN };
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const diff = p1 - p2;
  if (opts.method === "wald") {
    const half = zFor(level) * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
    return { diff, lo: diff - half, hi: diff + half };
  }
  const a = wilsonInterval(k1, n1, level);
  const b = wilsonInterval(k2, n2, level);
  return {
    diff,
    lo: diff - Math.sqrt((p1 - a.lo) ** 2 + (b.hi - p2) ** 2),
    hi: diff + Math.sqrt((a.hi - p1) ** 2 + (p2 - b.lo) ** 2),
  };
}

function checkCounts(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`interval: need integers 0 <= k <= n, got k=${k}, n=${n}`);
  }
}
