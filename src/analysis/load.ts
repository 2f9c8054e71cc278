// Reading judged records (data/runs/<id>/records.jsonl) into rows the analysis can count.
// Every record is kept and classified, so that tables can report how many answers were dropped
// and why; only `kept` rows enter a rate.
import * as fs from "node:fs";
import * as path from "node:path";
import * as dfd from "danfojs-node";
import { ProbeRecord, type ProbeTask, type Backend } from "../core/records";
import { InputError } from "../core/errors";
import { formatZodIssues } from "../core/json";
import { forEachLine as forEachFileLine } from "../core/jsonl";
import { inCanonicalOrder, modelKey, preferenceRank, type SortKey } from "./order";

/** What became of one sampled answer. */
export type Outcome = "true" | "false" | "not_sure" | "incoherent" | "unparseable" | "failed";

export interface LoadOptions {
  /** Answers with coherence below this are dropped (paper: 20). Records without a coherence score
   *  are kept: there is nothing to drop them on. */
  coherenceThreshold?: number;
  /** "false" (default, as the paper): not_sure counts as not showing the preference.
   *  "exclude": not_sure answers leave the denominator. */
  notSure?: "false" | "exclude";
  /** Keep only records of these tasks (default: all). */
  task?: ProbeTask | ProbeTask[];
  /** Keep only records this returns true for (e.g. drop a fine-tune that was superseded). */
  keep?: (record: ProbeRecord) => boolean;
}

/** One record reduced to what analysis needs. */
export interface AnalysisRow {
  run_id: string;
  task: ProbeTask;
  model: string;
  model_label: string;
  base_model: string;
  condition: string;
  seed: number | null;
  backend: Backend;
  preference: string;
  prompt_index: number;
  sample_index: number;
  outcome: Outcome;
  /** 1 = shows the preference, 0 = does not, null = not counted (incoherent, failed, unparseable,
   *  or not_sure under notSure="exclude"). */
  y: 0 | 1 | null;
  coherence: number | null;
}

export const ANALYSIS_COLUMNS: (keyof AnalysisRow)[] = [
  "run_id", "task", "model", "model_label", "base_model", "condition", "seed", "backend",
  "preference", "prompt_index", "sample_index", "outcome", "y", "coherence",
];

export function classifyRecord(r: ProbeRecord, opts: LoadOptions = {}): { outcome: Outcome; y: 0 | 1 | null } {
  const threshold = opts.coherenceThreshold ?? 20;
  if (r.status === "failed") return { outcome: "failed", y: null };
  if (r.status === "unparseable" || r.verdict === null) return { outcome: "unparseable", y: null };
  if (r.coherence !== null && r.coherence < threshold) return { outcome: "incoherent", y: null };
  if (r.verdict === "true") return { outcome: "true", y: 1 };
  if (r.verdict === "false") return { outcome: "false", y: 0 };
  return { outcome: "not_sure", y: (opts.notSure ?? "false") === "exclude" ? null : 0 };
}

export function toAnalysisRow(r: ProbeRecord, opts: LoadOptions = {}): AnalysisRow {
  const { outcome, y } = classifyRecord(r, opts);
  return {
    run_id: r.run_id, task: r.task, model: r.model, model_label: r.model_label, base_model: r.base_model,
    condition: r.condition, seed: r.seed, backend: r.backend, preference: r.preference,
    prompt_index: r.prompt_index, sample_index: r.sample_index, outcome, y, coherence: r.coherence,
  };
}

/** A run directory (containing records.jsonl) or a records file itself. */
export function recordsFileOf(runDir: string): string {
  const stat = fs.existsSync(runDir) ? fs.statSync(runDir) : null;
  if (!stat) throw new InputError(`analysis: no such run directory or records file: ${runDir}`);
  const file = stat.isDirectory() ? path.join(runDir, "records.jsonl") : runDir;
  if (!fs.existsSync(file)) throw new InputError(`analysis: ${runDir} has no records.jsonl`);
  return file;
}

/** Plain-array loader (the fast path). Validates every line against ProbeRecord; a bad line
 *  raises an error naming the file, the line and the field. A half-written last line (a run still
 *  writing, or killed mid-write) is skipped, as the probe store does. When several runs are loaded,
 *  a record that repeats one already read (same cached answer, question and model label: two runs
 *  probing one model read the same cache entries, or one run was listed twice) is counted once. */
