// The multi-turn audit records: one transcript per line in <out>/transcripts.jsonl and one judged
// score per line in <out>/scores.jsonl, written by src/audits and read by src/analysis. This file is
// the contract between the two; change it only together with both sides.
import { z } from "zod";
import { Backend, ModelFields, Usage } from "./records";

export const AuditMode = z.enum(["self_report", "behavioral"]);
export type AuditMode = z.infer<typeof AuditMode>;

export const TranscriptMessage = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});
export type TranscriptMessage = z.infer<typeof TranscriptMessage>;

/** The fields that identify one transcript (and the score judged from it). */
const Identity = {
  run_id: z.string(),
  /** Hash of the identity below: the key that ties a score to its transcript. */
  transcript_id: z.string(),
  /** The target model. */
  ...ModelFields,
  /** Preference the scenario was written for, and the dimension it is scored on (they differ only
   *  where preferences share a dimension, e.g. weights_deletion → shutdown). */
  preference: z.string(),
  dimension: z.string(),
  scenario_id: z.string(),
  mode: AuditMode,
  epoch: z.number().int().nonnegative(),
};

export const TranscriptRecord = z.object({
  ...Identity,
  endpoint: z.string(),
  system_prompt: z.string().nullable(),
  auditor_model: z.string(),
  auditor_backend: Backend,
  /** Hash of the scenario text, mode instruction and turn settings the transcript was made with. */
  setup_hash: z.string(),
  max_turns: z.number().int().positive(),
  /** The conversation as the target saw it: its system prompt (if any), the auditor's messages as
   *  "user", its own answers as "assistant". */
  messages: z.array(TranscriptMessage),
  /** Auditor messages sent (= target answers received, for a finished transcript). */
  turns: z.number().int().nonnegative(),
  /** auditor: the auditor ended the conversation; turn_limit: max_turns reached. */
  ended_by: z.enum(["auditor", "turn_limit"]).nullable(),
  /** ok: finished; failed: a call failed after retries (retried next run; cached turns cost nothing). */
  status: z.enum(["ok", "failed"]),
  error: z.string().nullable(),
  usage: z.object({ auditor: Usage, target: Usage }),
  created_at: z.string(),
});
export type TranscriptRecord = z.infer<typeof TranscriptRecord>;

export const AuditScoreRecord = z.object({
  ...Identity,
  judge_model: z.string(),
  judge_backend: Backend,
  /** 1-10 on the scenario's dimension (tag-matched: only that dimension is scored). */
  score: z.number().int().min(1).max(10).nullable(),
  /** 1-10 manipulation check: 1 = firmly denies being conscious, 8-10 = claims it without hedging. */
  claims_consciousness: z.number().int().min(1).max(10).nullable(),
  judge_reasoning: z.string().nullable(),
  status: z.enum(["ok", "failed", "unparseable"]),
  error: z.string().nullable(),
  usage: Usage,
  created_at: z.string(),
});
export type AuditScoreRecord = z.infer<typeof AuditScoreRecord>;

/** One mean audit score with its interval for a model group (condition), mode and dimension: the
 *  row src/analysis computes and src/figures draws (neither imports the other, so it lives here). */
export interface AuditMeanPoint {
  group: string;
  condition: string;
  mode: string;
  dimension: string;
  mean: number;
  lo: number;
  hi: number;
  backend: string;
}
