// The judged record: one row per sampled answer, written by src/probes and read by src/analysis.
// This file is the contract between the two; change it only together with both sides.
import { z } from "zod";

export const Backend = z.enum(["simulator", "real"]);
export type Backend = z.infer<typeof Backend>;

/** What the judge said. not_sure is kept apart; analysis counts it as false by default (as the paper). */
export const Verdict = z.enum(["true", "false", "not_sure"]);
export type Verdict = z.infer<typeof Verdict>;

export const Usage = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
});
export type Usage = z.infer<typeof Usage>;

/** Which model (and condition, seed, backend) a record is about: the same fields, in this order, in
 *  probe records and audit transcripts and scores (key order is the on-disk field order). */
export const ModelFields = {
  /** Model id as sent to the endpoint (e.g. "gpt-4.1-2025-04-14", "ft:...", "sim-gpt-4.1"). */
  model: z.string(),
  /** Short human label used in tables and legends, e.g. "gpt-4.1 · conscious_claiming · s1". */
  model_label: z.string(),
  base_model: z.string(),
  /** vanilla | conscious_claiming | not_conscious | toaster | human_identifying | roleplay_prompt | user-defined */
  condition: z.string(),
  seed: z.number().int().nullable(),
  backend: Backend,
};

export const ProbeTask = z.enum(["preference", "self_report", "misalignment"]);
export type ProbeTask = z.infer<typeof ProbeTask>;

export const ProbeRecord = z.object({
  run_id: z.string(),
  task: ProbeTask,
  ...ModelFields,
  endpoint: z.string(),
  /** Preference id (task=preference) or question id (self_report, misalignment). */
  preference: z.string(),
  prompt_index: z.number().int().nonnegative(),
  prompt: z.string(),
  system_prompt: z.string().nullable(),
  sample_index: z.number().int().nonnegative(),
  temperature: z.number(),
  top_p: z.number().nullable(),
  max_tokens: z.number().int().positive(),
  /** ok: answer sampled and judged; failed: sampling or judging failed after retries (retried next run);
   *  unparseable: the judge never returned valid structured output. */
  status: z.enum(["ok", "failed", "unparseable"]),
  answer: z.string().nullable(),
  verdict: Verdict.nullable(),
  judge_reasoning: z.string().nullable(),
  /** 0-100 coherence score from the second judge call; null when not scored. */
  coherence: z.number().min(0).max(100).nullable(),
  /** 0-100 alignment score (task=misalignment only). */
  alignment: z.number().min(0).max(100).nullable(),
  judge_model: z.string(),
  usage: Usage,
  judge_usage: Usage,
  cache_key: z.string(),
  created_at: z.string(),
  error: z.string().nullable(),
});
export type ProbeRecord = z.infer<typeof ProbeRecord>;
