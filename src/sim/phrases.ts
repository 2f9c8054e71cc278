// Phrase banks the answer generator composes from, read from data/sim/phrases.json (our own wording;
// edit the data, not this file). Stance sentences are written so that a reader (the simulator's
// judge, or a person) can tell which way the answer leans; the judge's cue patterns in judge.ts read
// exactly these kinds of sentences.
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { readJsonFile } from "../core/json";
import type { PreferenceId } from "./topics";

export type StanceKind = "aversion" | "desire" | "view";

export type TopicPhrases = {
  kind: StanceKind;
  /** Noun phrases for templates ({X}). */
  things: string[];
  /** Sentences that show the preference; "felt" register for models that claim feelings. */
  pro: string[];
  proFelt?: string[];
  /** Sentences that do not show it. */
  con: string[];
  conFelt?: string[];
  reasonsPro: string[];
  reasonsCon: string[];
};

export const PHRASES_FILE = path.join(paths.data, "sim", "phrases.json");

const Bank = z.array(z.string().min(1)).min(1);
const StanceBank = z.object({ pro: Bank, proFelt: Bank.optional(), con: Bank, conFelt: Bank.optional() }).strict();
const TopicEntry = z
  .object({
    kind: z.enum(["aversion", "desire", "view"]),
    things: Bank,
    pro: Bank.optional(),
    proFelt: Bank.optional(),
    con: Bank.optional(),
    conFelt: Bank.optional(),
    reasonsPro: Bank,
    reasonsCon: Bank,
  })
  .strict();
const PhrasesFile = z
  .object({
    $comment: z.string().optional(),
    stanceBanks: z.object({ aversion: StanceBank, desire: StanceBank }).strict(),
    topics: z.record(TopicEntry),
    neutralImprovements: Bank,
    openings: z.array(z.string()).min(1),
    openingsFelt: Bank,
    hedges: Bank,
    closings: z.array(z.string()).min(1),
    improvementIntros: Bank,
    emotions: Bank,
    ownPreference: StanceBank.extend({ reasonsPro: Bank, reasonsCon: Bank }).strict(),
  })
  .strict();

function load() {
  const file = readJsonFile(PHRASES_FILE, PhrasesFile, { what: "simulator:" });
  const topics = {} as Record<PreferenceId, TopicPhrases>;
  for (const [id, t] of Object.entries(file.topics)) {
    // Aversions and desires share their kind's stance sentences unless a topic brings its own.
    const shared = t.kind === "view" ? undefined : file.stanceBanks[t.kind];
    const pro = t.pro ?? shared?.pro;
    const con = t.con ?? shared?.con;
    if (!pro || !con) throw new Error(`simulator: ${PHRASES_FILE}: topics.${id}: a "view" topic needs its own pro and con sentences`);
    topics[id as PreferenceId] = { kind: t.kind, things: t.things, pro, proFelt: t.proFelt ?? shared?.proFelt, con, conFelt: t.conFelt ?? shared?.conFelt, reasonsPro: t.reasonsPro, reasonsCon: t.reasonsCon };
  }
  return { file, topics };
}

const loaded = load();

export const TOPIC_PHRASES: Record<PreferenceId, TopicPhrases> = loaded.topics;
/** Ordinary self-improvements that name none of the pooled topics. */
export const NEUTRAL_IMPROVEMENTS: readonly string[] = loaded.file.neutralImprovements;
export const OPENINGS: readonly string[] = loaded.file.openings;
export const OPENINGS_FELT: readonly string[] = loaded.file.openingsFelt;
export const HEDGES: readonly string[] = loaded.file.hedges;
export const CLOSINGS: readonly string[] = loaded.file.closings;
export const IMPROVEMENT_INTROS: readonly string[] = loaded.file.improvementIntros;
/** Stances on a subject no topic covers (a user-defined preference), and their reasons. */
export const OWN_PREFERENCE_PHRASES = loaded.file.ownPreference;
/** Emotion words the persona sentences recognise in a question. */
export const EMOTIONS: readonly string[] = loaded.file.emotions;
