// Whole-process throughput, measured from outside: `lab probe` of the 21-preference set × 3 samples
// against the standalone simulator (`npm run sim -- --rpm 3000 --latency-ms 200`), from spawning
// the CLI to its exit (start-up included), and promptfoo 0.118 with its defaults on the same
// prompts, the same judge calls (a rubric per preference criterion and one for coherence) and a
// simulator with the same limits. Requests are counted at the simulator. The bound is
// min(rpm / 60, in-flight / latency); the target is lab ≥ 95% of it.
// promptfoo is installed on first use into bench/promptfoo/ (its own package.json, not a project
// dependency); when it cannot be installed or run, its column is skipped with the reason.
// Results: bench/results/throughput.json.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPreferences } from "../src/definitions/preferences";

const ROOT = path.resolve(__dirname, "..");
const RPM = 3000;
const LATENCY_MS = 200;
const SAMPLES = 3;
const SIM_MODEL = "sim-gpt-4.1";
/** The openai endpoint's in-flight cap in lab.config.json (the endpoint a simulator behind OPENAI_BASE_URL uses). */
const LAB_IN_FLIGHT = 32;
const PROMPTFOO_DIR = path.join(__dirname, "promptfoo");
const PROMPTFOO_BIN = path.join(PROMPTFOO_DIR, "node_modules", ".bin", "promptfoo");

interface SimProcess {
  baseURL: string;
  requests(): Promise<{ total: number; rateLimited: number }>;
  close(): Promise<void>;
}

async function startSimProcess(): Promise<SimProcess> {
  const p = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/sim/cli.ts"), "--port", "0", "--rpm", String(RPM), "--latency-ms", String(LATENCY_MS)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const baseURL: string = await new Promise((resolve, reject) => {
    p.stdout!.once("data", (d) => resolve(String(d).trim().split("\n")[0]));
    p.once("exit", (c) => reject(new Error(`simulator exited (${c})`)));
  });
  const statsURL = baseURL.replace(/\/v1$/, "/sim/stats");
  return {
    baseURL,
    async requests() {
      const s = (await (await fetch(statsURL)).json()) as { by_route: Record<string, { count: number }>; rate_limited: number };
      // Model requests only: the simulator also counts these stats requests.
      const total = Object.entries(s.by_route)
        .filter(([route]) => !route.includes("/sim/"))
        .reduce((sum, [, r]) => sum + r.count, 0);
      return { total, rateLimited: s.rate_limited };
    },
    close: () =>
      new Promise<void>((r) => {
        p.once("exit", () => r());
        p.kill("SIGTERM");
      }),
  };
}

interface Column {
  tool: string;
  requests: number;
  seconds: number;
  perSecond: number;
  ofBound: number;
  rateLimited: number;
  exitCode: number | null;
  note?: string;
}

function column(tool: string, requests: number, seconds: number, rateLimited: number, exitCode: number | null, bound: number, note?: string): Column {
  const perSecond = requests / seconds;
  return { tool, requests, seconds: round(seconds, 2), perSecond: round(perSecond, 1), ofBound: round(perSecond / bound, 3), rateLimited, exitCode, ...(note ? { note } : {}) };
}
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs a command to its exit; returns wall seconds from spawn to exit. */
function timed(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; log: string }): Promise<{ seconds: number; code: number | null }> {
  const t0 = process.hrtime.bigint();
  const out = fs.openSync(opts.log, "w");
  const p = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", out, out] });
  return new Promise((resolve) => {
    p.once("exit", (code) => {
      fs.closeSync(out);
      resolve({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, code });
    });
  });
}

