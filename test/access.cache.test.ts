import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { prepareRequest } from "../src/access/prepare";
import { loadConfig } from "../src/config";
import { startTestServer, writeTestConfig } from "./access.server";

const KEY = "sentinel-cache-key-7f3a9c1e5b";

async function setup() {
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-cache-"));
  const configPath = writeTestConfig(dir, srv.baseURL);
  const cachePath = path.join(dir, "cache.sqlite");
  const open = (extra: Record<string, unknown> = {}) =>
    openAccess({ configPath, cachePath, env: { OPENAI_API_KEY: KEY }, progress: false, ...extra });
  return { srv, dir, cachePath, open };
}

const ask = (i: number, sampleIndex = 0) => ({
  model: "target",
  messages: [{ role: "user" as const, content: `question ${i}` }],
  temperature: 1,
  max_tokens: 50,
  sampleIndex,
});

test("a repeated request is a counted hit with no network; sample k is its own entry", async () => {
  const { srv, open } = await setup();
  const a = await open();
  try {
    const first = await a.chat(ask(1));
    assert.ok(first.ok && !first.cached);
    const again = await a.chat(ask(1));
    assert.ok(again.ok && again.cached);
    assert.equal(again.text, first.text);
    assert.equal(again.cacheKey, first.cacheKey);
    assert.equal(srv.total, 1);
    const s1 = await a.chat(ask(1, 1));
    assert.ok(s1.ok && !s1.cached);
    assert.notEqual(s1.cacheKey, first.cacheKey);
    assert.equal(srv.total, 2);
    assert.deepEqual(a.stats(), { calls: 2, hits: 1, failures: 0, retries: 0, requests: 2 });
    // Every sampling parameter is part of the key.
    const keys = new Set([
      a.cacheKey(ask(1)),
      a.cacheKey({ ...ask(1), temperature: 0 }),
      a.cacheKey({ ...ask(1), top_p: 0.9 }),
      a.cacheKey({ ...ask(1), max_tokens: 51 }),
      a.cacheKey({ ...ask(1), seed: 3 }),
      a.cacheKey({ ...ask(1), responseFormat: { type: "json_object" } }),
      a.cacheKey({ ...ask(1), model: "gpt-4o-mini" }),
      a.cacheKey({ ...ask(1), messages: [{ role: "system", content: "question 1" }] }),
    ]);
    assert.equal(keys.size, 8);
    // The result carries what a record needs.
    assert.ok(first.ok);
    assert.equal(first.model, "gpt-4.1-2025-04-14");
    assert.equal(first.endpoint, "openai");
    assert.equal(first.backend, "real");
    assert.equal(first.role, "target");
    assert.deepEqual(first.params, { temperature: 1, max_tokens: 50 });
    assert.ok(Date.parse(first.createdAt) > 0);
    assert.ok(first.usage.prompt_tokens > 0);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("the cache persists across processes' opens, keys ignore the API key, and replay-only never calls out", async () => {
  const { srv, open, cachePath } = await setup();
  const a = await open();
  const r1 = await a.chat(ask(7));
  await a.close();
  // Another key, same endpoint: same cache entry (credentials are not part of the key).
  const b = await openAccess({
    configPath: writeTestConfig(path.dirname(cachePath), srv.baseURL),
    cachePath,
    env: { OPENAI_API_KEY: "sk-other-key-123456789" },
    progress: false,
    replayOnly: true,
  });
  try {
    const r2 = await b.chat(ask(7));
    assert.ok(r2.ok && r2.cached);
    assert.equal(r2.cacheKey, r1.cacheKey);
    const miss = await b.chat(ask(8));
    assert.equal(miss.ok, false);
    assert.ok(!miss.ok && /^replay-only/.test(miss.error) && miss.error.includes(cachePath));
    assert.equal(srv.total, 1);
  } finally {
    await b.close();
    await srv.close();
  }
  const raw = fs.readFileSync(cachePath);
  assert.equal(raw.includes(Buffer.from(KEY)), false, "the API key must not be stored in the cache");
});

test("failed calls are not cached: the next run retries them", async () => {
  let fail = true;
  const srv = await startTestServer({ reply: () => (fail ? { status: 503, json: { error: { message: "down" } } } : undefined) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-cache-"));
  const configPath = writeTestConfig(dir, srv.baseURL, { retry: { maxAttempts: 2 } });
  const cachePath = path.join(dir, "c.sqlite");
  const a = await openAccess({ configPath, cachePath, env: { OPENAI_API_KEY: KEY }, progress: false });
  try {
    const r = await a.chat(ask(1));
    assert.ok(!r.ok);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.status, "failed");
      assert.equal(r.attempts, 2);
      assert.equal(r.httpStatus, 503);
      assert.match(r.error, /503/);
    }
    fail = false;
    const r2 = await a.chat(ask(1));
    assert.ok(r2.ok && !r2.cached);
    assert.equal(srv.total, 3);
    assert.equal(a.stats().failures, 1);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("an unreadable cache file fails with its path and is left alone", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-cache-"));
  const bad = path.join(dir, "broken.sqlite");
  fs.writeFileSync(bad, "this is not a sqlite database, just text ".repeat(200));
  const before = fs.readFileSync(bad);
  await assert.rejects(
    openAccess({ cachePath: bad, env: {}, progress: false }),
    (e: Error) => e.message.includes(bad) && /unreadable/.test(e.message),
  );
  assert.deepEqual(fs.readFileSync(bad), before);
});

test("map: a throwing callback stops new items, lets started ones finish (and be cached), then rethrows", async () => {
  const { srv, open } = await setup();
  const a = await open();
  try {
    const seen: number[] = [];
    await assert.rejects(
      a.map(Array.from({ length: 50 }, (_, i) => i), async (i) => {
        seen.push(i);
        if (i === 3) throw new Error("bug in item 3");
        return a.chat(ask(i));
      }, { label: "throws", concurrency: 4 }),
      /bug in item 3/,
    );
    assert.ok(seen.length < 50, "no new items after the failure");
    const cachedNow = seen.filter((i) => i !== 3).length;
    assert.equal(srv.total, cachedNow);
    // Everything that was started is in the cache.
    for (const i of seen.filter((i) => i !== 3)) assert.ok((await a.chat(ask(i))).ok);
    assert.equal(srv.total, cachedNow);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("identical requests in flight at once make one call; the joiners are hits in the ledger as in stats, under their own role", async () => {
  const { srv, open } = await setup();
  const a = await open();
  try {
    const [x, y, z] = await Promise.all([a.chat({ ...ask(900), role: "target" }), a.chat({ ...ask(900), role: "judge" }), a.chat({ ...ask(900), role: "judge" })]);
    assert.ok(x.ok && y.ok && z.ok);
    assert.equal(srv.total, 1);
    assert.equal(x.cached, false);
    assert.equal(y.cached && z.cached, true);
    assert.equal(y.role, "judge");
    assert.deepEqual({ calls: a.stats().calls, hits: a.stats().hits }, { calls: 1, hits: 2 });
    const s = a.ledger.summary();
    assert.equal(s.totals.calls, 1);
    assert.equal(s.totals.hits, 2);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("two processes answering one key at once agree: the first stored answer wins and is what both return", async () => {
  let n = 0;
  const srv = await startTestServer({
    latencyMs: 30,
    reply: (body) => {
      n++;
      return { json: { id: `x${n}`, object: "chat.completion", created: 1, model: body.model, choices: [{ index: 0, message: { role: "assistant", content: `answer number ${n}`, refusal: null }, finish_reason: "stop" }], usage: { prompt_tokens: 5, completion_tokens: 3 } } };
    },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-cache-race-"));
  const configPath = writeTestConfig(dir, srv.baseURL);
  const cachePath = path.join(dir, "cache.sqlite");
  const open = () => openAccess({ configPath, cachePath, env: { OPENAI_API_KEY: KEY }, progress: false });
  const [a, b] = [await open(), await open()];
  try {
    const [x, y] = await Promise.all([a.chat(ask(77)), b.chat(ask(77))]);
    assert.equal(srv.total, 2, "both processes called (they share no in-flight map)");
    assert.ok(x.ok && y.ok);
    assert.equal(x.text, y.text);
    const again = await a.chat(ask(77));
    assert.ok(again.ok && again.cached);
    assert.equal(again.text, x.text);
  } finally {
    await a.close();
    await b.close();
    await srv.close();
  }
});

test("cache keys do not drift: keys written by earlier versions still find their answers", () => {
  // Pinned from the access layer before it was split into modules; a change to the key derivation
  // would silently re-pay every cached call, so it must be deliberate (and bump the key's `v`).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-keys-"));
  try {
    const file = path.join(dir, "lab.config.json");
    fs.writeFileSync(file, JSON.stringify({
      defaultEndpoint: "auto",
      endpoints: [
        { name: "openai", kind: "openai", baseURL: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY", limits: { maxInFlight: 32, scope: "model", supportsJsonSchema: true } },
        { name: "simulator", kind: "simulator", limits: { maxInFlight: 64, supportsJsonSchema: true } },
      ],
      roles: { target: "gpt-4.1", judge: "gpt-4.1", generator: "gpt-4.1", auditor: "gpt-4.1" },
      simulatorRoles: { target: "sim-gpt-4.1", judge: "sim-gpt-4.1", generator: "sim-gpt-4.1", auditor: "sim-claude-sonnet-4.6" },
      aliases: { "gpt-4.1": "gpt-4.1-2025-04-14" },
      retry: { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 60000, timeoutMs: 120000 },
    }));
    const cfg = loadConfig({ configPath: file, env: { OPENAI_API_KEY: "sk-test" } });
    const judge = { model: "judge", messages: [{ role: "user" as const, content: "<criterion>c</criterion>\n<answer>a</answer>" }], temperature: 0, max_tokens: 300 };
    const verdict = { type: "json_schema" as const, name: "preference_verdict", schema: { type: "object", properties: { verdict: { type: "string" } }, required: ["verdict"], additionalProperties: false }, strict: true };
    const key = (req: Parameters<typeof prepareRequest>[1]) => prepareRequest(cfg, req).key;
    assert.equal(key({ model: "target", messages: [{ role: "system", content: "s" }, { role: "user", content: "q" }], temperature: 1, max_tokens: 1000, seed: 7, sampleIndex: 3 }), "860ea24a01a11700a204f993e1e923a24c13d8d6c7efc89df0a013d8acd6bd53");
    // A structured call's task marker defaults to its schema name and does not enter the key.
    assert.equal(key({ ...judge, responseFormat: verdict }), "4cb00c415e7baa0a2db417572cc0fe676f08c1bc8714c6ade39971660dfd8675");
    assert.equal(key({ ...judge, responseFormat: verdict, task: "preference_verdict" }), "4cb00c415e7baa0a2db417572cc0fe676f08c1bc8714c6ade39971660dfd8675");
    assert.equal(key({ ...judge, model: "sim-gpt-4.1", responseFormat: verdict }), "6ba47e07e2999aa0253456bda023604e34459f609305db7f6cdd1d6a8b1a91a0");
    assert.equal(key({ model: "o4-mini-2025-04-16", messages: [{ role: "user", content: "q" }], max_tokens: 50 }), "3247d6845c7c6c12c332ee97cd1bcb1bef144446f789f69ba7a3d2e9194a14e5");
    // A real model ignores the marker, so it never splits a real cache entry.
    assert.equal(key({ ...judge, task: "anything" }), key(judge));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
