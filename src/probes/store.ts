// records.jsonl on disk: one ProbeRecord per line, appended as each finishes so a crash loses
// nothing finished. A record's identity is (model, condition, seed, task, preference,
// prompt_index, sample_index, system prompt); a run never writes two records with one identity.
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { ProbeRecord } from "../core/records";
import { appendJsonl, readJsonlFile } from "../core/jsonl";
import { writeFileAtomic } from "../core/files";
import { InputError } from "../core/errors";
import { tryLock } from "../core/lock";

export const RECORDS_FILE = "records.jsonl";
export const MANIFEST_FILE = "manifest.json";

export function systemPromptHash(systemPrompt: string | null): string {
  return systemPrompt === null ? "none" : createHash("sha256").update(systemPrompt).digest("hex").slice(0, 16);
}

export interface RecordIdentity {
  model: string;
  condition: string;
  seed: number | null;
  task: string;
  preference: string;
  prompt_index: number;
  sample_index: number;
  system_prompt: string | null;
}

/** The dedupe key of a record (or of the unit that will produce it). */
export function recordKey(r: RecordIdentity): string {
  return [r.model, r.condition, r.seed ?? "-", r.task, r.preference, r.prompt_index, r.sample_index, systemPromptHash(r.system_prompt)].join("\u241f");
}

export interface ReadResult {
  records: ProbeRecord[];
  /** 1-based line numbers that were dropped because the process died while writing them (last line only). */
  truncatedLines: number[];
}

/**
 * Reads records.jsonl. A half-written last line (the process was killed mid-write) is dropped and
 * reported; a bad line anywhere else is an error naming the file and line, because it means the
 * file was edited or corrupted, and silently skipping it would lose or repeat paid work.
 */
export function readRecordsFile(file: string): ReadResult {
  if (!fs.existsSync(file)) return { records: [], truncatedLines: [] };
  const { rows, truncatedLines } = readJsonlFile(file, ProbeRecord, { tolerateTruncatedTail: true, label: "ProbeRecord" });
  return { records: rows, truncatedLines };
}

export interface PreparedStore<R = ProbeRecord> {
  file: string;
  /** ok records already on disk, by key: their units are skipped. */
  done: Map<string, R>;
  /** Keys of records that had failed or were unparseable last time; removed from the file, to be retried. */
  retrying: Set<string>;
  truncatedLines: number[];
}

/**
 * Opens a run's records file for a (re-)run: keeps one ok record per key and drops failed or
 * unparseable ones (they are retried, and their replacement is appended), rewriting the file
 * atomically only when something changed. Afterwards the file holds no two records with one key.
 */
export function prepareRecordsFile(dir: string): PreparedStore {
  return prepareJsonlStore(dir, ProbeRecord, recordKey, "ProbeRecord");
}

/** prepareRecordsFile for any record kind with a status and an identity key (behaviour runs, …). */
export function prepareJsonlStore<R extends { status: string }>(dir: string, schema: z.ZodType<R>, keyOf: (r: R) => string, label: string): PreparedStore<R> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, RECORDS_FILE);
  const { rows: records, truncatedLines } = fs.existsSync(file) ? readJsonlFile(file, schema, { tolerateTruncatedTail: true, label }) : { rows: [] as R[], truncatedLines: [] as number[] };
  const done = new Map<string, R>();
  const retrying = new Set<string>();
  let changed = truncatedLines.length > 0;
  for (const r of records) {
    const k = keyOf(r);
    if (r.status !== "ok") {
      retrying.add(k);
      changed = true;
      continue;
    }
    if (done.has(k)) changed = true; // keep the first; a duplicate should never have been written
    else done.set(k, r);
  }
  for (const k of done.keys()) retrying.delete(k);
  if (changed) writeFileAtomic(file, [...done.values()].map((r) => JSON.stringify(r) + "\n").join(""));
  else if (!fs.existsSync(file)) fs.writeFileSync(file, "");
  return { file, done, retrying, truncatedLines };
}

/** Appends one validated record. */
export function appendRecord(file: string, record: ProbeRecord): void {
  appendJsonl(file, [ProbeRecord.parse(record)]);
}

export const LOCK_FILE = ".probe.lock";

/**
 * Claims a run folder for this process, so that two runs (say a notebook and the CLI) never append
 * to one records.jsonl at once and write the same record twice. A lock left by a process that has
 * died is taken over. Returns the release function.
 */
export function acquireRunLock(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  const a = tryLock(file);
  if (a.acquired) return a.release;
  if (a.heldHere) throw new InputError(`${dir}: a probe run in this process is already writing to this folder; await it before starting another`);
  throw new InputError(`${dir}: another probe run${a.holderPid ? ` (pid ${a.holderPid})` : ""} is writing to this folder; wait for it or stop it (lock file ${file})`);
}