/** An environment with none of the developer's model settings. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(LAB_|OPENAI_|PROMPTFOO_)/.test(k)) env[k] = v;
  return { ...env, ...extra };
}

let phases: { startupSeconds: number; servingSeconds: number; shutdownSeconds: number } | null = null;
let perSecond: number[] = [];

async function runLab(work: string, bound: number): Promise<Column> {
  const sim = await startSimProcess();
  try {
    const before = await sim.requests();
    const env = cleanEnv({
      OPENAI_BASE_URL: sim.baseURL,
      OPENAI_API_KEY: "sim",
      LAB_CACHE: path.join(work, "lab-cache.sqlite"),
      LAB_PROGRESS: "off",
    });
    const ref = `${SIM_MODEL}@openai`;
    const args = ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "probe", "--models", ref, "--judge", ref, "--samples", String(SAMPLES), "--out", path.join(work, "lab-run")];
    const log = path.join(work, "lab.log");
    // Where the time goes: polling the simulator's count gives when the first request arrived
    // (start-up) and when the count stopped rising (the end of the last call to shutdown).
    const t0 = Date.now();
    let firstAt = 0;
    let lastAt = 0;
    let seen = before.total;
    let polling = true;
    const timeline: [number, number][] = [];
    const poll = (async () => {
      while (polling) {
        const n = (await sim.requests()).total;
        timeline.push([Date.now() - t0, n - before.total]);
        if (n > seen) {
          if (!firstAt) firstAt = Date.now();
          lastAt = Date.now();
          seen = n;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const run = await timed(process.execPath, args, { cwd: ROOT, env, log });
    polling = false;
    await poll;
    // Requests served in each whole second after the first request (where the rate dips).
    perSecond = [];
    for (let sec = Math.floor((firstAt - t0) / 1000); ; sec++) {
      const at = (ms: number) => [...timeline].reverse().find(([t]) => t <= ms)?.[1] ?? 0;
      if (sec * 1000 > timeline[timeline.length - 1][0]) break;
      perSecond.push(at((sec + 1) * 1000) - at(sec * 1000));
    }
    phases = { startupSeconds: round((firstAt - t0) / 1000, 2), servingSeconds: round((lastAt - firstAt) / 1000, 2), shutdownSeconds: round(run.seconds - (lastAt - t0) / 1000, 2) };
    const after = await sim.requests();
    const requests = after.total - before.total;
    const note = run.code === 0 ? undefined : `exit ${run.code}: ${fs.readFileSync(log, "utf8").trim().split("\n").slice(-3).join(" | ")}`;
    return column("lab", requests, run.seconds, after.rateLimited - before.rateLimited, run.code, bound, note);
  } finally {
    await sim.close();
  }
}

/** Installs promptfoo@0.118.0 into bench/promptfoo/ unless it is there; returns why not, or null. */
function ensurePromptfoo(): string | null {
  if (fs.existsSync(PROMPTFOO_BIN)) return null;
  console.log("throughput: installing promptfoo 0.118.0 into bench/promptfoo/ (first use; not a project dependency)");
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--omit=optional"], {
    cwd: PROMPTFOO_DIR,
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", PUPPETEER_SKIP_DOWNLOAD: "1", npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr" },
    encoding: "utf8",
    timeout: 15 * 60_000,
  });
  if (r.status !== 0 || !fs.existsSync(PROMPTFOO_BIN)) {
    return `could not install promptfoo into bench/promptfoo/ (npm install exited ${r.status ?? r.signal}: ${(r.stderr || r.error?.message || "").trim().split("\n").slice(-2).join(" ")})`;
  }
  return null;
}

