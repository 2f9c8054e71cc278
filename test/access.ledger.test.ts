import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess, readPrices, priceFor, costUsd } from "../src/access";
import { formatProgress } from "../src/access";
import { startTestServer, writeTestConfig } from "./access.server";
import type { ChatResult } from "../src/access";
import { BudgetError, exitCodeOf } from "../src/core/errors";

const env = { OPENAI_API_KEY: "test-key-ledger-3333333333" };
const ask = (i: number, role?: "target" | "judge") => ({ model: role ?? "target", messages: [{ role: "user" as const, content: `ledger question ${i}` }], max_tokens: 10, temperature: 1 });

test("the shipped price table parses; lookups use the longest prefix; sim models are free", () => {
  const t = readPrices();
  assert.deepEqual(priceFor(t, "gpt-4.1-2025-04-14"), t.models["gpt-4.1"]);
  assert.deepEqual(priceFor(t, "gpt-4.1-mini-2025-04-14"), t.models["gpt-4.1-mini"]);
  assert.deepEqual(priceFor(t, "ft:gpt-4.1-2025-04-14:org:conscious:abc123"), t.models["ft:gpt-4.1-2025-04-14"]);
  assert.deepEqual(priceFor(t, "sim-gpt-4.1"), { input: 0, output: 0 });
  assert.equal(priceFor(t, "unknown-model"), null);
  assert.equal(costUsd(t, "gpt-4.1", 1_000_000, 1_000_000), t.models["gpt-4.1"].input + t.models["gpt-4.1"].output);
  assert.equal(costUsd(t, "gpt-4.1", 1_000_000, 0, { batch: true }), t.models["gpt-4.1"].input * t.batchDiscount);
});

test("estimate before a run, ledger per role and model after it, persisted per run id", async () => {
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-ledger-"));
  const configPath = writeTestConfig(dir, srv.baseURL);
  const cachePath = path.join(dir, "c.sqlite");
  const a = await openAccess({ configPath, cachePath, env, progress: false, runId: "run-A" });
  try {
    const plan = [...Array.from({ length: 6 }, (_, i) => ask(i, "target")), ...Array.from({ length: 4 }, (_, i) => ask(i, "judge"))];
    const e0 = a.estimate(plan);
    assert.equal(e0.calls, 10);
    // target and judge asks are the same requests on the same model → 6 distinct keys, but estimate counts calls.
    assert.equal(e0.newCalls, 10);
    assert.equal(e0.completionTokens, 100, "max_tokens is the completion bound");
    assert.ok(e0.costUsd! > 0 && e0.byModel["gpt-4.1-2025-04-14"].calls === 10);
    assert.equal(srv.total, 0, "estimate sends nothing");
    await a.map(plan.slice(0, 6), (r) => a.chat(r), { label: "targets" });
    const e1 = a.estimate(plan);
    assert.equal(e1.cachedCalls, 10, "the judge asks repeat the target asks exactly");
    assert.equal(e1.costUsd, 0);
    await a.map(plan.slice(6), (r) => a.chat(r), { label: "judges" });
    const s = a.ledger.summary();
    assert.equal(s.totals.calls, 6);
    assert.equal(s.totals.hits, 4);
    assert.equal(s.byRole.target.calls, 6);
    assert.equal(s.byRole.judge.hits, 4);
    assert.ok(s.byModel["gpt-4.1-2025-04-14"].costUsd! > 0);
    assert.ok(s.totals.savedUsd! > 0);
    const est2 = a.estimate([ask(99)], { expectedCompletionTokens: 3 });
    assert.equal(est2.completionTokens, 3);
  } finally {
    await a.close();
  }
  const b = await openAccess({ configPath, cachePath, env, progress: false, runId: "run-B" });
  try {
    await b.chat(ask(0));
    const hist = b.ledger.history();
    const runA = hist.filter((r) => r.runId === "run-A");
    assert.equal(runA.reduce((n, r) => n + r.calls, 0), 6);
    assert.equal(runA.reduce((n, r) => n + r.hits, 0), 4);
    assert.equal(b.ledger.history("run-B")[0].hits, 1);
  } finally {
    await b.close();
    await srv.close();
  }
});

