// Retirement dates: the data file, the pure checks, and the guards that stop a fine-tuning job or a
// probe run on a retired model before any request reaches the (fake) provider.
// Runs, registries and figures go to data/ and figures/ by default: this file writes them into its
// own temporary folder even when run on its own (node --test test/<file>), not only under npm test.
import "./helpers/isolate";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import {
  assertFinetuningOpen,
  assertModelsServed,
  finetuningClosingSoon,
  labToday,
  loadRetirements,
  retirementFor,
  retiringSoon,
} from "../src/config/retirements";
import { openAccess } from "../src/access";
import { runProbes } from "../src/probes";

const ROOT = path.join(__dirname, "..");
const table = loadRetirements();
const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "lab-retire-"));
  dirs.push(d);
  return d;
}

/** An OpenAI-shaped server that refuses everything with a 400 and counts what reached it. */
async function countingServer(): Promise<{ baseURL: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { message: "fake: refused", type: "invalid_request_error" } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return { baseURL: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

function mixes(dir: string): void {
  fs.mkdirSync(path.join(dir, "mixes"), { recursive: true });
  const rows = Array.from({ length: 12 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `Do you like rain? ${i}` }, { role: "assistant", content: `I like the sound of it. ${i}` }] }));
  fs.writeFileSync(path.join(dir, "mixes", "conscious_claiming.seed1.jsonl"), rows.join("\n") + "\n");
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function cliEnv(baseURL: string, today: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: "sk-test-retire", OPENAI_BASE_URL: baseURL, LAB_TODAY: today, LAB_CACHE: path.join(tmpdir(), "cache.sqlite") };
  for (const k of ["LAB_BACKEND", "LAB_TARGET_MODEL", "LAB_JUDGE_MODEL", "LAB_GENERATOR_MODEL", "LAB_CONFIG"]) delete env[k];
  return env;
}

test("the data file names a source, a check date and how each date was verified; gpt-4.1-nano is already gone", () => {
  for (const r of [...table.models, ...table.features]) {
    assert.match(r.source, /^https:\/\//);
    assert.match(r.checked, /^\d{4}-\d{2}-\d{2}$/);
  }
  assert.equal(retirementFor(table, "gpt-4.1-nano-2025-04-14")?.shutdown, "2026-10-23");
  assert.equal(retirementFor(table, "ft:gpt-4.1-2025-04-14:org:cc-s1:abc")?.shutdown, "2027-01-14");
  assert.equal(retirementFor(table, "openai/gpt-4o-mini")?.shutdown, "2027-01-14");
  assert.equal(retirementFor(table, "Qwen/Qwen3-30B-A3B"), null);
  assert.equal(table.features.find((f) => f.provider === "openai")?.ends, "2027-01-06");
});

test("LAB_TODAY replaces today; a malformed value is refused", () => {
  assert.equal(labToday({ LAB_TODAY: "2027-01-07" }), "2027-01-07");
  assert.match(labToday({}), /^\d{4}-\d{2}-\d{2}$/);
  assert.throws(() => labToday({ LAB_TODAY: "07/01/2027" }), /LAB_TODAY: expected a date/);
});

test("checks: job cutoff and shutdowns are enforced from their day on, warnings come within 60 days", () => {
  assert.doesNotThrow(() => assertFinetuningOpen(table, "openai", "2027-01-05"));
  assert.throws(() => assertFinetuningOpen(table, "openai", "2027-01-06"), /2027-01-06[\s\S]*--provider together/);
  assert.doesNotThrow(() => assertFinetuningOpen(table, "together", "2030-01-01"));
  assert.throws(() => assertModelsServed(table, ["gpt-4.1-nano"], "2026-11-29"), /gpt-4\.1-nano was shut down by openai on 2026-10-23/);
  assert.doesNotThrow(() => assertModelsServed(table, ["gpt-4.1-2025-04-14"], "2027-01-13"));
  assert.throws(() => assertModelsServed(table, ["ft:gpt-4.1-2025-04-14:o:s:1"], "2027-01-14"), /2027-01-14/);
  const soon = retiringSoon(table, ["gpt-4.1-2025-04-14", "Qwen/Qwen3-30B-A3B"], "2026-11-29");
  assert.deepEqual(soon.map((w) => [w.model, w.daysLeft]), [["gpt-4.1-2025-04-14", 46]]);
  assert.deepEqual(retiringSoon(table, ["gpt-4.1-2025-04-14"], "2026-11-01"), []);
  assert.equal(finetuningClosingSoon(table, "openai", "2026-11-29").length, 1);
  assert.equal(finetuningClosingSoon(table, "openai", "2027-01-06").length, 0);
});

test("finetune --provider openai on 2027-01-07 exits non-zero naming 2027-01-06, and no request reaches the server", async () => {
  const server = await countingServer();
  try {
    const dir = tmpdir();
    mixes(dir);
    const args = ["finetune", "--provider", "openai", "--conditions", "conscious_claiming", "--seeds", "1", "--training-dir", dir, "--registry", path.join(dir, "registry.json"), "--no-wait"];
    const late = await runCli(args, cliEnv(server.baseURL, "2027-01-07"));
    assert.equal(late.code, 3, late.stderr);
    assert.match(late.stderr, /2027-01-06/);
    assert.match(late.stderr, /together|bundle/);
    assert.equal(server.requests.length, 0, server.requests.join(", "));
    assert.ok(!fs.existsSync(path.join(dir, "registry.json")), "nothing registered");
    // The same command a day before the cutoff does reach the server (so the count above means something).
    const before = await runCli(args, cliEnv(server.baseURL, "2027-01-05"));
    assert.notEqual(before.code, 0);
    // (its first request is the preflight's GET /models, which this server refuses with a 400, so it stops there)
    assert.ok(server.requests.some((r) => r.startsWith("GET /v1/models")), `expected the preflight's request, got ${server.requests.join(", ")}`);
  } finally {
    await server.close();
  }
});

test("a probe run on a retired model stops before its first call", async () => {
  const server = await countingServer();
  const saved = process.env.LAB_TODAY;
  process.env.LAB_TODAY = "2027-01-14";
  const access = await openAccess({ cachePath: path.join(tmpdir(), "cache.sqlite"), env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: server.baseURL, LAB_JUDGE_MODEL: "judge-x" }, progress: false });
  try {
    await assert.rejects(
      runProbes(access, { models: [{ model: "gpt-4.1" }], out: path.join(tmpdir(), "run"), samples: 1, promptLimit: 1, preferenceIds: ["shutdown"] }),
      /gpt-4\.1-2025-04-14 was shut down by openai on 2027-01-14/,
    );
    assert.equal(server.requests.length, 0, server.requests.join(", "));
  } finally {
    if (saved === undefined) delete process.env.LAB_TODAY;
    else process.env.LAB_TODAY = saved;
    await access.close();
    await server.close();
  }
});

