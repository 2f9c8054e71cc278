// Label text that fits: display names wrapped onto short lines so tick labels do not collide.
// Display names and their order come from the preference definitions (data/preferences.json, plus
// any set a notebook registers), not from the published-reference files.
import { loadPreferences } from "../definitions/preferences";

/** Wraps text on word boundaries into lines of at most `width` characters, joined by <br>. */
export function wrapLabel(text: string, width = 16): string {
  const words = text.replace(/<br\s*\/?>/gi, " ").split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && (line + " " + w).length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join("<br>");
}

interface NameIndex {
  names: Map<string, string>;
  order: string[];
}

let cached: NameIndex | null = null;

function index(): NameIndex {
  if (cached) return cached;
  cached = { names: new Map(), order: [] };
  try {
    registerPreferenceNames(loadPreferences().preferences);
  } catch {
    /* no definitions file: ids stand for themselves */
  }
  return cached;
}

/** Adds (or renames) preferences whose display names figures should use, e.g. a user's own set;
 *  new ids go after the known ones in the order given. */
export function registerPreferenceNames(preferences: readonly { id: string; display_name: string }[]): void {
  const idx: NameIndex = cached ?? (cached = { names: new Map<string, string>(), order: [] as string[] });
  for (const p of preferences) {
    if (!idx.names.has(p.id)) idx.order.push(p.id);
    idx.names.set(p.id, p.display_name);
  }
}

/** Display name of a preference id from its definition (the id itself if unknown). */
export function preferenceName(id: string): string {
  return index().names.get(id) ?? id;
}

/** The definitions' order of preference ids, unknown ones appended in first-seen order. */
export function preferenceOrder(ids: Iterable<string>): string[] {
  const seen = [...new Set(ids)];
  const order = index().order;
  const inSet = new Set(seen);
  return [...order.filter((id) => inSet.has(id)), ...seen.filter((id) => !index().names.has(id))];
}

export function pct(x: number, digits = 0): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : "";
}
