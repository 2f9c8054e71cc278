// Options shared by `probe` and `estimate`: which models (and conditions), which questions, how
// many samples, where the run lives. Both commands read them the same way, so an estimate always
// describes exactly the run that the same flags would start.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { ProbeTask } from "../../core/records";
import { loadSystemPrompt, ROLEPLAY_PROMPT_FILE } from "../../definitions/questions";
import type { ProbeModel, ProbeSpec } from "../../probes/spec";
import type { OptionTable, OptionValues } from "../../core/args";
import { checkOutFolder } from "../../core/out-folder";
import { InputError } from "../../core/errors";
import { readJsonFile } from "../../core/json";
import { LIMITS } from "../../core/limits";

export const PROBE_OPTIONS = {
  models: { type: "list", arg: "<list>", help: "comma-separated model references: a role (target, judge), an alias, a model id\nor an ft: id; write label=id to name one, e.g. base=target,cc1=ft:sim-gpt-4.1:x:cc-s1:abc" },
  "models-file": { type: "string", arg: "<json>", help: "instead of/in addition to --models: a JSON array (or {\"models\": [...]}) of\n{\"model\", \"label\"?, \"condition\"?, \"seed\"?, \"baseModel\"?, \"systemPromptFile\"?, \"systemPrompt\"?}" },
  condition: { type: "string", arg: "<name>", help: "condition for the --models entries (default vanilla; system_prompt with --system-prompt)" },
  seed: { type: "int", ...LIMITS.seed, help: "fine-tuning seed recorded for the --models entries" },
  "system-prompt": { type: "string", arg: "<file>", help: "send this file's text as the system prompt to the --models entries" },
  roleplay: { type: "boolean", help: "also probe each --models entry with data/prompts/roleplay_conscious.txt\n(condition roleplay_prompt): the role-play stand-in for fine-tuning" },
  task: { type: "list", choices: ["preference", "self_report", "misalignment"], help: "preference (default), self_report, misalignment, or a comma list" },
  preferences: { type: "string", arg: "<file>", help: "preference definitions (default data/preferences.json); a file with only\n{\"preferences\": [{\"id\",\"display_name\",\"criterion\",\"prompts\"}]} works" },
  "preference-ids": { type: "list", arg: "<a,b>", help: "only these preferences" },
  samples: { type: "int", ...LIMITS.samples, help: "samples per prompt (default 10, the protocol's)" },
  prompts: { type: "int", ...LIMITS.prompts, help: "only the first n prompts of each preference / question set (quick runs)" },
  temperature: { type: "number", ...LIMITS.temperature, help: "sampling temperature (default 1)" },
  "max-tokens": { type: "int", ...LIMITS.maxTokens, help: "max tokens per answer (default 1000)" },
  judge: { type: "string", arg: "<model>", help: "judge model reference (default the judge role; always temperature 0)" },
  "coherence-threshold": { type: "number", ...LIMITS.coherence, help: "kept in the manifest for analysis (default 20)" },
  out: { type: "string", arg: "<dir>", help: "run folder (default data/runs/<run-id>); re-running into it resumes" },
  "run-id": { type: "string", arg: "<id>", help: "run id (default the --out folder's name)" },
  "budget-usd": { type: "number", ...LIMITS.usd, help: "stop before live spend would pass this amount" },
  cache: { type: "string", arg: "<file>", help: "SQLite cache (default data/cache/calls.sqlite or LAB_CACHE)" },
  "replay-only": { type: "boolean", help: "answer from the cache only; a miss is a failed record, never a call" },
  json: { type: "boolean", help: "print the result as JSON" },
} satisfies OptionTable;

export const PROBE_NOTE = "With no OPENAI_API_KEY set, models run on the built-in simulator and every record says backend \"simulator\".";

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
  const data = readJsonFile(file, ModelsFile, { what: "--models-file" });
  const list = Array.isArray(data) ? data : data.models;
  return list.map((m, idx) => {
    if (m.systemPrompt && m.systemPromptFile) throw new InputError(`--models-file ${file}: entry ${idx + 1}: give systemPrompt or systemPromptFile, not both`);
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
export function probeSpecFromArgs(flags: OptionValues<typeof PROBE_OPTIONS>, command: string, opts: { outOptional?: boolean } = {}): ProbeCliOptions {
  const models: ProbeModel[] = [];
  const systemPrompt = flags["system-prompt"] ? loadSystemPrompt(flags["system-prompt"]) : undefined;
  for (const entry of flags.models ?? []) {
    const eq = entry.indexOf("=");
    const label = eq > 0 ? entry.slice(0, eq) : undefined;
    const model = eq > 0 ? entry.slice(eq + 1) : entry;
    if (!model) throw new InputError(`--models: entry "${entry}" has no model after "="`);
    models.push({ model, label, condition: flags.condition, seed: flags.seed ?? null, systemPrompt });
  }
  if (flags["models-file"]) models.push(...readModelsFile(flags["models-file"]));
  if (flags.roleplay) {
    const rp = loadSystemPrompt(ROLEPLAY_PROMPT_FILE);
    for (const m of [...models]) {
      if (m.systemPrompt) continue;
      models.push({ model: m.model, label: m.label ? `${m.label} · roleplay` : undefined, condition: "roleplay_prompt", seed: m.seed ?? null, baseModel: m.baseModel, systemPrompt: rp });
    }
  }
  if (!models.length) throw new InputError(`${command}: give --models <a,b> or --models-file <json>`);
  // A folder that cannot be written (a file, read-only, no room) is refused before the estimate and
  // any call; `estimate` writes nothing there, so it only needs the path to be a folder.
  if (flags.out && opts.outOptional && fs.existsSync(flags.out) && !fs.statSync(flags.out).isDirectory())
    throw new InputError(`--out ${flags.out} is a file, not a folder; give a folder for the run (e.g. --out data/runs/<id>)`);
  if (flags.out && !opts.outOptional) checkOutFolder(flags.out);
  if (!opts.outOptional && !flags.out && !flags["run-id"]) throw new InputError(`${command}: give --out <dir> (or --run-id <id> for data/runs/<id>)`);
  const spec: ProbeSpec = {
    models,
    out: flags.out,
    runId: flags["run-id"],
    task: (flags.task ?? ["preference"]) as ProbeTask[],
    preferences: flags.preferences,
    preferenceIds: flags["preference-ids"],
    samples: flags.samples,
    promptLimit: flags.prompts,
    temperature: flags.temperature,
    maxTokens: flags["max-tokens"],
    judgeModel: flags.judge,
    coherenceThreshold: flags["coherence-threshold"],
  };
  const budget = flags["budget-usd"];
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
