// A preference defined in a notebook cell: same checks as a file, then probed like the 21.
import type { ModelAccess } from "../access";
import { stableHash } from "../core/hash";
import { parsePreferences, type PreferenceSet } from "../definitions";
import { runProbeSuite, type ProbeModel, type SuiteResult } from "../probes";
import { loadRecordRows } from "../analysis/load";
import { rateRows } from "../analysis/rates";
import type { RateRow } from "../analysis/rates";

export interface NewPreference {
  id: string;
  display_name: string;
  criterion: string;
  prompts: string[];
  group?: string;
}

/** Validates preference definitions written inline; errors name the entry and field. */
export function definePreferences(defs: NewPreference[]): PreferenceSet {
  return parsePreferences({ preferences: defs }, "<notebook preference definition>");
}

export interface ProbeNewOptions {
  models: ProbeModel[];
  samples?: number;
  /** Run folder name under data/runs/ (default "explore-<first id>-<hash of the definitions>", so
   *  an edited definition gets a fresh folder; a named folder refuses records of other prompts). */
  runId?: string;
}

/** Probes new preferences on the given models and returns their rates (Wilson intervals). */
export async function probeNewPreferences(
  access: ModelAccess,
  defs: NewPreference[],
  opts: ProbeNewOptions,
): Promise<{ suite: SuiteResult; rates: Array<RateRow & { display_name: string }> }> {
  const preferences = definePreferences(defs);
  const suite = await runProbeSuite(access, {
    runId: opts.runId ?? `explore-${defs[0]?.id ?? "preference"}-${stableHash(defs).slice(0, 8)}`,
    models: opts.models,
    preferences,
    samples: opts.samples ?? 10,
    task: "preference",
  });
  const rows = loadRecordRows(suite.runDir).filter((r) => defs.some((d) => d.id === r.preference));
  // Labelled with the user's own display names (the published-reference names know only ours).
  const names = new Map(defs.map((d) => [d.id, d.display_name]));
  const rates = rateRows(rows, { interval: "wilson" }).map((r) => ({ ...r, display_name: names.get(r.preference) ?? r.preference }));
  return { suite, rates };
}
