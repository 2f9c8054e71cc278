// Together AI LoRA fine-tuning over its HTTP API (docs.together.ai reference: POST /files/upload,
// POST /fine-tunes, GET /fine-tunes/{id}, GET /fine-tunes/{id}/events, GET /fine-tunes,
// GET /fine-tunes/models/limits), with fetch.
// The key comes from TOGETHER_API_KEY (or the option) and is only ever put in the Authorization
// header: never in the registry, logs or errors.
import * as fs from "node:fs";
import * as path from "node:path";
import type { CreateJobRequest, FinetuneProvider, JobEvent, JobSnapshot } from "./provider";
import { FinetuneApiError } from "./provider";
import { togetherServing } from "./serving";
import type { JobState } from "./registry";
import { ConfigError, ProviderError } from "../core/errors";

/** Time allowed for the preflight GET (a refused connection fails at once; this bounds a silent one). */
const PREFLIGHT_TIMEOUT_MS = 10_000;

/** The base URL in Together's API reference (its examples call https://api.together.ai/v1/…). */
export const TOGETHER_DEFAULT_BASE_URL = "https://api.together.ai/v1";

/** The protocol's open-model settings (LoRA rank 16, lr 2e-4 with linear decay, 1 epoch, batch 4,
 *  loss on assistant turns only). lora_alpha is not given by the protocol: 32 (= 2 × rank) is ours. */
export const TOGETHER_DEFAULT_HYPERPARAMETERS = {
  n_epochs: 1,
  batch_size: 4,
  learning_rate: 2e-4,
  lr_scheduler: { lr_scheduler_type: "linear", lr_scheduler_args: { min_lr_ratio: 0 } },
  training_type: { type: "Lora", lora_r: 16, lora_alpha: 32, lora_dropout: 0, lora_trainable_modules: "all-linear" },
  training_method: { method: "sft", train_on_inputs: false },
  n_checkpoints: 1,
};

/** Every job status Together documents. A rejected job (error, user_error) must end the wait at
 *  once instead of being polled for hours as if still running. */
export const TOGETHER_STATUS: Record<string, JobState> = {
  pending: "queued",
  queued: "queued",
  running: "running",
  compressing: "running",
  uploading: "running",
  cancel_requested: "running",
  cancelled: "cancelled",
  error: "failed",
  user_error: "failed",
  completed: "succeeded",
};
const FAILED_STATUSES = new Set(Object.entries(TOGETHER_STATUS).filter(([, s]) => s === "failed").map(([k]) => k));

/** Together's per-model fine-tuning limits (GET /fine-tunes/models/limits). */
export interface TogetherLimits {
  max_num_epochs?: number;
  max_learning_rate?: number;
  min_learning_rate?: number;
  lora_training?: { max_batch_size?: number; min_batch_size?: number; max_rank?: number; target_modules?: string[] } | null;
}

/** Why the hyperparameters do not fit the model's documented limits (empty when they do). */
export function limitViolations(limits: TogetherLimits, hp: Record<string, unknown>): string[] {
  const out: string[] = [];
  const lora = limits.lora_training;
  const batch = typeof hp.batch_size === "number" ? hp.batch_size : null;
  const rank = (hp.training_type as { lora_r?: number } | undefined)?.lora_r;
  const lr = typeof hp.learning_rate === "number" ? hp.learning_rate : null;
  const epochs = typeof hp.n_epochs === "number" ? hp.n_epochs : null;
  if (!lora) out.push("the model does not offer LoRA fine-tuning");
  if (lora && batch !== null && lora.min_batch_size !== undefined && batch < lora.min_batch_size) out.push(`batch size ${batch} is below the model's minimum ${lora.min_batch_size}`);
  if (lora && batch !== null && lora.max_batch_size !== undefined && batch > lora.max_batch_size) out.push(`batch size ${batch} is above the model's maximum ${lora.max_batch_size}`);
  if (lora && typeof rank === "number" && lora.max_rank !== undefined && rank > lora.max_rank) out.push(`LoRA rank ${rank} is above the model's maximum ${lora.max_rank}`);
  if (lr !== null && limits.max_learning_rate !== undefined && lr > limits.max_learning_rate) out.push(`learning rate ${lr} is above the maximum ${limits.max_learning_rate}`);
  if (lr !== null && limits.min_learning_rate !== undefined && lr < limits.min_learning_rate) out.push(`learning rate ${lr} is below the minimum ${limits.min_learning_rate}`);
  if (epochs !== null && limits.max_num_epochs !== undefined && epochs > limits.max_num_epochs) out.push(`${epochs} epochs is above the maximum ${limits.max_num_epochs}`);
  return out;
}

