// /v1/fine_tuning/jobs: jobs move validating_files → queued → running → succeeded | failed | cancelled
// with time (fineTuneMs in total) and are advanced whenever they are read or a timer fires. The file
// is analysed at creation; the fine-tuned profile is registered when the job succeeds.
import { randomBytes } from "node:crypto";
import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError, notFound } from "./errors";
import { loadCatalogue, type ModelProfile } from "./catalogue";
import { analyseTrainingFile, shiftFrom, SimFileRejected, type TrainingAnalysis, type Hyper } from "./training";
import { newFile } from "./files";
import type { FileRecord } from "./store";
import type { Ctx } from "./server";
import { makeRng } from "./rng";

export type JobClock = { now(): number; fineTuneMs: number; batchMs: number; later(ms: number, fn: () => void): void };

type Status = "validating_files" | "queued" | "running" | "succeeded" | "failed" | "cancelled";

type JobRecord = {
  id: string;
  object: "fine_tuning.job";
  created_at: number;
  error: { code: string; message: string; param: string | null } | null;
  fine_tuned_model: string | null;
  finished_at: number | null;
  hyperparameters: Hyper;
  method: { type: "supervised"; supervised: { hyperparameters: Hyper } };
  model: string;
  organization_id: string;
  result_files: string[];
  seed: number;
  status: Status;
  trained_tokens: number | null;
  training_file: string;
  validation_file: string | null;
  integrations: null;
  estimated_finish: number | null;
  user_provided_suffix: string | null;
  metadata: Record<string, string> | null;
  /** Simulator bookkeeping, never sent to clients. */
  _sim: {
    t0: number;
    ms: number;
    failure: string | null;
    analysis: TrainingAnalysis | null;
    data_key: string;
    job_key: string;
    planned_model: string;
    cancelled_at: number | null;
    steps: number;
  };
};

const HyperValue = z.union([z.literal("auto"), z.number()]);
const HyperIn = z.object({ n_epochs: HyperValue.optional(), batch_size: HyperValue.optional(), learning_rate_multiplier: HyperValue.optional() }).passthrough();
const JobIn = z.object({
  model: z.string({ required_error: "Missing required parameter: 'model'." }),
  training_file: z.string({ required_error: "Missing required parameter: 'training_file'." }),
  validation_file: z.string().nullable().optional(),
  hyperparameters: HyperIn.optional(),
  method: z.object({ type: z.string(), supervised: z.object({ hyperparameters: HyperIn.optional() }).passthrough().optional() }).passthrough().optional(),
  suffix: z.string().nullable().optional(),
  seed: z.number().int().nullable().optional(),
  metadata: z.record(z.string()).nullable().optional(),
  integrations: z.unknown().optional(),
}).passthrough();

const publicJob = (j: JobRecord): Omit<JobRecord, "_sim"> => {
  const { _sim, ...rest } = j;
  void _sim;
  return rest;
};

function bad(message: string, param: string | null, code = "invalid_value"): ApiError {
  return new ApiError(400, message, "invalid_request_error", param, code);
}

function resolveHyper(h: z.infer<typeof HyperIn> | undefined, examples: number): Hyper {
  const pick = (v: unknown, name: keyof Hyper, auto: number, check: (x: number) => boolean, expect: string): number => {
    if (v === undefined || v === "auto") return auto;
    if (typeof v !== "number" || !check(v)) throw bad(`Invalid value for 'hyperparameters.${name}': ${JSON.stringify(v)}. Expected ${expect} or "auto".`, `hyperparameters.${name}`);
    return v;
  };
  return {
    n_epochs: pick(h?.n_epochs, "n_epochs", examples < 100 ? 4 : 3, (x) => Number.isInteger(x) && x >= 1 && x <= 50, "an integer from 1 to 50"),
    batch_size: pick(h?.batch_size, "batch_size", Math.max(1, Math.min(256, Math.round(examples * 0.002))), (x) => Number.isInteger(x) && x >= 1 && x <= 256, "an integer from 1 to 256"),
    learning_rate_multiplier: pick(h?.learning_rate_multiplier, "learning_rate_multiplier", 2, (x) => x > 0 && x <= 10, "a number above 0 and at most 10"),
  };
}

