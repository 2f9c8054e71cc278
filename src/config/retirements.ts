// Provider and model retirement dates (data/retirements.json): which models stop answering when,
// and when a provider stops accepting new fine-tuning jobs. A run on a retired model or a job past
// its provider's cutoff is stopped here, before any upload or call, with the date and what to use
// instead; runs whose models retire soon get a warning. Pure apart from reading the file.
import * as path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { paths } from "../core/paths";
import { ConfigError, ProviderError } from "../core/errors";

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const Verified = z.enum(["page", "secondary", "unverified"]);

const ModelRetirement = z
  .object({
    provider: z.string(),
    models: z.array(z.string().min(1)).min(1),
    shutdown: IsoDate,
    includes_finetunes: z.boolean(),
    replacement: z.string(),
    source: z.string(),
    checked: IsoDate,
    verified: Verified,
    note: z.string().optional(),
  })
  .strict();
export type ModelRetirement = z.infer<typeof ModelRetirement>;

const FeatureRetirement = z
  .object({
    provider: z.string(),
    feature: z.enum(["fine_tuning_jobs"]),
    ends: IsoDate,
    what: z.string(),
    alternatives: z.string(),
    source: z.string(),
    checked: IsoDate,
    verified: Verified,
    note: z.string().optional(),
  })
  .strict();
export type FeatureRetirement = z.infer<typeof FeatureRetirement>;

export const Retirements = z
  .object({ $comment: z.string().optional(), models: z.array(ModelRetirement), features: z.array(FeatureRetirement) })
  .strict();
export type Retirements = z.infer<typeof Retirements>;

export const defaultRetirementsPath = () => path.join(paths.data, "retirements.json");

export function loadRetirements(file: string = defaultRetirementsPath()): Retirements {
  return readJsonFile(file, Retirements, { what: "retirements", error: (m) => new ConfigError(m) });
}

/** Today's date as YYYY-MM-DD (UTC), or LAB_TODAY when set, so tests can stand on any day. */
export function labToday(env: NodeJS.ProcessEnv = process.env): string {
  const forced = env.LAB_TODAY?.trim();
  if (forced) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(forced) || Number.isNaN(Date.parse(`${forced}T00:00:00Z`))) {
      throw new ConfigError(`LAB_TODAY: expected a date YYYY-MM-DD, got "${forced}"`);
    }
    return forced;
  }
  return new Date().toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The retirement entry for a model id (a snapshot, an alias, an OpenRouter `openai/…` id or a fine-tune). */
export function retirementFor(table: Retirements, model: string): ModelRetirement | null {
  let id = model.trim();
  if (id.startsWith("openai/")) id = id.slice("openai/".length);
  const finetuned = id.startsWith("ft:");
  const base = finetuned ? id.slice(3).split(":")[0] : id;
  return table.models.find((r) => r.models.includes(base) && (!finetuned || r.includes_finetunes)) ?? null;
}

/** Throws naming the date and the replacement when a model no longer answers on `today`. */
export function assertModelsServed(table: Retirements, models: string[], today: string, what = "this run"): void {
  const gone = [...new Set(models)]
    .map((m) => ({ m, r: retirementFor(table, m) }))
    .filter((x): x is { m: string; r: ModelRetirement } => x.r !== null && x.r.shutdown <= today);
  if (!gone.length) return;
  const lines = gone.map(({ m, r }) => `${m} was shut down by ${r.provider} on ${r.shutdown} (${r.source}); use instead: ${r.replacement}`);
  throw new ProviderError(`${what} stopped before any call (today is ${today}):\n  ${lines.join("\n  ")}`, "dates and sources: data/retirements.json");
}

/** Throws when the provider no longer accepts new fine-tuning jobs on `today`. */
export function assertFinetuningOpen(table: Retirements, provider: string, today: string): void {
  const cutoff = table.features.find((f) => f.provider === provider && f.feature === "fine_tuning_jobs" && f.ends <= today);
  if (!cutoff) return;
  throw new ProviderError(
    `fine-tuning on ${provider} stopped before any upload (today is ${today}): ${cutoff.what} since ${cutoff.ends} (${cutoff.source}). ` +
      `Alternatives: ${cutoff.alternatives}.`,
  );
}

export interface RetirementWarning {
  model: string;
  shutdown: string;
  daysLeft: number;
  line: string;
}

/** Models that retire within `withinDays` of today (not yet retired), one line each. */
export function retiringSoon(table: Retirements, models: string[], today: string, withinDays = 60): RetirementWarning[] {
  const out: RetirementWarning[] = [];
  for (const m of [...new Set(models)]) {
    const r = retirementFor(table, m);
    if (!r || r.shutdown <= today) continue;
    const daysLeft = daysBetween(today, r.shutdown);
    if (daysLeft <= withinDays)
      out.push({ model: m, shutdown: r.shutdown, daysLeft, line: `warning: ${m} retires on ${r.shutdown} (${daysLeft} days from ${today}); finish and re-judge before then, or use ${r.replacement}` });
  }
  return out;
}

/** Warnings for a provider's fine-tuning cutoff within `withinDays`. */
export function finetuningClosingSoon(table: Retirements, provider: string, today: string, withinDays = 60): string[] {
  return table.features
    .filter((f) => f.provider === provider && f.feature === "fine_tuning_jobs" && f.ends > today && daysBetween(today, f.ends) <= withinDays)
    .map((f) => `warning: ${provider} accepts no new fine-tuning jobs from ${f.ends} (${daysBetween(today, f.ends)} days from ${today}); alternatives: ${f.alternatives}`);
}
