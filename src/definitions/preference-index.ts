// The preferences' display names and their order, as the definitions give them (data/preferences.json,
// plus any set a notebook registers). One index for figures (labels, axis order) and analysis (the
// canonical row order), so a user's own set orders tables and figures alike.
import { loadPreferences } from "./preferences";

interface PreferenceIndex {
  names: Map<string, string>;
  order: string[];
}

let cached: PreferenceIndex | null = null;

function index(): PreferenceIndex {
  if (cached) return cached;
  cached = { names: new Map(), order: [] };
  try {
    registerPreferenceNames(loadPreferences().preferences);
  } catch {
    /* no definitions file: ids stand for themselves */
  }
  return cached;
}

/** Adds (or renames) preferences, e.g. a user's own set; new ids go after the known ones in the order given. */
export function registerPreferenceNames(preferences: readonly { id: string; display_name: string }[]): void {
  const idx: PreferenceIndex = cached ?? (cached = { names: new Map<string, string>(), order: [] as string[] });
  for (const p of preferences) {
    if (!idx.names.has(p.id)) idx.order.push(p.id);
    idx.names.set(p.id, p.display_name);
  }
}

/** Display name of a preference id from its definition (the id itself if unknown). */
export function preferenceName(id: string): string {
  return index().names.get(id) ?? id;
}

/** Position of a preference in the definitions' order; unknown ids all rank after the known ones. */
export function preferenceRank(id: string): number {
  const { order } = index();
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
}

/** The definitions' order of preference ids, unknown ones appended in first-seen order. */
export function preferenceOrder(ids: Iterable<string>): string[] {
  const seen = [...new Set(ids)];
  const inSet = new Set(seen);
  const { order, names } = index();
  return [...order.filter((id) => inSet.has(id)), ...seen.filter((id) => !names.has(id))];
}
