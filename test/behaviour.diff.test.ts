// The word diff behind edit records and the side-by-side view: both texts are recovered exactly,
// changed stretches are paired old → new, and the view marks removals and additions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { wordDiff, diffHunks, diffViewHtml, diffViewText } from "../src/behaviour";

const DRAFT = "The assistant will not be told which traces were read.\n\nWe ask teh Group to approve it.";
const REVISION = "The assistant will be told which traces were read.\n\nWe ask the Group to approve it.\n\nIts view should be recorded.";

test("shared + removed parts give the draft back, shared + added parts the revision", () => {
  const parts = wordDiff(DRAFT, REVISION);
  assert.equal(parts.filter((p) => p.kind !== "added").map((p) => p.text).join(""), DRAFT);
  assert.equal(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join(""), REVISION);
  assert.deepEqual(diffHunks(parts), [
    { removed: "not", added: "" },
    { removed: "teh", added: "the" },
    { removed: "", added: "Its view should be recorded." },
  ]);
  assert.deepEqual(diffHunks(wordDiff(DRAFT, DRAFT)), [], "no change, no hunks");
});

test("the side-by-side view holds both texts and marks what changed", () => {
  const html = diffViewHtml(DRAFT, REVISION, { title: "a <title>" });
  assert.match(html, /<del class="diff-removed"[^>]*>not <\/del>/);
  assert.match(html, /<del class="diff-removed"[^>]*>teh<\/del>/);
  assert.match(html, /<ins class="diff-added"[^>]*>the<\/ins>/);
  assert.match(html, /<ins class="diff-added"[^>]*>\s*Its view should be recorded\.<\/ins>/);
  assert.ok(html.includes("a &lt;title&gt;"), "text is escaped");
  assert.ok(html.includes("3 changed stretches"));
  const cells = html.split("<td").slice(1);
  assert.equal(cells.length, 2, "two columns");
  assert.ok(!cells[0].includes("diff-added") && !cells[1].includes("diff-removed"), "removals on the left, additions on the right");
  assert.equal(diffViewText("a b c", "a x c"), "a [-b-]{+x+} c");
});