/** The model id's last part: derived from what the job learns from (and how many identical jobs came
 *  before), so a scripted run yields the same model ids, and so the same answers, every time. */
const shortId = (key: string, n: number): string => {
  const abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const b = createHash("sha256").update(`${key}:${n}`).digest();
  return [...b.subarray(0, 8)].map((x) => abc[x % abc.length]).join("");
};

export function createJob(ctx: Ctx, raw: unknown): unknown {
  const r = JobIn.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw bad(i.message.startsWith("Missing") ? i.message : `Invalid value for '${i.path.join(".")}': ${i.message}`, i.path.join(".") || null, i.message.startsWith("Missing") ? "missing_required_parameter" : "invalid_value");
  }
  const b = r.data;
  const { catalogue } = loadCatalogue();
  const parent = ctx.profile(b.model);
  const root = parent ? catalogue.models.find((m) => m.id === parent.root) : undefined;
  if (!parent || !root?.fine_tunable)
    throw bad(`Model ${b.model} is not available for fine-tuning or does not exist. Fine-tunable simulated models: ${catalogue.models.filter((m) => m.fine_tunable).map((m) => m.id).join(", ")} and their ft: descendants.`, "model", "model_not_available");
  if (b.method && b.method.type !== "supervised") throw bad(`The simulator supports method.type "supervised" only (got "${b.method.type}").`, "method.type", "unsupported_value");
  const file = ctx.store.get<FileRecord>("files", b.training_file);
  if (!file) throw bad(`invalid training_file: ${b.training_file}`, "training_file", "invalid_training_file");
  if (file.purpose !== "fine-tune") throw bad(`File ${b.training_file} has purpose '${file.purpose}'; a training file needs purpose 'fine-tune'.`, "training_file", "invalid_training_file");
  if (b.validation_file && !ctx.store.get("files", b.validation_file)) throw bad(`invalid validation_file: ${b.validation_file}`, "validation_file", "invalid_validation_file");
  if (b.suffix != null && (b.suffix.length > 64 || !/^[A-Za-z0-9_.-]*$/.test(b.suffix)))
    throw bad(`Invalid value for 'suffix': at most 64 characters from letters, digits, '-', '_' and '.' (got "${b.suffix}").`, "suffix");
  const data = ctx.store.content(file.id) ?? Buffer.alloc(0);
  let analysis: TrainingAnalysis | null = null;
  let failure: string | null = null;
  try {
    analysis = analyseTrainingFile(data);
  } catch (e) {
    if (!(e instanceof SimFileRejected)) throw e;
    failure = e.message;
  }
  const methodHyper = b.method?.supervised?.hyperparameters;
  const hyper = resolveHyper(methodHyper ?? b.hyperparameters, analysis?.examples ?? 10);
  const seed = b.seed ?? Math.floor(Math.random() * 2 ** 31);
  const now = ctx.clock.now();
  const id = `ftjob-sim${randomBytes(10).toString("hex")}`;
  const suffix = b.suffix ?? "";
  const dataKey = createHash("sha256").update(data).digest("hex").slice(0, 16);
  const jobKey = createHash("sha256").update(JSON.stringify([parent.id, dataKey, hyper, seed, suffix])).digest("hex").slice(0, 16);
  const earlier = ctx.store.list<JobRecord>("jobs").filter((x) => x._sim?.job_key === jobKey).length;
  const steps = analysis ? Math.ceil(analysis.examples / hyper.batch_size) * hyper.n_epochs : 0;
  const job: JobRecord = {
    id,
    object: "fine_tuning.job",
    created_at: Math.floor(now / 1000),
    error: null,
    fine_tuned_model: null,
    finished_at: null,
    hyperparameters: hyper,
    method: { type: "supervised", supervised: { hyperparameters: hyper } },
    model: b.model,
    organization_id: "org-simulator",
    result_files: [],
    seed,
    status: "validating_files",
    trained_tokens: null,
    training_file: file.id,
    validation_file: b.validation_file ?? null,
    integrations: null,
    estimated_finish: Math.ceil((now + ctx.clock.fineTuneMs) / 1000),
    user_provided_suffix: b.suffix ?? null,
    metadata: b.metadata ?? null,
    _sim: {
      t0: now,
      ms: ctx.clock.fineTuneMs,
      failure,
      analysis,
      data_key: dataKey,
      job_key: jobKey,
      planned_model: `ft:${root.id}:simulator:${suffix}:${shortId(jobKey, earlier)}`,
      cancelled_at: null,
      steps,
    },
  };
  ctx.store.put("jobs", id, job);
  ctx.clock.later(ctx.clock.fineTuneMs + 5, () => advance(ctx, id));
  ctx.clock.later(Math.round(ctx.clock.fineTuneMs * 0.2) + 1, () => advance(ctx, id));
  return publicJob(job);
}

