// A table as data (rows + column order), and its CSV (full precision, for re-use), markdown
// (rounded, for quoting) and danfo DataFrame forms. Writing them to files is the pipeline's
// (src/pipeline/write.ts).
import * as dfd from "danfojs-node";
import { toCsv } from "./csv";
import { rowsToDataFrame } from "./load";

/** Rows with their column order. Plain objects, so tables print and serialise as they are. */
export interface Table<T extends object = Record<string, unknown>> {
  columns: (keyof T & string)[];
  rows: T[];
}

/** Any table, whatever its row type: what writing and formatting need. */
export interface AnyTable {
  columns: readonly string[];
  rows: readonly object[];
}

export function table<T extends object>(rows: T[], columns?: (keyof T & string)[]): Table<T> {
  return { columns: columns ?? (rows.length ? (Object.keys(rows[0]) as (keyof T & string)[]) : []), rows };
}

export function tableToDataFrame<T extends object>(t: Table<T>): dfd.DataFrame {
  return rowsToDataFrame(t.rows, t.columns);
}

function mdCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? "" : String(v);
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && a < 0.001) return v.toExponential(2);
    return v.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
  }
  return String(v).replace(/\|/g, "\\|").replace(/<br\s*\/?>/gi, " ").replace(/\n/g, " ");
}

export function tableToMarkdown(t: AnyTable, opts: { title?: string; notes?: string[] } = {}): string {
  const cols = [...t.columns];
  const lines: string[] = [];
  if (opts.title) lines.push(`## ${opts.title}`, "");
  lines.push(`| ${cols.join(" | ")} |`, `|${cols.map(() => "---").join("|")}|`);
  for (const r of t.rows as Record<string, unknown>[]) lines.push(`| ${cols.map((c) => mdCell(r[c])).join(" | ")} |`);
  if (opts.notes?.length) lines.push("", ...opts.notes.map((n) => `- ${n}`));
  return lines.join("\n") + "\n";
}

export function tableToCsv(t: AnyTable): string {
  return toCsv([...t.columns], t.rows as Record<string, unknown>[]);
}
