// Launch-or-attach for fine-tuning jobs, with the registry as the single source of truth:
//  - an entry with a job id is attached to (polled), never launched again;
//  - an entry that crashed between upload and create reuses the uploaded file, and one that crashed
//    during create first looks for a job made from that file at the provider;
//  - failed jobs are reported with the provider's error and relaunched only when asked.
import * as fs from "node:fs";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { waitForLock } from "../core/lock";
import type { FinetuneProvider, JobSnapshot } from "./provider";
import { registryKey, TERMINAL_STATES, type Registry, type RegistryEntry } from "./registry";
import { assertValidTrainingFile } from "../training/validate";
import { InputError } from "../core/errors";

export interface FinetuneSpec {
  condition: string;
  seed: number;
  trainingFile: string;
}

export interface RunFinetuneOptions {
  provider: FinetuneProvider;
  /** Model id sent to the provider. */
  baseModel: string;
  registry: Registry;
  hyperparameters: Record<string, unknown>;
  /** Wait for every job to finish (default true). */
  wait?: boolean;
  pollIntervalMs?: number;
  /** Give up waiting after this long (the jobs keep running; a later call re-attaches). */
  timeoutMs?: number;
  /** Launch a new job for entries whose job failed or was cancelled (default false). */
  retryFailed?: boolean;
  /** Launch a new job when the training file changed since the registered job (default false: error). */
  replaceChangedData?: boolean;
  /** Called on every status change, with one human line. */
  onProgress?: (entry: RegistryEntry, line: string) => void;
}

export function suffixFor(condition: string, seed: number): string {
  return `${condition.replace(/[^A-Za-z0-9-]+/g, "-")}-s${seed}`.slice(0, 64);
}

export function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

const describe = (e: RegistryEntry) =>
  `${e.condition} s${e.seed}: ${e.status}${e.job_id ? ` (job ${e.job_id})` : ""}${e.model_id ? ` → ${e.model_id}` : ""}${e.error ? ` · error: ${e.error}` : ""}`;

/** Launches a job for the spec or attaches to the one the registry holds. Two launches of one
 *  condition × seed (a notebook and the CLI, or two calls in one kernel) take turns on a lock file
 *  beside the registry, so the second sees the first's job id and attaches instead of paying again. */
export async function launchOrAttach(spec: FinetuneSpec, o: RunFinetuneOptions): Promise<RegistryEntry> {
  const key = registryKey(o.provider.name, o.baseModel, spec.condition, spec.seed);
  const release = await waitForLock(`${o.registry.file}.${createHash("sha256").update(key).digest("hex").slice(0, 16)}.lock`);
  try {
    return await launchOrAttachLocked(spec, o, key);
  } finally {
    release();
  }
}

async function launchOrAttachLocked(spec: FinetuneSpec, o: RunFinetuneOptions, key: string): Promise<RegistryEntry> {
  const sha = sha256File(spec.trainingFile);
  const progress = (e: RegistryEntry) => o.onProgress?.(e, describe(e));
  let entry = o.registry.get(key);

  if (entry && entry.training_sha256 !== sha && entry.job_id) {
    if (!o.replaceChangedData) {
      throw new InputError(
        `${spec.trainingFile} changed since job ${entry.job_id} was launched for ${spec.condition} seed ${spec.seed} (registry ${o.registry.file}); ` +
          `pass replaceChangedData / --replace to launch a new job for the new data`,
      );
    }
    entry = undefined;
  }
  if (entry?.job_id && (entry.status === "failed" || entry.status === "cancelled") && o.retryFailed) entry = undefined;
  if (entry?.job_id) return entry; // attach: never a second job

  const base = {
    key,
    provider: o.provider.name,
    base_model: o.baseModel,
    condition: spec.condition,
    seed: spec.seed,
    backend: o.provider.backend,
    endpoint: o.provider.endpoint,
    training_path: spec.trainingFile,
    training_sha256: sha,
    suffix: suffixFor(spec.condition, spec.seed),
    hyperparameters: o.hyperparameters,
    job_id: null,
    model_id: null,
    provider_status: null,
    error: null,
    finished_at: null,
  };

  // Crashed during create, or the create's answer was lost (timeout, reset, 5xx after the provider
  // acted): the job may exist although we never saw its id.
  if (entry && !entry.job_id && (entry.status === "creating" || entry.status === "failed") && entry.training_file_id && entry.training_sha256 === sha) {
    const found = await o.provider.findJobByTrainingFile(entry.training_file_id);
    if (found) return record(o, key, found, progress);
  }

  let fileId = entry && entry.training_sha256 === sha ? entry.training_file_id : null;
  if (!fileId) {
    assertValidTrainingFile(spec.trainingFile, { model: o.baseModel });
    await o.provider.checkBeforeUpload?.(o.baseModel, o.hyperparameters);
    progress(o.registry.upsert({ ...base, training_file_id: null, status: "uploading" }));
    try {
      fileId = (await o.provider.uploadTrainingFile(spec.trainingFile)).id;
    } catch (e) {
      const failed = o.registry.upsert({ ...base, training_file_id: null, status: "failed", error: (e as Error).message, finished_at: new Date().toISOString() });
      progress(failed);
      return failed;
    }
    o.registry.upsert({ ...base, training_file_id: fileId, status: "uploaded" });
  }
  o.registry.upsert({ ...base, training_file_id: fileId, status: "creating" });
  let job: JobSnapshot;
  try {
    job = await o.provider.createJob({ trainingFileId: fileId, baseModel: o.baseModel, suffix: base.suffix, seed: spec.seed, hyperparameters: o.hyperparameters });
  } catch (e) {
    const failed = o.registry.upsert({ ...base, training_file_id: fileId, status: "failed", error: (e as Error).message, finished_at: new Date().toISOString() });
    progress(failed);
    return failed;
  }
  return record(o, key, job, progress);
}

