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

// The limiter's pacing tests run on node:test's mock clock (setTimeout and Date), so they measure
// the limiter's schedule exactly and cannot fail because the machine is busy.
type MockContext = { mock: { timers: { enable(o: { apis: ("setTimeout" | "Date")[]; now?: number }): void; tick(ms: number): void } } };
const T0 = 1_000_000;
const useMockClock = (t: MockContext) => t.mock.timers.enable({ apis: ["setTimeout", "Date"], now: T0 });
/** Lets promise callbacks run (setImmediate is not mocked). */
const settle = () => new Promise<void>((r) => setImmediate(r));

/** Advances the mock clock 1 ms at a time until `done()` or `limitMs` have passed; returns the ms advanced. */
async function advanceUntil(t: MockContext, done: () => boolean, limitMs = 600_000): Promise<number> {
  await settle();
  let ms = 0;
  while (!done() && ms < limitMs) {
    t.mock.timers.tick(1);
    ms++;
    await settle();
  }
  return ms;
}

/** One permit, advancing the mock clock until the limiter grants it. */
async function take(t: MockContext, limiter: ReturnType<typeof createLimiter>): Promise<import("../src/access/limiter").Permit> {
  let permit: import("../src/access/limiter").Permit | undefined;
  void limiter.acquire(1).then((p) => (permit = p));
  await advanceUntil(t, () => permit !== undefined);
  return permit!;
}

/** Grant times (ms after T0) of n concurrent acquires on the mock clock. */
async function grants(t: MockContext, limiter: ReturnType<typeof createLimiter>, n: number, tokens = 1): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    void limiter.acquire(tokens).then((p) => {
      times.push(Date.now() - T0);
      p.release({ actualTokens: tokens });
    });
  }
  await advanceUntil(t, () => times.length === n);
  return times.sort((a, b) => a - b);
}

test("in-flight cap: never more than maxInFlight at once", async (t) => {
  useMockClock(t);
  const l = createLimiter({ maxInFlight: 3, rpm: null, tpm: null });
  let inFlight = 0;
  let peak = 0;
  let done = 0;
  for (let i = 0; i < 12; i++) {
    void l.acquire(1).then(async (p) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      p.release({});
      done++;
    });
  }
  const ms = await advanceUntil(t, () => done === 12);
  assert.equal(peak, 3);
  assert.equal(ms, 40, "12 holds of 10 ms, three at a time");
});

test("rpm pacing spreads requests evenly instead of bursting", async (t) => {
  useMockClock(t);
  const l = createLimiter({ maxInFlight: 100, rpm: 6000, tpm: null }); // 97/s with headroom: one per ~10.3 ms
  const times = await grants(t, l, 21);
  const gaps = times.slice(1).map((x, i) => x - times[i]);
  // The first two go at once (the pacer starts with one interval of catch-up credit), then one
  // every 10–11 ms.
  assert.deepEqual(times.slice(0, 2), [0, 0]);
  assert.ok(gaps.slice(1).every((g) => g >= 10 && g <= 11), `gaps ${gaps.join(",")}`);
  assert.ok(times[20] >= 190 && times[20] <= 200, `19 intervals took ${times[20]} ms`);
});

test("rpm pacing: no one-second window holds more than the rate", async (t) => {
  useMockClock(t);
  const l = createLimiter({ maxInFlight: 1000, rpm: 600, tpm: null }); // 9.7/s → 9 per second at most
  const times = await grants(t, l, 40);
  for (const start of times) {
    const inWindow = times.filter((x) => x >= start && x < start + 1000).length;
    assert.ok(inWindow <= 9, `${inWindow} grants in the second from ${start} ms`);
  }
});

test("tpm budget holds a request until enough tokens have refilled", async (t) => {
  useMockClock(t);
  // 6,000 tpm = 100 tokens/s with a bucket of ten seconds' worth (1,000 tokens).
  const l = createLimiter({ maxInFlight: 100, rpm: null, tpm: 6000 });
  const a = await l.acquire(1000);
  a.release({ actualTokens: 1000 });
  let granted = -1;
  void l.acquire(20).then((b) => {
    granted = Date.now() - T0;
    b.release({ actualTokens: 20 });
  });
  await advanceUntil(t, () => granted >= 0);
  assert.equal(granted, 200, "20 tokens at 100 tokens/s");
});