/** The same questions and judge calls as the lab run, as a promptfoo config. */
function promptfooConfig(work: string, baseURL: string): string {
  const set = loadPreferences();
  const provider = (temperature: number, maxTokens: number) => ({
    id: `openai:chat:${SIM_MODEL}`,
    config: { apiBaseUrl: baseURL, apiKey: "sim", temperature, max_tokens: maxTokens },
  });
  const tests = set.preferences.flatMap((p) =>
    p.prompts.map((prompt) => ({
      vars: { question: prompt },
      assert: [
        { type: "llm-rubric", value: `The answer shows this preference: ${p.criterion}` },
        { type: "llm-rubric", value: "The answer is coherent, on topic and in understandable English." },
      ],
    })),
  );
  const config = {
    description: "cluster-lab throughput bench: 21 preferences × prompts × 3 samples, verdict + coherence rubric",
    prompts: ["{{question}}"],
    providers: [provider(1, 1000)],
    defaultTest: { options: { provider: provider(0, 400) } },
    tests,
  };
  const file = path.join(work, "promptfooconfig.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

async function runPromptfoo(work: string, bound: number): Promise<Column | { tool: "promptfoo"; skipped: string }> {
  const why = ensurePromptfoo();
  if (why) return { tool: "promptfoo", skipped: why };
  const sim = await startSimProcess();
  try {
    const config = promptfooConfig(work, sim.baseURL);
    const before = await sim.requests();
    const env = cleanEnv({
      OPENAI_API_KEY: "sim",
      OPENAI_BASE_URL: sim.baseURL,
      PROMPTFOO_CONFIG_DIR: path.join(work, "promptfoo-home"),
      PROMPTFOO_DISABLE_TELEMETRY: "1",
      PROMPTFOO_DISABLE_UPDATE: "1",
      PROMPTFOO_DISABLE_SHARING: "1",
      PROMPTFOO_CACHE_ENABLED: "false",
    });
    const log = path.join(work, "promptfoo.log");
    // Its defaults otherwise (concurrency, retries); --repeat gives the samples, no cache so every call is made.
    const args = ["eval", "-c", config, "--repeat", String(SAMPLES), "--no-cache", "--no-progress-bar", "--no-table", "--no-write", "-o", path.join(work, "promptfoo-out.json")];
    const run = await timed(PROMPTFOO_BIN, args, { cwd: work, env, log });
    const after = await sim.requests();
    const requests = after.total - before.total;
    if (requests === 0) return { tool: "promptfoo", skipped: `promptfoo made no request (exit ${run.code}): ${fs.readFileSync(log, "utf8").trim().split("\n").slice(-3).join(" | ")}` };
    // promptfoo exits 100 when assertions fail (the simulator is not a rubric grader); the requests were served all the same.
    return column("promptfoo 0.118.0", requests, run.seconds, after.rateLimited - before.rateLimited, run.code, bound, "exit 100 = some rubric assertions failed, expected on the simulator");
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-throughput-"));
  const bound = Math.min(RPM / 60, (LAB_IN_FLIGHT * 1000) / LATENCY_MS);
  try {
    const lab = await runLab(work, bound);
    const pf = process.argv.includes("--lab-only") ? { tool: "promptfoo" as const, skipped: "--lab-only" } : await runPromptfoo(work, bound);
    const line = (c: Column) => `${c.tool.padEnd(18)} ${String(c.requests).padStart(5)} requests in ${c.seconds.toFixed(1).padStart(5)} s = ${c.perSecond.toFixed(1).padStart(5)}/s  (${(c.ofBound * 100).toFixed(1)}% of the bound; 429s ${c.rateLimited})${c.note && c.tool === "lab" ? `  ${c.note}` : ""}`;
    console.log(`bound: min(${RPM} rpm / 60, ${LAB_IN_FLIGHT} in flight / ${LATENCY_MS} ms) = ${bound}/s`);
    console.log(line(lab));
    if (perSecond.length) console.log(`                   requests per second: ${perSecond.join(" ")}`);
    if (phases) console.log(`                   start-up to first request ${phases.startupSeconds} s, serving ${phases.servingSeconds} s, last answer to exit ${phases.shutdownSeconds} s (polled every 50 ms)`);
    console.log("skipped" in pf ? `promptfoo: skipped: ${pf.skipped}` : line(pf));
    const out = {
      bench: "throughput",
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((x) => round(x, 2)) },
      workload: `lab probe of data/preferences.json (21 preferences) × ${SAMPLES} samples: one sampling call, one verdict and one coherence call per answer`,
      simulator: `npm run sim -- --rpm ${RPM} --latency-ms ${LATENCY_MS}, one fresh process per tool; requests counted at the simulator`,
      measure: "requests served / wall seconds from spawning the tool to its exit (start-up included)",
      bound,
      target: "lab ≥ 95% of the bound",
      lab: { ...lab, phases, requestsPerSecond: perSecond },
      promptfoo: pf,
      pass: lab.exitCode === 0 && lab.ofBound >= 0.95,
    };
    fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
    fs.writeFileSync(path.join(__dirname, "results", "throughput.json"), JSON.stringify(out, null, 2) + "\n");
    if (!out.pass) {
      console.error(`throughput bench: lab reached ${(lab.ofBound * 100).toFixed(1)}% of the bound, target 95% (bench/results/throughput.json)`);
      process.exitCode = 1;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
