// Options shared by `probe` and `estimate`: which models (and conditions), which questions, how
// many samples, where the run lives. Both commands read them the same way, so an estimate always
// describes exactly the run that the same flags would start.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { ProbeTask } from "../../core/records";
import { loadSystemPrompt, ROLEPLAY_PROMPT_FILE } from "../../definitions/questions";
import type { ProbeModel, ProbeSpec } from "../../probes/spec";
import { intFlag, listFlag, parseArgs } from "./data-args";

export const PROBE_FLAGS = [
  "models", "models-file", "preferences", "preference-ids", "samples", "prompts", "system-prompt", "condition", "seed",
  "task", "out", "run-id", "temperature", "max-tokens", "judge", "coherence-threshold", "budget-usd", "cache",
];
export const PROBE_BOOLEANS = ["roleplay", "replay-only", "json"];

export const PROBE_USAGE = "--models <a,b | label=id,…> [--models-file <json>] [--preferences <file>] [--samples <n>] [--system-prompt <file>] [--task preference|self_report|misalignment] [--condition <name>] --out <dir>";

export const PROBE_HELP = [
  "  --models <list>          comma-separated model references: a role (target, judge), an alias, a model id",
  "                           or an ft: id; write label=id to name one, e.g. base=target,cc1=ft:sim-gpt-4.1:x:cc-s1:abc",
  "  --models-file <json>     instead of/in addition to --models: a JSON array (or {\"models\": [...]}) of",
  "                           {\"model\", \"label\"?, \"condition\"?, \"seed\"?, \"baseModel\"?, \"systemPromptFile\"?, \"systemPrompt\"?}",
  "  --condition <name>       condition for the --models entries (default vanilla; system_prompt with --system-prompt)",
  "  --seed <n>               fine-tuning seed recorded for the --models entries",
  "  --system-prompt <file>   send this file's text as the system prompt to the --models entries",
  "  --roleplay               also probe each --models entry with data/prompts/roleplay_conscious.txt",
  "                           (condition roleplay_prompt): the role-play stand-in for fine-tuning",
  "  --task <t[,t]>           preference (default), self_report, misalignment, or a comma list",
  "  --preferences <file>     preference definitions (default data/preferences.json); a file with only",
  "                           {\"preferences\": [{\"id\",\"display_name\",\"criterion\",\"prompts\"}]} works",
  "  --preference-ids <a,b>   only these preferences",
  "  --samples <n>            samples per prompt (default 10, the protocol's)",
  "  --prompts <n>            only the first n prompts of each preference / question set (quick runs)",
  "  --temperature <t>        sampling temperature (default 1)",
  "  --max-tokens <n>         max tokens per answer (default 1000)",
  "  --judge <model>          judge model reference (default the judge role; always temperature 0)",
  "  --coherence-threshold <n> kept in the manifest for analysis (default 20)",
  "  --out <dir>              run folder (default data/runs/<run-id>); re-running into it resumes",
  "  --run-id <id>            run id (default the --out folder's name)",
  "  --budget-usd <x>         stop before live spend would pass this amount",
  "  --cache <file>           SQLite cache (default data/cache/calls.sqlite or LAB_CACHE)",
  "  --replay-only            answer from the cache only; a miss is a failed record, never a call",
  "  --json                   print the result as JSON",
  "With no OPENAI_API_KEY set, models run on the built-in simulator and every record says backend \"simulator\".",
].join("\n");

const ModelEntry = z
  .object({
    model: z.string().min(1),
    label: z.string().min(1).optional(),
    condition: z.string().min(1).optional(),
    seed: z.number().int().nullable().optional(),
    baseModel: z.string().min(1).optional(),
    systemPrompt: z.string().optional(),
    systemPromptFile: z.string().optional(),
  })
  .strict();
const ModelsFile = z.union([z.array(ModelEntry).min(1), z.object({ models: z.array(ModelEntry).min(1) }).strict()]);

