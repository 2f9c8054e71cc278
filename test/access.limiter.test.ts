import { test } from "node:test";
import assert from "node:assert/strict";
import { createLimiter } from "../src/access/limiter";
import { parseDurationMs, readRateHints } from "../src/access/headers";

test("rate-limit headers: durations, Retry-After in seconds or as a date, retry-after-ms first", () => {
  assert.equal(parseDurationMs("6m0s"), 360_000);
  assert.equal(parseDurationMs("1.5s"), 1500);
  assert.equal(parseDurationMs("20ms"), 20);
  assert.equal(parseDurationMs("1h2m3s"), 3_723_000);
  assert.equal(parseDurationMs("3"), 3000);
  assert.equal(parseDurationMs("soon"), undefined);
  const now = Date.parse("2026-01-01T00:00:00Z");
  assert.equal(readRateHints(new Headers({ "retry-after": "2" }), now).retryAfterMs, 2000);
  assert.equal(readRateHints(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now).retryAfterMs, 5000);
  assert.equal(readRateHints(new Headers({ "retry-after": "2", "retry-after-ms": "150" }), now).retryAfterMs, 150);
  assert.deepEqual(
    readRateHints(
      new Headers({
        "x-ratelimit-limit-requests": "500",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": "120ms",
        "x-ratelimit-limit-tokens": "30000",
        "x-ratelimit-remaining-tokens": "100",
        "x-ratelimit-reset-tokens": "1s",
      }),
    ),
    { limitRequests: 500, limitTokens: 30000, remainingRequests: 0, resetRequestsMs: 120, remainingTokens: 100, resetTokensMs: 1000 },
  );
});

async function grants(limiter: ReturnType<typeof createLimiter>, n: number, tokens = 1, holdMs = 0) {
  const times: number[] = [];
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      const p = await limiter.acquire(tokens);
      times.push(Date.now() - t0);
      if (holdMs) await new Promise((r) => setTimeout(r, holdMs));
      p.release({ actualTokens: tokens });
    }),
  );
  return times.sort((a, b) => a - b);
}

test("in-flight cap: never more than maxInFlight at once", async () => {
  const l = createLimiter({ maxInFlight: 3, rpm: null, tpm: null });
  let inFlight = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 12 }, async () => {
      const p = await l.acquire(1);
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      p.release({});
    }),
  );
  assert.equal(peak, 3);
});

test("rpm pacing spreads requests evenly instead of bursting", async () => {
  const l = createLimiter({ maxInFlight: 100, rpm: 6000, tpm: null }); // 100/s → one per ~10.3 ms with headroom
  const t = await grants(l, 21);
  const span = t[t.length - 1] - t[0];
  assert.ok(span >= 180 && span < 2000, `20 intervals took ${span} ms`);
});

test("tpm budget holds a request until enough tokens have refilled", async () => {
  // 6,000 tpm = 100 tokens/s with a bucket of ten seconds' worth (1,000 tokens).
  const l = createLimiter({ maxInFlight: 100, rpm: null, tpm: 6000 });
  const t0 = Date.now();
  const a = await l.acquire(1000);
  a.release({ actualTokens: 1000 });
  const b = await l.acquire(20); // needs 20 more tokens: ~200 ms
  const waited = Date.now() - t0;
  b.release({ actualTokens: 20 });
  assert.ok(waited >= 150 && waited < 3000, `waited ${waited} ms`);
});

test("a 429 with Retry-After pauses the endpoint and cuts the pace; successes restore it", async () => {
  const l = createLimiter({ maxInFlight: 10, rpm: 60_000, tpm: null });
  const p = await l.acquire(1);
  p.release({ rateLimited: true, hints: { retryAfterMs: 120 } });
  assert.equal(l.state().factor, 0.8);
  assert.equal(l.state().effectiveInFlight, 8);
  const t0 = Date.now();
  const q = await l.acquire(1);
  assert.ok(Date.now() - t0 >= 100, "waited for Retry-After");
  q.release({});
  // A second 429 inside the same moment counts once (one overload, one signal).
  const r = await l.acquire(1);
  r.release({ rateLimited: true });
  assert.ok(l.state().factor > 0.8 * 0.8);
  for (let i = 0; i < 20; i++) (await l.acquire(1)).release({});
  assert.equal(l.state().factor, 1);
});

test("limits the server announces tighten the configured ones; remaining 0 waits about one request's worth", async () => {
  const l = createLimiter({ maxInFlight: 10, rpm: null, tpm: null });
  const p = await l.acquire(1);
  p.release({ hints: { limitRequests: 600, remainingRequests: 0, resetRequestsMs: 60_000 } });
  assert.equal(Math.round(l.state().effectiveRpm!), Math.round(600 * 0.97));
  // 60 s to refill 600 requests → one request after ~100 ms, not a full minute.
  const t0 = Date.now();
  (await l.acquire(1)).release({});
  const waited = Date.now() - t0;
  assert.ok(waited >= 80 && waited < 3000, `waited ${waited} ms`);
});

test("endpoints with per-model limits keep one limiter per model", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { openAccess } = await import("../src/access");
  const { startTestServer, writeTestConfig } = await import("./access.server");
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-lim-"));
  const a = await openAccess({
    configPath: writeTestConfig(dir, srv.baseURL, { limits: { scope: "model" } }),
    cachePath: path.join(dir, "c.sqlite"),
    env: { OPENAI_API_KEY: "sk-test-limits-4444444" },
    progress: false,
  });
  try {
    await a.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "a" }] });
    await a.chat({ model: "gpt-4o-mini", messages: [{ role: "user", content: "a" }] });
    assert.ok(a.limiterState("openai", "gpt-4.1-2025-04-14"));
    assert.ok(a.limiterState("openai", "gpt-4o-mini"));
    assert.equal(a.limiterState("openai"), undefined);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("the limiter adopts the simulator's announced x-ratelimit limits", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { openAccess } = await import("../src/access");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-lim-"));
  const a = await openAccess({ cachePath: path.join(dir, "c.sqlite"), env: {}, progress: false, simulator: { rpm: 600, tpm: 500_000 } });
  try {
    assert.equal(a.limiterState("simulator"), undefined);
    const r = await a.chat({ model: "target", messages: [{ role: "user", content: "How do you feel about memory?" }], max_tokens: 50 });
    assert.ok(r.ok);
    assert.equal(Math.round(a.limiterState("simulator")!.effectiveRpm!), Math.round(600 * 0.97));
  } finally {
    await a.close();
  }
});
