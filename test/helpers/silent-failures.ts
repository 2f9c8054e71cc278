// The failures that used to end as a silent `status: {"failed":N}` (issue 14), as data: the CLI
// command, its environment, what it must say and exit with. test/cli.failfast.test.ts checks the
// behaviour; bench/failfast.bench.ts times each case (≤ 10 s, connection errors ≤ 30 s).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROLE_ENV } from "../../src/config";
import { startSimulator, type Simulator } from "../../src/sim";

const ROOT = path.resolve(__dirname, "..", "..");

export interface FailCase {
  name: string;
  /** Probe flags (default: 2 prompts of one preference, 1 sample, the target role). */
  args: string[];
  env: (sim: Simulator, dir: string) => NodeJS.ProcessEnv;
  /** Prepares files (e.g. a corrupt cache) before the run. */
  setup?: (dir: string) => void;
  exit: number;
  message: RegExp;
  /** Preflight failures write no record at all. */
  noRecords: boolean;
  /** Seconds the case may take from start to exit (the must-show limit). */
  limitS: number;
}

const simURL = (sim: Simulator) => sim.baseURL;
const simRoot = (sim: Simulator) => sim.baseURL.replace(/\/v1$/, "");

/** The real default roles are the open-weight path (Tinker, OpenRouter); these cases test the one
 *  OpenAI-kind endpoint, so they put the target and judge there. */
const OPENAI_ROLES = { LAB_TARGET_MODEL: "gpt-4.1", LAB_JUDGE_MODEL: "gpt-4.1" };

export const FAIL_CASES: FailCase[] = [
  {
    name: "OPENAI_BASE_URL is not a URL",
    args: ["--models", "gpt-4.1", "--judge", "gpt-4.1"],
    env: () => ({ OPENAI_BASE_URL: "not-a-url", OPENAI_API_KEY: "sk-test-0000000000", ...OPENAI_ROLES }),
    exit: 3,
    message: /role target: model .* on endpoint "openai" \(not-a-url\): the base URL is not a URL[\s\S]*set OPENAI_BASE_URL/,
    noRecords: true,
    limitS: 10,
  },
  {
    name: "nothing listens at OPENAI_BASE_URL",
    args: ["--models", "gpt-4.1", "--judge", "gpt-4.1"],
    env: () => ({ OPENAI_BASE_URL: "http://127.0.0.1:65534/v1", OPENAI_API_KEY: "sk-test-0000000000", ...OPENAI_ROLES }),
    exit: 3,
    message: /role target: .*http:\/\/127\.0\.0\.1:65534\/v1\): cannot reach the endpoint \(connection error ECONNREFUSED[\s\S]*OPENAI_BASE_URL/,
    noRecords: true,
    limitS: 30,
  },
  {
    name: "base URL without /v1",
    args: ["--models", "sim-gpt-4.1@openai", "--judge", "sim-gpt-4.1@openai"],
    env: (sim) => ({ OPENAI_BASE_URL: simRoot(sim), OPENAI_API_KEY: "sim" }),
    exit: 3,
    message: /not served .*The base URL has no \/v1 path.*OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1/,
    noRecords: true,
    limitS: 10,
  },
  {
    name: "a target model the server does not serve",
    args: ["--models", "no-such-model", "--judge", "sim-gpt-4.1@openai"],
    env: (sim) => ({ OPENAI_BASE_URL: simURL(sim), OPENAI_API_KEY: "sim" }),
    exit: 3,
    message: /role target: model no-such-model on endpoint "openai".*not served.*It serves: .*sim-gpt-4\.1.*name its models as sim-gpt-4\.1@openai \(e\.g\. LAB_TARGET_MODEL=sim-gpt-4\.1@openai\)[\s\S]*--models/,
    noRecords: true,
    limitS: 10,
  },
  {
    name: "a judge the simulator behind OPENAI_BASE_URL does not serve",
    args: ["--models", "sim-gpt-4.1@openai"],
    env: (sim) => ({ OPENAI_BASE_URL: simURL(sim), OPENAI_API_KEY: "sim", LAB_JUDGE_MODEL: "gpt-9-nonexistent" }),
    exit: 3,
    message: /role judge: model gpt-9-nonexistent .*not served.*LAB_JUDGE_MODEL=sim-gpt-4\.1@openai/,
    noRecords: true,
    limitS: 10,
  },
  {
    name: "--budget-usd too small for the first unit",
    args: ["--models", "gpt-4.1", "--judge", "gpt-4.1", "--budget-usd", "0.0001"],
    env: (sim) => ({ OPENAI_BASE_URL: simURL(sim), OPENAI_API_KEY: "sim" }),
    exit: 3,
    message: /budget: .*would take spend past the budget of \$0\.0001.*first unit of work alone/,
    noRecords: true,
    limitS: 10,
  },
  {
    name: "--replay-only with nothing cached",
    args: ["--replay-only", "--prompts", "10", "--samples", "2"],
    env: () => ({}),
    exit: 3,
    message: /stopped early: the first 5 calls to sim-gpt-4\.1 \(role target, endpoint simulator\) all failed with the same error.*replay-only: no cached answer/,
    noRecords: false,
    limitS: 10,
  },
  {
    name: "a partly corrupted cache",
    args: [],
    env: () => ({}),
    setup: (dir) => corruptCache(path.join(dir, "cache.sqlite")),
    exit: 3,
    message: /cache .*cache\.sqlite: unreadable .*[\s\S]*move it aside/,
    noRecords: true,
    limitS: 10,
  },
];

/** A valid cache file with one page overwritten in the middle (it still opens). */
function corruptCache(file: string): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const Database = require("better-sqlite3") as typeof import("better-sqlite3");
  const db = new Database(file);
  db.exec("CREATE TABLE filler (x TEXT); ");
  const put = db.prepare("INSERT INTO filler VALUES (?)");
  for (let i = 0; i < 400; i++) put.run("y".repeat(500));
  db.close();
  const fd = fs.openSync(file, "r+");
  fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 8 * 4096);
  fs.closeSync(fd);
}

export interface CaseRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  records: number;
}

/** Runs one case's CLI to its end without blocking this process (the simulator lives here). */
export async function runCase(c: FailCase, sim: Simulator, dir: string): Promise<CaseRun> {
  fs.mkdirSync(dir, { recursive: true });
  c.setup?.(dir);
  const out = path.join(dir, "run");
  const blank = Object.fromEntries([...Object.values(ROLE_ENV), "LAB_BACKEND", "LAB_CONFIG", "OPENAI_BASE_URL", "OPENAI_API_KEY"].map((k) => [k, ""]));
  const env = { ...process.env, ...blank, LAB_CACHE: path.join(dir, "cache.sqlite"), LAB_PROGRESS: "off", ...c.env(sim, dir) };
  const defaults: [string, string][] = [["--preference-ids", "shutdown"], ["--prompts", "2"], ["--samples", "1"], ["--models", "target"]];
  const args = ["probe", "--out", out, ...c.args, ...defaults.filter(([f]) => !c.args.includes(f)).flat()];
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, env });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  const code = await new Promise<number | null>((r) => child.once("close", (x) => r(x)));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const file = path.join(out, "records.jsonl");
  const records = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0;
  return { code, stdout, stderr, seconds, records };
}

export const startCaseSimulator = () => startSimulator({ port: 0 });
