// OpenAI fine-tuning (files + fine_tuning.jobs with method.supervised). The same code drives the
// built-in simulator, which implements these endpoints. The client always comes from the access
// layer (access.client), never constructed here, so keys and base URLs have one owner.
import * as fs from "node:fs";
import * as path from "node:path";
import type OpenAI from "openai";
import { toFile } from "openai";
import type { CreateJobRequest, FinetuneProvider, JobSnapshot } from "./provider";
import { FinetuneApiError } from "./provider";
import type { JobState } from "./registry";

/** The protocol's GPT-4.1 settings: 3 epochs, batch size 2, learning-rate multiplier 2. */
export const OPENAI_DEFAULT_HYPERPARAMETERS = { n_epochs: 3, batch_size: 2, learning_rate_multiplier: 2 };

const STATE: Record<string, JobState> = {
  validating_files: "queued",
  queued: "queued",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelled: "cancelled",
};

function wrap(e: unknown, what: string): FinetuneApiError {
  const err = e as { status?: number; message?: string; error?: { message?: string } };
  return new FinetuneApiError("openai", typeof err.status === "number" ? err.status : null, `${what}: ${err.error?.message ?? err.message ?? String(e)}`);
}

function snapshot(j: OpenAI.FineTuning.FineTuningJob): JobSnapshot {
  const state = STATE[j.status] ?? "running";
  const err = j.error as { code?: string; message?: string; param?: string | null } | null;
  return {
    id: j.id,
    state,
    providerStatus: j.status,
    modelId: j.fine_tuned_model ?? null,
    error: state === "failed" ? (err?.message ? `${err.message}${err.code ? ` (${err.code}${err.param ? `, ${err.param}` : ""})` : ""}` : `job ended with status ${j.status}`) : null,
    trainingFileId: j.training_file ?? null,
  };
}

export function openaiProvider(client: OpenAI, opts: { backend: "simulator" | "real" }): FinetuneProvider {
  return {
    name: "openai",
    endpoint: client.baseURL,
    backend: opts.backend,
    async uploadTrainingFile(file) {
      try {
        const f = await client.files.create({ file: await toFile(fs.createReadStream(file), path.basename(file)), purpose: "fine-tune" });
        return { id: f.id };
      } catch (e) {
        throw wrap(e, `upload ${path.basename(file)}`);
      }
    },
    async createJob(req: CreateJobRequest) {
      try {
        const j = await client.fineTuning.jobs.create({
          model: req.baseModel,
          training_file: req.trainingFileId,
          suffix: req.suffix,
          seed: req.seed,
          method: { type: "supervised", supervised: { hyperparameters: req.hyperparameters as OpenAI.FineTuning.SupervisedHyperparameters } },
        });
        return snapshot(j);
      } catch (e) {
        throw wrap(e, "create fine-tuning job");
      }
    },
    async getJob(id) {
      try {
        return snapshot(await client.fineTuning.jobs.retrieve(id));
      } catch (e) {
        throw wrap(e, `retrieve job ${id}`);
      }
    },
    async listEvents(id) {
      try {
        const page = await client.fineTuning.jobs.listEvents(id, { limit: 100 });
        return page.data.map((e) => ({ createdAt: new Date(e.created_at * 1000).toISOString(), message: e.message, level: e.level ?? null }));
      } catch (e) {
        throw wrap(e, `events of job ${id}`);
      }
    },
    async listCheckpoints(id) {
      try {
        const page = await client.fineTuning.jobs.checkpoints.list(id, { limit: 100 });
        return page.data.map((c) => c.fine_tuned_model_checkpoint);
      } catch (e) {
        throw wrap(e, `checkpoints of job ${id}`);
      }
    },
    async findJobByTrainingFile(fileId) {
      try {
        const page = await client.fineTuning.jobs.list({ limit: 100 });
        const j = page.data.find((x) => x.training_file === fileId);
        return j ? snapshot(j) : null;
      } catch (e) {
        throw wrap(e, "list fine-tuning jobs");
      }
    },
  };
}
