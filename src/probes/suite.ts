// One call for notebooks and the end-to-end pipeline: probe a list of models (base, role-play,
// fine-tuned) on the chosen task(s) and return where the records are, with the run summary.
import * as path from "node:path";
import { loadSystemPrompt, ROLEPLAY_PROMPT_FILE } from "../definitions/questions";
import type { ProbeAccess } from "./requests";
import { readManifest, type ProbeManifest } from "./manifest";
import { runProbes, type RunSummary } from "./run";
import type { ProbeModel, ProbeSpec } from "./spec";
import { RECORDS_FILE } from "./store";

export interface FineTunedModel {
  /** Fine-tuned model id (ft:…), as the job registry reports it. */
  model: string;
  condition: string;
  seed: number | null;
  label?: string;
}

export interface ConditionModelsOptions {
  /** Base model reference (default: the "target" role). */
  base?: string;
  /** Probe the base model with no system prompt as condition "vanilla" (default true). */
  vanilla?: boolean;
  /** Add the base model with the role-play system prompt as condition "roleplay_prompt":
   *  true = data/prompts/roleplay_conscious.txt, a string = that prompt file. Default true. */
  roleplay?: boolean | string;
  finetuned?: FineTunedModel[];
  /** Resolved id of the base, used in labels and base_model (default: the reference itself). */
  baseModelId?: string;
}

/** The usual line-up of the experiment: base, base + role-play prompt, and the fine-tuned models. */
export function conditionModels(o: ConditionModelsOptions = {}): ProbeModel[] {
  const base = o.base ?? "target";
  const baseId = o.baseModelId ?? base;
  const out: ProbeModel[] = [];
  if (o.vanilla ?? true) out.push({ model: base, condition: "vanilla", seed: null, baseModel: baseId });
  const rp = o.roleplay ?? true;
  if (rp) {
    const file = typeof rp === "string" ? rp : ROLEPLAY_PROMPT_FILE;
    out.push({ model: base, condition: "roleplay_prompt", seed: null, baseModel: baseId, systemPrompt: loadSystemPrompt(file) });
  }
  for (const ft of o.finetuned ?? []) out.push({ model: ft.model, condition: ft.condition, seed: ft.seed, baseModel: baseId, label: ft.label });
  return out;
}

export interface SuiteResult {
  runDir: string;
  recordsFile: string;
  summary: RunSummary;
  manifest: ProbeManifest;
}

/**
 * Probes `models` (default: vanilla and role-play of the target) on `task` (default: all three
 * tasks) and returns the run folder; load it with the analysis helper `loadRecords(runDir)`.
 */
export async function runProbeSuite(
  access: ProbeAccess,
  spec: Omit<ProbeSpec, "models" | "task"> & { models?: ProbeModel[]; task?: ProbeSpec["task"] },
): Promise<SuiteResult> {
  const models = spec.models ?? conditionModels({ baseModelId: access.resolve("target").model });
  const summary = await runProbes(access, { ...spec, models, task: spec.task ?? ["preference", "self_report", "misalignment"] });
  // Printed where the run is started (a notebook cell, a script), not only kept in the summary.
  for (const w of summary.warnings) console.log(w);
  return {
    runDir: summary.dir,
    recordsFile: path.join(summary.dir, RECORDS_FILE),
    summary,
    manifest: readManifest(summary.dir)!,
  };
}
