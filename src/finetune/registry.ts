// The fine-tuning registry (data/finetune/registry.json): one entry per provider × base model ×
// condition × seed with the job id, model id and status. A job id is written the moment the
// provider returns it, so a restarted notebook re-attaches to the job instead of paying for a
// second one. Every write replaces the file atomically (temp file + rename).
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { readJsonFile } from "../core/json";
import { paths } from "../core";
import { writeFileAtomic } from "../core/files";

export const ProviderName = z.enum(["openai", "together", "bundle"]);
export type ProviderName = z.infer<typeof ProviderName>;

/** Our normalised job states; provider_status keeps the provider's own word. */
export const JobState = z.enum(["uploading", "uploaded", "creating", "queued", "running", "succeeded", "failed", "cancelled", "exported"]);
export type JobState = z.infer<typeof JobState>;
export const TERMINAL_STATES: JobState[] = ["succeeded", "failed", "cancelled", "exported"];

export const RegistryEntry = z.object({
  key: z.string(),
  provider: ProviderName,
  base_model: z.string(),
  condition: z.string(),
  seed: z.number().int(),
  /** simulator | real: whether the job ran on the built-in simulator. */
  backend: z.enum(["simulator", "real"]),
  /** Base URL of the provider (never a key). */
  endpoint: z.string().nullable(),
  training_path: z.string(),
  training_sha256: z.string(),
  training_file_id: z.string().nullable(),
  job_id: z.string().nullable(),
  model_id: z.string().nullable(),
  status: JobState,
  provider_status: z.string().nullable(),
  error: z.string().nullable(),
  suffix: z.string(),
  hyperparameters: z.record(z.unknown()),
  checkpoints: z.array(z.string()).default([]),
  last_event: z.string().nullable().default(null),
  /** bundle provider: the folder written. */
  bundle_dir: z.string().nullable().default(null),
  /** The reference probes use for this fine-tune (`<model>@<endpoint>`), when it is not the
   *  default endpoint's (Together, Tinker sampler paths, a LoRA on the local vLLM server). */
  query_model: z.string().nullable().default(null),
  /** What serving the fine-tune needs (serverless, or a dedicated endpoint and its cost). */
  serving_note: z.string().nullable().default(null),
  created_at: z.string(),
  updated_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RegistryEntry = z.infer<typeof RegistryEntry>;

const RegistryFile = z.object({ version: z.literal(1), entries: z.array(RegistryEntry) });

export const defaultRegistryPath = path.join(paths.finetune, "registry.json");

export function registryKey(provider: ProviderName, baseModel: string, condition: string, seed: number): string {
  return `${provider}|${baseModel}|${condition}|s${seed}`;
}

export interface Registry {
  readonly file: string;
  get(key: string): RegistryEntry | undefined;
  list(): RegistryEntry[];
  /** Merges the patch into the entry (creating it if needed) and writes the file atomically. */
  upsert(entry: Partial<RegistryEntry> & { key: string }): RegistryEntry;
}

function readRegistry(file: string): RegistryEntry[] {
  if (!fs.existsSync(file)) return [];
  return readJsonFile(file, RegistryFile, { what: "fine-tuning registry (fix or move it before launching jobs)" }).entries;
}

export { writeFileAtomic };

export function openRegistry(file: string = defaultRegistryPath): Registry {
  let entries = readRegistry(file);
  const write = () => writeFileAtomic(file, JSON.stringify({ version: 1, entries }, null, 2) + "\n");
  return {
    file,
    // Read from disk each time: another process (the CLI beside a notebook) may have registered a
    // job since this handle was opened, and a stale "no entry" would launch and pay for a second one.
    get: (key) => (entries = readRegistry(file)).find((e) => e.key === key),
    list: () => (entries = readRegistry(file)).slice(),
    upsert(patch) {
      // Re-read so that entries written by another process since we opened are kept.
      entries = readRegistry(file);
      const now = new Date().toISOString();
      const i = entries.findIndex((e) => e.key === patch.key);
      const merged = RegistryEntry.parse({
        ...(i >= 0 ? entries[i] : { created_at: now, finished_at: null, checkpoints: [], last_event: null, bundle_dir: null }),
        ...patch,
        updated_at: now,
      });
      if (i >= 0) entries[i] = merged;
      else entries.push(merged);
      write();
      return merged;
    },
  };
}
