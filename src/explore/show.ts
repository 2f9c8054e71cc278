// Tables in a notebook: an HTML table inside the tslab kernel, a plain-text table elsewhere.
import { escapeHtml, kernelTslab } from "../core/kernel";

/** A number as a reader wants it: 3 decimals, never "-0.000" for a tiny negative, NaN said plainly. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "n/a";
  if (Number.isInteger(v)) return String(v);
  const s = v.toFixed(3);
  return /^-0\.0+$/.test(s) ? s.slice(1) : s;
}

function cell(v: unknown, maxChars: number): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? formatNumber(v) : typeof v === "object" ? JSON.stringify(v) : String(v);
  return s.length > maxChars ? s.slice(0, maxChars - 1) + "…" : s;
}

export interface ShowTableOptions {
  columns?: string[];
  title?: string;
  /** Longest text shown in one cell (default 400 in a notebook, 60 in a terminal). */
  maxChars?: number;
}

/** What an empty table says instead of printing nothing (a silent cell looks like a failure). */
export const NO_ROWS = "(no rows)";

/** Renders rows of objects as a table; returns the text form (also what a terminal shows). */
export function tableText(rows: readonly object[], opts: ShowTableOptions = {}): string {
  if (rows.length === 0) return [opts.title, NO_ROWS].filter(Boolean).join("\n");
  const cols = opts.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const max = opts.maxChars ?? 60;
  const body = rows.map((r) => cols.map((c) => cell((r as Record<string, unknown>)[c], max)));
  const widths = cols.map((c, i) => Math.max(c.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((x, i) => x.padEnd(widths[i])).join("  ");
  return [opts.title ?? "", line(cols), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].filter((l, i) => i > 0 || l).join("\n");
}

export function tableHtml(rows: readonly object[], opts: ShowTableOptions = {}): string {
  const cols = opts.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const max = opts.maxChars ?? 400;
  const head = cols.map((c) => `<th style="text-align:left">${escapeHtml(c)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${cols.map((c) => `<td style="text-align:left;vertical-align:top">${escapeHtml(cell((r as Record<string, unknown>)[c], max))}</td>`).join("")}</tr>`)
    .join("");
  const title = opts.title ? `<p><b>${escapeHtml(opts.title)}</b></p>` : "";
  if (rows.length === 0) return `${title}<p><i>${NO_ROWS}</i></p>`;
  return `${title}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Shows rows as a table: HTML in a notebook, text on a terminal. */
export function showTable(rows: readonly object[], opts: ShowTableOptions = {}): void {
  const tslab = kernelTslab();
  if (tslab) {
    tslab.display.html(tableHtml(rows, opts));
  } else {
    console.log(tableText(rows, opts));
  }
}
