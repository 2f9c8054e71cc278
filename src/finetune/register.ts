// The step after a bundle has been trained elsewhere: record in the registry where the fine-tune is
// queried, so `probe`, `audit` and `replicate` reach it with no hand-editing. A Tinker run leaves
// tinker_result.json (its final sampler checkpoint); a local LoRA is named by the vLLM server that
// serves it (--served-as). The entry is the bundle's own (provider "bundle", same key as the export).
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { createHash } from "node:crypto";
import { defaultRegistryPath, openRegistry, registryKey, type RegistryEntry } from "./registry";
import { TINKER_RESULT_FILE } from "./bundle-scripts";
import { tinkerServing } from "./serving";
import { suffixFor } from "./run";
import { InputError } from "../core/errors";
import { readJsonFile } from "../core/json";

const BundleSettings = z.object({
  base_model: z.string(),
  condition: z.string(),
  seed: z.number().int(),
  training_sha256: z.string(),
  data_file: z.string(),
  registry: z.string().optional(),
});

export interface RegisterBundleOptions {
  bundleDir: string;
  /** Default: the registry named in the bundle's settings, else data/finetune/registry.json. */
  registryPath?: string;
  /** The LoRA name a vLLM server serves this bundle's adapter under (local path). */
  servedAs?: string;
  /** vLLM endpoint name in lab.config.json (default "vllm"). */
  vllmEndpoint?: string;
  /** A Tinker sampler checkpoint, when tinker_result.json is not there (e.g. trained by hand). */
  samplerPath?: string;
}

export function registerBundle(o: RegisterBundleOptions): RegistryEntry {
  const dir = path.resolve(o.bundleDir);
  const settingsFile = path.join(dir, "settings.json");
  const s = readJsonFile(settingsFile, BundleSettings, { what: "bundle settings" });
  const trainFile = path.join(dir, s.data_file);
  const sha = createHash("sha256").update(fs.readFileSync(trainFile)).digest("hex");
  if (sha !== s.training_sha256) throw new InputError(`${trainFile} no longer matches the bundle's settings (sha256 ${sha.slice(0, 12)}… vs ${s.training_sha256.slice(0, 12)}…): export the bundle again`);

  let served: { modelId: string; queryModel: string; note: string; endpoint: string };
  if (o.servedAs) {
    if (!/^[A-Za-z0-9._-]+$/.test(o.servedAs)) throw new InputError(`--served-as: a vLLM LoRA name holds letters, digits, . _ - only, got "${o.servedAs}"`);
    const ep = o.vllmEndpoint ?? "vllm";
    served = { modelId: o.servedAs, queryModel: `${o.servedAs}@${ep}`, endpoint: ep, note: `LoRA adapter served by vLLM as "${o.servedAs}" (--enable-lora --lora-modules ${o.servedAs}=${path.join(dir, "adapter")}) on the ${ep} endpoint` };
  } else {
    let sampler = o.samplerPath;
    if (!sampler) {
      const resultFile = path.join(dir, TINKER_RESULT_FILE);
      if (!fs.existsSync(resultFile)) throw new InputError(`${resultFile} not found: run train_tinker.py in ${dir} first (or pass --sampler-path tinker://…, or --served-as <name> for a local LoRA on vLLM)`);
      const r = readJsonFile(resultFile, z.object({ sampler_path: z.string(), base_model: z.string() }), { what: "Tinker result" });
      if (r.base_model !== s.base_model) throw new InputError(`${resultFile}: trained ${r.base_model}, but the bundle is for ${s.base_model}`);
      sampler = r.sampler_path;
    }
    const t = tinkerServing(sampler);
    served = { modelId: sampler, queryModel: t.queryModel, note: t.note, endpoint: "tinker" };
  }

  const registry = openRegistry(o.registryPath ?? s.registry ?? defaultRegistryPath);
  const key = registryKey("bundle", s.base_model, s.condition, s.seed);
  const prev = registry.get(key);
  if (prev && prev.training_sha256 !== sha)
    throw new InputError(`${registry.file}: ${s.condition} seed ${s.seed} was exported from other training data (${prev.training_path}); export the bundle again before registering`);
  const now = new Date().toISOString();
  return registry.upsert({
    key,
    provider: "bundle",
    base_model: s.base_model,
    condition: s.condition,
    seed: s.seed,
    backend: "real",
    endpoint: served.endpoint,
    training_path: prev?.training_path ?? trainFile,
    training_sha256: sha,
    training_file_id: null,
    job_id: null,
    model_id: served.modelId,
    query_model: served.queryModel,
    serving_note: served.note,
    status: "succeeded",
    provider_status: "registered",
    error: null,
    suffix: prev?.suffix ?? suffixFor(s.condition, s.seed),
    hyperparameters: prev?.hyperparameters ?? {},
    bundle_dir: dir,
    finished_at: now,
  });
}
