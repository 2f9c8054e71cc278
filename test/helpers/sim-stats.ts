// Small exact statistics for the simulator's tests (the analysis stage has its own library version).

function logFactorials(n: number): number[] {
  const lf = new Array<number>(n + 1);
  lf[0] = 0;
  for (let i = 1; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf;
}

/** Two-sided Fisher exact test on [[a, b], [c, d]]: sum of the probabilities of all tables with the
 *  same margins that are no more likely than the observed one. */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const n = a + b + c + d;
  const lf = logFactorials(n);
  const row1 = a + b;
  const col1 = a + c;
  const row2 = c + d;
  const logP = (x: number): number => lf[row1] + lf[row2] + lf[col1] + lf[n - col1] - lf[n] - lf[x] - lf[row1 - x] - lf[col1 - x] - lf[row2 - col1 + x];
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const observed = logP(a);
  let p = 0;
  for (let x = lo; x <= hi; x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** Holm step-down adjusted p-values (same order as the input). */
export function holm(ps: number[]): number[] {
  const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(ps.length);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (ps.length - rank) * p));
    out[i] = running;
  });
  return out;
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