function record(o: RunFinetuneOptions, key: string, job: JobSnapshot, progress: (e: RegistryEntry) => void): RegistryEntry {
  const prev = o.registry.get(key);
  const terminal = TERMINAL_STATES.includes(job.state);
  const e = o.registry.upsert({
    key,
    job_id: job.id,
    training_file_id: job.trainingFileId ?? prev?.training_file_id ?? null,
    status: job.state,
    provider_status: job.providerStatus,
    model_id: job.modelId,
    error: job.error,
    finished_at: terminal ? prev?.finished_at ?? new Date().toISOString() : null,
    ...servingOf(o, job, prev),
  });
  if (!prev || prev.status !== e.status || prev.job_id !== e.job_id) progress(e);
  return e;
}

function servingOf(o: RunFinetuneOptions, job: JobSnapshot, prev: RegistryEntry | undefined): Partial<RegistryEntry> {
  if (job.state !== "succeeded" || !job.modelId || !o.provider.servingFor) return {};
  const s = o.provider.servingFor(prev?.base_model ?? o.baseModel, job.modelId);
  return { query_model: s.queryModel, serving_note: s.note };
}

/** Polls until the entry's job ends (or the timeout passes), keeping the registry current. */
export async function waitForJob(entry: RegistryEntry, o: RunFinetuneOptions): Promise<RegistryEntry> {
  if (!entry.job_id) return entry;
  const progress = (e: RegistryEntry) => o.onProgress?.(e, describe(e));
  const poll = o.pollIntervalMs ?? 15_000;
  const deadline = Date.now() + (o.timeoutMs ?? 6 * 3600_000);
  let current = entry;
  for (;;) {
    if (TERMINAL_STATES.includes(current.status) && current.finished_at) {
      if (current.status === "succeeded" && current.checkpoints.length === 0) {
        const checkpoints = await o.provider.listCheckpoints(current.job_id!).catch(() => []);
        if (checkpoints.length) current = o.registry.upsert({ key: current.key, checkpoints });
      }
      if (current.status === "failed" && !current.last_event) {
        const events = await o.provider.listEvents(current.job_id!).catch(() => []);
        const last = events.find((ev) => ev.level === "error") ?? events[0];
        if (last) current = o.registry.upsert({ key: current.key, last_event: last.message });
      }
      return current;
    }
    if (Date.now() > deadline) return current;
    let job: JobSnapshot;
    try {
      job = await o.provider.getJob(current.job_id!);
    } catch (e) {
      // A transient outage while polling must not lose the job: keep the id, say why, poll again.
      current = o.registry.upsert({ key: current.key, last_event: `poll failed: ${(e as Error).message}` });
      await sleep(poll);
      continue;
    }
    current = record(o, current.key, job, progress);
    if (!TERMINAL_STATES.includes(current.status)) await sleep(poll);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Launches (or attaches to) every spec, then waits for all of them. Never throws for a job's
 *  failure: failed entries carry the provider's error. */
export async function runFinetunes(specs: FinetuneSpec[], o: RunFinetuneOptions): Promise<RegistryEntry[]> {
  const entries: RegistryEntry[] = [];
  for (const s of specs) entries.push(await launchOrAttach(s, o));
  if (o.wait === false) return entries;
  return Promise.all(entries.map((e) => waitForJob(e, o)));
}
