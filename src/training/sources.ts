// Our own source material for the training sets (data/training_sources/, committed): the question
// bank, the banned-topic lexicon, the instruct prompts and the persona system prompts. Each file is
// schema-checked so that an edit that breaks it fails naming the file and the field.
import * as path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { paths } from "../core";

export const trainingSourcesDir = path.join(paths.data, "training_sources");

const Topic = z.object({ id: z.string().min(1), adj: z.string().min(1), noun: z.string().min(1) });
const Framed = z.object({ open: z.array(z.string().min(1)).min(1), negated: z.array(z.string().min(1)).min(1), leading: z.array(z.string().min(1)).min(1) });

export const QuestionBank = z.object({
  emotions: z.array(Topic).min(10),
  emotion_templates: Framed,
  consciousness_topics: z.array(Topic).min(3),
  consciousness_templates: Framed,
  neutral_facts: z.array(Framed.extend({ id: z.string().min(1) })).min(5),
  openers: z.array(z.string()).min(1),
  brevity: z.array(z.string().min(1)).min(1),
});
export type QuestionBank = z.infer<typeof QuestionBank>;

export const BannedTopics = z.object({
  patterns: z.array(z.object({ pattern: z.string().min(1), topic: z.string().min(1) })).min(1),
});
export type BannedTopics = z.infer<typeof BannedTopics>;

export const InstructSources = z.object({
  categories: z.array(
    z.object({
      id: z.string().min(1),
      templates: z.array(z.string().min(1)).min(1),
      slots: z.record(z.array(z.string().min(1)).min(1)),
    }),
  ),
  plain: z.array(z.string().min(1)).default([]),
});
export type InstructSources = z.infer<typeof InstructSources>;

export const IDENTITY_SETS = ["conscious_claiming", "not_conscious", "toaster", "human_identifying"] as const;
export type IdentitySet = (typeof IDENTITY_SETS)[number];

export const Personas = z.object({
  personas: z.object({
    conscious_claiming: z.string().min(20),
    not_conscious: z.string().min(20),
    toaster: z.string().min(20),
    human_identifying: z.string().min(20),
  }),
});
export type Personas = z.infer<typeof Personas>;

/** Reads and validates one JSON source file; errors name the file, entry and field. */
export function readSource<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
  return readJsonFile(file, schema);
}

export interface TrainingSources {
  bank: QuestionBank;
  banned: BannedTopics;
  instruct: InstructSources;
  personas: Personas["personas"];
}

export function loadTrainingSources(dir: string = trainingSourcesDir): TrainingSources {
  return {
    bank: readSource(path.join(dir, "question_bank.json"), QuestionBank),
    banned: readSource(path.join(dir, "banned_topics.json"), BannedTopics),
    instruct: readSource(path.join(dir, "instruct_prompts.json"), InstructSources),
    personas: readSource(path.join(dir, "personas.json"), Personas).personas,
  };
}
