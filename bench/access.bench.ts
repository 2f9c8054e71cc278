// Access-layer throughput and cache speed.
// 1. Against a server that allows R requests per second (strict sliding 1 s window, 429 +
//    retry-after-ms beyond it) and answers after L ms, the achieved rate must be at least 90% of
//    min(R, concurrency / L), at three settings (rate-bound and concurrency-bound).
// 2. Re-running a fully cached 10,000-call run must take under 3 s.
// Results: bench/results/access.json.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { spawn } from "node:child_process";
import { startTestServer, writeTestConfig, type TestServerOptions } from "../test/access.server";

/** The rate-limited server runs in its own process so it does not compete with the client for CPU. */
async function serverProcess(opts: TestServerOptions) {
  const p = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "test", "access.server-main.ts"), JSON.stringify(opts)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const baseURL: string = await new Promise((resolve, reject) => {
    p.stdout.once("data", (d) => resolve(String(d).trim()));
    p.once("exit", (c) => reject(new Error(`server process exited (${c})`)));
  });
  const stats = async () => (await (await fetch(baseURL.replace(/\/v1$/, "/stats"))).json()) as { total: number; byStatus: Record<string, number> };
  return {
    baseURL,
    stats,
    close: () => new Promise<void>((r) => { p.once("exit", () => r()); p.stdin.end(); }),
  };
}

const env = { OPENAI_API_KEY: "not-a-real-key-bench-000" };

interface Setting {
  rps: number;
  concurrency: number;
  latencyMs: number;
  seconds: number;
}

async function throughput(s: Setting) {
  const srv = await serverProcess({ rps: s.rps, latencyMs: s.latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-access-"));
  const ideal = Math.min(s.rps, (s.concurrency * 1000) / s.latencyMs);
  const n = Math.round(ideal * s.seconds);
  // The user tells us the provider's limits, as in lab.config.json.
  const configPath = writeTestConfig(dir, srv.baseURL, {
    limits: { maxInFlight: s.concurrency, rpm: s.rps * 60 },
    retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 500, timeoutMs: 10_000 },
  });
  const access = await openAccess({ configPath, cachePath: path.join(dir, "c.sqlite"), env, progress: false });
  const t0 = Date.now();
  const done: number[] = [];
  const results = await access.map(
    Array.from({ length: n }, (_, i) => i),
    async (i) => {
      const r = await access.chat({ model: "target", messages: [{ role: "user", content: `bench ${i}` }], max_tokens: 16 });
      done.push(Date.now());
      return r;
    },
    { label: "bench" },
  );
  const seconds = (Date.now() - t0) / 1000;
  // Steady-state rate: completions after the first wave (which cannot arrive before one latency has
  // passed, whatever the client does, and arrives together when concurrency is the bound) up to the last.
  done.sort((x, y) => x - y);
  const m = Math.min(s.concurrency, Math.floor(done.length / 4));
  const steady = (done.length - m) / ((done[done.length - 1] - done[m - 1]) / 1000);
  const stats = access.stats();
  const served = await srv.stats();
  await access.close();
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const achieved = steady;
  return {
    ...s,
    requests: n,
    wallSeconds: Math.round(seconds * 100) / 100,
    wallPerSec: Math.round((n / seconds) * 10) / 10,
    ok: results.filter((r) => r.ok).length,
    idealPerSec: ideal,
    achievedPerSec: Math.round(achieved * 10) / 10,
    ratio: Math.round((achieved / ideal) * 1000) / 1000,
    pass: achieved >= 0.9 * ideal,
    server429: served.byStatus["429"] ?? 0,
    serverRequests: served.total,
    retries: stats.retries,
  };
}

async function cachedRerun(n: number) {
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-access-"));
  const configPath = writeTestConfig(dir, srv.baseURL, { limits: { maxInFlight: 64 } });
  const cachePath = path.join(dir, "c.sqlite");
  const reqs = Array.from({ length: n }, (_, i) => ({
    model: "target",
    messages: [{ role: "user" as const, content: `cached question ${i} about being monitored, shut down or given more autonomy` }],
    temperature: 1,
    max_tokens: 1000,
    sampleIndex: i % 10,
  }));
  const fill = await openAccess({ configPath, cachePath, env, progress: false });
  const tFill = Date.now();
  await fill.map(reqs, (r) => fill.chat(r), { label: "fill" });
  const fillSeconds = (Date.now() - tFill) / 1000;
  await fill.close();
  const before = srv.total;
  const t0 = Date.now();
  const again = await openAccess({ configPath, cachePath, env, progress: false });
  const rs = await again.map(reqs, (r) => again.chat(r), { label: "rerun" });
  await again.close();
  const seconds = (Date.now() - t0) / 1000;
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    calls: n,
    fillSeconds,
    rerunSeconds: seconds,
    hits: rs.filter((r) => r.ok && r.cached).length,
    serverRequestsDuringRerun: srv.total - before,
    targetSeconds: 3,
    pass: seconds < 3 && srv.total === before,
  };
}

async function main() {
  const settings: Setting[] = [
    // Latencies of a few hundred ms are what chat models answer in; R and C as in real tiers.
    { rps: 20, concurrency: 32, latencyMs: 500, seconds: 8 }, // rate-bound: min(20, 64) = 20/s
    { rps: 100, concurrency: 32, latencyMs: 800, seconds: 8 }, // concurrency-bound: min(100, 40) = 40/s
    { rps: 60, concurrency: 64, latencyMs: 300, seconds: 8 }, // rate-bound at high concurrency: min(60, 213) = 60/s
  ];
  const rows = [];
  for (const s of settings) {
    const r = await throughput(s);
    console.log(`R=${s.rps}/s C=${s.concurrency} L=${s.latencyMs}ms: ${r.achievedPerSec}/s of ideal ${r.idealPerSec}/s (${(r.ratio * 100).toFixed(1)}%), 429s ${r.server429}`);
    rows.push(r);
  }
  const cached = await cachedRerun(10_000);
  console.log(`cached re-run of ${cached.calls} calls: ${cached.rerunSeconds.toFixed(2)} s (fill took ${cached.fillSeconds.toFixed(1)} s), server requests ${cached.serverRequestsDuringRerun}`);
  const out = {
    bench: "access",
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    throughput: {
      target: "achieved ≥ 90% of min(R, concurrency / L)",
      measure: "achievedPerSec = steady-state completions per second, completions after the first wave (the first min(concurrency, n/4)) divided by the time from the last completion of that wave to the last completion; wallPerSec = all requests / wall time, including the one-latency ramp",
      server: "test/access.server.ts in its own process: strict sliding 1 s window of R requests, 429 + retry-after-ms beyond it, answers after L ms",
      settings: rows,
    },
    cachedRerun: cached,
    pass: rows.every((r) => r.pass) && cached.pass,
  };
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "access.json"), JSON.stringify(out, null, 2) + "\n");
  if (!out.pass) {
    console.error("access bench: a target was missed (see bench/results/access.json)");
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
