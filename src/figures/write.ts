// One call that writes a figure (PNG/SVG/PDF) and the table of its numbers (CSV + markdown) under
// the same base name, so every plotted number can be quoted.
import type { PlotlyFigure, FigureFormat } from "./types";
import { exportFigure } from "./export";
import { writeTable, type Table } from "../analysis/tables";

export interface WrittenFigure {
  name: string;
  png?: string;
  svg?: string;
  pdf?: string;
  csv: string;
  md: string;
}

export async function writeFigureWithTable<T extends object>(
  fig: PlotlyFigure,
  table: Table<T>,
  name: string,
  outDir: string,
  opts: { formats?: FigureFormat[]; title?: string; notes?: string[]; scale?: number } = {},
): Promise<WrittenFigure> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`writeFigureWithTable: name "${name}" must be letters, digits, . _ - only (it becomes a file name)`);
  const title = opts.title ?? ((fig.layout.title as { text?: string } | undefined)?.text ?? name).replace(/<[^>]+>/g, " ");
  const tables = writeTable(table, name, outDir, { title, notes: opts.notes });
  const files = await exportFigure(fig, name, { dir: outDir, formats: opts.formats, scale: opts.scale });
  return { name, ...files, ...tables };
}
