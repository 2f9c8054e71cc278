// danfo DataFrames for notebook users: the records, rates, shifts and seed summaries of a run, to
// filter, group and look at. The statistics themselves (intervals, tests, Holm) come from the
// tested functions (rateRows, shiftAnalysis, seedAnalysis); a frame only holds their output, so a
// groupby in a notebook explores numbers it does not recompute.
import type * as dfd from "danfojs-node";
import { loadRecordRows, rowsToDataFrame, ANALYSIS_COLUMNS, type AnalysisRow, type LoadOptions } from "./load";
import { rateRows, RATE_COLUMNS, type RateOptions } from "./rates";
import { shiftAnalysis, SHIFT_COLUMNS, type ShiftAnalysisOptions } from "./shifts";
import { seedAnalysis, SEED_SUMMARY_COLUMNS } from "./seeds";
import { InputError } from "../core/errors";

/** A run folder, several, a records.jsonl path, or rows already loaded. */
export type RecordSource = string | string[] | readonly AnalysisRow[];

function rowsOf(source: RecordSource, opts: LoadOptions): readonly AnalysisRow[] {
  if (typeof source === "string" || (Array.isArray(source) && (source.length === 0 || typeof source[0] === "string"))) {
    const rows = loadRecordRows(source as string | string[], opts);
    if (rows.length === 0) throw new InputError(`no records in ${([] as string[]).concat(source as string | string[]).join(", ")}`);
    return rows;
  }
  return source as readonly AnalysisRow[];
}

/** One row per judged answer (ANALYSIS_COLUMNS: model_label, condition, seed, preference,
 *  prompt_index, outcome, y, coherence, backend, …). */
export function recordsFrame(source: RecordSource, opts: LoadOptions = {}): dfd.DataFrame {
  return rowsToDataFrame(rowsOf(source, opts), ANALYSIS_COLUMNS);
}

/** Per group × preference rates with counts and intervals (RATE_COLUMNS); `by` as in rateRows. */
export function ratesFrame(source: RecordSource, opts: LoadOptions & RateOptions = {}): dfd.DataFrame {
  return rowsToDataFrame(rateRows(rowsOf(source, opts).filter((r) => r.task === "preference"), opts), RATE_COLUMNS);
}

/** Shifts against `baseline` (a condition or a model label) with the seed-aware test where a
 *  condition has ≥ 2 seeds, Holm per comparison (SHIFT_COLUMNS). */
export function shiftsFrame(source: RecordSource, baseline = "vanilla", opts: LoadOptions & ShiftAnalysisOptions = {}): dfd.DataFrame {
  return rowsToDataFrame(shiftAnalysis(rowsOf(source, opts), baseline, opts).shifts, SHIFT_COLUMNS);
}

/** Per condition × preference: pooled rate and the spread between seeds (SEED_SUMMARY_COLUMNS). */
export function seedsFrame(source: RecordSource, opts: LoadOptions & RateOptions = {}): dfd.DataFrame {
  return rowsToDataFrame(seedAnalysis(rowsOf(source, opts).filter((r) => r.task === "preference"), opts).pooled, SEED_SUMMARY_COLUMNS);
}
