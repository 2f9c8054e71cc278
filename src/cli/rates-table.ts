// The rate table printed after `lab analyse`: one line per preference, one column per group
// (model label / condition), each cell the rate in percent with its answer count, so the result
// can be read without opening the CSV. Display only; the numbers come from analysis.
export interface RateCell {
  group: string;
  preference: string;
  rate: number;
  n: number;
}

export function formatRatesTable(rows: readonly RateCell[], maxPreferenceWidth = 30): string {
  if (!rows.length) return "(no rates)";
  const groups = [...new Set(rows.map((r) => r.group))];
  const prefs = [...new Set(rows.map((r) => r.preference))];
  const cell = new Map(rows.map((r) => [`${r.group}\u241f${r.preference}`, r]));
  const text = (r: RateCell | undefined) => (r === undefined ? "–" : r.n === 0 ? "n=0" : `${(100 * r.rate).toFixed(0)}% (${r.n})`);
  const pw = Math.min(maxPreferenceWidth, Math.max("preference".length, ...prefs.map((p) => p.length)));
  const widths = groups.map((g) => Math.max(g.length, ...prefs.map((p) => text(cell.get(`${g}\u241f${p}`)).length)));
  const clip = (s: string) => (s.length > pw ? s.slice(0, pw - 1) + "…" : s.padEnd(pw));
  const line = (first: string, cells: string[]) => [clip(first), ...cells.map((c, i) => c.padStart(widths[i]))].join("  ");
  return [
    line("preference", groups),
    line("", widths.map((w) => "-".repeat(w))).replace(/^ +/, (m) => "-".repeat(Math.min(m.length, pw)) + m.slice(pw)),
    ...prefs.map((p) => line(p, groups.map((g) => text(cell.get(`${g}\u241f${p}`))))),
  ].join("\n");
}
