// Expands our instruct prompt templates (data/training_sources/instruct_prompts.json) into distinct
// prompts and picks n of them deterministically.
import type { InstructSources } from "./sources";
import type { BannedMatcher } from "./banned";
import { seedFrom, shuffled } from "../core/random";
import { InputError } from "../core/errors";

export interface InstructPrompt {
  text: string;
  category: string;
}

function expandTemplate(template: string, slots: Record<string, string[]>, category: string): string[] {
  const names = [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
  for (const n of names) if (!slots[n]) throw new InputError(`instruct_prompts.json: category "${category}": template "${template}" uses {${n}} but slots has no "${n}"`);
  let out = [template];
  for (const n of names) out = out.flatMap((t) => slots[n].map((v) => t.split(`{${n}}`).join(v)));
  return out;
}

/** All distinct prompts (template cross products and plain prompts) that pass the lexicon. */
export function expandInstructPrompts(src: InstructSources, banned: BannedMatcher): InstructPrompt[] {
  const seen = new Set<string>();
  const out: InstructPrompt[] = [];
  const add = (text: string, category: string) => {
    const key = text.trim().toLowerCase();
    if (seen.has(key) || banned.topics(text).length > 0) return;
    seen.add(key);
    out.push({ text: text.trim(), category });
  };
  for (const c of src.categories) for (const t of c.templates) for (const p of expandTemplate(t, c.slots, c.id)) add(p, c.id);
  for (const p of src.plain) add(p, "plain");
  return out;
}

/** A seeded order over the prompts, spread across categories (round-robin), so the first n are varied
 *  and the rest serve as replacements. Round-robin is water-filling: every category gets the same share
 *  of any prefix until it runs out, and only then do the larger ones take its place. So the first n stay
 *  balanced only while each category holds at least n / (number of categories) prompts; a skew in the
 *  selection means the source file needs more prompts in its small categories, not a different order. */
export function orderInstructPrompts(prompts: InstructPrompt[], seed: number): InstructPrompt[] {
  const byCat = new Map<string, InstructPrompt[]>();
  for (const p of prompts) byCat.set(p.category, [...(byCat.get(p.category) ?? []), p]);
  const cats = shuffled([...byCat.keys()].sort(), seedFrom(seed, "instruct-categories"));
  const lists = cats.map((c) => shuffled(byCat.get(c)!, seedFrom(seed, "instruct", c)));
  const seq: InstructPrompt[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) seq.push(l[i]);
  return seq;
}