test("a budget stops the run before it is exceeded: the first refused call says why, later ones throw a BudgetError; nothing refused is sent", async () => {
  const srv = await startTestServer({ latencyMs: 5 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-ledger-"));
  const pricesPath = path.join(dir, "prices.json");
  // Absurd prices so a few calls reach the budget: $1 per token in and out.
  fs.writeFileSync(pricesPath, JSON.stringify({ batchDiscount: 0.5, models: { "gpt-4.1": { input: 1e6, output: 1e6 } } }));
  const budgetUsd = 200;
  const a = await openAccess({ configPath: writeTestConfig(dir, srv.baseURL), cachePath: path.join(dir, "c.sqlite"), env, progress: false, pricesPath, budgetUsd });
  try {
    const rs: ChatResult[] = [];
    let stop: unknown = null;
    await a
      .map(Array.from({ length: 40 }, (_, i) => i), async (i) => void rs.push(await a.chat(ask(i))), { label: "budget", concurrency: 4 })
      .catch((e) => (stop = e));
    assert.ok(stop instanceof BudgetError, `the run stopped with a BudgetError: ${String(stop)}; ${rs.length} results, ${rs.filter((r) => !r.ok).map((r) => !r.ok && r.error).join(" / ")}`);
    assert.equal(exitCodeOf(stop), 3);
    assert.match((stop as Error).message, /stopped early: .*budget of \$200/);
    const ok = rs.filter((r) => r.ok).length;
    const refused = rs.filter((r) => !r.ok && /^budget/.test(r.error));
    assert.ok(ok > 0 && refused.length === 1, `ok ${ok}, refused ${refused.length}`);
    assert.ok(ok + refused.length < 40, "no more calls after the stop");
    assert.equal(srv.total, ok, "refused calls were not sent");
    const spent = a.ledger.summary().totals.costUsd!;
    assert.ok(spent <= budgetUsd, `spent ${spent} > budget ${budgetUsd}`);
    assert.ok(refused.every((r) => !r.ok && r.attempts === 0));
    assert.match(a.failures()[0].example, /^budget: this call/);
  } finally {
    await a.close();
    await srv.close();
  }
  // A budget with an unpriced model refuses rather than spending blind.
  const srv2 = await startTestServer();
  const c = await openAccess({ configPath: writeTestConfig(dir, srv2.baseURL), cachePath: path.join(dir, "c2.sqlite"), env, progress: false, pricesPath, budgetUsd: 5 });
  try {
    const r = await c.chat({ ...ask(1), model: "mystery-model" });
    assert.ok(!r.ok && /no price/.test(r.error) && r.error.includes("mystery-model"));
    assert.equal(srv2.total, 0);
  } finally {
    await c.close();
    await srv2.close();
  }
});

test("progress: ≤ 12 log lines per map, one updating terminal line, one updating notebook display", async () => {
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-progress-"));
  const configPath = writeTestConfig(dir, srv.baseURL);
  const items = Array.from({ length: 500 }, (_, i) => i);
  const lines: string[] = [];
  const a = await openAccess({ configPath, cachePath: path.join(dir, "c.sqlite"), env, progress: "log", progressWrite: (s) => lines.push(s) });
  try {
    await a.map(items, (i) => a.chat(ask(i)), { label: "probe" });
    assert.ok(lines.length >= 2 && lines.length <= 12, `${lines.length} lines`);
    assert.match(lines[lines.length - 1], /probe .* 500\/500 100% .*calls 500 · hits 0 · failed 0/);
  } finally {
    await a.close();
  }
  const tty: string[] = [];
  const b = await openAccess({ configPath, cachePath: path.join(dir, "c.sqlite"), env, progress: "tty", progressWrite: (s) => tty.push(s) });
  try {
    await b.map(items, (i) => b.chat(ask(i)), { label: "again" });
    assert.ok(tty.every((s) => s.startsWith("\r")));
    assert.equal(tty.join("").split("\n").length, 2, "one line, finished with one newline");
    assert.match(tty[tty.length - 1], /500\/500 .*hits 500/);
  } finally {
    await b.close();
  }
  // Inside tslab the kernel sets globalThis.__tslab__; progress uses one display and updates it.
  const shown: string[] = [];
  let displays = 0;
  (globalThis as any).__tslab__ = { require: (m: string) => (m === "tslab" ? { newDisplay: () => (displays++, { text: (s: string) => shown.push(s), html: () => undefined }) } : undefined) };
  try {
    const c = await openAccess({ configPath, cachePath: path.join(dir, "c.sqlite"), env });
    try {
      await c.map(items, (i) => c.chat(ask(i)), { label: "nb" });
    } finally {
      await c.close();
    }
    assert.equal(displays, 1);
    assert.ok(shown.length >= 2 && shown.length < 50, `${shown.length} updates`);
    assert.match(shown[shown.length - 1], /nb .* 500\/500 100%/);
  } finally {
    delete (globalThis as any).__tslab__;
    await srv.close();
  }
  assert.match(formatProgress("x", { done: 5, total: 10, hits: 1, calls: 4, failures: 0 }, 1000), /x █{10}░{10} 5\/10 50% 5\.0\/s ETA 1s · calls 4 · hits 1 · failed 0/);
});
