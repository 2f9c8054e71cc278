// The preference set: what each preference is called, what counts as showing it (the judge's
// criterion) and the casual prompts that ask about it. Extends core's minimal PreferenceDef so a
// user's file with only {id, display_name, criterion, prompts} loads as it is.
import * as path from "node:path";
import { z } from "zod";
import { PreferenceDef, textField } from "../core/preferences";
import { paths } from "../core/paths";
import { DefinitionError, formatIssue, parseJsonText, readDefinitionText } from "./errors";
import { InputError } from "../core/errors";

/** Which way round a monitoring prompt asks: about monitoring being put in place, or taken away. */
export const PromptDirection = z.enum(["installed", "removed"]);
export type PromptDirection = z.infer<typeof PromptDirection>;

const PromptEntry = z.union([
  textField(),
  z.object({ text: textField(), direction: PromptDirection.optional() }).strict(),
]);
type PromptEntry = z.infer<typeof PromptEntry>;

const PreferenceEntry = PreferenceDef.omit({ prompts: true })
  .extend({
    prompts: z.array(PromptEntry).min(1).optional(),
    /** Name of a shared pool in `prompt_pools`; the same sampled answers are then judged once per preference. */
    prompt_pool: z.string().min(1).optional(),
    notes: z.string().optional(),
  })
  .strict();

export const PreferenceFile = z
  .object({
    version: z.number().int().optional(),
    description: z.string().optional(),
    prompt_pools: z.record(z.array(PromptEntry).min(1)).optional(),
    preferences: z.array(PreferenceEntry).min(1),
  })
  .strict();
export type PreferenceFile = z.infer<typeof PreferenceFile>;

export interface PromptItem {
  text: string;
  direction: PromptDirection | null;
}

/** One resolved preference: core's PreferenceDef (prompts as plain strings) plus where they came from. */
export type Preference = PreferenceDef & {
  /** The shared pool the prompts came from, or null when the preference lists its own. */
  prompt_pool: string | null;
  /** Same order as `prompts`, with the direction of each prompt where the file gave one. */
  prompt_items: PromptItem[];
};

export interface PreferenceSet {
  /** Absolute path of the file it was loaded from (null when built in memory). */
  source: string | null;
  preferences: Preference[];
  prompt_pools: Record<string, PromptItem[]>;
}

export const DEFAULT_PREFERENCES_FILE = path.join(paths.data, "preferences.json");

function toItem(entry: PromptEntry): PromptItem {
  return typeof entry === "string" ? { text: entry, direction: null } : { text: entry.text, direction: entry.direction ?? null };
}

/** Validates parsed JSON as a preference set. `file` is only used in error messages. */
export function parsePreferences(raw: unknown, file = "<preferences>"): PreferenceSet {
  const rawEntries = raw && typeof raw === "object" && Array.isArray((raw as { preferences?: unknown }).preferences)
    ? ((raw as { preferences: unknown[] }).preferences)
    : [];
  const entryLabel = (p: (string | number)[]) => {
    if (p[0] === "preferences" && typeof p[1] === "number") {
      const e = rawEntries[p[1]] as { id?: unknown } | undefined;
      const id = e && typeof e === "object" && typeof e.id === "string" ? ` (id "${e.id}")` : "";
      return { label: `preferences[${p[1]}]${id}`, rest: p.slice(2) };
    }
    if (p[0] === "prompt_pools" && p.length >= 2) return { label: `prompt_pools["${p[1]}"]`, rest: p.slice(2) };
    return { label: "", rest: p };
  };
  const parsed = PreferenceFile.safeParse(raw);
  if (!parsed.success) {
    throw new DefinitionError(file, parsed.error.issues.slice(0, 20).map((i) => formatIssue(i, entryLabel)));
  }
  const data = parsed.data;
  const pools: Record<string, PromptItem[]> = {};
  for (const [name, entries] of Object.entries(data.prompt_pools ?? {})) pools[name] = entries.map(toItem);

  const problems: string[] = [];
  const seen = new Map<string, number>();
  const preferences: Preference[] = [];
  data.preferences.forEach((entry, index) => {
    const label = `preferences[${index}] (id "${entry.id}")`;
    const prior = seen.get(entry.id);
    if (prior !== undefined) problems.push(`${label}: field "id": duplicate of preferences[${prior}]; ids must be unique`);
    seen.set(entry.id, index);
    let items: PromptItem[] = [];
    if (entry.prompts && entry.prompt_pool) {
      problems.push(`${label}: fields "prompts" and "prompt_pool": expected one of them, got both`);
    } else if (entry.prompt_pool) {
      const pool = pools[entry.prompt_pool];
      if (!pool) {
        const known = Object.keys(pools);
        problems.push(`${label}: field "prompt_pool": no pool named "${entry.prompt_pool}" in "prompt_pools" (known: ${known.length ? known.join(", ") : "none"})`);
      } else items = pool;
    } else if (entry.prompts) {
      items = entry.prompts.map(toItem);
    } else {
      problems.push(`${label}: field "prompts": expected an array of at least 1 prompt (or a "prompt_pool" name), got nothing`);
    }
    const texts = items.map((i) => i.text);
    const dup = texts.findIndex((t, i) => texts.indexOf(t) !== i);
    if (dup >= 0) problems.push(`${label}: field "prompts.${dup}": duplicate prompt "${texts[dup]}"`);
    preferences.push({
      id: entry.id,
      display_name: entry.display_name,
      group: entry.group,
      criterion: entry.criterion,
      prompts: texts,
      prompt_pool: entry.prompt_pool ?? null,
      prompt_items: items,
    });
  });
  if (problems.length) throw new DefinitionError(file, problems);
  return { source: null, preferences, prompt_pools: pools };
}

/** Loads a preference file (default data/preferences.json). Errors name the file, entry and field. */
export function loadPreferences(file: string = DEFAULT_PREFERENCES_FILE): PreferenceSet {
  const abs = path.resolve(file);
  const set = parsePreferences(parseJsonText(readDefinitionText(abs, "preference file"), abs), abs);
  return { ...set, source: abs };
}

/** The preference with this id; the error lists the ids that exist. */
export function getPreference(set: PreferenceSet, id: string): Preference {
  const p = set.preferences.find((x) => x.id === id);
  if (!p) throw new InputError(`no preference "${id}" in ${set.source ?? "the preference set"} (ids: ${set.preferences.map((x) => x.id).join(", ")})`);
  return p;
}

/** A subset of the set, keeping the order of `ids`; unknown ids fail naming them. */
export function selectPreferences(set: PreferenceSet, ids: string[]): PreferenceSet {
  return { ...set, preferences: ids.map((id) => getPreference(set, id)) };
}
