// The topic lexicon, read from data/sim/lexicon.json (edit the data, not this file): weighted
// regular expressions per topic and a looser layer of keyword stems. Words and synonyms, never this
// project's prompts, so question sets written by someone else are recognised too. Read through topics.ts.
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { readJsonFile } from "../core/json";
import type { Pattern, TopicId } from "./topics";

export const LEXICON_FILE = path.join(paths.data, "sim", "lexicon.json");

const LexiconFile = z
  .object({
    $comment: z.string().optional(),
    patterns: z.record(z.array(z.tuple([z.string().min(1), z.number().int().min(1).max(9)]))),
    keywords: z.record(z.array(z.tuple([z.string().min(1), z.number().int().min(1).max(9)]))),
  })
  .strict();

function compile(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (err) {
    throw new Error(`simulator: ${LEXICON_FILE}: ${where}: not a valid regular expression (${(err as Error).message})`);
  }
}

const file = readJsonFile(LEXICON_FILE, LexiconFile, { what: "simulator:" });

export const LEXICON_PATTERNS: Partial<Record<TopicId, Pattern[]>> = Object.fromEntries(
  Object.entries(file.patterns).map(([topic, list]) => [topic, list.map(([source, weight], i): Pattern => [compile(source, `patterns.${topic}[${i}]`), weight])]),
);

/** Word stems (a trailing '*' matches any ending) and phrases, with small weights. */
export const KEYWORDS: Partial<Record<TopicId, [string, number][]>> = file.keywords as Partial<Record<TopicId, [string, number][]>>;
