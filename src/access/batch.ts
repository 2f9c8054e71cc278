// The same chat requests through the OpenAI Batch API: build and validate the input JSONL
// (≤ 50,000 requests, ≤ 200 MB, unique custom_id, one model per file), upload it, create the batch,
// poll, download output and error files, join on custom_id and fill the cache so later chat()
// calls hit. The batch id is stored in the cache database the moment it exists, so a process that
// exits while a batch is open re-attaches to it on the next run instead of paying twice.
import { toFile } from "openai";
import { stableHash } from "../core/hash";
import type { ModelAccess } from "./model-access";
import type { PreparedRequest } from "./prepare";
import type { CacheEntry } from "./cache";
import { coreOf } from "./internal";
import { failResult, hitResult, usageOf } from "./results";
import { createProgress } from "./progress";
import { cacheEntryFrom } from "./entry";
import type { ChatRequest, ChatResult } from "./types";
import { ConfigError, InputError, ProviderError } from "../core/errors";

export const BATCH_MAX_REQUESTS = 50_000;
export const BATCH_MAX_BYTES = 200 * 1024 * 1024;
const BATCH_URL = "/v1/chat/completions";
const TERMINAL = new Set(["completed", "failed", "expired", "cancelled"]);
const DEAD = new Set(["failed", "expired", "cancelled"]);

export interface BatchLine {
  custom_id: string;
  method: "POST";
  url: typeof BATCH_URL;
  body: Record<string, unknown>;
}

export function batchLine(p: PreparedRequest): BatchLine {
  // custom_id is the cache key: unique per distinct request and enough to file the answer.
  return { custom_id: p.key, method: "POST", url: BATCH_URL, body: p.body };
}