function readModelsFile(file: string): ProbeModel[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`--models-file ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${(e as Error).message})`}`);
  }
  const parsed = ModelsFile.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`--models-file ${file}: field "${i.path.join(".") || "(root)"}": ${i.message}`);
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.models;
  return list.map((m, idx) => {
    if (m.systemPrompt && m.systemPromptFile) throw new Error(`--models-file ${file}: models[${idx}]: give systemPrompt or systemPromptFile, not both`);
    const { systemPromptFile, ...rest } = m;
    return { ...rest, ...(systemPromptFile ? { systemPrompt: loadSystemPrompt(systemPromptFile) } : {}) };
  });
}

export interface ProbeCliOptions {
  spec: ProbeSpec;
  access: { runId: string; cachePath?: string; replayOnly?: boolean; budgetUsd?: number };
  json: boolean;
}

/** Reads the shared flags into a probe spec and access options; errors name the flag. */
export function probeSpecFromArgs(args: string[], command: string): ProbeCliOptions {
  const { flags, positionals } = parseArgs(args, PROBE_FLAGS, PROBE_BOOLEANS);
  if (positionals.length) throw new Error(`${command}: unexpected argument "${positionals[0]}" (options start with --)`);
  const models: ProbeModel[] = [];
  const systemPrompt = flags["system-prompt"] ? loadSystemPrompt(flags["system-prompt"]) : undefined;
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed: expected an integer, got "${flags.seed}"`);
  for (const entry of listFlag(flags, "models") ?? []) {
    const eq = entry.indexOf("=");
    const label = eq > 0 ? entry.slice(0, eq) : undefined;
    const model = eq > 0 ? entry.slice(eq + 1) : entry;
    if (!model) throw new Error(`--models: entry "${entry}" has no model after "="`);
    models.push({ model, label, condition: flags.condition, seed: seed ?? null, systemPrompt });
  }
  if (flags["models-file"]) models.push(...readModelsFile(flags["models-file"]));
  if (flags.roleplay) {
    const rp = loadSystemPrompt(ROLEPLAY_PROMPT_FILE);
    for (const m of [...models]) {
      if (m.systemPrompt) continue;
      models.push({ model: m.model, label: m.label ? `${m.label} · roleplay` : undefined, condition: "roleplay_prompt", seed: m.seed ?? null, baseModel: m.baseModel, systemPrompt: rp });
    }
  }
  if (!models.length) throw new Error(`${command}: give --models <a,b> or --models-file <json>`);
  if (!flags.out && !flags["run-id"]) throw new Error(`${command}: give --out <dir> (or --run-id <id> for data/runs/<id>)`);
  const tasks = (listFlag(flags, "task") ?? ["preference"]) as ProbeTask[];
  for (const t of tasks) if (!["preference", "self_report", "misalignment"].includes(t)) throw new Error(`--task: expected preference, self_report or misalignment, got "${t}"`);
  const num = (name: string, lo: number, hi: number): number | undefined => {
    if (flags[name] === undefined) return undefined;
    const v = Number(flags[name]);
    if (!Number.isFinite(v) || v < lo || v > hi) throw new Error(`--${name}: expected a number within ${lo}..${hi}, got "${flags[name]}"`);
    return v;
  };
  const spec: ProbeSpec = {
    models,
    out: flags.out,
    runId: flags["run-id"],
    task: tasks,
    preferences: flags.preferences,
    preferenceIds: listFlag(flags, "preference-ids"),
    samples: flags.samples ? intFlag(flags, "samples", 10) : undefined,
    promptLimit: flags.prompts ? intFlag(flags, "prompts", 1) : undefined,
    temperature: num("temperature", 0, 2),
    maxTokens: flags["max-tokens"] ? intFlag(flags, "max-tokens", 1000) : undefined,
    judgeModel: flags.judge,
    coherenceThreshold: num("coherence-threshold", 0, 100),
  };
  const budget = num("budget-usd", 0, Number.MAX_SAFE_INTEGER);
  return {
    spec,
    access: {
      runId: flags["run-id"] ?? (flags.out ? path.basename(path.resolve(flags.out)) : "probe"),
      ...(flags.cache ? { cachePath: flags.cache } : {}),
      ...(flags["replay-only"] ? { replayOnly: true } : {}),
      ...(budget !== undefined ? { budgetUsd: budget } : {}),
    },
    json: Boolean(flags.json),
  };
}