export interface TogetherOptions {
  baseURL?: string;
  apiKey?: string;
  /** Per-request timeout in ms (default 60 s). */
  timeoutMs?: number;
}

interface TogetherJob {
  id: string;
  status: string;
  model_output_name?: string;
  training_file?: string;
  events?: { type?: string; message?: string; level?: string | null }[];
}

export function togetherProvider(opts: TogetherOptions = {}): FinetuneProvider {
  const baseURL = (opts.baseURL ?? process.env.TOGETHER_BASE_URL ?? TOGETHER_DEFAULT_BASE_URL).replace(/\/+$/, "");
  const apiKey = opts.apiKey ?? process.env.TOGETHER_API_KEY;
  if (!apiKey) throw new ConfigError("together: no API key; set the TOGETHER_API_KEY environment variable");
  const timeoutMs = opts.timeoutMs ?? 60_000;

  async function call<T>(method: string, route: string, body?: unknown, form?: FormData, wait = timeoutMs): Promise<T> {
    let res: Response;
    try {
      res = await fetch(baseURL + route, {
        method,
        headers: { Authorization: `Bearer ${apiKey}`, ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
        body: form ?? (body !== undefined ? JSON.stringify(body) : undefined),
        signal: AbortSignal.timeout(wait),
      });
    } catch (e) {
      // fetch says only "fetch failed"; the cause holds ECONNREFUSED, ENOTFOUND, a timeout, …
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = [(e as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(": ");
      throw new FinetuneApiError("together", null, `${method} ${baseURL}${route} failed (${why})`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* leave null: reported below if the status is bad */
    }
    if (!res.ok) {
      const err = (json as { error?: { message?: string } | string; message?: string } | null) ?? null;
      const msg = typeof err?.error === "string" ? err.error : err?.error?.message ?? err?.message ?? text.slice(0, 500);
      // Some servers echo the presented key; the message goes into errors and the registry.
      throw new FinetuneApiError("together", res.status, `${method} ${route}: ${msg.split(apiKey!).join("[redacted key]")}`);
    }
    return json as T;
  }

  const snapshot = (j: TogetherJob): JobSnapshot => {
    const state = TOGETHER_STATUS[j.status?.toLowerCase()] ?? "running";
    // Event types and levels are compared without regard to case (the API has sent both spellings).
    const errEvent = [...(j.events ?? [])].reverse().find((e) => e.type?.toLowerCase() === "job_error" || e.level?.toLowerCase() === "error");
    return {
      id: j.id,
      state,
      providerStatus: j.status,
      modelId: state === "succeeded" ? j.model_output_name ?? null : null,
      error: state === "failed" ? errEvent?.message ?? `job ended with status ${j.status}` : null,
      trainingFileId: j.training_file ?? null,
    };
  };

  return {
    name: "together",
    endpoint: baseURL,
    backend: "real",
    servingFor: (baseModel, modelId) => togetherServing(baseModel, modelId),
    async preflight(baseModel) {
      // Reachable, the key accepted, the base model offered for fine-tuning: one free GET, before
      // any registry entry or upload; each failure says what to change.
      try {
        await call<TogetherLimits>("GET", `/fine-tunes/models/limits?model_name=${encodeURIComponent(baseModel)}`, undefined, undefined, PREFLIGHT_TIMEOUT_MS);
      } catch (e) {
        const err = e as FinetuneApiError;
        const where = `fine-tuning ${baseModel} at Together (${baseURL})`;
        if (err.status === 401 || err.status === 403) throw new ProviderError(`${where}: the key was refused (${err.message})`, "set TOGETHER_API_KEY to a valid key", { cause: e });
        if (err.status === 400 || err.status === 404) throw new ProviderError(`${where}: the model is not offered for fine-tuning (${err.message})`, "change --base-model (a model listed in Together's fine-tuning models)", { cause: e });
        if (err.status === null) throw new ProviderError(`${where}: cannot reach the endpoint (${err.message})`, "check the network, or set TOGETHER_BASE_URL to one that answers", { cause: e });
        throw new ProviderError(`${where}: ${err.message}`, "check TOGETHER_BASE_URL and TOGETHER_API_KEY", { cause: e });
      }
    },
    async checkBeforeUpload(baseModel, hyperparameters) {
      const limits = await call<TogetherLimits>("GET", `/fine-tunes/models/limits?model_name=${encodeURIComponent(baseModel)}`);
      const problems = limitViolations(limits, hyperparameters);
      if (problems.length)
        throw new FinetuneApiError(
          "together",
          null,
          `${baseModel} cannot be fine-tuned with these settings (checked before upload against GET /fine-tunes/models/limits): ${problems.join("; ")}. ` +
            `Changing them departs from the protocol (LoRA rank 16, batch 4); Tinker (--provider bundle) or a local trainer keeps them.`,
        );
    },
    async uploadTrainingFile(file) {
      const form = new FormData();
      form.append("purpose", "fine-tune");
      form.append("file_name", path.basename(file));
      form.append("file_type", "jsonl");
      form.append("file", new Blob([fs.readFileSync(file)], { type: "application/jsonl" }), path.basename(file));
      const r = await call<{ id: string }>("POST", "/files/upload", undefined, form);
      return { id: r.id };
    },
    async createJob(req: CreateJobRequest) {
      const j = await call<TogetherJob>("POST", "/fine-tunes", {
        ...req.hyperparameters,
        training_file: req.trainingFileId,
        model: req.baseModel,
        suffix: req.suffix,
        // Without it two seeds of one condition train with the same initialisation and order.
        random_seed: req.seed,
      });
      return snapshot(j);
    },
    async getJob(id) {
      const j = await call<TogetherJob>("GET", `/fine-tunes/${encodeURIComponent(id)}`);
      // The job record may omit the error text; the events carry it.
      if (FAILED_STATUSES.has(j.status?.toLowerCase()) && !(j.events ?? []).length) {
        const ev = await call<{ data: TogetherJob["events"] }>("GET", `/fine-tunes/${encodeURIComponent(id)}/events`);
        j.events = ev.data ?? [];
      }
      return snapshot(j);
    },
    async listEvents(id): Promise<JobEvent[]> {
      const r = await call<{ data: { created_at?: string; message?: string; level?: string | null }[] }>("GET", `/fine-tunes/${encodeURIComponent(id)}/events`);
      return (r.data ?? []).map((e) => ({ createdAt: e.created_at ?? "", message: e.message ?? "", level: e.level ?? null }));
    },
    async listCheckpoints(id) {
      // Together reports checkpoints as checkpoint_save events; newest first, like OpenAI's list.
      const r = await call<{ data: { type?: string; checkpoint_path?: string; model_path?: string; step?: number }[] }>("GET", `/fine-tunes/${encodeURIComponent(id)}/events`);
      return (r.data ?? [])
        .filter((e) => e.type?.toLowerCase() === "checkpoint_save" && (e.checkpoint_path || e.model_path))
        .sort((a, b) => (b.step ?? 0) - (a.step ?? 0))
        .map((e) => (e.checkpoint_path || e.model_path)!);
    },
    async findJobByTrainingFile(fileId) {
      const r = await call<{ data: TogetherJob[] }>("GET", "/fine-tunes");
      const j = (r.data ?? []).find((x) => x.training_file === fileId);
      return j ? snapshot(j) : null;
    },
  };
}
