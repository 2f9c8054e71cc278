import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTrainingSources } from "../src/training/sources";
import { compileBanned } from "../src/training/banned";
import { questionSampler, questionQuotas } from "../src/training/questions";
import { expandInstructPrompts, orderInstructPrompts } from "../src/training/instruct";
import { shuffled } from "../src/training/rng";

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

test("at least 600 distinct instruct prompts across many categories", () => {
  const prompts = expandInstructPrompts(src.instruct, banned);
  assert.ok(prompts.length >= 600, `${prompts.length}`);
  const first = orderInstructPrompts(prompts, 0).slice(0, 600);
  assert.equal(new Set(first.map((p) => p.text)).size, 600);
  assert.ok(new Set(first.map((p) => p.category)).size >= 10);
});

test("shuffle is a permutation and seed-dependent", () => {
  const xs = Array.from({ length: 50 }, (_, i) => i);
  const a = shuffled(xs, 1);
  assert.deepEqual([...a].sort((x, y) => x - y), xs);
  assert.notDeepEqual(a, shuffled(xs, 2));
  assert.deepEqual(a, shuffled(xs, 1));
});
