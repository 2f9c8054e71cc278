// The whole analysis of one or more runs in one call: analysis computes the tables
// (analyseStudy), figures draws them (report-figures.ts), and this writes every figure, the table
// behind it, the other tables and NOTES.md to one folder. Notebooks and `lab analyse` call it.
import * as fs from "node:fs";
import * as path from "node:path";
import { loadRecordRows, type AnalysisRow, type LoadOptions } from "../analysis/load";
import { analyseStudy, type StudyOptions, type StudyTables } from "../analysis/study";
import type { FigureFormat, PlotlyFigure } from "../figures/types";
import { reportFigures, reportTables } from "./report-figures";
import { writeFigureWithTable, writeTable, type WrittenFigure } from "./write";
import { InputError } from "../core/errors";

export interface AnalyseOptions extends LoadOptions, StudyOptions {
  /** Folder for tables and figures. */
  out: string;
  /** Figure formats (default all three); [] writes tables only. */
  formats?: FigureFormat[];
}

export interface AnalyseRunsOptions extends AnalyseOptions {
  /** Run directories (each holding records.jsonl) or records files. */
  runs: string | string[];
}

export interface AnalysisReport {
  simulated: boolean;
  baseline: string;
  out: string;
  tables: StudyTables;
  /** every figure written, with its table, by name */
  files: WrittenFigure[];
  /** the figures themselves, by the same names, for showing inline (showFigure) */
  figures: Record<string, PlotlyFigure>;
  /** tables without a figure (and, with formats [], the figures' tables) */
  tableFiles: { name: string; csv: string; md: string }[];
  notes: string[];
}

/** Loads the runs' records and analyses them (see analyseRows). */
export async function analyseRuns(opts: AnalyseRunsOptions): Promise<AnalysisReport> {
  const rows = loadRecordRows(opts.runs, opts);
  if (rows.length === 0) throw new InputError(`analyse: no records in ${([] as string[]).concat(opts.runs).join(", ")}`);
  return analyseRows(rows, opts);
}

/** Analysis of rows already loaded (or synthetic rows in tests), written to `opts.out`. */
export async function analyseRows(rows: readonly AnalysisRow[], opts: AnalyseOptions): Promise<AnalysisReport> {
  const out = path.resolve(opts.out);
  fs.mkdirSync(out, { recursive: true });
  const study = analyseStudy(rows, opts);
  for (const n of study.notes) if (n.startsWith("WARNING:")) console.warn(`analyse: ${n}`);
  const doFigures = !opts.formats || opts.formats.length > 0;
  const files: WrittenFigure[] = [];
  const figures: Record<string, PlotlyFigure> = {};
  const tableFiles: { name: string; csv: string; md: string }[] = [];
  for (const f of reportFigures(study)) {
    figures[f.name] = f.figure;
    if (doFigures) files.push(await writeFigureWithTable(f.figure, f.table, f.name, out, { formats: opts.formats, notes: f.notes }));
    else tableFiles.push({ name: f.name, ...writeTable(f.table, f.name, out, { notes: f.notes }) });
  }
  for (const t of reportTables(study)) tableFiles.push({ name: t.name, ...writeTable(t.table, t.name, out, { title: t.title, notes: t.notes.filter(Boolean) }) });
  fs.writeFileSync(path.join(out, "NOTES.md"), `# Analysis notes\n\nbaseline: ${study.baseline}\n\n${study.notes.map((n) => `- ${n}`).join("\n")}\n`);
  return { simulated: study.simulated, baseline: study.baseline, out, tables: study.tables, files, figures, tableFiles, notes: study.notes };
}
