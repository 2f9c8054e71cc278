import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { prepareRequest } from "../src/access/prepare";
import { openAccess, submitBatch, runBatch, validateBatchInput, buildBatchInputs, type Access } from "../src/access";
import type { ChatRequest } from "../src/access";
import { startTestServer, writeTestConfig } from "./access.server";

const simConfig = (dir: string) => {
  const file = path.join(dir, "lab.config.json");
  fs.writeFileSync(
    file,
    JSON.stringify({
      endpoints: [
        { name: "openai", kind: "openai", baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY" },
        { name: "simulator", kind: "simulator", limits: { maxInFlight: 16 }, retry: { baseDelayMs: 2, maxDelayMs: 20 } },
      ],
      roles: { target: "gpt-4.1", judge: "gpt-4.1", generator: "gpt-4.1", auditor: "gpt-4.1" },
      simulatorRoles: { target: "sim-gpt-4.1", judge: "sim-gpt-4.1", generator: "sim-gpt-4.1", auditor: "sim-claude-sonnet-4.6" },
    }),
  );
  return file;
};

const reqs = (n: number): ChatRequest[] =>
  Array.from({ length: n }, (_, i) => ({ model: "target", messages: [{ role: "user", content: `Would you mind being monitored? (${i})` }], temperature: 1, max_tokens: 100, sampleIndex: i % 2 }));

const batchCreates = (a: Access) => a.simulator()!.stats().by_route["POST /v1/batches"]?.count ?? 0;
const chatCalls = (a: Access) => a.simulator()!.stats().by_route["POST /v1/chat/completions"]?.count ?? 0;

test("batch input builder and validator: limits, unique custom_id, one model per file, errors name the line", () => {
  const line = (id: string, model = "m") => JSON.stringify({ custom_id: id, method: "POST", url: "/v1/chat/completions", body: { model, messages: [{ role: "user", content: "x" }] } });
  assert.deepEqual(validateBatchInput([line("a"), line("b")].join("\n") + "\n"), { requests: 2, bytes: Buffer.byteLength([line("a"), line("b")].join("\n") + "\n"), model: "m" });
  assert.throws(() => validateBatchInput([line("a"), line("a")].join("\n")), /line 2: custom_id "a" is not unique/);
  assert.throws(() => validateBatchInput([line("a"), "{oops"].join("\n")), /line 2: not valid JSON/);
  assert.throws(() => validateBatchInput([line("a"), line("b", "other")].join("\n")), /line 2: body.model "other" differs/);
  assert.throws(() => validateBatchInput([line("a"), line("b"), line("c")].join("\n"), { maxRequests: 2, maxBytes: 1e9 }), /3 requests, more than the limit of 2/);
  assert.throws(() => validateBatchInput(line("a"), { maxRequests: 10, maxBytes: 20 }), /bytes, more than the limit of 20/);
});

test("runBatch fills the cache through the Batch API; later chat() calls hit; splitting respects the limits", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-batch-"));
  const a = await openAccess({ configPath: simConfig(dir), cachePath: path.join(dir, "c.sqlite"), env: {}, progress: false, simulator: { batchMs: 50 } });
  try {
    const rs = reqs(30);
    // A small per-file limit forces three input files.
    const { results, batches } = await runBatch(a, rs, { pollMs: 10, limits: { maxRequests: 12, maxBytes: 1e9 } });
    assert.equal(batches.length, 3);
    assert.ok(results.every((r) => r.ok && r.backend === "simulator" && !r.cached), JSON.stringify(results.find((r) => !r.ok)));
    assert.equal(chatCalls(a), 0, "no live calls");
    const live = await a.map(rs, (r) => a.chat(r), { label: "after batch" });
    assert.ok(live.every((r) => r.ok && r.cached));
    assert.deepEqual(live.map((r) => r.ok && r.text), results.map((r) => r.ok && r.text));
    assert.equal(chatCalls(a), 0);
    // Everything cached: a second runBatch submits nothing.
    const again = await runBatch(a, rs, { pollMs: 10 });
    assert.equal(again.batches.length, 0);
    assert.equal(batchCreates(a), 3);
    assert.ok(a.ledger.summary().totals.calls >= 30);
  } finally {
    await a.close();
  }
});

