// map(): runs a function over items with bounded concurrency and one live progress display, whose
// counts are the access stats' deltas since the map started. The first error stops new items and
// is thrown once the running ones finish; results come back in input order.
import { createProgress, type ProgressMode } from "./progress";
import type { AccessStats } from "./types";

export interface MapDeps {
  stats: AccessStats;
  progressMode: ProgressMode;
  progressWrite: (s: string) => void;
  /** Called when the map ends (the ledger is written out). */
  done(): void;
}

export async function mapWithProgress<I, O>(d: MapDeps, items: I[], fn: (item: I, index: number) => Promise<O>, o: { label: string; concurrency?: number }): Promise<O[]> {
  const limit = Math.max(1, o.concurrency ?? 512);
  // Progress counts are the stats deltas since this map started (AsyncLocalStorage would attribute
  // them exactly but slows every promise in the process; concurrent maps share their counts).
  const start = { ...d.stats };
  const progress = createProgress(o.label, items.length, d.progressMode, d.progressWrite);
  const out = new Array<O>(items.length);
  let next = 0;
  let firstError: unknown = null;
  const sync = () => {
    progress.counts.hits = d.stats.hits - start.hits;
    progress.counts.calls = d.stats.calls - start.calls;
    progress.counts.failures = d.stats.failures - start.failures;
  };
  const worker = async () => {
    while (firstError === null && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i], i);
      } catch (e) {
        if (firstError === null) firstError = e;
      }
      progress.counts.done++;
      sync();
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  sync();
  progress.finish();
  d.done();
  if (firstError !== null) throw firstError;
  return out;
}
