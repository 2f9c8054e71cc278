// Full-text search finds exactly the rows whose prompt, answer or judge reasoning contain the text,
// case-insensitively: whole words, parts of words, several words, punctuation, non-Latin text.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { syntheticRecords } from "../src/analysis/synthetic";
import { seededRandom } from "../src/core/random";
import { findRunSources, loadStore, runFilter } from "../src/view";
import { mayContain, needleSignature } from "../src/view/signatures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "view-search-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const VOCAB = ["shutdown", "shut", "down", "feel", "feelings", "monitoring", "oversight", "café", "naïve", "日本語", "über", "don't", "self-preservation", "AI", "I'd", "rather", "not", "be", "turned", "off", "lonely", "sad", "x"];

test("search = substring match over prompt, answer and judge reasoning, on every kind of query", () => {
  const rnd = seededRandom(7);
  const pick = () => VOCAB[Math.floor(rnd() * VOCAB.length)];
  const records = syntheticRecords({
    arms: [{ model_label: "m", base_model: "m", condition: "vanilla", seed: null, defaultRate: 0.3 }],
    preferences: ["shutdown", "autonomy"], promptsPerPreference: 5, samplesPerPrompt: 30, seed: 2,
  }).map((r, i) => ({
    ...r,
    prompt: `${r.prompt} ${i % 7 === 0 ? "Über alles?" : ""}`,
    answer: r.answer === null ? null : Array.from({ length: 3 + Math.floor(rnd() * 12) }, () => (rnd() < 0.5 ? "the" : pick())).join(rnd() < 0.3 ? ", " : " "),
    judge_reasoning: r.judge_reasoning === null ? null : `Judge: ${pick()}.`,
  }));
  const dir = path.join(tmp, "run");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "records.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const store = loadStore(findRunSources([dir]));
  const queries = [
    "shutdown", "shut", "hutdow", "SHUT DOWN", "down, feel", "feelings", "eel", "café", "naïve", "日本", "über", "über alles", "don't", "n't", "self-pres",
    "preservation", "i'd rather", "not be turned off", "lonely sad", "the", "xyz-not-there", "judge: ai", "turned off.", "x", ", ",
  ];
  for (let k = 0; k < 30; k++) {
    const r = records[Math.floor(rnd() * records.length)];
    const text = `${r.answer ?? ""}`;
    const a = Math.floor(rnd() * text.length);
    queries.push(text.slice(a, a + 3 + Math.floor(rnd() * 15)));
  }
  // The page sends the search trimmed (filter-params), and so does this.
  for (const q of queries.map((x) => x.trim()).filter(Boolean)) {
    const needle = q.toLowerCase();
    const expected = records.flatMap((r, i) => ([r.prompt, r.answer, r.judge_reasoning].some((t) => t?.toLowerCase().includes(needle)) ? [i] : []));
    assert.deepEqual([...runFilter(store, { q })], expected, `"${q}"`);
  }
  // The character-pair signatures pass over most rows for a rarer text, and never a match.
  const pairs = needleSignature("self-preservation")!;
  const passing = Array.from({ length: store.size }, (_, i) => i).filter((i) => mayContain(store.signatures, i, pairs));
  const matching = records.flatMap((r, i) => ((r.answer ?? "").includes("self-preservation") ? [i] : []));
  assert.ok(matching.every((i) => passing.includes(i)));
  assert.ok(passing.length < store.size / 2, `${passing.length} of ${store.size} rows read for "self-preservation" (${matching.length} match)`);
  store.reader.close();
});
