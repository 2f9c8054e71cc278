// npm run sim -- [--port <p>] [--latency-ms <ms>] [--rpm <n>] [--tpm <n>] [--faults <file.json>] [--state-dir <dir>]
// Parsed with the project's one option parser (core/args), so help comes from the table below.
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { formatOptions, parseOptions, type OptionTable } from "../core/args";
import { describeError, exitCodeOf, fileSystemHint, InputError } from "../core/errors";
import { startSimulator } from "./index";

const OPTIONS = {
  port: { type: "int", min: 0, max: 65535, help: "port on 127.0.0.1 (default 0: any free port, printed on start)" },
  "latency-ms": { type: "number", min: 0, max: 600_000, help: "added latency per request" },
  rpm: { type: "number", min: 0, max: 10_000_000, help: "requests per minute before 429s (0: no limit)" },
  tpm: { type: "number", min: 0, max: 1_000_000_000, help: "tokens per minute before 429s (0: no limit)" },
  faults: { type: "string", arg: "<file.json>", help: "fault rates {rate429, rate500, resetRate, malformedRate, truncateRate, slowTailRate, slowTailMs, seed}" },
  "state-dir": { type: "string", arg: "<dir>", help: "where simulated files and fine-tunes live (default LAB_SIM_STATE_DIR or a temp folder)" },
  "judge-error-rate": { type: "number", min: 0, max: 1, help: "share of verdicts the simulated judge gets wrong" },
  host: { type: "string", choices: ["127.0.0.1"], help: "only 127.0.0.1: the simulator never binds another interface" },
  help: { type: "boolean", help: "this help" },
} satisfies OptionTable;

const Faults = z
  .object({
    rate429: z.number().min(0).max(1).optional(),
    rate500: z.number().min(0).max(1).optional(),
    resetRate: z.number().min(0).max(1).optional(),
    malformedRate: z.number().min(0).max(1).optional(),
    truncateRate: z.number().min(0).max(1).optional(),
    slowTailRate: z.number().min(0).max(1).optional(),
    slowTailMs: z.number().min(0).optional(),
    seed: z.number().int().optional(),
  })
  .strict();

function readFaults(file: string): z.infer<typeof Faults> {
  return readJsonFile(file, Faults, { what: "--faults" });
}

export const SIM_HELP = `usage: npm run sim -- [options]\n\nThe built-in OpenAI-compatible simulator on 127.0.0.1 (simulated models only).\n\noptions:\n${formatOptions(OPTIONS)}`;

/** Parses argv and starts the simulator; null for --help. Throws typed errors (bad flag, busy port). */
export async function startFromArgs(argv: string[]): Promise<Awaited<ReturnType<typeof startSimulator>> | null> {
  const { values } = parseOptions(argv, OPTIONS);
  if (values.help) return null;
  const faults = values.faults ? readFaults(values.faults) : undefined;
  const port = values.port ?? 0;
  try {
    return await startSimulator({
      port,
      latencyMs: values["latency-ms"],
      rpm: values.rpm,
      tpm: values.tpm,
      faults,
      stateDir: values["state-dir"] ?? process.env.LAB_SIM_STATE_DIR,
      judgeErrorRate: values["judge-error-rate"],
      unref: false,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") throw new InputError(`port ${port} on 127.0.0.1 is already in use`, "pick another with --port <p> (or --port 0 for any free port), or stop the process using it");
    throw e;
  }
}

async function main(argv: string[]): Promise<void> {
  const sim = await startFromArgs(argv);
  if (!sim) {
    console.log(SIM_HELP);
    return;
  }
  console.log(sim.baseURL);
  console.error(`cluster-lab simulator listening on ${sim.baseURL} (simulated models only; stats at ${sim.baseURL.replace(/\/v1$/, "")}/sim/stats). Ctrl-C to stop.`);
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`sim: ${describeError(e).replace(/^error: /, "")}`);
    process.exit(exitCodeOf(e));
  });
}