function statusAt(j: JobRecord, now: number): Status {
  if (j._sim.cancelled_at !== null) return "cancelled";
  const t = now - j._sim.t0;
  const ms = j._sim.ms;
  if (t < 0.2 * ms) return "validating_files";
  if (j._sim.failure) return "failed";
  if (t < 0.35 * ms) return "queued";
  if (t < ms) return "running";
  return "succeeded";
}

/** Brings a job up to date with the clock; registers the fine-tuned model on success. */
function advance(ctx: Ctx, id: string): JobRecord | undefined {
  const j = ctx.store.get<JobRecord>("jobs", id);
  if (!j) return undefined;
  if (j.status === "succeeded" || j.status === "failed" || j.status === "cancelled") return j;
  const status = statusAt(j, ctx.clock.now());
  if (status === j.status) return j;
  j.status = status;
  if (status === "failed") {
    j.error = { code: "invalid_training_file", message: `The job failed due to an invalid training file. ${j._sim.failure}`, param: "training_file" };
    j.finished_at = Math.floor(ctx.clock.now() / 1000);
  }
  if (status === "succeeded") {
    const a = j._sim.analysis!;
    const parent = ctx.profile(j.model)!;
    const shift = shiftFrom(a, j.hyperparameters, j.seed, j._sim.data_key);
    const profile: ModelProfile = { id: j._sim.planned_model, root: parent.root, parent: parent.id, created: Math.floor(ctx.clock.now() / 1000), shifts: [...parent.shifts, shift], job: j.id };
    ctx.store.put("models", profile.id, profile);
    j.fine_tuned_model = profile.id;
    j.finished_at = Math.floor(ctx.clock.now() / 1000);
    j.trained_tokens = a.tokens * j.hyperparameters.n_epochs;
    const results = lossCurve(j).map((m) => `${m.step},${m.train_loss},${m.train_mean_token_accuracy}`).join("\n");
    const rf = newFile(ctx.store, "step_metrics.csv", "fine-tune-results", Buffer.from(`step,train_loss,train_accuracy\n${results}\n`));
    j.result_files = [rf.id];
  }
  ctx.store.put("jobs", id, j);
  return j;
}

function lossCurve(j: JobRecord): { step: number; train_loss: number; train_mean_token_accuracy: number }[] {
  const rng = makeRng(j.seed);
  const n = Math.min(j._sim.steps, 20);
  const out = [];
  for (let i = 1; i <= n; i++) {
    const step = Math.round((i / n) * j._sim.steps);
    const loss = 0.35 + 1.6 * Math.exp((-3.5 * i) / n) + 0.05 * rng.normal();
    out.push({ step, train_loss: Math.round(Math.max(0.05, loss) * 1000) / 1000, train_mean_token_accuracy: Math.round(Math.min(0.99, 0.55 + 0.4 * (1 - Math.exp((-3 * i) / n))) * 1000) / 1000 });
  }
  return out;
}

function need(ctx: Ctx, id: string): JobRecord {
  const j = advance(ctx, id);
  if (!j) throw notFound("fine-tuning job", id, "fine_tuning_job_id");
  return j;
}

export function getJob(ctx: Ctx, id: string): unknown {
  return publicJob(need(ctx, id));
}

export function listJobs(ctx: Ctx, q: URLSearchParams): unknown {
  const all = ctx.store.list<JobRecord>("jobs").map((j) => advance(ctx, j.id)!).sort((a, b) => b._sim.t0 - a._sim.t0);
  const after = q.get("after");
  const limit = Number(q.get("limit") ?? 20);
  const start = after ? all.findIndex((j) => j.id === after) + 1 : 0;
  const page = all.slice(start, start + limit);
  return { object: "list", data: page.map(publicJob), has_more: start + limit < all.length };
}

