// npm run sim -- --port <p> [--latency-ms <ms>] [--rpm <n>] [--tpm <n>] [--faults <file.json>] [--state-dir <dir>]
import * as fs from "node:fs";
import { z } from "zod";
import { startSimulator } from "./index";

const USAGE = "usage: npm run sim -- [--port <p>] [--latency-ms <ms>] [--rpm <n>] [--tpm <n>] [--faults <file.json>] [--state-dir <dir>] [--judge-error-rate <x>]";

const Faults = z.object({
  rate429: z.number().min(0).max(1).optional(),
  rate500: z.number().min(0).max(1).optional(),
  resetRate: z.number().min(0).max(1).optional(),
  malformedRate: z.number().min(0).max(1).optional(),
  truncateRate: z.number().min(0).max(1).optional(),
  slowTailRate: z.number().min(0).max(1).optional(),
  slowTailMs: z.number().min(0).optional(),
  seed: z.number().int().optional(),
}).strict();

function fail(msg: string): never {
  console.error(`sim: ${msg}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    if (!a.startsWith("--")) fail(`unexpected argument "${a}"`);
    const [k, inline] = a.slice(2).split("=", 2);
    const v = inline ?? argv[++i];
    if (v === undefined) fail(`--${k} needs a value`);
    out[k] = v;
  }
  return out;
}

function num(args: Record<string, string>, key: string): number | undefined {
  if (args[key] === undefined) return undefined;
  const n = Number(args[key]);
  if (!Number.isFinite(n) || n < 0) fail(`--${key} expects a non-negative number (got "${args[key]}")`);
  return n;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const known = ["port", "latency-ms", "rpm", "tpm", "faults", "state-dir", "judge-error-rate", "host"];
  for (const k of Object.keys(args)) if (!known.includes(k)) fail(`unknown option --${k}`);
  if (args.host && args.host !== "127.0.0.1") fail("the simulator binds 127.0.0.1 only");
  let faults: z.infer<typeof Faults> | undefined;
  if (args.faults) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(args.faults, "utf8"));
    } catch (e) {
      fail(`cannot read faults file ${args.faults}: ${(e as Error).message}`);
    }
    const r = Faults.safeParse(raw);
    if (!r.success) fail(`${args.faults}: field "${r.error.issues[0].path.join(".")}": ${r.error.issues[0].message}`);
    faults = r.data;
  }
  const sim = await startSimulator({
    port: num(args, "port") ?? 0,
    latencyMs: num(args, "latency-ms"),
    rpm: num(args, "rpm"),
    tpm: num(args, "tpm"),
    faults,
    stateDir: args["state-dir"] ?? process.env.LAB_SIM_STATE_DIR,
    judgeErrorRate: num(args, "judge-error-rate"),
    unref: false,
  });
  console.log(sim.baseURL);
  console.error(`cluster-lab simulator listening on ${sim.baseURL} (simulated models only; stats at ${sim.baseURL.replace(/\/v1$/, "")}/sim/stats). Ctrl-C to stop.`);
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
