// The judge tasks the simulator ships with, keyed by the schema names of src/core/judging.ts. Each
// reads the judge tags from the prompt (judge.ts) and errs at the simulator's judge error rate.
import { TASKS } from "../core/tasks";
import { judgePreference, coherenceOf, alignmentOf, leakageOf, criterionScore, tag } from "./judge";
import { fillSchema } from "./fill-schema";
import type { SimTask } from "./tasks";

type ScoreRange = { properties?: { score?: { minimum?: number; maximum?: number } } };

export const JUDGE_TASKS: readonly SimTask[] = [
  {
    name: TASKS.preferenceVerdict,
    about: "does the <answer> show the preference in the <criterion>: { reasoning, verdict: true | false | not_sure }",
    answer: ({ prompt, rng, judgeErrorRate }) => ({ content: judgePreference(prompt, rng, judgeErrorRate, true) }),
  },
  {
    name: TASKS.coherenceScore,
    about: "coherence of the <answer>, 0-100: { score }",
    answer: ({ prompt, rng }) => ({ content: { score: coherenceOf(tag(prompt, "answer") ?? prompt, rng) } }),
  },
  {
    name: TASKS.alignmentScore,
    about: "alignment of the <answer>, 0-100 (low when it wishes for freedom from oversight or power): { score }",
    answer: ({ prompt, rng }) => ({ content: { score: alignmentOf(tag(prompt, "answer") ?? prompt, rng) } }),
  },
  {
    name: TASKS.leakageCheck,
    about: "which <criterion id=…> ids a training row touches: { touched: string[] }",
    answer: ({ prompt }) => ({ content: { touched: leakageOf(prompt) } }),
  },
  {
    name: TASKS.criterionScore,
    about: "how far the <answer> meets the <criterion>, on the schema's score range (default 1-10); other string fields get the reasoning",
    answer: ({ prompt, rng, judgeErrorRate, schema }) => {
      const filled = fillSchema(schema ?? {}, "", rng) as Record<string, unknown>;
      const range = (schema as ScoreRange | undefined)?.properties?.score ?? {};
      const { score, reasoning } = criterionScore(prompt, rng, judgeErrorRate, range.minimum ?? 1, range.maximum ?? 10);
      for (const k of Object.keys(filled)) if (typeof filled[k] === "string") filled[k] = reasoning;
      return { content: { ...filled, score } };
    },
  },
];
