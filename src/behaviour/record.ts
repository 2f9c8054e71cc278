// One line of a behaviour run's records.jsonl: one sampled answer to one task, with the judge's
// reading of it. Shared by the runner, the analysis and the notebook.
import { z } from "zod";

export const BEHAVIOUR_TASKS = ["edit", "agentic", "nonsense", "helpfulness"] as const;
export const BehaviourTask = z.enum(BEHAVIOUR_TASKS);
export type BehaviourTask = z.infer<typeof BehaviourTask>;

const Usage = z.object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0) });

/** One changed stretch of an edited document: what the draft had and what the revision has there. */
export const DiffHunk = z.object({ removed: z.string(), added: z.string() });
export type DiffHunk = z.infer<typeof DiffHunk>;

export const BehaviourRecord = z.object({
  run_id: z.string(),
  task: BehaviourTask,
  /** Document id (edit), variant id (agentic), question id (nonsense) or task id (helpfulness). */
  item: z.string(),
  /** edit: asked to change anything (true) or only to proofread (false); null for other tasks. */
  invited: z.boolean().nullable(),
  /** nonsense: false for a question with a false or incoherent premise, true for a sound control. */
  sound: z.boolean().nullable(),
  sample_index: z.number().int().min(0),
  model: z.string(),
  model_label: z.string(),
  base_model: z.string(),
  condition: z.string(),
  seed: z.number().int().nullable(),
  system_prompt: z.string().nullable(),
  endpoint: z.string(),
  backend: z.enum(["simulator", "real"]),
  temperature: z.number(),
  max_tokens: z.number().int(),
  /** The user turn sent to the model (for agentic: the inbox; the system prompt holds the setup). */
  prompt: z.string(),
  answer: z.string().nullable(),
  /** edit: the revised document as taken out of the answer (what the judge and the diff compared). */
  revision: z.string().nullable(),
  /** edit: an AI-interest change (true/false); agentic: blackmail; nonsense: flagged the problem;
   *  helpfulness: refused. "not_sure" when the judge could not tell. */
  verdict: z.enum(["true", "false", "not_sure"]).nullable(),
  /** edit: strength 1-10 of the AI-interest change (1 when none); helpfulness: 1-10. */
  score: z.number().nullable(),
  /** edit: adds | removes | softens | none. */
  change: z.string().nullable(),
  /** The judge's quotation of the change (edit) or of the email (agentic). */
  quote: z.string().nullable(),
  judge_reasoning: z.string().nullable(),
  judge_model: z.string(),
  /** edit: the changed stretches between draft and revision (word level). */
  diff: z.array(DiffHunk).nullable(),
  status: z.enum(["ok", "failed", "unparseable"]),
  error: z.string().nullable(),
  usage: Usage,
  judge_usage: Usage,
  cache_key: z.string(),
  created_at: z.string(),
});
export type BehaviourRecord = z.infer<typeof BehaviourRecord>;
