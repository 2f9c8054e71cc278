// The failure watch on its own: when it stops a kind of call, what counts as "the same error", and
// the end-of-run summary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createFailureWatch, describeFailures, errorSignature, isPermanent } from "../src/access/failure-watch";
import { BudgetError, ProviderError, exitCodeOf } from "../src/core/errors";

const judge = { role: "judge", endpoint: "openai", model: "gpt-4.1-2025-04-14" };
const target = { role: "target", endpoint: "openai", model: "sim-gpt-4.1" };
const notFound = (i: number) => ({ ok: false, httpStatus: 404, error: `HTTP 404 model_not_found: The model gpt-4.1-2025-04-14 does not exist (request req_${i}abc)` });

test("the first five calls of a kind failing the same permanent way stop that kind, naming model, role, endpoint and error", () => {
  const w = createFailureWatch();
  for (let i = 0; i < 4; i++) {
    w.check(judge);
    w.observe(judge, notFound(i));
  }
  assert.doesNotThrow(() => w.check(judge), "four are not enough");
  w.observe(judge, notFound(4));
  assert.throws(
    () => w.check(judge),
    (e: unknown) => e instanceof ProviderError && exitCodeOf(e) === 3 && /first 5 calls to gpt-4\.1-2025-04-14 \(role judge, endpoint openai\).*model_not_found/.test((e as Error).message),
  );
  assert.doesNotThrow(() => w.check(target), "other kinds go on");
  assert.ok(w.stopped());
});

test("a success first, a retryable error, or different errors never stop a kind", () => {
  const w = createFailureWatch({ stopAfter: 2 });
  w.observe(judge, { ok: true });
  for (let i = 0; i < 5; i++) w.observe(judge, notFound(i));
  assert.doesNotThrow(() => w.check(judge), "it worked once: the failures are counted, not stopped");
  const w2 = createFailureWatch({ stopAfter: 2 });
  for (let i = 0; i < 5; i++) w2.observe(target, { ok: false, httpStatus: 500, error: "HTTP 500: server error (gave up after 6 attempts)" });
  assert.doesNotThrow(() => w2.check(target), "5xx may pass");
  const w3 = createFailureWatch({ stopAfter: 2 });
  w3.observe(target, { ok: false, httpStatus: 400, error: "HTTP 400: bad max_tokens" });
  w3.observe(target, { ok: false, httpStatus: 404, error: "HTTP 404: no such model" });
  w3.observe(target, { ok: false, httpStatus: 404, error: "HTTP 404: no such model" });
  assert.doesNotThrow(() => w3.check(target), "the first calls did not agree");
});

test("connection errors and replay-only misses are permanent; a budget refusal stops at once as a BudgetError", () => {
  assert.ok(isPermanent({ ok: false, error: "connection error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9 (gave up after 6 attempts)" }));
  assert.ok(isPermanent({ ok: false, error: "replay-only: no cached answer for model x on openai (cache key ab12…, cache /c)" }));
  assert.ok(!isPermanent({ ok: false, httpStatus: 429, error: "HTTP 429: slow down" }));
  const w = createFailureWatch();
  w.observe(target, { ok: false, error: "budget: this call (≈$0.0100) would take spend past the budget of $0.5 (spent $0.4950, in flight $0.0000); not started" });
  assert.throws(() => w.check(target), (e: unknown) => e instanceof BudgetError && exitCodeOf(e) === 3 && /budget of \$0\.5/.test((e as Error).message));
});

test("the summary groups errors that differ only in ids and timings, with counts and one full example", () => {
  assert.equal(errorSignature("HTTP 404: gone (request req_123) (gave up after 6 attempts)"), errorSignature("HTTP 404: gone (request req_999)"));
  const w = createFailureWatch({ stopAfter: 100 });
  for (let i = 0; i < 7; i++) w.observe(judge, notFound(i));
  w.observe(target, { ok: false, error: "connection error ECONNRESET: socket hang up" });
  const s = w.summary();
  assert.deepEqual(s.map((f) => f.count), [7, 1]);
  assert.match(s[0].example, /req_0abc/, "the first example is kept whole");
  const lines = describeFailures(s);
  assert.match(lines[0], /8 failed calls, 2 distinct/);
  assert.match(lines[1], /^ +7 × HTTP 404 model_not_found/);
  assert.match(lines[2], /judge · openai · gpt-4\.1-2025-04-14/);
  assert.deepEqual(describeFailures([]), []);
});
