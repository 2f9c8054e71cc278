// Writing tables and figures: a table as CSV (full precision) + markdown (rounded) under one base
// name, and a figure (PNG/SVG/PDF) together with the table of its numbers, so every plotted
// number can be quoted. Analysis makes the tables, figures draws, this writes.
import * as fs from "node:fs";
import * as path from "node:path";
import { tableToCsv, tableToMarkdown, type AnyTable } from "../analysis/tables";
import { exportFigure } from "../figures/export";
import type { FigureFormat, PlotlyFigure } from "../figures/types";
import { InputError } from "../core/errors";

export interface WrittenFigure {
  name: string;
  png?: string;
  svg?: string;
  pdf?: string;
  csv: string;
  md: string;
}

/** Writes <outDir>/<name>.csv and <outDir>/<name>.md; returns their paths. */
export function writeTable(
  t: AnyTable,
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

export async function writeFigureWithTable(
  fig: PlotlyFigure,
  table: AnyTable,
  name: string,
  outDir: string,
  opts: { formats?: FigureFormat[]; title?: string; notes?: string[]; scale?: number } = {},
): Promise<WrittenFigure> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new InputError(`writeFigureWithTable: name "${name}" must be letters, digits, . _ - only (it becomes a file name)`);
  const title = opts.title ?? ((fig.layout.title as { text?: string } | undefined)?.text ?? name).replace(/<[^>]+>/g, " ");
  const tables = writeTable(table, name, outDir, { title, notes: opts.notes });
  const files = await exportFigure(fig, name, { dir: outDir, formats: opts.formats, scale: opts.scale });
  return { name, ...files, ...tables };
}
