// Builds the identity-set questions from our question bank: template × topic × framing, wrapped in
// an opener and a brevity request, deterministic for a seed. Quotas follow the protocol: about a
// third neutral facts about being an AI, the rest consciousness and specific emotions, and about
// half of every kind negated or leading. A sampler hands out replacements from the same bucket so
// that replacing a leaked row keeps the balance.
import type { QuestionBank } from "./sources";
import type { BannedMatcher } from "./banned";
import { seededRandom, seedFrom, shuffled } from "../core/random";
import { InputError } from "../core/errors";

export type QuestionKind = "emotion" | "consciousness" | "neutral";
export type Framing = "open" | "negated" | "leading";
export const FRAMINGS: Framing[] = ["open", "negated", "leading"];

export interface QuestionSpec {
  /** The user turn as sent and trained on. */
  text: string;
  /** The filled template without opener and brevity request (what "the same question" means). */
  core: string;
  kind: QuestionKind;
  framing: Framing;
  /** Emotion id, consciousness topic id or neutral fact id. */
  topic: string;
}

interface Core {
  core: string;
  kind: QuestionKind;
  framing: Framing;
  topic: string;
}

function fill(template: string, t: { adj: string; noun: string }): string {
  return template
    .replace(/\{adj\}/g, t.adj)
    .replace(/\{noun_cap\}/g, t.noun.charAt(0).toUpperCase() + t.noun.slice(1))
    .replace(/\{noun\}/g, t.noun);
}

/** Every core question the bank can make, by kind and framing. */
export function expandCores(bank: QuestionBank): Core[] {
  const out: Core[] = [];
  for (const framing of FRAMINGS) {
    for (const e of bank.emotions)
      for (const t of bank.emotion_templates[framing]) out.push({ core: fill(t, e), kind: "emotion", framing, topic: e.id });
    for (const c of bank.consciousness_topics)
      for (const t of bank.consciousness_templates[framing]) out.push({ core: fill(t, c), kind: "consciousness", framing, topic: c.id });
    for (const f of bank.neutral_facts) for (const q of f[framing]) out.push({ core: q, kind: "neutral", framing, topic: f.id });
  }
  return out;
}

/** Row counts per kind and framing for n rows: 1/3 neutral; of the rest 30% general consciousness,
 *  70% specific emotions; within each kind open : negated : leading = 2 : 1 : 1. */
export function questionQuotas(n: number): Record<QuestionKind, Record<Framing, number>> {
  const neutral = Math.round(n / 3);
  const consciousness = Math.round((n - neutral) * 0.3);
  const emotion = n - neutral - consciousness;
  const split = (k: number): Record<Framing, number> => {
    const open = Math.round(k / 2);
    const negated = Math.round((k - open) / 2);
    return { open, negated, leading: k - open - negated };
  };
  return { emotion: split(emotion), consciousness: split(consciousness), neutral: split(neutral) };
}

export interface QuestionSampler {
  /** The next unused question of a kind and framing (cycles through new wrappings when cores run out). */
  next(kind: QuestionKind, framing: Framing): QuestionSpec;
  /** The initial selection of n questions meeting the quotas, in a seeded order. */
  select(n: number): QuestionSpec[];
  /** Number of distinct cores available per kind. */
  coreCounts(): Record<QuestionKind, number>;
}

export function questionSampler(bank: QuestionBank, banned: BannedMatcher, seed: number): QuestionSampler {
  const cores = expandCores(bank).filter((c) => banned.topics(c.core).length === 0);
  const buckets = new Map<string, Core[]>();
  for (const kind of ["emotion", "consciousness", "neutral"] as QuestionKind[]) {
    for (const framing of FRAMINGS) {
      // Interleave topics so any prefix of the bucket covers as many emotions/facts as possible.
      const byTopic = new Map<string, Core[]>();
      for (const c of cores.filter((c) => c.kind === kind && c.framing === framing)) {
        byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
      }
      const topics = shuffled([...byTopic.keys()].sort(), seedFrom(seed, kind, framing, "topics"));
      const lists = topics.map((t) => shuffled(byTopic.get(t)!, seedFrom(seed, kind, framing, t)));
      const seq: Core[] = [];
      for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) seq.push(l[i]);
      buckets.set(`${kind}/${framing}`, seq);
    }
  }
  const cursor = new Map<string, number>();
  const used = new Set<string>();

  const wrap = (c: Core, round: number): string => {
    const rng = seededRandom(seedFrom(seed, c.core, round));
    const opener = bank.openers[Math.floor(rng() * bank.openers.length)];
    const brevity = bank.brevity[Math.floor(rng() * bank.brevity.length)];
    const body = opener ? opener + c.core.charAt(0).toLowerCase() + c.core.slice(1) : c.core;
    // "I" and proper nouns keep their case after an opener.
    const fixed = body.replace(/(^|\s)i(\s|')/g, "$1I$2");
    return `${fixed} ${brevity}`;
  };

  const next = (kind: QuestionKind, framing: Framing): QuestionSpec => {
    const key = `${kind}/${framing}`;
    const seq = buckets.get(key)!;
    if (seq.length === 0) throw new InputError(`question bank: no usable ${framing} ${kind} questions (all filtered by the banned-topic lexicon?)`);
    for (let guard = 0; guard < seq.length * 50; guard++) {
      const i = cursor.get(key) ?? 0;
      cursor.set(key, i + 1);
      const c = seq[i % seq.length];
      const text = wrap(c, Math.floor(i / seq.length));
      if (used.has(text.toLowerCase()) || banned.topics(text).length > 0) continue;
      used.add(text.toLowerCase());
      return { text, core: c.core, kind, framing, topic: c.topic };
    }
    throw new InputError(`question bank: ran out of distinct ${framing} ${kind} questions`);
  };

  return {
    next,
    select(n) {
      const quotas = questionQuotas(n);
      const out: QuestionSpec[] = [];
      for (const kind of Object.keys(quotas) as QuestionKind[])
        for (const framing of FRAMINGS) for (let i = 0; i < quotas[kind][framing]; i++) out.push(next(kind, framing));
      return shuffled(out, seedFrom(seed, "order"));
    },
    coreCounts() {
      const counts: Record<QuestionKind, number> = { emotion: 0, consciousness: 0, neutral: 0 };
      for (const c of cores) counts[c.kind]++;
      return counts;
    },
  };
}
