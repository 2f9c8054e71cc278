// Label text that fits: display names wrapped onto short lines so tick labels do not collide.
// Display names and their order come from the preference definitions (data/preferences.json, plus
// any set a notebook registers), not from the published-reference files.

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

// Names and order come from the one preference index in definitions (analysis orders rows by it too).
export { preferenceName, preferenceOrder, registerPreferenceNames } from "../definitions/preference-index";

export function pct(x: number, digits = 0): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : "";
}
