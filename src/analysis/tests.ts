// Significance tests for a shift between two proportions, and multiple-comparison adjustment.
import { gammaln } from "simple-statistics";
import { normalCdf } from "./normal";

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/** Fisher's exact test, two-sided, for the 2×2 table [[a, b], [c, d]] (rows: groups; columns:
 *  true / not true). The p-value sums the hypergeometric probabilities of every table with the same
 *  margins that is no more probable than the observed one (the convention of R's fisher.test).
 *  Probabilities are computed in log space so that counts in the tens of thousands do not overflow. */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  for (const [name, v] of Object.entries({ a, b, c, d })) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact: ${name} must be a non-negative integer, got ${v}`);
  }
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const n = r1 + r2;
  if (n === 0 || r1 === 0 || r2 === 0 || c1 === 0 || c1 === n) return 1;
  const logDenom = logChoose(n, c1);
  const logP = (x: number) => logChoose(r1, x) + logChoose(r2, c1 - x) - logDenom;
  const lo = Math.max(0, c1 - r2);
  const hi = Math.min(r1, c1);
  const observed = logP(a);
  // Relative tolerance, as R uses, so that tables tied with the observed one in exact arithmetic
  // are not lost to rounding.
  const cutoff = observed + Math.log1p(1e-7);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= cutoff) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** Two-sided two-proportion z-test with pooled variance (for large counts). */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): { z: number; p: number } {
  if (n1 === 0 || n2 === 0) return { z: NaN, p: NaN };
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (k1 / n1 - k2 / n2) / se;
  return { z, p: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

export type ShiftTest = "fisher" | "z" | "seed_welch";

/** Fisher's exact test while the table is small enough to enumerate cheaply, the z-test beyond
 *  (`largeN` total answers); returns which one was used. */
export function shiftPValue(k1: number, n1: number, k2: number, n2: number, largeN = 200_000): { p: number; test: ShiftTest } {
  if (n1 + n2 > largeN) return { p: twoProportionZ(k1, n1, k2, n2).p, test: "z" };
  return { p: fisherExact(k1, n1 - k1, k2, n2 - k2), test: "fisher" };
}

/** Holm's step-down adjustment. NaN p-values are left NaN and do not count towards m. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const idx = pValues.map((p, i) => ({ p, i })).filter((x) => !Number.isNaN(x.p));
  idx.sort((x, y) => x.p - y.p);
  const m = idx.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  idx.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
