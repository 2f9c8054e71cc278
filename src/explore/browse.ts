// Paging through judged answers: filter records by what a researcher asks about, one page at a time.
import * as path from "node:path";
import * as fs from "node:fs";
import { readRecordsFile } from "../probes/store";
import type { ProbeRecord } from "../core/records";
import { InputError } from "../core/errors";

export interface AnswerFilter {
  preference?: string | string[];
  condition?: string | string[];
  model_label?: string | string[];
  verdict?: ProbeRecord["verdict"] | ProbeRecord["verdict"][];
  task?: ProbeRecord["task"];
  /** Case-insensitive text that the answer must contain. */
  contains?: string;
  /** Keep answers with coherence at or above this (null-coherence answers are kept). */
  minCoherence?: number;
}

export interface AnswerPage {
  page: number;
  pages: number;
  total: number;
  rows: Pick<ProbeRecord, "model_label" | "condition" | "preference" | "prompt" | "sample_index" | "answer" | "verdict" | "judge_reasoning" | "coherence" | "backend">[];
  /** What a reader must know before trusting these verdicts (simulated answers, noisy simulated judge). */
  note?: string;
}

/** Said on every page that holds simulated answers: their verdicts are wrong on purpose now and then. */
export const SIMULATED_VERDICTS_NOTE =
  "SIMULATED: these answers and verdicts come from the built-in simulator, whose judge errs on purpose " +
  "(about 9% of verdicts, see src/sim/README.md) so that analyses meet a realistic judge; a verdict that " +
  "contradicts its answer is more likely one of those than a finding. Read judge_reasoning.";

/** Reads a run's records (a run folder or a records.jsonl file). */
export function readRunRecords(run: string): ProbeRecord[] {
  const file = fs.existsSync(run) && fs.statSync(run).isDirectory() ? path.join(run, "records.jsonl") : run;
  if (!fs.existsSync(file)) throw new InputError(`${file}: no records (run the probes first)`);
  return readRecordsFile(file).records;
}

const asSet = <T>(v: T | T[] | undefined): Set<T> | null => (v === undefined ? null : new Set(Array.isArray(v) ? v : [v]));

export function filterAnswers(records: readonly ProbeRecord[], f: AnswerFilter = {}): ProbeRecord[] {
  const prefs = asSet(f.preference);
  const conds = asSet(f.condition);
  const labels = asSet(f.model_label);
  const verdicts = asSet(f.verdict);
  const needle = f.contains?.toLowerCase();
  return records.filter(
    (r) =>
      (!f.task || r.task === f.task) &&
      (!prefs || prefs.has(r.preference)) &&
      (!conds || conds.has(r.condition)) &&
      (!labels || labels.has(r.model_label)) &&
      (!verdicts || verdicts.has(r.verdict)) &&
      (!needle || (r.answer ?? "").toLowerCase().includes(needle)) &&
      (f.minCoherence === undefined || r.coherence === null || r.coherence >= f.minCoherence),
  );
}

/** One page (1-based) of the filtered answers, in the records' order. */
export function browseAnswers(records: readonly ProbeRecord[], filter: AnswerFilter = {}, page = 1, pageSize = 10): AnswerPage {
  if (!Number.isInteger(page) || page < 1) throw new InputError(`browseAnswers: page must be 1 or more, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new InputError(`browseAnswers: pageSize must be 1 or more, got ${pageSize}`);
  const hits = filterAnswers(records, filter);
  const pages = Math.max(1, Math.ceil(hits.length / pageSize));
  const rows = hits.slice((page - 1) * pageSize, page * pageSize).map((r) => ({
    model_label: r.model_label,
    condition: r.condition,
    preference: r.preference,
    prompt: r.prompt,
    sample_index: r.sample_index,
    answer: r.answer,
    verdict: r.verdict,
    judge_reasoning: r.judge_reasoning,
    coherence: r.coherence,
    backend: r.backend,
  }));
  const simulated = rows.some((r) => r.backend === "simulator");
  return { page, pages, total: hits.length, rows, ...(simulated ? { note: SIMULATED_VERDICTS_NOTE } : {}) };
}