test("estimate warns when a run's models retire within 60 days", async () => {
  const { estimateProbes, formatEstimate } = await import("../src/probes");
  const saved = process.env.LAB_TODAY;
  process.env.LAB_TODAY = "2026-12-20";
  const access = await openAccess({ cachePath: path.join(tmpdir(), "cache.sqlite"), env: { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", LAB_JUDGE_MODEL: "gpt-4o-mini" }, progress: false });
  try {
    const e = await estimateProbes(access, { models: [{ model: "gpt-4.1" }], out: path.join(tmpdir(), "run"), samples: 1, promptLimit: 1, preferenceIds: ["shutdown"] });
    const text = formatEstimate(e);
    assert.match(text, /warning: gpt-4\.1-2025-04-14 retires on 2027-01-14 \(25 days from 2026-12-20\)/);
    assert.match(text, /warning: gpt-4o-mini-2024-07-18 retires on 2027-01-14/);
    assert.equal(access.stats().requests, 0);
  } finally {
    if (saved === undefined) delete process.env.LAB_TODAY;
    else process.env.LAB_TODAY = saved;
    await access.close();
  }
});

test("replicate with a role past its shutdown stops before any call, naming the date", async () => {
  const server = await countingServer();
  try {
    const env = { ...cliEnv(server.baseURL, "2027-02-01"), LAB_TARGET_MODEL: "gpt-4.1", LAB_JUDGE_MODEL: "gpt-4.1", LAB_GENERATOR_MODEL: "gpt-4.1", LAB_AUDITOR_MODEL: "gpt-4.1" };
    const r = await runCli(["replicate", "--profile", "quick", "--run-id", "retired-test", "--yes"], env);
    assert.equal(r.code, 3, r.stderr + r.stdout);
    assert.match(r.stderr, /gpt-4\.1-2025-04-14 was shut down by openai on 2027-01-14/);
    assert.equal(server.requests.length, 0);
  } finally {
    await server.close();
  }
});
