// /v1/batches: validating → in_progress → finalizing → completed over batchMs. The requests run
// through the same chat code as live calls when the batch completes; per-request failures go to the
// error file, in OpenAI's batch output line format.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ApiError, notFound } from "./errors";
import { newFile } from "./files";
import type { FileRecord } from "./store";
import type { Ctx } from "./server";

type Status = "validating" | "failed" | "in_progress" | "finalizing" | "completed" | "expired" | "cancelling" | "cancelled";
type BatchRecord = {
  id: string;
  object: "batch";
  endpoint: string;
  errors: { object: "list"; data: { code: string; message: string; param: string | null; line: number | null }[] } | null;
  input_file_id: string;
  completion_window: string;
  status: Status;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  metadata: Record<string, string> | null;
  _sim: { t0: number; ms: number; lines: { custom_id: string; body: unknown }[] };
};

const BatchIn = z.object({
  input_file_id: z.string({ required_error: "Missing required parameter: 'input_file_id'." }),
  endpoint: z.string({ required_error: "Missing required parameter: 'endpoint'." }),
  completion_window: z.string({ required_error: "Missing required parameter: 'completion_window'." }),
  metadata: z.record(z.string()).nullable().optional(),
}).passthrough();

const pub = (b: BatchRecord): Omit<BatchRecord, "_sim"> => {
  const { _sim, ...rest } = b;
  void _sim;
  return rest;
};
const sec = (ms: number): number => Math.floor(ms / 1000);

export function createBatch(ctx: Ctx, raw: unknown): unknown {
  const r = BatchIn.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new ApiError(400, i.message.startsWith("Missing") ? i.message : `Invalid value for '${i.path.join(".")}': ${i.message}`, "invalid_request_error", i.path.join(".") || null, "invalid_value");
  }
  const b = r.data;
  if (b.endpoint !== "/v1/chat/completions") throw new ApiError(400, `The simulator runs batches for endpoint '/v1/chat/completions' only (got '${b.endpoint}').`, "invalid_request_error", "endpoint", "invalid_value");
  if (b.completion_window !== "24h") throw new ApiError(400, `Invalid value for 'completion_window': '${b.completion_window}'. Supported values are: '24h'.`, "invalid_request_error", "completion_window", "invalid_value");
  const file = ctx.store.get<FileRecord>("files", b.input_file_id);
  if (!file) throw notFound("file", b.input_file_id, "input_file_id");
  if (file.purpose !== "batch") throw new ApiError(400, `File ${file.id} has purpose '${file.purpose}'; a batch input file needs purpose 'batch'.`, "invalid_request_error", "input_file_id", "invalid_value");
  const now = ctx.clock.now();
  const errors: NonNullable<BatchRecord["errors"]>["data"] = [];
  const lines: BatchRecord["_sim"]["lines"] = [];
  const seen = new Set<string>();
  const text = (ctx.store.content(file.id) ?? Buffer.alloc(0)).toString("utf8").split("\n");
  for (let i = 0; i < text.length; i++) {
    const t = text[i].trim();
    if (!t) continue;
    let row: { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    try {
      row = JSON.parse(t);
    } catch {
      errors.push({ code: "invalid_json_line", message: `This line is not parseable as valid JSON.`, param: null, line: i + 1 });
      continue;
    }
    if (typeof row.custom_id !== "string" || !row.custom_id) errors.push({ code: "missing_required_parameter", message: "Missing required parameter: 'custom_id'.", param: "custom_id", line: i + 1 });
    else if (seen.has(row.custom_id)) errors.push({ code: "duplicate_custom_id", message: `The custom_id '${row.custom_id}' is used more than once in this batch; custom_id values must be unique.`, param: "custom_id", line: i + 1 });
    else if (row.method !== "POST") errors.push({ code: "invalid_value", message: "Invalid value for 'method': only 'POST' is supported.", param: "method", line: i + 1 });
    else if (row.url !== b.endpoint) errors.push({ code: "mismatched_endpoint", message: `The provided url '${String(row.url)}' does not match the batch endpoint '${b.endpoint}'.`, param: "url", line: i + 1 });
    else if (!row.body || typeof row.body !== "object") errors.push({ code: "missing_required_parameter", message: "Missing required parameter: 'body'.", param: "body", line: i + 1 });
    else {
      seen.add(row.custom_id);
      lines.push({ custom_id: row.custom_id, body: row.body });
    }
  }
  if (!errors.length && !lines.length) errors.push({ code: "empty_file", message: "The input file has no requests.", param: null, line: null });
  const batch: BatchRecord = {
    id: `batch_sim${randomBytes(12).toString("hex")}`,
    object: "batch",
    endpoint: b.endpoint,
    errors: null,
    input_file_id: file.id,
    completion_window: b.completion_window,
    status: "validating",
    output_file_id: null,
    error_file_id: null,
    created_at: sec(now),
    in_progress_at: null,
    expires_at: sec(now) + 86400,
    finalizing_at: null,
    completed_at: null,
    failed_at: null,
    expired_at: null,
    cancelling_at: null,
    cancelled_at: null,
    request_counts: { total: 0, completed: 0, failed: 0 },
    metadata: b.metadata ?? null,
    _sim: { t0: now, ms: ctx.clock.batchMs, lines },
  };
  if (errors.length) {
    batch.status = "failed";
    batch.failed_at = sec(now);
    batch.errors = { object: "list", data: errors };
    batch._sim.lines = [];
  }
  ctx.store.put("batches", batch.id, batch);
  if (!errors.length) ctx.clock.later(ctx.clock.batchMs + 5, () => advance(ctx, batch.id));
  return pub(batch);
}

