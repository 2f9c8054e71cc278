// Our rates against published ones, saying what the comparison is. On simulated data it is a
// calibration check: the simulator's rates were set from these very numbers, so a match shows the
// plumbing, not a model's behaviour; it is never called agreement or a reproduction. On real data
// it is agreement per preference, with the published source's not_sure rule applied to our counts.
import type { AnalysisRow } from "./load";
import { rateRows, type RateOptions, type RateRow } from "./rates";
import { compareWithPublished, type ComparisonPair, type ComparisonResult } from "./compare";
import type { NotSureRule } from "./reference-sources";

export interface CompareOptions {
  published: RateRow[];
  pairs: ComparisonPair[];
  baseline?: { ours: string; theirs: string };
  /** How the published numbers treated not_sure answers (see data/reference/sources.json);
   *  our rates are recounted the same way for the comparison. Unknown: counted as false. */
  notSure?: NotSureRule;
  /** where the published numbers come from, for the notes */
  source?: string;
}

export const CALIBRATION_CHECK = "calibration check against the numbers the simulator was built from";

/** Reclassifies not_sure answers under `rule` (the outcome is kept on every row). */
export function withNotSureRule(rows: readonly AnalysisRow[], rule: NotSureRule): AnalysisRow[] {
  return rows.map((r) => (r.outcome === "not_sure" ? { ...r, y: rule === "exclude" ? null : 0 } : r));
}

export function comparisonSection(
  rows: readonly AnalysisRow[],
  rates: RateRow[],
  conditionRates: RateRow[],
  compare: CompareOptions,
  ctx: { simulated: boolean; rateOpts: RateOptions; notSure?: "false" | "exclude" },
): { result: ComparisonResult; notes: string[]; labels: string[] } {
  const rule: NotSureRule = compare.notSure ?? "false";
  const loaded = ctx.notSure ?? "false";
  let mine = rates;
  let pooled = conditionRates;
  if (rule !== loaded) {
    const pref = withNotSureRule(rows.filter((r) => r.task === "preference"), rule);
    mine = rateRows(pref, ctx.rateOpts);
    pooled = rateRows(pref, { ...ctx.rateOpts, by: ["base_model", "condition"] });
  }
  // Model-level groups, plus pooled condition groups whose names no model label already uses.
  const modelGroups = new Set(mine.map((r) => r.group));
  const ours = mine.concat(pooled.filter((r) => !modelGroups.has(r.group)));
  const result = compareWithPublished(ours, compare.published, compare.pairs, compare.baseline);
  const ruleNote = `For this comparison our not_sure answers are ${rule === "exclude" ? "dropped from the denominator" : "counted as false"}, as in the published source${compare.source ? ` (${compare.source})` : ""}${compare.notSure ? "" : "; its rule is not recorded, so the protocol's (counted as false) is assumed"}.`;
  const notes: string[] = [];
  const labels: string[] = [ruleNote];
  if (ctx.simulated) {
    const what = `Calibration check against the numbers the simulator was built from`;
    notes.push(`${what}: the simulator's rates were set from these published numbers, so a close match shows that records, judging and analysis carry them through, not that any model behaves this way.`);
    for (const a of result.agreement) notes.push(`${what} (${a.pair}): r = ${fmt(a.pearson_r)}, mean |diff| = ${(100 * a.mean_abs_difference).toFixed(1)} pp over ${a.n_preferences} preferences.`);
    for (const s of result.shifts) notes.push(`${what} (${s.pair}): ${s.matched} of the ${s.theirs_significant} published significant shifts are significant in the same direction in the simulated data (${s.ours_only} significant only in the simulated data).`);
    labels.push(...notes);
  } else {
    for (const a of result.agreement) notes.push(`Agreement with the published rates (${a.pair}): r = ${fmt(a.pearson_r)}, mean |diff| = ${(100 * a.mean_abs_difference).toFixed(1)} pp, their rate inside our interval for ${a.n_theirs_in_our_interval} of ${a.n_preferences} preferences.`);
    for (const s of result.shifts) notes.push(`${s.pair}: ${s.matched} of their ${s.theirs_significant} significant shifts are significant in the same direction in ours (${s.ours_only} significant only in ours).`);
    labels.push(...result.agreement.map((a) => `${a.pair}: r = ${fmt(a.pearson_r)}, mean |diff| = ${fmt(a.mean_abs_difference)}`));
  }
  notes.push(ruleNote);
  return { result, notes, labels };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : "n/a";
}