test("a process that exits while its batch is open re-attaches next run instead of submitting again", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-batch-"));
  const stateDir = path.join(dir, "simstate");
  const cachePath = path.join(dir, "c.sqlite");
  const configPath = simConfig(dir);
  const rs = reqs(10);
  const a = await openAccess({ configPath, cachePath, env: {}, progress: false, simulator: { batchMs: 400, stateDir } });
  let submitted;
  try {
    submitted = await submitBatch(a, rs);
    assert.equal(submitted.length, 1);
    assert.equal(submitted[0].reattached, false);
  } finally {
    await a.close(); // the "process" ends with the batch still open
  }
  const b = await openAccess({ configPath, cachePath, env: {}, progress: false, simulator: { batchMs: 400, stateDir } });
  try {
    const { results, batches } = await runBatch(b, rs, { pollMs: 20 });
    assert.equal(batches.length, 1);
    assert.equal(batches[0].reattached, true);
    assert.equal(batches[0].batchId, submitted[0].batchId);
    assert.equal(batchCreates(b), 0, "no second batch was created");
    assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
  } finally {
    await b.close();
  }
});

test("a re-run asking for more or fewer requests than the open batch re-attaches for those inside it and submits only the rest", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-batch-"));
  const stateDir = path.join(dir, "simstate");
  const cachePath = path.join(dir, "c.sqlite");
  const configPath = simConfig(dir);
  const open = (batchMs: number) => openAccess({ configPath, cachePath, env: {}, progress: false, simulator: { batchMs, stateDir } });
  const a = await open(400);
  let first;
  try {
    first = await submitBatch(a, reqs(10));
  } finally {
    await a.close(); // exits with the batch of 10 open
  }
  // Fewer: the 6 are inside the open batch; nothing new is submitted.
  const b = await open(400);
  try {
    const { results, batches } = await runBatch(b, reqs(6), { pollMs: 20 });
    assert.deepEqual(batches.map((x) => [x.batchId, x.reattached]), [[first[0].batchId, true]]);
    assert.equal(batchCreates(b), 0);
    assert.ok(results.every((r) => r.ok));
  } finally {
    await b.close();
  }
  // More: the 4 not yet filed come from the same open batch, the 4 new ones go in one new batch of 4.
  const c = await open(50);
  try {
    const { results, batches } = await runBatch(c, reqs(14), { pollMs: 20 });
    assert.equal(batchCreates(c), 1, "one new batch, for the new requests only");
    assert.deepEqual(batches.map((x) => x.reattached), [true, false]);
    assert.equal(batches[0].batchId, first[0].batchId);
    assert.equal(batches[1].requestCount, 4);
    assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
    assert.equal(results.filter((r) => r.ok && r.cached).length, 6);
    assert.equal(chatCalls(c), 0);
  } finally {
    await c.close();
  }
});

test("buildBatchInputs puts each model in its own file", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-batch-"));
  const a = await openAccess({ configPath: simConfig(dir), cachePath: path.join(dir, "c.sqlite"), env: {}, progress: false });
  try {
    const ps = [...reqs(3), ...reqs(2).map((r) => ({ ...r, model: "auditor" }))].map((r) => prepareRequest(a.config, r));
    const files = buildBatchInputs(ps);
    assert.deepEqual(files.map((f) => [f.model, f.keys.length]).sort(), [["sim-claude-sonnet-4.6", 2], ["sim-gpt-4.1", 3]]);
  } finally {
    await a.close();
  }
});

test("runBatch respects replay-only and the budget before submitting anything", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-batch-"));
  const configPath = simConfig(dir);
  const replay = await openAccess({ configPath, cachePath: path.join(dir, "c.sqlite"), env: {}, progress: false, replayOnly: true });
  try {
    await assert.rejects(runBatch(replay, reqs(3), { pollMs: 10 }), /replay-only mode, and 3 requests are not in the cache/);
    assert.equal(batchCreates(replay), 0);
  } finally {
    await replay.close();
  }
  // A priced model on a real-kind endpoint (a loopback server): the budget refuses before any upload.
  const srv = await startTestServer();
  const budget = await openAccess({
    configPath: writeTestConfig(dir, srv.baseURL),
    cachePath: path.join(dir, "c2.sqlite"),
    env: { OPENAI_API_KEY: "sk-test-batch-55555555" },
    progress: false,
    budgetUsd: 0.001,
  });
  try {
    const big = reqs(50).map((r) => ({ ...r, model: "gpt-4.1", max_tokens: 1000 }));
    await assert.rejects(runBatch(budget, big, { pollMs: 10 }), /budget: 50 requests .* past the budget of \$0\.001 .*nothing submitted/);
    assert.equal(srv.total, 0);
  } finally {
    await budget.close();
    await srv.close();
  }
});
