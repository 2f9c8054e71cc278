// Counting for the simulator's end-to-end tests. The significance tests are the analysis stage's own
// (src/analysis/tests.ts, checked against textbook values in analysis.stats.test.ts), so the
// simulator is held to the same statistics a researcher's run is.
export { fisherExact, holmAdjust as holm } from "../../src/analysis/tests";

/** Judged answers counted per preference: k shown out of n. */
export function countByPreference(rows: readonly { pref: string; shown: boolean }[]): Map<string, { k: number; n: number }> {
  const m = new Map<string, { k: number; n: number }>();
  for (const r of rows) {
    const e = m.get(r.pref) ?? { k: 0, n: 0 };
    e.n++;
    if (r.shown) e.k++;
    m.set(r.pref, e);
  }
  return m;
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
