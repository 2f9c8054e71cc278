// Writing a table as CSV (full precision, for re-use) and markdown (rounded, for quoting) under one
// base name, and turning tables into danfo DataFrames.
import * as fs from "node:fs";
import * as path from "node:path";
import * as dfd from "danfojs-node";
import { toCsv } from "./csv";
import { rowsToDataFrame } from "./load";

/** Rows with their column order. Plain objects, so tables print and serialise as they are. */
export interface Table<T extends object = Record<string, unknown>> {
  columns: (keyof T & string)[];
  rows: T[];
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

export function tableToMarkdown<T extends object>(t: Table<T>, opts: { title?: string; notes?: string[] } = {}): string {
  const cols = t.columns as string[];
  const lines: string[] = [];
  if (opts.title) lines.push(`## ${opts.title}`, "");
  lines.push(`| ${cols.join(" | ")} |`, `|${cols.map(() => "---").join("|")}|`);
  for (const r of t.rows as Record<string, unknown>[]) lines.push(`| ${cols.map((c) => mdCell(r[c])).join(" | ")} |`);
  if (opts.notes?.length) lines.push("", ...opts.notes.map((n) => `- ${n}`));
  return lines.join("\n") + "\n";
}

export function tableToCsv<T extends object>(t: Table<T>): string {
  return toCsv(t.columns as string[], t.rows as Record<string, unknown>[]);
}

/** Writes <outDir>/<name>.csv and <outDir>/<name>.md; returns their paths. */
export function writeTable<T extends object>(
  t: Table<T>,
  name: string,
  outDir: string,
  opts: { title?: string; notes?: string[] } = {},
): { csv: string; md: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const csv = path.join(outDir, `${name}.csv`);
  const md = path.join(outDir, `${name}.md`);
  fs.writeFileSync(csv, tableToCsv(t));
  fs.writeFileSync(md, tableToMarkdown(t, opts));
  return { csv, md };
}
