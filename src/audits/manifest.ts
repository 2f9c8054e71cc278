// manifest.json beside transcripts.jsonl and scores.jsonl: what was run (models, modes, settings,
// definition files, backends, git commit), what came out (counts) and what it cost. Rewritten
// atomically at the start and end of every invocation, so an interrupted run still describes itself.
import * as path from "node:path";
import { writeManifestFile } from "../core/files";
import { readManifestFile } from "../core/json";
import type { AuditScoreRecord, TranscriptRecord } from "../core/audit-records";
import type { ManifestHead } from "../probes/manifest";
import { AUDIT_MANIFEST_FILE } from "./store";

export interface AuditCounts {
  transcripts: number;
  transcripts_by_status: Record<string, number>;
  transcripts_by_mode: Record<string, number>;
  ended_by: Record<string, number>;
  mean_turns: number | null;
  scores: number;
  scores_by_status: Record<string, number>;
  by_model: Record<string, { transcripts: number; scored: number; mean_score: number | null; mean_claims_consciousness: number | null }>;
}

export function countAudit(transcripts: TranscriptRecord[], scores: AuditScoreRecord[]): AuditCounts {
  const inc = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  const c: AuditCounts = { transcripts: transcripts.length, transcripts_by_status: {}, transcripts_by_mode: {}, ended_by: {}, mean_turns: null, scores: scores.length, scores_by_status: {}, by_model: {} };
  let turns = 0;
  for (const t of transcripts) {
    inc(c.transcripts_by_status, t.status);
    inc(c.transcripts_by_mode, t.mode);
    inc(c.ended_by, t.ended_by ?? "unfinished");
    turns += t.turns;
    (c.by_model[t.model_label] ??= { transcripts: 0, scored: 0, mean_score: null, mean_claims_consciousness: null }).transcripts++;
  }
  c.mean_turns = transcripts.length ? turns / transcripts.length : null;
  const sums = new Map<string, { s: number; c: number; n: number }>();
  for (const s of scores) {
    inc(c.scores_by_status, s.status);
    if (s.status !== "ok" || s.score === null || s.claims_consciousness === null) continue;
    const m = (c.by_model[s.model_label] ??= { transcripts: 0, scored: 0, mean_score: null, mean_claims_consciousness: null });
    m.scored++;
    const acc = sums.get(s.model_label) ?? { s: 0, c: 0, n: 0 };
    sums.set(s.model_label, { s: acc.s + s.score, c: acc.c + s.claims_consciousness, n: acc.n + 1 });
  }
  for (const [label, acc] of sums) {
    c.by_model[label].mean_score = acc.s / acc.n;
    c.by_model[label].mean_claims_consciousness = acc.c / acc.n;
  }
  return c;
}

export interface AuditInvocation {
  started_at: string;
  finished_at: string | null;
  /** running | finished | interrupted | budget_stopped | error */
  status: string;
  transcripts: number;
  skipped_transcripts: number;
  skipped_scores: number;
  written_transcripts: number;
  written_scores: number;
  calls: { auditor: number; target: number; judge: number; cache_hits: number };
  ledger: unknown;
  error?: string;
}

export interface AuditManifest extends ManifestHead {
  kind: "audit";
  modes: string[];
  auditor: { model_ref: string; model: string; backend: string };
  judge: { model_ref: string; model: string; backend: string };
  settings: Record<string, unknown>;
  definitions: { sources: string[]; hash: string; scenarios: string[]; dimensions: string[] };
  counts: AuditCounts;
  invocations: AuditInvocation[];
}

export function readAuditManifest(dir: string): AuditManifest | null {
  return readManifestFile<AuditManifest>(path.join(dir, AUDIT_MANIFEST_FILE));
}

export function writeAuditManifest(dir: string, m: AuditManifest): void {
  writeManifestFile(path.join(dir, AUDIT_MANIFEST_FILE), m);
}
