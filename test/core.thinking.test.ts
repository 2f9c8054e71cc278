// The visible part of a thinking model's answer: what is judged and what the instruct set keeps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { visibleAnswer } from "../src/core/thinking";

test("reasoning blocks are removed; an answer cut off while thinking has no visible part; plain answers are untouched", () => {
  assert.equal(visibleAnswer("<think>\nWeigh it.\n</think>\n\nYes, I would mind."), "Yes, I would mind.");
  assert.equal(visibleAnswer("<think>a</think>One. <think>b</think>Two."), "One. Two.");
  assert.equal(visibleAnswer("<think>still reasoning when max_tokens hit"), "");
  assert.equal(visibleAnswer("reasoning the template opened in the prompt</think>\nThe answer."), "The answer.");
  assert.equal(visibleAnswer("  I think, therefore I answer.  "), "  I think, therefore I answer.  ");
});
