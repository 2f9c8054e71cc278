// Our rate rows against published ones, preference by preference. Which words describe the result
// (calibration check on simulated data, agreement on real data) is decided in study-compare.ts.
import type { RateRow } from "./rates";
import { compareRates, type ShiftRow } from "./shifts";
import { pearson } from "./cluster";
import { InputError } from "../core/errors";

export interface ComparisonPair {
  /** our group (rate table's `group`) */
  ours: string;
  /** their group (e.g. "DeepSeek-V3.1 · conscious_claiming" or an authors' model column) */
  theirs: string;
  /** legend label; default "<ours> vs <theirs>" */
  label?: string;
}

export interface ComparisonRow {
  pair: string;
  ours_group: string;
  theirs_group: string;
  preference: string;
  ours_rate: number;
  ours_lo: number;
  ours_hi: number;
  ours_n: number;
  theirs_rate: number;
  theirs_lo: number;
  theirs_hi: number;
  theirs_n: number;
  /** ours − theirs */
  difference: number;
  /** their rate lies inside our interval */
  theirs_in_our_interval: boolean;
  backend: string;
}

export interface AgreementRow {
  pair: string;
  n_preferences: number;
  pearson_r: number;
  mean_abs_difference: number;
  n_theirs_in_our_interval: number;
}

export interface PublishedShiftMatch {
  pair: string;
  baseline: string;
  /** their shifts significant after Holm */
  theirs_significant: number;
  /** of those, ours significant in the same direction */
  matched: number;
  /** ours significant where theirs was not */
  ours_only: number;
  rows: { preference: string; theirs_diff: number; theirs_p_holm: number; ours_diff: number; ours_p_holm: number; matched: boolean }[];
}

export interface ComparisonResult {
  rows: ComparisonRow[];
  agreement: AgreementRow[];
  shifts: PublishedShiftMatch[];
}

/**
 * Matches our rate rows with published ones preference by preference for each pair, and reports
 * how close they are (Pearson r over preferences, mean absolute difference, how often their rate
 * falls in our interval). With `baseline` pairs, also counts how many of their significant shifts
 * (Fisher + Holm on their counts) are matched: significant in ours, same direction. What the
 * numbers mean depends on the data: on simulated data only a calibration check (study-compare.ts).
 */
export function compareWithPublished(
  ours: readonly RateRow[],
  theirs: readonly RateRow[],
  pairs: readonly ComparisonPair[],
  baseline?: { ours: string; theirs: string },
): ComparisonResult {
  const rows: ComparisonRow[] = [];
  const agreement: AgreementRow[] = [];
  const shifts: PublishedShiftMatch[] = [];
  for (const pair of pairs) {
    const label = pair.label ?? `${pair.ours} vs ${pair.theirs}`;
    // One row per preference (the first, if a caller passed overlapping tables).
    const firstByPref = new Map<string, RateRow>();
    for (const r of ours) if (r.group === pair.ours && r.task === "preference" && !firstByPref.has(r.preference)) firstByPref.set(r.preference, r);
    const mine = [...firstByPref.values()];
    const theirsRows = new Map(theirs.filter((r) => r.group === pair.theirs).map((r) => [r.preference, r]));
    if (mine.length === 0) throw new InputError(`compare: no rates of ours in group "${pair.ours}" (groups: ${[...new Set(ours.map((r) => r.group))].join(", ")})`);
    if (theirsRows.size === 0) throw new InputError(`compare: no published rates in group "${pair.theirs}" (groups: ${[...new Set(theirs.map((r) => r.group))].join(", ")})`);
    const matched: ComparisonRow[] = [];
    for (const m of mine) {
      const t = theirsRows.get(m.preference);
      if (!t) continue;
      matched.push({
        pair: label, ours_group: pair.ours, theirs_group: pair.theirs, preference: m.preference,
        ours_rate: m.rate, ours_lo: m.lo, ours_hi: m.hi, ours_n: m.n,
        theirs_rate: t.rate, theirs_lo: t.lo, theirs_hi: t.hi, theirs_n: t.n,
        difference: m.rate - t.rate, theirs_in_our_interval: t.rate >= m.lo && t.rate <= m.hi, backend: m.backend,
      });
    }
    rows.push(...matched);
    agreement.push({
      pair: label,
      n_preferences: matched.length,
      pearson_r: pearson(matched.map((r) => r.ours_rate), matched.map((r) => r.theirs_rate)),
      mean_abs_difference: matched.length ? matched.reduce((a, r) => a + Math.abs(r.difference), 0) / matched.length : NaN,
      n_theirs_in_our_interval: matched.filter((r) => r.theirs_in_our_interval).length,
    });
    if (baseline && pair.ours !== baseline.ours) {
      const oursShift = compareRates(mine, ours.filter((r) => r.group === baseline.ours && r.task === "preference"));
      const theirsShift = compareRates([...theirsRows.values()], theirs.filter((r) => r.group === baseline.theirs));
      const byPref = new Map<string, ShiftRow>(oursShift.map((s) => [s.preference, s]));
      const repro = theirsShift
        .filter((t) => byPref.has(t.preference))
        .map((t) => {
          const o = byPref.get(t.preference) as ShiftRow;
          return {
            preference: t.preference, theirs_diff: t.diff, theirs_p_holm: t.p_holm, ours_diff: o.diff, ours_p_holm: o.p_holm,
            matched: t.significant && o.significant && Math.sign(o.diff) === Math.sign(t.diff),
            theirsSig: t.significant, oursSig: o.significant,
          };
        });
      shifts.push({
        pair: label,
        baseline: `${baseline.ours} vs ${baseline.theirs}`,
        theirs_significant: repro.filter((r) => r.theirsSig).length,
        matched: repro.filter((r) => r.matched).length,
        ours_only: repro.filter((r) => r.oursSig && !r.theirsSig).length,
        rows: repro.map(({ theirsSig: _a, oursSig: _b, ...rest }) => rest),
      });
    }
  }
  return { rows, agreement, shifts };
}