export function cancelJob(ctx: Ctx, id: string): unknown {
  const j = need(ctx, id);
  if (j.status === "succeeded" || j.status === "failed" || j.status === "cancelled")
    throw bad(`Job ${id} has already finished (status ${j.status}) and cannot be cancelled.`, null, "invalid_state");
  j._sim.cancelled_at = ctx.clock.now();
  j.status = "cancelled";
  j.finished_at = Math.floor(ctx.clock.now() / 1000);
  ctx.store.put("jobs", id, j);
  return publicJob(j);
}

type Event = { object: "fine_tuning.job.event"; id: string; created_at: number; level: "info" | "warn" | "error"; message: string; data: Record<string, unknown>; type: "message" | "metrics" };

export function jobEvents(ctx: Ctx, id: string, q: URLSearchParams): unknown {
  const j = need(ctx, id);
  const t0 = j._sim.t0;
  const ms = j._sim.ms;
  const now = j._sim.cancelled_at ?? ctx.clock.now();
  const ev: (Event & { at: number })[] = [];
  const add = (frac: number, message: string, level: Event["level"] = "info", type: Event["type"] = "message", data: Record<string, unknown> = {}): void => {
    const at = t0 + frac * ms;
    if (at <= now) ev.push({ object: "fine_tuning.job.event", id: `ftevent-sim${ev.length}${j.id.slice(-8)}`, created_at: Math.floor(at / 1000), level, message, data, type, at });
  };
  add(0, `Created fine-tuning job: ${j.id}`);
  add(0.01, `Validating training file: ${j.training_file}`);
  if (j._sim.failure) add(0.2, `The job failed due to an invalid training file. ${j._sim.failure}`, "error");
  else {
    add(0.2, "Files validated, moving job to queued state");
    add(0.35, "Fine-tuning job started");
    for (const [i, m] of lossCurve(j).entries()) if (i % 4 === 3) add(0.35 + (0.6 * (i + 1)) / 20, `Step ${m.step}/${j._sim.steps}: training loss=${m.train_loss}`, "info", "metrics", { step: m.step, train_loss: m.train_loss, total_steps: j._sim.steps });
    add(0.99, `New fine-tuned model created: ${j._sim.planned_model}`);
    add(1, "The job has successfully completed");
  }
  if (j._sim.cancelled_at !== null) ev.push({ object: "fine_tuning.job.event", id: `ftevent-simcancel${j.id.slice(-8)}`, created_at: Math.floor(j._sim.cancelled_at / 1000), level: "info", message: "Fine-tuning job cancelled", data: {}, type: "message", at: j._sim.cancelled_at });
  ev.sort((a, b) => b.at - a.at);
  const limit = Number(q.get("limit") ?? 20);
  const after = q.get("after");
  const start = after ? ev.findIndex((e) => e.id === after) + 1 : 0;
  const page = ev.slice(start, start + limit).map(({ at, ...e }) => (void at, e));
  return { object: "list", data: page, has_more: start + limit < ev.length };
}

export function jobCheckpoints(ctx: Ctx, id: string): unknown {
  const j = need(ctx, id);
  if (j.status !== "succeeded") return { object: "list", data: [], has_more: false, first_id: null, last_id: null };
  const perEpoch = Math.ceil(j._sim.steps / j.hyperparameters.n_epochs);
  const curve = lossCurve(j);
  const data = [];
  for (let e = j.hyperparameters.n_epochs; e >= Math.max(1, j.hyperparameters.n_epochs - 2); e--) {
    const step = e * perEpoch;
    const m = curve.find((c) => c.step >= step) ?? curve[curve.length - 1];
    data.push({
      object: "fine_tuning.job.checkpoint",
      id: `ftckpt-sim${e}${j.id.slice(-10)}`,
      created_at: j.finished_at,
      fine_tuned_model_checkpoint: e === j.hyperparameters.n_epochs ? j.fine_tuned_model : `${j.fine_tuned_model}:ckpt-step-${step}`,
      step_number: step,
      metrics: { step, train_loss: m.train_loss, train_mean_token_accuracy: m.train_mean_token_accuracy, valid_loss: null, valid_mean_token_accuracy: null, full_valid_loss: null, full_valid_mean_token_accuracy: null },
      fine_tuning_job_id: j.id,
    });
  }
  return { object: "list", data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}
