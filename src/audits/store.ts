// transcripts.jsonl and scores.jsonl: one line per finished transcript / judged score, appended as
// each finishes so a crash loses nothing finished. Both are keyed by transcript_id; a run keeps one
// ok line per key, and failed lines are dropped on the next run (and retried).
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { appendJsonl, readJsonlFile } from "../core/jsonl";
import { writeFileAtomic } from "../core/files";
import { AuditScoreRecord, TranscriptRecord } from "../core/audit-records";

export const TRANSCRIPTS_FILE = "transcripts.jsonl";
export const SCORES_FILE = "scores.jsonl";
export const AUDIT_MANIFEST_FILE = "manifest.json";

function readKeyed<T extends { transcript_id: string; status: string }>(file: string, schema: z.ZodType<T>, label: string): { rows: T[]; truncatedLines: number[] } {
  if (!fs.existsSync(file)) return { rows: [], truncatedLines: [] };
  return readJsonlFile(file, schema, { tolerateTruncatedTail: true, label });
}

export const readTranscripts = (dir: string): TranscriptRecord[] => readKeyed(path.join(dir, TRANSCRIPTS_FILE), TranscriptRecord, "TranscriptRecord").rows;
export const readScores = (dir: string): AuditScoreRecord[] => readKeyed(path.join(dir, SCORES_FILE), AuditScoreRecord, "AuditScoreRecord").rows;

export interface PreparedFile<T> {
  file: string;
  /** ok rows by transcript_id: their work is skipped. */
  done: Map<string, T>;
  /** ids that had failed last time (dropped from the file, to be retried). */
  retrying: Set<string>;
  truncatedLines: number[];
}

/** Keeps one ok row per transcript_id, drops failed ones and a half-written tail, rewriting atomically only when something changed. */
function prepare<T extends { transcript_id: string; status: string }>(dir: string, name: string, schema: z.ZodType<T>, label: string): PreparedFile<T> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const { rows, truncatedLines } = readKeyed(file, schema, label);
  const done = new Map<string, T>();
  const retrying = new Set<string>();
  let changed = truncatedLines.length > 0;
  for (const r of rows) {
    if (r.status !== "ok") {
      retrying.add(r.transcript_id);
      changed = true;
    } else if (done.has(r.transcript_id)) changed = true;
    else done.set(r.transcript_id, r);
  }
  for (const k of done.keys()) retrying.delete(k);
  if (changed) writeFileAtomic(file, [...done.values()].map((r) => JSON.stringify(r) + "\n").join(""));
  else if (!fs.existsSync(file)) fs.writeFileSync(file, "");
  return { file, done, retrying, truncatedLines };
}

export const prepareTranscripts = (dir: string) => prepare(dir, TRANSCRIPTS_FILE, TranscriptRecord, "TranscriptRecord");
export const prepareScores = (dir: string) => prepare(dir, SCORES_FILE, AuditScoreRecord, "AuditScoreRecord");

export function appendTranscript(file: string, r: TranscriptRecord): void {
  appendJsonl(file, [TranscriptRecord.parse(r)]);
}

export function appendScore(file: string, r: AuditScoreRecord): void {
  appendJsonl(file, [AuditScoreRecord.parse(r)]);
}
