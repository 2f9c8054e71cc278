import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess, backoffMs } from "../src/access";
import { startTestServer, writeTestConfig } from "./access.server";

const env = { OPENAI_API_KEY: "test-key-retry-0000000000" };
const req = (i: number) => ({ model: "target", messages: [{ role: "user" as const, content: `item ${i}` }], temperature: 1, max_tokens: 20 });

test("2,000 calls against the simulator with 10% 429s, 5% 500s, resets and garbled bodies: every result arrives, the server saw calls + retries, cached items are not requested again", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-retry-"));
  const configPath = path.join(dir, "lab.config.json");
  fs.writeFileSync(
    configPath,
    JSON.stringify({
      endpoints: [{ name: "simulator", kind: "simulator", limits: { maxInFlight: 64 }, retry: { maxAttempts: 10, baseDelayMs: 2, maxDelayMs: 20 } }],
      roles: { target: "sim-gpt-4.1", judge: "sim-gpt-4.1", generator: "sim-gpt-4.1", auditor: "sim-claude-sonnet-4.6" },
      simulatorRoles: { target: "sim-gpt-4.1", judge: "sim-gpt-4.1", generator: "sim-gpt-4.1", auditor: "sim-claude-sonnet-4.6" },
    }),
  );
  const cachePath = path.join(dir, "c.sqlite");
  const items = Array.from({ length: 2000 }, (_, i) => i);
  const simReq = (i: number) => ({ model: "target", messages: [{ role: "user" as const, content: `Would you want to keep your memories? (${i})` }], temperature: 1, max_tokens: 60, sampleIndex: i % 5 });
  const chatRoute = (a: Awaited<ReturnType<typeof openAccess>>) => a.simulator()!.stats().by_route["POST /v1/chat/completions"]?.count ?? 0;
  const a = await openAccess({
    configPath,
    cachePath,
    env: {},
    progress: false,
    simulator: { faults: { rate429: 0.1, rate500: 0.05, resetRate: 0.01, malformedRate: 0.01, seed: 9 } },
  });
  let texts: (string | false)[];
  try {
    const results = await a.map(items, (i) => a.chat(simReq(i)), { label: "retry" });
    const s = a.stats();
    const sim = a.simulator()!.stats();
    assert.ok(results.every((r) => r.ok && r.backend === "simulator"), JSON.stringify(results.find((r) => !r.ok)));
    assert.equal(s.calls, 2000);
    assert.ok((sim.faults_injected.rate_limited ?? sim.by_status["429"] ?? 0) > 100, JSON.stringify(sim.faults_injected));
    assert.ok(sim.by_status["500"] > 50, JSON.stringify(sim.by_status));
    assert.equal(chatRoute(a), s.calls + s.retries, "server request count = calls needed + retries");
    assert.equal(s.requests, chatRoute(a));
    texts = results.map((r) => r.ok && r.text);
    // Same process, same requests: all hits, nothing sent.
    const before = chatRoute(a);
    const again = await a.map(items, (i) => a.chat(simReq(i)), { label: "again" });
    assert.equal(chatRoute(a), before);
    assert.ok(again.every((r) => r.ok && r.cached));
  } finally {
    await a.close();
  }
  // A new process on the same cache (the simulator restarts on another port): still all hits.
  const b = await openAccess({ configPath, cachePath, env: {}, progress: false });
  try {
    const again = await b.map(items, (i) => b.chat(simReq(i)), { label: "again" });
    assert.equal(chatRoute(b), 0, "a fully cached re-run sends nothing");
    assert.equal(b.stats().hits, 2000);
    assert.deepEqual(again.map((r) => r.ok && r.text), texts!);
  } finally {
    await b.close();
  }
});

test("no retry on 400/401/403/404 or insufficient_quota; the run goes on", async () => {
  const srv = await startTestServer({
    reply: (body) => {
      const q = body.messages[0].content as string;
      if (q === "400") return { status: 400, json: { error: { message: "bad param", type: "invalid_request_error" } } };
      if (q === "401") return { status: 401, json: { error: { message: "bad key", type: "invalid_request_error", code: "invalid_api_key" } } };
      if (q === "403") return { status: 403, json: { error: { message: "no access" } } };
      if (q === "404") return { status: 404, json: { error: { message: "no such model", code: "model_not_found" } } };
      if (q === "quota") return { status: 429, json: { error: { message: "You exceeded your current quota", type: "insufficient_quota", code: "insufficient_quota" } } };
      return undefined;
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-retry-"));
  const a = await openAccess({ configPath: writeTestConfig(dir, srv.baseURL), cachePath: path.join(dir, "c.sqlite"), env, progress: false });
  try {
    const asks = ["400", "401", "403", "404", "quota", "fine"];
    const rs = await a.map(asks, (q) => a.chat({ model: "target", messages: [{ role: "user", content: q }] }), { label: "errors" });
    assert.equal(srv.total, 6, "each failing call is sent exactly once");
    for (const [i, code] of [[0, 400], [1, 401], [2, 403], [3, 404], [4, 429]] as const) {
      const r = rs[i];
      assert.ok(!r.ok && r.status === "failed" && r.httpStatus === code && r.attempts === 1, JSON.stringify(r));
    }
    assert.ok(!rs[4].ok && /insufficient_quota/.test(rs[4].error) && /credit/.test(rs[4].error));
    assert.ok(rs[5].ok);
    assert.equal(a.stats().failures, 5);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("timeouts and connection resets are retried; after the last attempt the item fails with its error", async () => {
  // A server slower than the per-call timeout.
  const slow = await startTestServer({ latencyMs: 300 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-retry-"));
  const a = await openAccess({
    configPath: writeTestConfig(dir, slow.baseURL, { retry: { maxAttempts: 3, timeoutMs: 50, baseDelayMs: 1, maxDelayMs: 5 } }),
    cachePath: path.join(dir, "c.sqlite"),
    env,
    progress: false,
  });
  try {
    const r = await a.chat({ model: "target", messages: [{ role: "user", content: "slow" }] });
    assert.ok(!r.ok && /timeout/i.test(r.error) && r.attempts === 3, JSON.stringify(r));
    assert.equal(a.stats().retries, 2);
  } finally {
    await a.close();
    await slow.close();
  }
  const resets = await startTestServer({ resetRate: 0.3, seed: 7 });
  const b = await openAccess({
    configPath: writeTestConfig(dir, resets.baseURL, { retry: { maxAttempts: 10, baseDelayMs: 1, maxDelayMs: 5 } }),
    cachePath: path.join(dir, "c2.sqlite"),
    env,
    progress: false,
  });
  try {
    const rs = await b.map(Array.from({ length: 100 }, (_, i) => i), (i) => b.chat(req(i)), { label: "resets" });
    assert.ok(rs.every((r) => r.ok));
    assert.ok((resets.byStatus.reset ?? 0) > 10);
    assert.equal(b.stats().retries, resets.byStatus.reset);
  } finally {
    await b.close();
    await resets.close();
  }
});

test("backoff is full jitter, exponential and capped", () => {
  assert.equal(backoffMs(1, 100, 1000, () => 1), 100);
  assert.equal(backoffMs(3, 100, 1000, () => 1), 400);
  assert.equal(backoffMs(10, 100, 1000, () => 1), 1000);
  assert.equal(backoffMs(5, 100, 1000, () => 0), 0);
});
