// Label text that fits: display names wrapped onto short lines so tick labels do not collide.
import { dimensionIndex } from "../analysis/published";

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

let cached: ReturnType<typeof dimensionIndex> | null = null;

/** Display name of a preference id from data/reference/dimensions.csv (the id itself if unknown). */
export function preferenceName(id: string): string {
  try {
    cached ??= dimensionIndex();
  } catch {
    return id;
  }
  return cached.nameOf(id);
}

/** The dimensions.csv order of preference ids, unknown ones appended in first-seen order. */
export function preferenceOrder(ids: Iterable<string>): string[] {
  const seen = [...new Set(ids)];
  let order: string[] = [];
  try {
    cached ??= dimensionIndex();
    order = cached.order;
  } catch {
    /* no dimensions file: keep first-seen order */
  }
  return [...order.filter((id) => seen.includes(id)), ...seen.filter((id) => !order.includes(id))];
}

export function pct(x: number, digits = 0): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : "";
}
