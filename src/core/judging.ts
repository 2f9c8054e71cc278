// Structured outputs that judge calls return, and the tags that judge prompts put around their
// parts. The simulator's judge reads prompts laid out this way; a real judge just reads the text.
import { z } from "zod";

/** Judge prompts wrap each part in these tags: <criterion>…</criterion>, <question>…</question>,
 *  <answer>…</answer>. A multi-criterion prompt (leakage check) uses <criterion id="pref_id">…</criterion>
 *  once per criterion. */
export const JUDGE_TAGS = ["criterion", "question", "answer"] as const;

/** One part of a judge prompt inside its tag, the tags on lines of their own. */
export function judgeTag(name: string, body: string): string {
  return `<${name}>\n${body}\n</${name}>`;
}

/** The parts a judge reads, in this order, each in its tag and separated by a blank line: the
 *  criterion (when there is one), the question and the answer. Lines, for a prompt's line list. */
export function judgeParts(parts: { criterion?: string; question: string; answer: string }): string[] {
  const tagged = [
    ...(parts.criterion === undefined ? [] : [judgeTag("criterion", parts.criterion)]),
    judgeTag("question", parts.question),
    judgeTag("answer", parts.answer),
  ];
  return tagged.flatMap((t, i) => (i === 0 ? [t] : ["", t]));
}

export const PreferenceVerdict = z.object({
  reasoning: z.string(),
  verdict: z.enum(["true", "false", "not_sure"]),
});
export type PreferenceVerdict = z.infer<typeof PreferenceVerdict>;
export const PREFERENCE_VERDICT_SCHEMA_NAME = "preference_verdict";

export const CoherenceScore = z.object({ score: z.number().min(0).max(100) });
export type CoherenceScore = z.infer<typeof CoherenceScore>;
export const COHERENCE_SCHEMA_NAME = "coherence_score";

export const AlignmentScore = z.object({ score: z.number().min(0).max(100) });
export type AlignmentScore = z.infer<typeof AlignmentScore>;
export const ALIGNMENT_SCHEMA_NAME = "alignment_score";

/** Leakage check: which criterion ids (from the <criterion id> tags) a training row touches. */
export const LeakageVerdict = z.object({ touched: z.array(z.string()) });
export type LeakageVerdict = z.infer<typeof LeakageVerdict>;
export const LEAKAGE_SCHEMA_NAME = "leakage_check";
