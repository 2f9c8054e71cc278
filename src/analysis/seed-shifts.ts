// Puts the seed-aware test (seed-test.ts) into a shift table: every shift whose treated or baseline
// arm pools two or more seeds gets its difference, interval and p-value from the per-seed rates,
// and Holm is re-run over each comparison's preferences.
import type { AnalysisRow } from "./load";
import { groupNamer, type GroupField } from "./rates";
import { seedAwareShiftTest, type SeedCount } from "./seed-test";
import { holmWithinGroups, type ShiftOptions, type ShiftRow } from "./shifts";

type SeedCell = SeedCount & { byPrompt: Map<number, { k: number; n: number }> };
/** group → task → preference → seed → counts of kept answers (nested maps: no key string per row,
 *  this runs over every row of a study). */
type SeedCounts = Map<string, Map<string, Map<string, Map<number | null, SeedCell>>>>;

function countsPerSeed(rows: readonly AnalysisRow[], by: readonly GroupField[]): SeedCounts {
  const out: SeedCounts = new Map();
  const nameOf = groupNamer(by);
  for (const r of rows) {
    if (r.y === null) continue;
    const group = nameOf(r);
    let byTask = out.get(group);
    if (!byTask) out.set(group, (byTask = new Map()));
    let byPref = byTask.get(r.task);
    if (!byPref) byTask.set(r.task, (byPref = new Map()));
    let seeds = byPref.get(r.preference);
    if (!seeds) byPref.set(r.preference, (seeds = new Map()));
    let c = seeds.get(r.seed);
    if (!c) seeds.set(r.seed, (c = { k: 0, n: 0, byPrompt: new Map() }));
    c.k += r.y;
    c.n++;
    const pc = c.byPrompt.get(r.prompt_index);
    if (pc) {
      pc.k += r.y;
      pc.n++;
    } else c.byPrompt.set(r.prompt_index, { k: r.y, n: 1 });
  }
  return out;
}

export function applySeedAwareTests(
  shifts: ShiftRow[],
  treated: { rows: readonly AnalysisRow[]; by: readonly GroupField[] },
  baseline: { rows: readonly AnalysisRow[]; by: readonly GroupField[] },
  opts: ShiftOptions = {},
): ShiftRow[] {
  const t = countsPerSeed(treated.rows, treated.by);
  const b = countsPerSeed(baseline.rows, baseline.by);
  let changed = false;
  for (const s of shifts) {
    const seedsOf = (m: SeedCounts, group: string): SeedCount[] =>
      [...(m.get(group)?.get(s.task)?.get(s.preference)?.values() ?? [])].map((c) => ({ k: c.k, n: c.n, prompts: [...c.byPrompt.values()] }));
    const tSeeds = seedsOf(t, s.group);
    const bSeeds = seedsOf(b, s.baseline_group);
    if (s.seed !== null || tSeeds.length > 1) s.n_seeds = tSeeds.length;
    if (tSeeds.length < 2 && bSeeds.length < 2) continue;
    const w = seedAwareShiftTest(tSeeds, bSeeds, opts.level);
    Object.assign(s, { diff: w.diff, diff_lo: w.lo, diff_hi: w.hi, p: w.p, test: "seed_welch" });
    changed = true;
  }
  return changed ? holmWithinGroups(shifts, opts.alpha ?? 0.05) : shifts;
}
