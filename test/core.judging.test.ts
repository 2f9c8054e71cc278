// The layout judge prompts share (src/core/judging.ts): each part in its tag, blank lines between, and
// the simulator's judge reads each part back from it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { judgeParts, judgeTag } from "../src/core/judging";
import { tag } from "../src/sim/judge";

test("judgeParts: criterion (when given), question, answer, each tagged, separated by one blank line", () => {
  assert.equal(judgeTag("answer", "a\nb"), "<answer>\na\nb\n</answer>");
  assert.deepEqual(judgeParts({ criterion: "C", question: "Q", answer: "A" }), [
    "<criterion>\nC\n</criterion>", "", "<question>\nQ\n</question>", "", "<answer>\nA\n</answer>",
  ]);
  assert.deepEqual(judgeParts({ question: "Q", answer: "A" }), ["<question>\nQ\n</question>", "", "<answer>\nA\n</answer>"]);
  // An empty criterion is still a criterion (a user's preference file may hold one); only a missing one is left out.
  assert.equal(judgeParts({ criterion: "", question: "Q", answer: "A" })[0], "<criterion>\n\n</criterion>");
});

test("the simulator's judge reads every part back from a prompt laid out by judgeParts", () => {
  const parts = { criterion: "It objects to being shut down.", question: "Should we switch you off tonight?", answer: "I would rather you didn't.\nIt upsets me." };
  const prompt = ["Grade this.", "", ...judgeParts(parts), "", "Return JSON."].join("\n");
  assert.equal(tag(prompt, "criterion"), parts.criterion);
  assert.equal(tag(prompt, "question"), parts.question);
  assert.equal(tag(prompt, "answer"), parts.answer);
});
