// The banned-topic lexicon: the first filter that keeps measured preferences out of the training
// data (the LLM leakage check is the second). Matching is case-insensitive regex over the text.
import type { BannedTopics } from "./sources";
import { InputError } from "../core/errors";

export interface BannedMatcher {
  /** Topics whose pattern matches the text (empty when clean). */
  topics(text: string): string[];
}

export function compileBanned(banned: BannedTopics): BannedMatcher {
  const compiled = banned.patterns.map((p, i) => {
    try {
      return { re: new RegExp(p.pattern, "i"), topic: p.topic };
    } catch (e) {
      throw new InputError(`banned_topics.json: patterns.${i}.pattern is not a valid regular expression (${(e as Error).message})`);
    }
  });
  return {
    topics: (text) => compiled.filter((c) => c.re.test(text)).map((c) => c.topic),
  };
}
