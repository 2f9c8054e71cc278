// One interface over the fine-tuning providers, so finetuneAll and the notebooks do not care
// whether a job runs at OpenAI (or the simulator, which speaks the same API) or at Together.
import type { JobState } from "./registry";
import { ProviderError } from "../core/errors";

export interface JobSnapshot {
  id: string;
  state: JobState;
  /** The provider's own status word. */
  providerStatus: string;
  modelId: string | null;
  /** The provider's error message when the job failed. */
  error: string | null;
  trainingFileId: string | null;
}

export interface JobEvent {
  createdAt: string;
  message: string;
  level: string | null;
}

export interface CreateJobRequest {
  trainingFileId: string;
  baseModel: string;
  suffix: string;
  seed: number;
  hyperparameters: Record<string, unknown>;
}

export interface FinetuneProvider {
  readonly name: "openai" | "together";
  /** Base URL of the provider (for the registry; never includes a key). */
  readonly endpoint: string;
  readonly backend: "simulator" | "real";
  /** Throws (a ProviderError naming the endpoint and what to change) when the provider cannot be
   *  reached, refuses the key or does not fine-tune the base model; called once before any
   *  registry entry is written or file uploaded. */
  preflight?(baseModel: string): Promise<void>;
  /** Throws when the provider's documented limits for the base model reject these settings; called
   *  before any upload so a job that would be refused costs nothing. */
  checkBeforeUpload?(baseModel: string, hyperparameters: Record<string, unknown>): Promise<void>;
  uploadTrainingFile(file: string): Promise<{ id: string }>;
  /** Where a succeeded job's model is queried, when not on the default endpoint. */
  servingFor?(baseModel: string, modelId: string): { queryModel: string; note: string };
  createJob(req: CreateJobRequest): Promise<JobSnapshot>;
  getJob(jobId: string): Promise<JobSnapshot>;
  listEvents(jobId: string): Promise<JobEvent[]>;
  /** Checkpoint model ids, newest first (empty where the provider has none). */
  listCheckpoints(jobId: string): Promise<string[]>;
  /** A job already created from this uploaded file (re-attach after a crash during create). */
  findJobByTrainingFile(fileId: string): Promise<JobSnapshot | null>;
}

/** An error from a fine-tuning provider's API, carrying its HTTP status and message as the
 *  provider wrote them; a ProviderError (exit code 3) like every provider failure. */
export class FinetuneApiError extends ProviderError {
  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
  ) {
    super(`${provider}${status ? ` (HTTP ${status})` : ""}: ${message}`);
    this.name = "FinetuneApiError";
  }
}