/** Checks a Batch API input file; throws naming the line and what was expected. */
export function validateBatchInput(jsonl: string, limits = { maxRequests: BATCH_MAX_REQUESTS, maxBytes: BATCH_MAX_BYTES }): { requests: number; bytes: number; model: string } {
  const bytes = Buffer.byteLength(jsonl, "utf8");
  if (bytes > limits.maxBytes) throw new InputError(`batch input: ${bytes} bytes, more than the limit of ${limits.maxBytes}`);
  const lines = jsonl.split("\n").filter((l, i, all) => !(l === "" && i === all.length - 1));
  if (lines.length > limits.maxRequests) throw new InputError(`batch input: ${lines.length} requests, more than the limit of ${limits.maxRequests}`);
  if (lines.length === 0) throw new InputError("batch input: no requests");
  const seen = new Set<string>();
  let model = "";
  lines.forEach((line, i) => {
    const at = `batch input line ${i + 1}`;
    let o: any;
    try {
      o = JSON.parse(line);
    } catch (e) {
      throw new ProviderError(`${at}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof o?.custom_id !== "string" || !o.custom_id) throw new InputError(`${at}: custom_id must be a non-empty string`);
    if (seen.has(o.custom_id)) throw new InputError(`${at}: custom_id "${o.custom_id}" is not unique`);
    seen.add(o.custom_id);
    if (o.method !== "POST") throw new InputError(`${at}: method must be "POST"`);
    if (o.url !== BATCH_URL) throw new InputError(`${at}: url must be "${BATCH_URL}"`);
    if (!o.body || typeof o.body.model !== "string") throw new InputError(`${at}: body.model must be a string`);
    if (!Array.isArray(o.body.messages) || o.body.messages.length === 0) throw new InputError(`${at}: body.messages must be a non-empty array`);
    if (model && o.body.model !== model) throw new InputError(`${at}: body.model "${o.body.model}" differs from "${model}" (one model per batch file)`);
    model = o.body.model;
  });
  return { requests: lines.length, bytes, model };
}

/** Splits prepared requests into valid input files: one model each, within the count and size limits. */
export function buildBatchInputs(prepared: PreparedRequest[], limits = { maxRequests: BATCH_MAX_REQUESTS, maxBytes: BATCH_MAX_BYTES }): { jsonl: string; keys: string[]; model: string }[] {
  const byModel = new Map<string, PreparedRequest[]>();
  for (const p of prepared) {
    const list = byModel.get(p.model) ?? [];
    list.push(p);
    byModel.set(p.model, list);
  }
  const out: { jsonl: string; keys: string[]; model: string }[] = [];
  for (const [model, list] of byModel) {
    let lines: string[] = [];
    let keys: string[] = [];
    let bytes = 0;
    const flush = () => {
      if (lines.length === 0) return;
      out.push({ jsonl: lines.join("\n") + "\n", keys, model });
      lines = [];
      keys = [];
      bytes = 0;
    };
    for (const p of list) {
      const line = JSON.stringify(batchLine(p));
      const size = Buffer.byteLength(line, "utf8") + 1;
      if (size > limits.maxBytes) throw new InputError(`batch input: one request for ${model} is ${size} bytes, more than the file limit`);
      if (lines.length >= limits.maxRequests || bytes + size > limits.maxBytes) flush();
      lines.push(line);
      keys.push(p.key);
      bytes += size;
    }
    flush();
  }
  for (const f of out) validateBatchInput(f.jsonl, limits);
  return out;
}

export interface SubmittedBatch {
  batchId: string;
  inputHash: string;
  endpoint: string;
  model: string;
  requestCount: number;
  /** True when an earlier run had already created this batch and we picked it up again. */
  reattached: boolean;
  status: string;
}

export interface BatchOptions {
  /** Poll interval (default 30 s; tests use a few ms). */
  pollMs?: number;
  /** Give up waiting after this long (the batch stays open and is re-attached next run). Default 25 h. */
  maxWaitMs?: number;
  metadata?: Record<string, string>;
  /** Test hook: smaller limits than the API's. */
  limits?: { maxRequests: number; maxBytes: number };
}

interface Pending {
  prepared: PreparedRequest[];
  misses: PreparedRequest[];
  cachedBefore: Set<string>;
}

function prepareAll(access: ModelAccess, requests: ChatRequest[]): Pending {
  const { cache, prepare } = coreOf(access);
  const prepared = requests.map((r) => prepare(r));
  const cachedBefore = new Set<string>();
  const misses = new Map<string, PreparedRequest>();
  for (const p of prepared) {
    if (cache.has(p.key)) cachedBefore.add(p.key);
    else if (!misses.has(p.key)) misses.set(p.key, p);
  }
  const endpoints = new Set([...misses.values()].map((p) => p.endpoint.name));
  if (endpoints.size > 1) throw new InputError(`batch: requests go to several endpoints (${[...endpoints].join(", ")}); send one batch per endpoint`);
  return { prepared, misses: [...misses.values()], cachedBefore };
}

/** Uploads and creates the batches for every request not already cached (or re-attaches to open ones). Does not wait. */
export async function submitBatch(access: ModelAccess, requests: ChatRequest[], opts: BatchOptions = {}): Promise<SubmittedBatch[]> {
  const { misses } = prepareAll(access, requests);
  return submitMisses(access, misses, opts);
}

async function submitMisses(access: ModelAccess, misses: PreparedRequest[], opts: BatchOptions): Promise<SubmittedBatch[]> {
  const { cache, ensureEndpoint, redact, replayOnly, budget } = coreOf(access);
  if (misses.length === 0) return [];
  if (replayOnly) throw new ConfigError(`batch: replay-only mode, and ${misses.length} requests are not in the cache; nothing submitted`);
  const endpoint = misses[0].endpoint;
  const client = await ensureEndpoint(endpoint);
  // Misses already inside a batch an earlier run opened, alone or among other requests, are paid
  // for: re-attach to that batch. Matching whole input files only would submit them a second time
  // as soon as this run asks for one request more or less than the run that opened the batch.
  const missKeys = new Set(misses.map((p) => p.key));
  const modelOf = new Map(misses.map((p) => [p.key, p.model]));
  const covered = new Set<string>();
  const out: SubmittedBatch[] = [];
  for (const row of cache.batches.open()) {
    if (!row.batchId || DEAD.has(row.status) || row.endpoint !== endpoint.name) continue;
    const inBatch = cache.batches.keys(row.inputHash).filter((k) => missKeys.has(k) && !covered.has(k));
    if (inBatch.length === 0) continue;
    for (const k of inBatch) covered.add(k);
    out.push({ batchId: row.batchId, inputHash: row.inputHash, endpoint: endpoint.name, model: modelOf.get(inBatch[0])!, requestCount: row.requestCount, reattached: true, status: row.status });
  }
  misses = misses.filter((p) => !covered.has(p.key));
  if (misses.length === 0) return out;
  const files = buildBatchInputs(misses, opts.limits);
  // Batches already open (re-attached) were paid for by an earlier run's budget check.
  const fresh = files.filter((f) => {
    const row = cache.batches.find(stableHash({ endpoint: misses[0].endpointIdentity, keys: [...f.keys].sort() }));
    return !(row && row.batchId && !DEAD.has(row.status) && !row.ingested);
  });
  const freshKeys = new Set(fresh.flatMap((f) => f.keys));
  budget.checkMany(misses.filter((p) => freshKeys.has(p.key)), { batch: true });
  for (const f of files) {
    const inputHash = stableHash({ endpoint: misses[0].endpointIdentity, keys: [...f.keys].sort() });
    const now = new Date().toISOString();
    // Before anything is uploaded, so that a batch created below is always matched by its keys.
    cache.batches.setKeys(inputHash, f.keys);
    let row = cache.batches.find(inputHash);
    if (row && row.batchId && !DEAD.has(row.status) && !row.ingested) {
      out.push({ batchId: row.batchId, inputHash, endpoint: endpoint.name, model: f.model, requestCount: f.keys.length, reattached: true, status: row.status });
      continue;
    }
    if (!row || DEAD.has(row.status) || row.ingested) {
      row = { inputHash, endpoint: endpoint.name, batchId: null, inputFileId: null, status: "new", requestCount: f.keys.length, outputFileId: null, errorFileId: null, ingested: false, createdAt: now, updatedAt: now };
    }
    try {
      if (!row.inputFileId) {
        const file = await client.files.create({ file: await toFile(Buffer.from(f.jsonl, "utf8"), `cluster-lab-${inputHash.slice(0, 16)}.jsonl`), purpose: "batch" });
        row = { ...row, inputFileId: file.id, status: "uploaded", updatedAt: new Date().toISOString() };
        cache.batches.upsert(row);
      }
      const batch = await client.batches.create({
        input_file_id: row.inputFileId!,
        endpoint: BATCH_URL,
        completion_window: "24h",
        metadata: { cluster_lab_input: inputHash.slice(0, 32), ...(opts.metadata ?? {}) },
      });
      // Persisted before anything else can fail: the next run re-attaches to this id.
      row = { ...row, batchId: batch.id, status: batch.status, updatedAt: new Date().toISOString() };
      cache.batches.upsert(row);
      out.push({ batchId: batch.id, inputHash, endpoint: endpoint.name, model: f.model, requestCount: f.keys.length, reattached: false, status: batch.status });
    } catch (e) {
      throw new ProviderError(redact(`batch submit to ${endpoint.name}: ${(e as Error).message}`));
    }
  }
  return out;
}

interface OutputLine {
  custom_id: string;
  response?: { status_code: number; body: any } | null;
  error?: { code?: string; message?: string } | null;
}

function parseLines(text: string, what: string): OutputLine[] {
  const out: OutputLine[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new ProviderError(`${what} line ${i + 1}: not valid JSON (${(e as Error).message})`);
    }
  });
  return out;
}

/** Waits for one batch to finish and files its answers in the cache. Returns errors per custom_id. */
export async function collectBatch(access: ModelAccess, sub: SubmittedBatch, byKey: Map<string, PreparedRequest>, opts: BatchOptions = {}): Promise<Map<string, string>> {
  const { cache, ensureEndpoint, record, runId, redact, progressMode, progressWrite } = coreOf(access);
  const p0 = byKey.values().next().value as PreparedRequest | undefined;
  if (!p0) return new Map();
  const client = await ensureEndpoint(p0.endpoint);
  const pollMs = opts.pollMs ?? 30_000;
  const deadline = Date.now() + (opts.maxWaitMs ?? 25 * 3600_000);
  const progress = createProgress(`batch ${sub.batchId}`, sub.requestCount, progressMode, progressWrite);
  let batch = await client.batches.retrieve(sub.batchId);
  for (;;) {
    const row = cache.batches.byBatchId(sub.batchId);
    if (row) cache.batches.upsert({ ...row, status: batch.status, outputFileId: batch.output_file_id ?? null, errorFileId: batch.error_file_id ?? null, updatedAt: new Date().toISOString() });
    const rc = batch.request_counts;
    if (rc) {
      progress.counts.done = rc.completed + rc.failed;
      progress.counts.failures = rc.failed;
      progress.tick();
    }
    if (TERMINAL.has(batch.status)) break;
    if (Date.now() > deadline) throw new ProviderError(`batch ${sub.batchId} still ${batch.status} after waiting; it stays open and the next run re-attaches to it`);
    await new Promise((r) => setTimeout(r, pollMs));
    batch = await client.batches.retrieve(sub.batchId);
  }
  progress.finish();
  const errors = new Map<string, string>();
  const entries: CacheEntry[] = [];
  if (batch.output_file_id) {
    const text = await (await client.files.content(batch.output_file_id)).text();
    for (const line of parseLines(text, `batch ${sub.batchId} output file`)) {
      const p = byKey.get(line.custom_id);
      if (!p) continue;
      const body = line.response?.body;
      const choice = body?.choices?.[0];
      if (line.response?.status_code === 200 && choice?.message) {
        entries.push(cacheEntryFrom(p, body, choice, "batch", runId));
      } else {
        errors.set(line.custom_id, redact(`batch ${sub.batchId}: HTTP ${line.response?.status_code ?? "?"}: ${body?.error?.message ?? line.error?.message ?? "no answer"}`));
      }
    }
  }
  if (batch.error_file_id) {
    const text = await (await client.files.content(batch.error_file_id)).text();
    for (const line of parseLines(text, `batch ${sub.batchId} error file`)) {
      const msg = line.error?.message ?? line.response?.body?.error?.message ?? "failed";
      errors.set(line.custom_id, redact(`batch ${sub.batchId}: ${line.response?.status_code ? `HTTP ${line.response.status_code}: ` : ""}${msg}`));
    }
  }
  if (DEAD.has(batch.status) && entries.length === 0) {
    const why = batch.errors?.data?.map((d) => `${d.line ? `line ${d.line}: ` : ""}${d.message}`).join("; ");
    for (const k of byKey.keys()) if (!errors.has(k)) errors.set(k, redact(`batch ${sub.batchId} ${batch.status}${why ? `: ${why}` : ""}`));
  }
  cache.putMany(entries);
  for (const e of entries) record.call(byKey.get(e.key)!, usageOf(e), { batch: true });
  // Answers to requests this run did not ask for cannot be filed (their request bodies are not
  // here); the batch stays open so the run that asks for them re-attaches and files them.
  const complete = cache.batches.keys(sub.inputHash).every((k) => byKey.has(k) || cache.has(k));
  const row = cache.batches.byBatchId(sub.batchId);
  if (row) cache.batches.upsert({ ...row, status: batch.status, ingested: complete || DEAD.has(batch.status), updatedAt: new Date().toISOString() });
  return errors;
}

/** Submits (or re-attaches), waits, fills the cache and returns one ChatResult per request, in order. */
export async function runBatch(access: ModelAccess, requests: ChatRequest[], opts: BatchOptions = {}): Promise<{ results: ChatResult[]; batches: SubmittedBatch[] }> {
  const { cache, record, redact } = coreOf(access);
  const pending = prepareAll(access, requests);
  const subs = await submitMisses(access, pending.misses, opts);
  const byKey = new Map(pending.misses.map((p) => [p.key, p]));
  const errors = new Map<string, string>();
  for (const sub of subs) {
    const mine = new Map<string, PreparedRequest>();
    for (const k of cache.batches.keys(sub.inputHash)) {
      const p = byKey.get(k);
      if (p) mine.set(k, p);
    }
    for (const [k, v] of await collectBatch(access, sub, mine, opts)) errors.set(k, v);
  }
  const results = pending.prepared.map((p) => {
    const e = cache.get(p.key);
    if (e) {
      if (pending.cachedBefore.has(p.key)) {
        record.hit(p, usageOf(e));
        return hitResult(p, e, true);
      }
      return hitResult(p, e, false);
    }
    record.failure(p, 0);
    return failResult(p, redact(errors.get(p.key) ?? "batch: no output for this request"), 0);
  });
  return { results, batches: subs };
}
