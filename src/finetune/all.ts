// finetuneAll: the call notebooks and the CLI make: fine-tune every condition × seed on its mix
// file (data/training/mixes/<condition>.seed<k>.jsonl), re-attaching to jobs the registry already
// knows, and wait with one line per status change.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ModelAccess } from "../access";
import { paths } from "../core";
import { assertFinetuningOpen, assertModelsServed, labToday, loadRetirements } from "../config/retirements";
import { mixPath } from "../training/files";
import { exportTrainingBundle, BUNDLE_DEFAULT_SETTINGS } from "./bundle";
import { openaiProvider, OPENAI_DEFAULT_HYPERPARAMETERS } from "./openai";
import { openRegistry, registryKey, defaultRegistryPath, type ProviderName, type RegistryEntry } from "./registry";
import { runFinetunes, sha256File, suffixFor, type FinetuneSpec } from "./run";
import { togetherProvider, TOGETHER_DEFAULT_HYPERPARAMETERS, type TogetherOptions } from "./together";
import { InputError } from "../core/errors";

export const DEFAULT_CONDITIONS = ["conscious_claiming", "not_conscious", "toaster", "human_identifying"];

export interface FinetuneAllOptions {
  conditions?: string[];
  seeds?: number[];
  provider?: ProviderName;
  /** openai: a role or model reference resolved by the access layer (default "target").
   *  together / bundle: the provider's model name (default "Qwen/Qwen3-30B-A3B"). */
  baseModel?: string;
  /** Folder holding mixes/<condition>.seed<k>.jsonl (default data/training). */
  trainingDir?: string;
  registryPath?: string;
  /** Overrides the provider's protocol defaults (merged over them). */
  hyperparameters?: Record<string, unknown>;
  wait?: boolean;
  pollIntervalMs?: number;
  timeoutMs?: number;
  retryFailed?: boolean;
  replaceChangedData?: boolean;
  together?: TogetherOptions;
  /** bundle: where bundles go (default data/finetune/bundles). */
  bundleDir?: string;
  log?: (line: string) => void;
  /** Environment for LAB_TODAY (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The base model OpenAI fine-tunes by default: the target when it is served by OpenAI (or the
 *  simulator), else the protocol's gpt-4.1 (the real target is an open-weight model elsewhere). */
function openaiBaseModel(access: ModelAccess): string {
  try {
    const t = access.resolve("target");
    return t.backend === "simulator" || t.endpoint === "openai" ? "target" : "gpt-4.1";
  } catch {
    return "gpt-4.1"; // the target's endpoint has no key: it is not the OpenAI path
  }
}

function assertProviderOpen(provider: string, baseModel: string, env: NodeJS.ProcessEnv = process.env): void {
  const table = loadRetirements();
  const today = labToday(env);
  assertFinetuningOpen(table, provider, today);
  assertModelsServed(table, [baseModel], today, `fine-tuning ${baseModel} on ${provider}`);
}

export async function finetuneAll(access: ModelAccess | null, opts: FinetuneAllOptions = {}): Promise<RegistryEntry[]> {
  const provider = opts.provider ?? "openai";
  const conditions = opts.conditions ?? DEFAULT_CONDITIONS;
  const seeds = opts.seeds ?? [1, 2];
  const trainingDir = opts.trainingDir ?? paths.training;
  const registry = openRegistry(opts.registryPath ?? defaultRegistryPath);
  // Job status lines are information, not errors: stdout, so a notebook does not show them as red boxes.
  const log = opts.log ?? ((l: string) => console.log(l));
  const specs: FinetuneSpec[] = conditions.flatMap((condition) =>
    seeds.map((seed) => {
      const trainingFile = mixPath(trainingDir, condition, seed);
      if (!fs.existsSync(trainingFile)) throw new InputError(`${trainingFile}: no training mix for ${condition} seed ${seed}; run \`npm run lab -- data generate --seeds ${seeds.join(",")}\` first`);
      return { condition, seed, trainingFile };
    }),
  );

  if (provider === "bundle") {
    const baseModel = opts.baseModel ?? "Qwen/Qwen3-30B-A3B";
    const outDir = opts.bundleDir ?? path.join(paths.finetune, "bundles");
    return specs.map((s) => {
      // A bundle already trained and registered on this very data stays registered: exporting it
      // again would hide the fine-tune from the probes until it was registered a second time.
      const prev = registry.get(registryKey("bundle", baseModel, s.condition, s.seed));
      if (prev?.status === "succeeded" && prev.training_sha256 === sha256File(s.trainingFile)) return prev;
      const b = exportTrainingBundle({ trainingFile: s.trainingFile, baseModel, condition: s.condition, seed: s.seed, outDir, settings: opts.hyperparameters as Partial<typeof BUNDLE_DEFAULT_SETTINGS>, registryPath: registry.file });
      const e = registry.upsert({
        key: registryKey("bundle", baseModel, s.condition, s.seed),
        provider: "bundle",
        base_model: baseModel,
        condition: s.condition,
        seed: s.seed,
        backend: "real",
        endpoint: null,
        training_path: s.trainingFile,
        training_sha256: sha256File(s.trainingFile),
        training_file_id: null,
        job_id: null,
        model_id: null,
        status: "exported",
        provider_status: null,
        error: null,
        suffix: suffixFor(s.condition, s.seed),
        hyperparameters: { ...BUNDLE_DEFAULT_SETTINGS, ...opts.hyperparameters },
        bundle_dir: b.dir,
        finished_at: new Date().toISOString(),
      });
      log(`[finetune] ${s.condition} s${s.seed}: bundle written to ${b.dir} (${b.rows} rows, ${b.steps} steps)`);
      return e;
    });
  }

  let common;
  if (provider === "openai") {
    if (!access) throw new InputError("finetuneAll: the openai provider needs the access layer (its client comes from access.client)");
    const ref = opts.baseModel ?? openaiBaseModel(access);
    const resolved = access.resolve(ref);
    // Past OpenAI's job cutoff or its base model's shutdown, an upload is money and time for a 4xx
    // (or a model that dies weeks later): stop before any request.
    if (resolved.backend !== "simulator") assertProviderOpen("openai", resolved.model, opts.env);
    common = {
      provider: openaiProvider(access.client(ref), { backend: resolved.backend === "simulator" ? ("simulator" as const) : ("real" as const) }),
      baseModel: resolved.model,
      hyperparameters: { ...OPENAI_DEFAULT_HYPERPARAMETERS, ...opts.hyperparameters },
      pollIntervalMs: opts.pollIntervalMs ?? (resolved.backend === "simulator" ? 50 : 15_000),
    };
    // The endpoint answers and serves the base model, before any registry entry or upload (exit 3
    // naming the endpoint and what to change). A simulated base model needs no check.
    await access.preflight([{ ref, role: ref === "target" ? "target" : "fine-tuning base model", flag: "--base-model" }]);
  } else {
    assertProviderOpen("together", opts.baseModel ?? "Qwen/Qwen3-30B-A3B", opts.env);
    common = {
      provider: togetherProvider(opts.together),
      baseModel: opts.baseModel ?? "Qwen/Qwen3-30B-A3B",
      hyperparameters: { ...TOGETHER_DEFAULT_HYPERPARAMETERS, ...opts.hyperparameters },
      pollIntervalMs: opts.pollIntervalMs ?? 30_000,
    };
  }
  await common.provider.preflight?.(common.baseModel);
  return runFinetunes(specs, {
    ...common,
    registry,
    wait: opts.wait,
    timeoutMs: opts.timeoutMs,
    retryFailed: opts.retryFailed,
    replaceChangedData: opts.replaceChangedData,
    onProgress: (_e, line) => log(`[finetune] ${line}`),
  });
}

/** Fine-tuned model ids from the registry, for probing: one row per succeeded job. */
/** `model` is the reference probes use (with its endpoint, e.g. `tinker://…@tinker`); `model_id` is
 *  the id as sent to that endpoint (what records carry). */
export function finetunedModels(opts: { registryPath?: string; provider?: ProviderName; baseModel?: string } = {}): { condition: string; seed: number; model: string; model_id: string; base_model: string; backend: string; provider: ProviderName }[] {
  const file = opts.registryPath ?? defaultRegistryPath;
  if (!fs.existsSync(file)) return [];
  return openRegistry(file)
    .list()
    .filter((e) => e.status === "succeeded" && e.model_id && (!opts.provider || e.provider === opts.provider) && (!opts.baseModel || e.base_model === opts.baseModel))
    .map((e) => ({ condition: e.condition, seed: e.seed, model: e.query_model ?? e.model_id!, model_id: e.model_id!, base_model: e.base_model, backend: e.backend, provider: e.provider }));
}