function advance(ctx: Ctx, id: string): BatchRecord | undefined {
  const b = ctx.store.get<BatchRecord>("batches", id);
  if (!b) return undefined;
  if (["completed", "failed", "cancelled", "expired"].includes(b.status)) return b;
  const now = ctx.clock.now();
  const t = now - b._sim.t0;
  const ms = b._sim.ms;
  const before = b.status;
  if (b.status === "cancelling") {
    b.status = "cancelled";
    b.cancelled_at = sec(now);
  } else if (t >= ms) {
    run(ctx, b);
    b.in_progress_at ??= sec(b._sim.t0 + 0.1 * ms);
    b.finalizing_at ??= sec(b._sim.t0 + 0.9 * ms);
    b.completed_at = sec(now);
    b.status = "completed";
  } else if (t >= 0.9 * ms) {
    b.status = "finalizing";
    b.in_progress_at ??= sec(b._sim.t0 + 0.1 * ms);
    b.finalizing_at = sec(now);
    b.request_counts.total = b._sim.lines.length;
  } else if (t >= 0.1 * ms) {
    b.status = "in_progress";
    b.in_progress_at ??= sec(now);
    b.request_counts.total = b._sim.lines.length;
  }
  if (b.status !== before) ctx.store.put("batches", id, b);
  return b;
}

function run(ctx: Ctx, b: BatchRecord): void {
  const out: string[] = [];
  const err: string[] = [];
  for (const line of b._sim.lines) {
    const res = ctx.chatInternal(line.body);
    const rec = {
      id: `batch_req_sim${randomBytes(8).toString("hex")}`,
      custom_id: line.custom_id,
      response: { status_code: res.status, request_id: `req_sim${randomBytes(8).toString("hex")}`, body: res.body },
      error: null,
    };
    (res.status === 200 ? out : err).push(JSON.stringify(rec));
  }
  b.request_counts = { total: b._sim.lines.length, completed: out.length, failed: err.length };
  if (out.length) b.output_file_id = newFile(ctx.store, `${b.id}_output.jsonl`, "batch_output", Buffer.from(out.join("\n") + "\n")).id;
  if (err.length) b.error_file_id = newFile(ctx.store, `${b.id}_error.jsonl`, "batch_output", Buffer.from(err.join("\n") + "\n")).id;
  b._sim.lines = [];
}

export function getBatch(ctx: Ctx, id: string): unknown {
  const b = advance(ctx, id);
  if (!b) throw notFound("batch", id, "batch_id");
  return pub(b);
}

export function listBatches(ctx: Ctx): unknown {
  const data = ctx.store.list<BatchRecord>("batches").map((b) => advance(ctx, b.id)!).sort((a, b) => b._sim.t0 - a._sim.t0).map(pub);
  return { object: "list", data, has_more: false, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null };
}

export function cancelBatch(ctx: Ctx, id: string): unknown {
  const b = advance(ctx, id);
  if (!b) throw notFound("batch", id, "batch_id");
  if (["completed", "failed", "cancelled", "expired"].includes(b.status)) throw new ApiError(409, `Cannot cancel a batch with status '${b.status}'.`, "invalid_request_error", null, null);
  b.status = "cancelling";
  b.cancelling_at = sec(ctx.clock.now());
  ctx.store.put("batches", id, b);
  ctx.clock.later(5, () => advance(ctx, id));
  return pub(b);
}
