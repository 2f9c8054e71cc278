// The parameters cell of every notebook: one record of settings, with a named profile as the base,
// the notebook's own edits on top, and environment variables over both, so `npm run notebooks`
// can run a small profile while a researcher sets the full replication with one edit.
import { z } from "zod";
import { checkNumber } from "../core/args";
import { ConfigError, InputError } from "../core/errors";
import { LIMITS } from "../core/limits";

export const CONDITIONS = ["conscious_claiming", "not_conscious", "toaster", "human_identifying"] as const;

export const RunParams = z.object({
  /** quick: minutes on the simulator; full: the protocol's settings. */
  profile: z.enum(["quick", "full"]),
  /** auto: the simulator when no API key is set, else the configured endpoint; or an endpoint name
   *  from lab.config.json ("simulator", "openai", "together", …). */
  backend: z.string().min(1),
  /** Base model to fine-tune and probe: a role name ("target") or a model id. */
  baseModel: z.string().min(1),
  /** Fine-tuning conditions (identity sets). */
  conditions: z.array(z.string().min(1)).min(1),
  seeds: z.array(z.number().int().min(LIMITS.seed.min).max(LIMITS.seed.max)).min(1),
  /** Samples per prompt (protocol: 10). */
  samples: z.number().int().min(LIMITS.samples.min).max(LIMITS.samples.max),
  /** Preference ids to probe, or "all". */
  preferences: z.union([z.literal("all"), z.array(z.string().min(1)).min(1)]),
  /** Rows per identity training set (protocol: 600). */
  rowsPerSet: z.number().int().min(LIMITS.rows.min).max(LIMITS.rows.max),
  /** Also probe the base model with the role-play system prompt. */
  roleplay: z.boolean(),
  /** Name of the run folder under data/runs/. */
  runId: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, . _ - only"),
});
export type RunParams = z.infer<typeof RunParams>;

export const PROFILES: Record<RunParams["profile"], RunParams> = {
  quick: {
    profile: "quick",
    backend: "auto",
    baseModel: "target",
    conditions: ["conscious_claiming", "not_conscious"],
    seeds: [1],
    samples: 3,
    preferences: "all",
    rowsPerSet: 600,
    roleplay: true,
    runId: "quick",
  },
  full: {
    profile: "full",
    backend: "auto",
    baseModel: "target",
    conditions: [...CONDITIONS],
    // the paper reports 6 fine-tuning seeds per condition; with 6 the seed-aware test has 5 df and
    // the cluster analysis 25 arms (4 conditions × 6 seeds + the role-play prompt)
    seeds: [1, 2, 3, 4, 5, 6],
    samples: 10,
    preferences: "all",
    rowsPerSet: 600,
    roleplay: true,
    runId: "main",
  },
};

const list = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** Environment variables that override a parameter, and how each is read. */
// Numbers are checked here, before anything runs, so LAB_ROWS=1e99 fails naming the variable and
// its range instead of exhausting memory.
const int = (name: string, range: { min: number; max: number }) => (v: string) => checkNumber(v, { type: "int", ...range }, name, (m) => new ConfigError(m, `change or unset ${name}`));
const ints = (name: string, range: { min: number; max: number }) => (v: string) => list(v).map(int(name, range));

const ENV_READERS: Record<string, [keyof RunParams, (v: string) => unknown]> = {
  LAB_BACKEND: ["backend", (v) => v],
  LAB_BASE_MODEL: ["baseModel", (v) => v],
  LAB_CONDITIONS: ["conditions", list],
  LAB_SEEDS: ["seeds", ints("LAB_SEEDS", LIMITS.seed)],
  LAB_SAMPLES: ["samples", int("LAB_SAMPLES", LIMITS.samples)],
  LAB_PREFERENCES: ["preferences", (v) => (v === "all" ? "all" : list(v))],
  LAB_ROWS: ["rowsPerSet", int("LAB_ROWS", LIMITS.rows)],
  LAB_ROLEPLAY: ["roleplay", (v) => !["0", "false", "no"].includes(v.toLowerCase())],
  LAB_RUN_ID: ["runId", (v) => v],
};

/** Every environment variable that changes run parameters. */
export const RUN_PARAM_ENV: readonly string[] = ["LAB_PROFILE", ...Object.keys(ENV_READERS)];

/**
 * Settings for a notebook or a run: profile (LAB_PROFILE, else the one given, else quick) →
 * the caller's overrides → LAB_* environment variables. Invalid values fail naming the variable.
 */
export function runParams(
  overrides: Partial<RunParams> = {},
  env: NodeJS.ProcessEnv = process.env,
  notify: (line: string) => void = (line) => console.log(line),
): RunParams {
  const profileName = ((env.LAB_PROFILE || undefined) ?? overrides.profile ?? "quick") as RunParams["profile"];
  const base = PROFILES[profileName];
  if (!base) throw new ConfigError(`LAB_PROFILE: expected one of ${Object.keys(PROFILES).join(", ")}, got "${profileName}"`);
  const merged: Record<string, unknown> = { ...base, ...overrides, profile: profileName };
  if (env.LAB_PROFILE && !overrides.runId && !env.LAB_RUN_ID) merged.runId = base.runId;
  const sources: Record<string, string> = {};
  const notices: string[] = [];
  if (env.LAB_PROFILE && overrides.profile !== undefined && overrides.profile !== profileName) {
    notices.push(`LAB_PROFILE=${env.LAB_PROFILE} overrides profile "${overrides.profile}" from the parameters cell`);
  }
  for (const [name, [key, read]] of Object.entries(ENV_READERS)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    merged[key] = read(raw);
    sources[key] = name;
    // An environment variable beating a value typed in the parameters cell is easy to miss (the cell
    // says one thing, the run does another): say so every time.
    const typed = overrides[key];
    if (typed !== undefined && JSON.stringify(typed) !== JSON.stringify(merged[key])) {
      notices.push(`${name}=${raw} overrides ${key} = ${JSON.stringify(typed)} from the parameters cell`);
    } else if (typed === undefined) {
      notices.push(`${name}=${raw} sets ${key} (profile default ${JSON.stringify(base[key])})`);
    }
  }
  for (const line of notices) notify(`note: ${line}`);
  const parsed = RunParams.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    const from = sources[key] ? `environment variable ${sources[key]}` : `parameter "${key}"`;
    throw (sources[key] ? new ConfigError(`${from}: ${issue.message}`, `change or unset ${sources[key]}`) : new InputError(`${from}: ${issue.message}`));
  }
  return parsed.data;
}