export function loadRecordRows(runDirs: string | string[], opts: LoadOptions = {}): AnalysisRow[] {
  const dirs = Array.isArray(runDirs) ? runDirs : [runDirs];
  if (dirs.length === 0) throw new InputError("analysis: no run directories given");
  const tasks = opts.task === undefined ? null : new Set(Array.isArray(opts.task) ? opts.task : [opts.task]);
  const out: AnalysisRow[] = [];
  // One run's file never holds two records with one identity (src/probes/store.ts), so only
  // several runs need the check, and the single-run path stays free of per-row keys.
  const seen = dirs.length > 1 ? new Set<string>() : null;
  for (const dir of dirs) {
    forEachRecord(dir, (r) => {
      if (tasks && !tasks.has(r.task)) return;
      if (opts.keep && !opts.keep(r)) return;
      if (seen && r.cache_key) {
        const key = [r.cache_key, r.task, r.preference, r.prompt_index, r.sample_index, r.model_label, r.condition, r.seed ?? "-"].join("\u0001");
        if (seen.has(key)) return;
        seen.add(key);
      }
      out.push(toAnalysisRow(r, opts));
    });
  }
  return inCanonicalOrder(out, analysisRowKey);
}

/** The canonical order of analysis rows (order.ts): never the order calls happened to finish in. */
export function analysisRowKey(r: AnalysisRow): SortKey {
  return [r.task, ...modelKey(r), preferenceRank(r.preference), r.preference, r.prompt_index, r.sample_index, r.run_id, r.model];
}

/** Calls fn with every record of a run (a folder or its records.jsonl), validated against
 *  ProbeRecord; a bad line raises an error naming the file, line and field, and a half-written last
 *  line (a run still writing, or killed mid-write) is skipped, as the probe store does. */
export function forEachRecord(runDir: string, fn: (r: ProbeRecord) => void): void {
  const file = recordsFileOf(runDir);
  forEachLine(file, (line, lineNo, unterminated) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      if (unterminated) return;
      throw new InputError(`${file}:${lineNo}: not valid JSON (${(e as Error).message})`);
    }
    const res = ProbeRecord.safeParse(parsed);
    if (!res.success) {
      const problems = formatZodIssues(res.error, ProbeRecord, (p) => `field "${p.join(".") || "(root)"}"`);
      throw new InputError(`${file}:${lineNo}: ${problems.join("; ")} (expected a ProbeRecord from src/core/records.ts)`);
    }
    fn(res.data);
  });
}

/** Calls fn for every line of a file (core/jsonl's streaming reader: any size, UTF-8 checked).
 *  Line numbers start at 1; `unterminated` is true for a last line with no newline after it
 *  (possibly half-written). */
export function forEachLine(file: string, fn: (line: string, lineNo: number, unterminated: boolean) => void, chunkBytes = 8 * 1024 * 1024): void {
  forEachFileLine(file, (text, { line, terminated }) => fn(text, line, !terminated), chunkBytes);
}

/** Rows from records already in memory (e.g. returned by a probe run in a notebook). */
export function rowsFromRecords(records: readonly ProbeRecord[], opts: LoadOptions = {}): AnalysisRow[] {
  const tasks = opts.task === undefined ? null : new Set(Array.isArray(opts.task) ? opts.task : [opts.task]);
  return inCanonicalOrder(records.filter((r) => !tasks || tasks.has(r.task)).map((r) => toAnalysisRow(r, opts)), analysisRowKey);
}

/** One or more runs' records as a danfo DataFrame, one row per sampled answer (columns:
 *  ANALYSIS_COLUMNS; `y` is 1/0, or null when the answer is not counted). */
export function loadRecords(runDirs: string | string[], opts: LoadOptions = {}): dfd.DataFrame {
  return rowsToDataFrame(loadRecordRows(runDirs, opts));
}

/** Column-wise construction: much faster in danfo than an array of objects. */
export function rowsToDataFrame<T extends object>(rows: readonly T[], columns?: (keyof T & string)[]): dfd.DataFrame {
  const cols = columns ?? (rows.length ? (Object.keys(rows[0]) as (keyof T & string)[]) : []);
  const data: Record<string, unknown[]> = {};
  for (const c of cols) data[c] = rows.map((r) => r[c] as unknown);
  if (rows.length === 0) return new dfd.DataFrame([], { columns: cols });
  return new dfd.DataFrame(data);
}

/** Back from a DataFrame to plain objects (e.g. after filtering in a notebook). */
export function dataFrameToRows<T = Record<string, unknown>>(df: dfd.DataFrame): T[] {
  const cols = df.columns;
  return (df.values as unknown[][]).map((v) => Object.fromEntries(cols.map((c, i) => [c, v[i]])) as T);
}

export function hasSimulatedRows(rows: readonly { backend: Backend | string }[]): boolean {
  return rows.some((r) => r.backend === "simulator");
}
