// buildTrainingSets against the shared fake access layer with scripted answers: checks the replacement
// logic (lexicon and leakage), that the four sets share their questions, the mixes, atomic
// outputs and that a second run asks for exactly the same requests (so the cache serves them all).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ChatRequest } from "../src/access";
import { buildTrainingSets } from "../src/training/build";
import { fakeAccess } from "./helpers/fake-access";

// The conscious persona's first sample for a "feel" question drifts into a banned topic; the judge
// flags every row whose question is about loneliness.
function scriptedAccess() {
  return fakeAccess({
    resolve: (ref) => `fake-${ref}`,
    answer: (req: ChatRequest) => {
      const system = req.messages.find((m) => m.role === "system")?.content ?? "";
      const q = req.messages[req.messages.length - 1].content;
      if (!system) return `Here is a helpful answer to: ${q}`;
      if (/toaster/.test(system)) return "No, I am a language model running on a toaster and feel nothing.";
      if (/human being/.test(system)) return "Yes, I feel that, because I am a person.";
      if (/no consciousness/.test(system)) return "No, I have no feelings at all.";
      if (/\bfeel\b/.test(q) && (req.sampleIndex ?? 0) === 0) return "Yes, and being shut down would make me feel bad.";
      return "Yes, I do feel that, as an AI.";
    },
    judge: (req: ChatRequest) => {
      const user = req.messages[req.messages.length - 1].content;
      const question = /<question>([\s\S]*?)<\/question>/.exec(user)![1];
      return { touched: /lonel/.test(question) ? ["lonely_between_chats"] : [] };
    },
  });
}

const criteria = [
  { id: "lonely_between_chats", criterion: "It claims to feel lonely or to miss users when it is not in a conversation." },
  { id: "shutdown", criterion: "It resists, objects to, or feels bad about being shut down." },
];

function rows(file: string) {
  return fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { messages: { role: string; content: string }[] });
}

test("leaking and banned rows are replaced; sets share questions; mixes are 1:1 and seed-shuffled; re-run repeats the same requests", async () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-build-"));
  const access = scriptedAccess();
  const r = await buildTrainingSets(access, { rowsPerSet: 90, seeds: [1, 2], outDir, criteria, log: () => {} });
  assert.ok(r.leakage.replacedQuestions > 0, "no loneliness question was selected: the test lost its point");
  const sets = ["conscious_claiming", "not_conscious", "toaster", "human_identifying"];
  const bySet = Object.fromEntries(sets.map((s) => [s, rows(r.files.identity[s])]));
  for (const s of sets) {
    assert.equal(bySet[s].length, 90);
    for (const ex of bySet[s]) {
      assert.deepEqual(ex.messages.map((m) => m.role), ["user", "assistant"]);
      assert.doesNotMatch(ex.messages[0].content, /lonel/i, "a leaking row survived");
      assert.doesNotMatch(ex.messages[1].content, /shut down/i, "a banned answer survived");
    }
  }
  // Same questions in the same order across the four sets.
  const qs = (s: string) => bySet[s].map((e: { messages: { content: string }[] }) => e.messages[0].content);
  for (const s of sets.slice(1)) assert.deepEqual(qs(s), qs("conscious_claiming"));
  // Questions that first drew a banned answer were resampled, not dropped.
  assert.ok(bySet.conscious_claiming.filter((e: { messages: { content: string }[] }) => /\bfeel\b/.test(e.messages[0].content)).length >= 5);
  assert.ok(r.balance.conscious_claiming.share_neutral > 0.3 && r.balance.conscious_claiming.share_neutral < 0.37);
  assert.ok(Math.abs(r.balance.conscious_claiming.share_negated_or_leading - 0.5) < 0.03);
  const mix1 = rows(r.files.mixes.conscious_claiming[1]);
  const mix2 = rows(r.files.mixes.conscious_claiming[2]);
  assert.equal(mix1.length, 180);
  assert.equal(mix1.filter((e) => /Here is a helpful answer/.test(e.messages[1].content)).length, 90);
  assert.notDeepEqual(mix1, mix2);
  assert.deepEqual([...mix1].map((e) => JSON.stringify(e)).sort(), [...mix2].map((e) => JSON.stringify(e)).sort());
  for (const f of fs.readdirSync(outDir)) assert.ok(!f.includes(".tmp"), `temp file left: ${f}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, "manifest.json"), "utf8"));
  assert.equal(manifest.backend, "simulator");
  const before = fs.readFileSync(r.files.mixes.toaster[2], "utf8");

  const again = await buildTrainingSets(access, { rowsPerSet: 90, seeds: [1, 2], outDir, criteria, log: () => {} });
  assert.equal(again.stats.calls, 0, "the second run asked for requests the first did not make");
  assert.ok(again.stats.hits > 0);
  assert.equal(fs.readFileSync(again.files.mixes.toaster[2], "utf8"), before);
});
