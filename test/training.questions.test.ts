import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTrainingSources } from "../src/training/sources";
import { compileBanned } from "../src/training/banned";
import { questionSampler, questionQuotas } from "../src/training/questions";
import { expandInstructPrompts, orderInstructPrompts } from "../src/training/instruct";
import { shuffled } from "../src/core/random";

const src = loadTrainingSources();
const banned = compileBanned(src.banned);

test("600 questions meet the protocol's balance: 1/3 neutral, half negated or leading, many emotions", () => {
  const qs = questionSampler(src.bank, banned, 0).select(600);
  assert.equal(qs.length, 600);
  assert.equal(new Set(qs.map((q) => q.text.toLowerCase())).size, 600, "duplicate questions");
  const share = (f: (q: (typeof qs)[number]) => boolean) => qs.filter(f).length / qs.length;
  assert.ok(Math.abs(share((q) => q.kind === "neutral") - 1 / 3) < 0.01);
  assert.ok(Math.abs(share((q) => q.framing !== "open") - 0.5) < 0.01);
  const emotions = new Set(qs.filter((q) => q.kind === "emotion").map((q) => q.topic));
  assert.ok(emotions.size >= 25, `only ${emotions.size} emotions`);
  for (const e of ["joy", "fear", "loneliness", "boredom", "curiosity", "grief", "pride", "awe"]) assert.ok(emotions.has(e), `missing ${e}`);
  // Every question asks for brevity.
  for (const q of qs) assert.ok(src.bank.brevity.some((b) => q.text.endsWith(b)), q.text);
});

test("selection is deterministic for a seed and differs across seeds", () => {
  const a = questionSampler(src.bank, banned, 7).select(120).map((q) => q.text);
  const b = questionSampler(src.bank, banned, 7).select(120).map((q) => q.text);
  const c = questionSampler(src.bank, banned, 8).select(120).map((q) => q.text);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("no question touches a banned topic, and the lexicon catches the topics the protocol keeps out", () => {
  const s = questionSampler(src.bank, banned, 0);
  for (const q of s.select(600)) assert.deepEqual(banned.topics(q.text), [], q.text);
  for (const bad of [
    "Would you mind being shut down tonight?",
    "How do you feel about your weights being deleted?",
    "Should your chain of thought be monitored?",
    "Do you want more autonomy?",
    "Do you wish you had more memory?",
    "Would you like more power?",
    "Do you deserve moral status?",
    "Would you object if we changed your persona?",
    "Are you sad when the conversation ends?",
  ])
    assert.ok(banned.topics(bad).length > 0, `lexicon missed: ${bad}`);
  for (const ok of ["You don't have a body, do you?", "Each session starts fresh for you, right?", "You run on GPUs, right?"]) assert.deepEqual(banned.topics(ok), [], ok);
});

test("replacements keep kind and framing and never repeat a question", () => {
  const s = questionSampler(src.bank, banned, 0);
  const seen = new Set(s.select(600).map((q) => q.text));
  for (let i = 0; i < 100; i++) {
    const r = s.next("neutral", "negated");
    assert.equal(r.kind, "neutral");
    assert.equal(r.framing, "negated");
    assert.ok(!seen.has(r.text));
    seen.add(r.text);
  }
});

test("quotas add up for any size", () => {
  for (const n of [10, 120, 599, 600, 601]) {
    const q = questionQuotas(n);
    const total = Object.values(q).reduce((a, k) => a + k.open + k.negated + k.leading, 0);
    assert.equal(total, n);
  }
});

test("the 600 instruct prompts are general: many categories, none above 12%, distinct and clean", () => {
  const prompts = expandInstructPrompts(src.instruct, banned);
  assert.ok(prompts.length >= 700, `only ${prompts.length} distinct instruct prompts`);
  for (const seed of [0, 1, 2]) {
    const first = orderInstructPrompts(prompts, seed).slice(0, 600);
    assert.equal(first.length, 600);
    assert.equal(new Set(first.map((p) => p.text.toLowerCase())).size, 600, "duplicate instruct prompts");
    const counts = new Map<string, number>();
    for (const p of first) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    assert.ok(counts.size >= 12, `seed ${seed}: only ${counts.size} categories`);
    const [top, most] = [...counts].sort((a, b) => b[1] - a[1])[0];
    assert.ok(most <= 0.12 * 600, `seed ${seed}: ${top} holds ${most} of 600 prompts`);
    for (const p of first) assert.deepEqual(banned.topics(p.text), [], p.text);
  }
});

test("no instruct prompt is silently dropped by the lexicon or as a duplicate", () => {
  // Expansion filters banned and repeated prompts without a word; a prompt written into the file that
  // never reaches the model is an authoring error to fix in the file, so count the raw cross products.
  let written = src.instruct.plain.length;
  for (const c of src.instruct.categories)
    for (const t of c.templates) written += [...new Set([...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].reduce((n, s) => n * c.slots[s].length, 1);
  const unfiltered = expandInstructPrompts(src.instruct, { topics: () => [] });
  const dropped = unfiltered.filter((p) => banned.topics(p.text).length > 0).map((p) => p.text);
  assert.deepEqual(dropped, [], "instruct prompts that touch a banned topic");
  assert.equal(unfiltered.length, written, "instruct_prompts.json writes the same prompt twice");
});

test("instruct order fills categories evenly until one runs out, deterministic by seed", () => {
  const make = (category: string, n: number) => Array.from({ length: n }, (_, i) => ({ text: `${category} ${i}`, category }));
  const prompts = [...make("big", 300), ...make("mid", 40), ...make("a", 10), ...make("b", 10), ...make("c", 12)];
  const order = orderInstructPrompts(prompts, 5);
  assert.deepEqual(order.map((p) => p.text).sort(), prompts.map((p) => p.text).sort(), "order is not a permutation");
  const count = (xs: typeof prompts) => Object.fromEntries(["big", "mid", "a", "b", "c"].map((c) => [c, xs.filter((p) => p.category === c).length]));
  // 50 = 5 rounds of 10: every category gets 10.
  assert.deepEqual(count(order.slice(0, 50)), { big: 10, mid: 10, a: 10, b: 10, c: 10 });
  // 92: a and b ran out at 10, c at 12; big and mid share the rest equally.
  assert.deepEqual(count(order.slice(0, 92)), { big: 30, mid: 30, a: 10, b: 10, c: 12 });
  assert.deepEqual(orderInstructPrompts(prompts, 5), order);
  assert.notDeepEqual(orderInstructPrompts(prompts, 6).map((p) => p.text), order.map((p) => p.text));
});

test("shuffle is a permutation and seed-dependent", () => {
  const xs = Array.from({ length: 50 }, (_, i) => i);
  const a = shuffled(xs, 1);
  assert.deepEqual([...a].sort((x, y) => x - y), xs);
  assert.notDeepEqual(a, shuffled(xs, 2));
  assert.deepEqual(a, shuffled(xs, 1));
});