test("a 429 with Retry-After pauses the endpoint and cuts the pace; successes restore it", async (t) => {
  useMockClock(t);
  const l = createLimiter({ maxInFlight: 10, rpm: 60_000, tpm: null });
  const p = await l.acquire(1);
  p.release({ rateLimited: true, hints: { retryAfterMs: 120 } });
  assert.equal(l.state().factor, 0.8);
  assert.equal(l.state().effectiveInFlight, 8);
  let granted = -1;
  void l.acquire(1).then((q) => {
    granted = Date.now() - T0;
    q.release({});
  });
  await advanceUntil(t, () => granted >= 0);
  assert.equal(granted, 120, "waited exactly the Retry-After");
  // A second 429 inside the same moment counts once (one overload, one signal).
  let again: import("../src/access/limiter").Permit | undefined;
  void l.acquire(1).then((r) => (again = r));
  await advanceUntil(t, () => again !== undefined);
  again!.release({ rateLimited: true });
  assert.ok(l.state().factor > 0.8 * 0.8);
  let successes = 0;
  for (let i = 0; i < 20; i++) void l.acquire(1).then((q) => (q.release({}), successes++));
  await advanceUntil(t, () => successes === 20);
  assert.equal(l.state().factor, 1);
});

test("limits the server announces tighten the configured ones; remaining 0 waits about one request's worth", async (t) => {
  useMockClock(t);
  const l = createLimiter({ maxInFlight: 10, rpm: null, tpm: null });
  const p = await l.acquire(1);
  p.release({ hints: { limitRequests: 600, remainingRequests: 0, resetRequestsMs: 60_000 } });
  assert.equal(Math.round(l.state().effectiveRpm!), Math.round(600 * 0.97));
  // 60 s to refill 600 requests → one request after 100 ms, not a full minute.
  let granted = -1;
  void l.acquire(1).then((q) => {
    granted = Date.now() - T0;
    q.release({});
  });
  await advanceUntil(t, () => granted >= 0);
  assert.ok(granted >= 100 && granted <= 104, `waited ${granted} ms`);
});

test("while the server reports room, pacing runs at its full announced rate; near the end of the allowance, with headroom", async (t) => {
  useMockClock(t);
  const l = createLimiter({ maxInFlight: 100, rpm: null, tpm: null });
  (await take(t, l)).release({ hints: { limitRequests: 6000, remainingRequests: 5000, resetRequestsMs: 10_000 } });
  assert.equal(l.state().effectiveRpm, 6000);
  const roomy = await grants(t, l, 21);
  assert.ok(roomy[20] - roomy[1] <= 190, `19 intervals at 100/s took ${roomy[20] - roomy[1]} ms`);
  (await take(t, l)).release({ hints: { limitRequests: 6000, remainingRequests: 100, resetRequestsMs: 59_000 } });
  assert.equal(Math.round(l.state().effectiveRpm!), Math.round(6000 * 0.97));
  // A 429 always brings the headroom back, whatever was reported before.
  (await take(t, l)).release({ hints: { limitRequests: 6000, remainingRequests: 5000, resetRequestsMs: 10_000 } });
  (await take(t, l)).release({ rateLimited: true });
  assert.equal(Math.round(l.state().effectiveRpm!), Math.round(6000 * 0.97 * 0.8));
});

test("while the server reports room, up to 250 ms of pace missed on a busy event loop is caught up at once", async (t) => {
  useMockClock(t);
  const caughtUp = async (remaining: number) => {
    const l = createLimiter({ maxInFlight: 1000, rpm: null, tpm: null });
    (await take(t, l)).release({ hints: { limitRequests: 6000, remainingRequests: remaining, resetRequestsMs: 10_000 } });
    // The loop was busy for 400 ms: nothing was asked for, then 40 requests arrive together.
    t.mock.timers.tick(400);
    let granted = 0;
    for (let i = 0; i < 40; i++) void l.acquire(1).then((p) => (granted++, p.release({})));
    await settle();
    return granted;
  };
  // 100/s: 250 ms of credit is 25 requests (+1 for the current slot) with a well-filled bucket ...
  assert.equal(await caughtUp(5000), 26);
  // ... and only the current slot and the next when the bucket is nearly empty.
  assert.equal(await caughtUp(100), 2);
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
    // The simulator reports nearly all of its allowance left: pacing runs at the full announced rate.
    assert.equal(Math.round(a.limiterState("simulator")!.effectiveRpm!), 600);
  } finally {
    await a.close();
  }
});
