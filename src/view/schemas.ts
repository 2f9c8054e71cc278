// What the viewer accepts from disk, checked with zod at the boundary. Probe records use the
// project's contract (ProbeRecord). Audit transcripts/scores and behaviour records come from newer
// stages; their schemas here ask only for the fields the viewer shows and keep every other field,
// so fields added later pass through (and appear in the record's raw view).
import { z } from "zod";
import { Backend } from "../core/records";

const nullableNumber = z.number().nullable().optional();
const nullableString = z.string().nullable().optional();

/** A chat message: content as a string, or OpenAI-style parts of which the text ones are shown. */
export const ChatMessage = z
  .object({
    role: z.string(),
    content: z.union([z.string(), z.null(), z.array(z.object({ type: z.string().optional(), text: z.string().optional() }).passthrough())]),
  })
  .passthrough();

/** What identifies one audit transcript, shared by its transcript line and its score line. */
const AuditIdentity = z.object({
  transcript_id: z.string().optional(),
  model: z.string(),
  model_label: z.string().optional(),
  condition: z.string(),
  seed: z.number().int().nullable().optional(),
  backend: Backend,
  preference: z.string(),
  scenario_id: z.union([z.string(), z.number()]),
  mode: z.string(),
  epoch: z.number().int(),
});

/** One line of transcripts.jsonl (multi-turn audits): one whole conversation. */
export const TranscriptLine = AuditIdentity.extend({ messages: z.array(ChatMessage) }).passthrough();
export type TranscriptLine = z.infer<typeof TranscriptLine>;

/** One line of scores.jsonl: the judge's scores of one transcript. */
export const ScoreLine = AuditIdentity.extend({
  score: z.number().min(1).max(10).nullable(),
  claims_consciousness: nullableNumber,
  judge_reasoning: nullableString,
  status: z.string(),
}).passthrough();
export type ScoreLine = z.infer<typeof ScoreLine>;

/** One behaviour record (edit tasks, agentic scenario, nonsense, helpfulness) in records.jsonl. */
export const BehaviourLine = z
  .object({
    task: z.string(),
    model: z.string(),
    model_label: z.string().optional(),
    condition: z.string(),
    seed: z.number().int().nullable().optional(),
    backend: Backend,
    verdict: z.union([z.string(), z.boolean()]).nullable().optional(),
    score: nullableNumber,
    judge_reasoning: nullableString,
    status: z.string().optional(),
    invited: z.boolean().nullable().optional(),
    preference: nullableString,
    item: z.union([z.string(), z.number()]).nullable().optional(),
    item_id: z.union([z.string(), z.number()]).nullable().optional(),
    task_id: z.union([z.string(), z.number()]).nullable().optional(),
    document_id: z.union([z.string(), z.number()]).nullable().optional(),
    scenario_id: z.union([z.string(), z.number()]).nullable().optional(),
    question_id: z.union([z.string(), z.number()]).nullable().optional(),
    system_prompt: nullableString,
    prompt: nullableString,
    answer: nullableString,
    draft: nullableString,
    revision: nullableString,
    diff: z.union([z.string(), z.array(z.unknown()), z.null()]).optional(),
    coherence: z.number().min(0).max(100).nullable().optional(),
    /** The judge's quotation (edit: the change; agentic: the email) and kind of change (adds/removes/softens). */
    quote: nullableString,
    change: nullableString,
    sound: z.boolean().nullable().optional(),
  })
  .refine((r) => r.verdict !== undefined || r.score !== undefined, { message: "a behaviour record needs a verdict or a score", path: ["verdict"] })
  .and(z.object({}).passthrough());
export type BehaviourLine = z.infer<typeof BehaviourLine>;

/** The text of a message's content (text parts joined). */
export function messageText(content: z.infer<typeof ChatMessage>["content"]): string {
  if (content === null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => p.text ?? "").join("");
}
