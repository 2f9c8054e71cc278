// openAccess(): the one object through which the project calls models. It resolves model
// references through src/config, answers from the SQLite cache when it can, and otherwise sends
// the request through the endpoint's limiter with our retry policy (the SDK's own retries are off).
import * as path from "node:path";
import { inspect } from "node:util";
import OpenAI from "openai";
import type { z } from "zod";
import type { SimulatorOptions as SimOptions } from "../sim";
import { stableHash } from "../core/hash";
import { paths } from "../core/paths";
import { TASK_HEADER, TASK_NAME } from "../core/tasks";
import { loadConfig, type LoadedConfig, type ResolvedEndpoint } from "../config/resolve";
import { backendFor } from "../config/simulated";
import { openCache, type Cache, type CacheEntry } from "./cache";
import { classifyError, makeRedactor } from "./errors";
import { readRateHints } from "./headers";
import { createLedger, type LedgerSummary, type LedgerRow } from "./ledger";
import { createLimiter, type Limiter, type LimiterState } from "./limiter";
import { readPrices, defaultPricesPath, costUsd, type PriceTable } from "./prices";
import { createProgress, detectProgressMode, type ProgressMode } from "./progress";
import { estimatePromptTokens, expectedCompletion } from "./tokens";
import { zodToJsonSchema } from "./json-schema";
import { cacheEntryFrom } from "./entry";
import type {
  AccessStats,
  ChatMessage,
  ChatRequest,
  ChatResult,
  ResolvedRef,
  ResponseFormat,
  SamplingParams,
  StructuredResult,
} from "./types";
import type { Usage } from "../core/records";

/** Options for the in-process simulator (src/sim): latency, rate limits, injected faults, state dir. */
export type SimulatorOptions = SimOptions;

interface SimulatorHandle {
  baseURL: string;
  port: number;
  close(): Promise<void>;
  stats(): unknown;
}

export interface OpenAccessOptions {
  /** Names this run in the ledger (default: a timestamp). */
  runId?: string;
  /** SQLite cache file (default data/cache/calls.sqlite, or LAB_CACHE). */
  cachePath?: string;
  /** Answer only from the cache: a miss returns ok:false (error starts "replay-only") without calling out. */
  replayOnly?: boolean;
  /** Stop before live spend in this process would exceed this many USD (prices from data/prices.json). */
  budgetUsd?: number;
  configPath?: string;
  pricesPath?: string;
  /** Environment to read keys and overrides from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Progress display for map(): "auto" (default) picks notebook / terminal / log lines. */
  progress?: boolean | "auto" | ProgressMode;
  /** Where log-mode and terminal progress lines go (default stderr). */
  progressWrite?: (s: string) => void;
  /** Options for the in-process simulator when it is started. */
  simulator?: SimulatorOptions;
}

export interface Estimate {
  calls: number;
  cachedCalls: number;
  newCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** USD for the new calls; null when a model has no price. */
  costUsd: number | null;
  byModel: Record<
    string,
    { endpoint: string; backend: string; calls: number; newCalls: number; promptTokens: number; completionTokens: number; costUsd: number | null }
  >;
  unpriced: string[];
  note: string;
}

export interface Access {
  runId: string;
  cachePath: string;
  /** Role or model reference → model id, endpoint name, backend and base URL. Throws for unknown endpoints or a missing key. */
  resolve(modelRef: string): ResolvedRef;
  chat(req: ChatRequest): Promise<ChatResult>;
  /** opts.task: the simulator's dispatch marker (default: the schema name). */
  structured<T>(req: ChatRequest, schema: z.ZodType<T>, opts: { name: string; maxAttempts?: number; task?: string }): Promise<StructuredResult<T>>;
  map<I, O>(items: I[], fn: (item: I, index: number) => Promise<O>, opts: { label: string; concurrency?: number }): Promise<O[]>;
  estimate(reqs: ChatRequest[], opts?: { expectedCompletionTokens?: number }): Estimate;
  /** The configured openai client of that model's endpoint (files, fine-tuning, batches). */
  client(modelRef: string): OpenAI;
  ledger: { summary(): LedgerSummary; history(runId?: string): Omit<LedgerRow, "cachedPromptTokens" | "cachedCompletionTokens" | "savedUsd">[] };
  stats(): AccessStats;
  /** Limiter state of an endpoint (or of one model on it, for endpoints whose limits are per model). */
  limiterState(endpoint: string, model?: string): LimiterState | undefined;
  /** The cache key a request would use (no network). */
  cacheKey(req: ChatRequest): string;
  /** The loaded config (endpoints, roles), for display. */
  config: LoadedConfig;
  /** The in-process simulator, when started. */
  simulator(): SimulatorHandle | null;
  close(): Promise<void>;
  /** @internal used by batch.ts */
  _internal: AccessInternals;
}

export interface PreparedRequest {
  req: ChatRequest;
  model: string;
  endpoint: ResolvedEndpoint;
  endpointIdentity: string;
  role: string;
  sampleIndex: number;
  params: SamplingParams;
  /** The chat.completions body as sent. */
  body: Record<string, unknown>;
  /** The simulator's dispatch marker (x-lab-task header), or null. */
  task: string | null;
  key: string;
}

export interface AccessInternals {
  cache: Cache;
  prepare(req: ChatRequest, attempt?: number): PreparedRequest;
  ensureEndpoint(ep: ResolvedEndpoint): Promise<OpenAI>;
  redact(s: string): string;
  recordHit(p: PreparedRequest, e: CacheEntry): void;
  recordBatchAnswer(p: PreparedRequest, e: CacheEntry): void;
  hitResult(p: PreparedRequest, e: CacheEntry, cached: boolean): ChatResult;
  failResult(p: PreparedRequest, error: string, attempts: number, httpStatus?: number): ChatResult;
  recordFailure(p: PreparedRequest, retries: number): void;
  replayOnly: boolean;
  /** Refuses (throws) when these requests could take spend past budgetUsd. */
  checkBudget(ps: PreparedRequest[], opts: { batch: boolean }): void;
  runId: string;
  prices: PriceTable;
  progressMode: ProgressMode;
  progressWrite: (s: string) => void;
}

function loadSimulatorModule(): (opts: SimulatorOptions) => Promise<SimulatorHandle> {
  let mod: { startSimulator?: (opts: SimulatorOptions) => Promise<SimulatorHandle> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    mod = require("../sim");
  } catch (e) {
    throw new Error(`the built-in simulator (src/sim) could not be loaded: ${(e as Error).message}`);
  }
  if (typeof mod.startSimulator !== "function")
    throw new Error("the built-in simulator (src/sim) does not export startSimulator in this build");
  return mod.startSimulator;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^(n-1))]. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, rand = Math.random): number {
  return rand() * Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}


export async function openAccess(opts: OpenAccessOptions = {}): Promise<Access> {
  const env = opts.env ?? process.env;
  const cfg = loadConfig({ configPath: opts.configPath, env });
  const runId = opts.runId ?? new Date().toISOString().replace(/[:.]/g, "-");
  const cachePath = path.resolve(opts.cachePath ?? env.LAB_CACHE ?? path.join(paths.cache, "calls.sqlite"));
  const prices = readPrices(opts.pricesPath ?? defaultPricesPath());
  if (opts.budgetUsd !== undefined && !(opts.budgetUsd >= 0)) throw new Error(`budgetUsd must be a non-negative number, got ${opts.budgetUsd}`);
  const cache = openCache(cachePath);
  const ledger = createLedger(runId, prices, cache);
  const flushTimer = setInterval(() => ledger.flush(), 1000);
  flushTimer.unref();

  const progressMode = detectProgressMode(opts.progress ?? "auto", env);
  const progressWrite = opts.progressWrite ?? ((s: string) => void process.stderr.write(s));

  const keysInUse = new Set<string>();
  const redact = makeRedactor(() => keysInUse);

  const stats: AccessStats = { calls: 0, hits: 0, failures: 0, retries: 0, requests: 0 };
  const clients = new Map<string, OpenAI>();
  const limiters = new Map<string, Limiter>();
  const noJsonSchema = new Set<string>();
  const inflight = new Map<string, Promise<ChatResult>>();
  const pending = new Set<Promise<unknown>>();
  let reservedUsd = 0;
  let closed = false;

  let sim: SimulatorHandle | null = null;
  let simStarting: Promise<SimulatorHandle> | null = null;
  const startSim = (): Promise<SimulatorHandle> => {
    if (sim) return Promise.resolve(sim);
    if (!simStarting) {
      const start = loadSimulatorModule();
      // Files, jobs and fine-tuned models live beside the cache, so a fine-tune made by one process
      // (the CLI, a notebook kernel) answers in the next, just as a real provider's would.
      const stateDir = opts.simulator?.stateDir ?? (env.LAB_SIM_STATE_DIR?.trim() || path.join(path.dirname(cachePath), "sim-state"));
      simStarting = start({ port: 0, ...(opts.simulator ?? {}), stateDir }).then((h) => {
        sim = h;
        return h;
      });
    }
    return simStarting;
  };

  const identity = (ep: ResolvedEndpoint) => (ep.backend === "simulator" ? "simulator:builtin" : withoutCredentials(ep.baseURL!));

  function baseURLOf(ep: ResolvedEndpoint): string {
    if (ep.backend === "simulator") {
      if (!sim) throw new Error("the simulator has not been started yet (it starts on the first call to a sim- model)");
      return (sim as SimulatorHandle).baseURL;
    }
    return ep.baseURL!;
  }

  function clientFor(ep: ResolvedEndpoint): OpenAI {
    let c = clients.get(ep.name);
    if (c) return c;
    const key = cfg.apiKey(ep); // throws naming the env var when a real endpoint lacks its key
    if (key && ep.backend === "real") keysInUse.add(key);
    c = new OpenAI({
      apiKey: key ?? "none",
      baseURL: baseURLOf(ep),
      maxRetries: 0,
      timeout: ep.retry.timeoutMs,
      organization: null,
      project: null,
    });
    // Printing the client (a notebook's last expression) must not show its key.
    Object.defineProperty(c, inspect.custom, {
      value: () => `OpenAI client for endpoint "${ep.name}" (${baseURLOf(ep)}; key from ${ep.apiKeyEnv ?? "none"})`,
      enumerable: false,
    });
    clients.set(ep.name, c);
    return c;
  }

  async function ensureEndpoint(ep: ResolvedEndpoint): Promise<OpenAI> {
    if (ep.backend === "simulator") await startSim();
    return clientFor(ep);
  }

  const limiterKey = (ep: ResolvedEndpoint, model?: string) => (ep.limits.scope === "model" && model ? `${ep.name}\u0000${model}` : ep.name);
  function limiterFor(ep: ResolvedEndpoint, model: string): Limiter {
    const key = limiterKey(ep, model);
    let l = limiters.get(key);
    if (!l) {
      l = createLimiter({ maxInFlight: ep.limits.maxInFlight, rpm: ep.limits.rpm, tpm: ep.limits.tpm });
      limiters.set(key, l);
    }
    return l;
  }

  function prepare(req: ChatRequest, attempt = 0): PreparedRequest {
    if (!req || typeof req !== "object") throw new Error("chat request must be an object");
    if (!Array.isArray(req.messages) || req.messages.length === 0)
      throw new Error(`chat request for "${req.model}": messages must be a non-empty array`);
    req.messages.forEach((m: ChatMessage, i) => {
      if (!m || !["system", "user", "assistant"].includes(m.role) || typeof m.content !== "string")
        throw new Error(`chat request for "${req.model}": messages[${i}] must be { role: system|user|assistant, content: string }`);
    });
    const sampleIndex = req.sampleIndex ?? 0;
    if (!Number.isInteger(sampleIndex) || sampleIndex < 0) throw new Error(`sampleIndex must be a non-negative integer, got ${req.sampleIndex}`);
    const r = cfg.resolve(req.model);
    if (r.endpoint.backend === "real") cfg.apiKey(r.endpoint);
    const params: SamplingParams = {};
    for (const k of ["temperature", "top_p", "max_tokens", "seed"] as const) if (req[k] !== undefined) params[k] = req[k];
    const body: Record<string, unknown> = {
      model: r.model,
      messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
    };
    for (const [k, v] of Object.entries(params)) if (v !== undefined) body[k] = v;
    // OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 …) reject max_tokens with a 400 and take
    // max_completion_tokens instead; other OpenAI-compatible servers may only know max_tokens.
    if (body.max_tokens !== undefined && r.endpoint.kind === "openai" && isOpenAIReasoningModel(r.model)) {
      body.max_completion_tokens = body.max_tokens;
      delete body.max_tokens;
    }
    if (req.responseFormat) body.response_format = wireFormat(req.responseFormat);
    const endpointIdentity = identity(r.endpoint);
    const task = req.task ?? (req.responseFormat?.type === "json_schema" ? req.responseFormat.name : null);
    if (task !== null && !TASK_NAME.test(task)) throw new Error(`chat request for "${req.model}": task "${task}" must be 1-64 letters, digits, _ . : or -`);
    // The marker changes a simulator's answer but not a real model's; it is keyed only where it
    // matters and says more than the body already does (a json_schema's name), so existing cache
    // entries keep their keys.
    const keyedTask = task !== null && backendFor(r.endpoint.backend, r.model) === "simulator" && !(req.responseFormat?.type === "json_schema" && req.responseFormat.name === task);
    // Everything that determines the answer, and nothing secret: no key, no ephemeral port.
    const key = stableHash({
      v: 1,
      endpoint: endpointIdentity,
      body,
      sample_index: sampleIndex,
      ...(attempt > 0 ? { attempt } : {}),
      ...(keyedTask ? { task } : {}),
    });
    return { req, model: r.model, endpoint: r.endpoint, endpointIdentity, role: req.role ?? r.role ?? "other", sampleIndex, params, body, task, key };
  }

  function baseOf(p: PreparedRequest) {
    return {
      cacheKey: p.key,
      model: p.model,
      endpoint: p.endpoint.name,
      backend: backendFor(p.endpoint.backend, p.model),
      role: p.role,
      sampleIndex: p.sampleIndex,
      params: p.params,
    };
  }

  function hitResult(p: PreparedRequest, e: CacheEntry, cached: boolean): ChatResult {
    // The answer itself says whether a simulator wrote it (its fingerprint), whatever endpoint it
    // came through: a simulator behind OPENAI_BASE_URL must not pass for a real model.
    const simulated = e.systemFingerprint?.startsWith("sim_") ?? false;
    return {
      ok: true,
      ...baseOf(p),
      ...(simulated ? { backend: "simulator" as const } : {}),
      text: e.text,
      refusal: e.refusal,
      finishReason: e.finishReason,
      usage: { prompt_tokens: e.promptTokens, completion_tokens: e.completionTokens },
      cached,
      createdAt: e.createdAt,
    };
  }

  function failResult(p: PreparedRequest, error: string, attempts: number, httpStatus?: number): ChatResult {
    return { ok: false, status: "failed", ...baseOf(p), error: redact(error), attempts, ...(httpStatus ? { httpStatus } : {}) };
  }


  function recordHit(p: PreparedRequest, e: CacheEntry) {
    stats.hits++;
    ledger.record({ role: p.role, model: p.model, endpoint: p.endpoint.name, simulated: p.endpoint.backend === "simulator", kind: "hit", promptTokens: e.promptTokens, completionTokens: e.completionTokens });
  }

  function recordBatchAnswer(p: PreparedRequest, e: CacheEntry) {
    stats.calls++;
    ledger.record({ role: p.role, model: p.model, endpoint: p.endpoint.name, simulated: p.endpoint.backend === "simulator", kind: "call", promptTokens: e.promptTokens, completionTokens: e.completionTokens, batch: true });
  }

  function recordFailure(p: PreparedRequest, retries: number) {
    stats.failures++;
    ledger.record({ role: p.role, model: p.model, endpoint: p.endpoint.name, simulated: p.endpoint.backend === "simulator", kind: "failure", retries });
  }

  async function live(p: PreparedRequest): Promise<ChatResult> {
    const client = await ensureEndpoint(p.endpoint);
    const limiter = limiterFor(p.endpoint, p.model);
    const est = estimatePromptTokens(p.req.messages) + expectedCompletion(p.req.max_tokens);
    const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs } = p.endpoint.retry;
    stats.calls++;
    let lastError = "no attempt made";
    let lastStatus: number | undefined;
    let attemptsMade = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) stats.retries++;
      attemptsMade = attempt;
      const permit = await limiter.acquire(est);
      stats.requests++;
      let answer: { entry: CacheEntry } | null = null;
      try {
        const { data, response } = await client.chat.completions
          .create(p.body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, { timeout: timeoutMs, ...(p.task ? { headers: { [TASK_HEADER]: p.task } } : {}) })
          .withResponse();
        const hints = readRateHints(response.headers);
        const choice = data?.choices?.[0];
        if (!choice || !choice.message) throw new MalformedResponse("response has no choices[0].message");
        answer = { entry: cacheEntryFrom(p, data, choice, "live", runId) };
        permit.release({ actualTokens: answer.entry.promptTokens + answer.entry.completionTokens, hints });
      } catch (e) {
        const c = e instanceof MalformedResponse ? { retryable: true, rateLimited: false, message: `malformed response: ${e.message}`, status: undefined, headers: undefined } : classifyError(e);
        const hints = readRateHints(c.headers);
        permit.release({ rateLimited: c.rateLimited, hints });
        lastError = c.message;
        lastStatus = c.status;
        if (!c.retryable) break;
        if (attempt < maxAttempts) {
          const retryAfterMs = hints.retryAfterMs ?? 0;
          await sleep(Math.min(maxDelayMs, Math.max(retryAfterMs, backoffMs(attempt, baseDelayMs, maxDelayMs))));
        } else lastError = `${lastError} (gave up after ${maxAttempts} attempts)`;
        continue;
      }
      // Outside the try: a local storage failure must not be mistaken for a bad response and re-requested.
      let stored = answer.entry;
      try {
        // Another process answered this key first: return its answer, so all callers agree.
        if (!cache.put(answer.entry)) stored = cache.get(p.key) ?? answer.entry;
      } catch (e) {
        throw new Error(`cache ${cachePath}: could not store an answer (${(e as Error).message})`);
      }
      ledger.record({
        role: p.role,
        model: p.model,
        endpoint: p.endpoint.name,
        simulated: p.endpoint.backend === "simulator",
        kind: "call",
        retries: attempt - 1,
        promptTokens: answer.entry.promptTokens,
        completionTokens: answer.entry.completionTokens,
      });
      return hitResult(p, stored, false);
    }
    recordFailure(p, attemptsMade - 1);
    return failResult(p, lastError, attemptsMade, lastStatus);
  }

  async function chatPrepared(p: PreparedRequest): Promise<ChatResult> {
    if (closed) throw new Error("access is closed");
    const hit = cache.get(p.key);
    if (hit) {
      recordHit(p, hit);
      return hitResult(p, hit, true);
    }
    const joined = inflight.get(p.key);
    if (joined) {
      const r = await joined;
      if (r.ok) {
        // Counted like a cache hit (stats and ledger alike), under this caller's role.
        stats.hits++;
        ledger.record({ role: p.role, model: p.model, endpoint: p.endpoint.name, simulated: p.endpoint.backend === "simulator", kind: "hit", promptTokens: r.usage.prompt_tokens, completionTokens: r.usage.completion_tokens });
        return { ...r, role: p.role, cached: true };
      }
      return { ...r, role: p.role };
    }
    if (opts.replayOnly) {
      recordFailure(p, 0);
      return failResult(p, `replay-only: no cached answer for model ${p.model} on ${p.endpoint.name} (cache key ${p.key.slice(0, 16)}…, cache ${cachePath})`, 0);
    }
    let reserved = 0;
    if (opts.budgetUsd !== undefined) {
      // Prompt tokens are estimated from characters; a 25% margin keeps the guard on the safe side.
      const est = costUsd(prices, p.model, Math.ceil(estimatePromptTokens(p.req.messages) * 1.25), expectedCompletion(p.req.max_tokens), { simulated: p.endpoint.backend === "simulator" });
      if (est === null) {
        recordFailure(p, 0);
        return failResult(p, `budget: model ${p.model} has no price in data/prices.json, so the budget of $${opts.budgetUsd} cannot be enforced; add a price or drop budgetUsd`, 0);
      }
      const spent = ledger.spentUsd();
      if (spent + reservedUsd + est > opts.budgetUsd) {
        recordFailure(p, 0);
        return failResult(p, `budget: this call (≈$${est.toFixed(4)}) would take spend past the budget of $${opts.budgetUsd} (spent $${spent.toFixed(4)}, in flight $${reservedUsd.toFixed(4)}); not started`, 0);
      }
      reserved = est;
      reservedUsd += est;
    }
    const promise = live(p).finally(() => {
      inflight.delete(p.key);
      reservedUsd -= reserved;
    });
    inflight.set(p.key, promise);
    pending.add(promise);
    promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  async function chat(req: ChatRequest, attempt = 0): Promise<ChatResult> {
    return chatPrepared(prepare(req, attempt));
  }

  async function structured<T>(
    req: ChatRequest,
    schema: z.ZodType<T>,
    o: { name: string; maxAttempts?: number; task?: string },
  ): Promise<StructuredResult<T>> {
    const maxAttempts = o.maxAttempts ?? 3;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.name)) throw new Error(`structured: name "${o.name}" must be 1-64 letters, digits, _ or -`);
    const jsonSchema = zodToJsonSchema(schema as unknown as z.ZodTypeAny);
    // OpenAI's strict mode takes only an object at the root; its 400 would read like "no json_schema
    // support" and switch the whole endpoint to json_object, so refuse here instead.
    if (jsonSchema.type !== "object") throw new Error(`structured ${o.name}: the schema's root must be a z.object(…) (strict json_schema allows only an object at the root), got ${JSON.stringify(jsonSchema.type ?? "anyOf")}`);
    const ep = cfg.resolve(req.model).endpoint;
    let useSchema = ep.limits.supportsJsonSchema && !noJsonSchema.has(ep.name);
    let fellBack = false;
    const usage: Usage = { prompt_tokens: 0, completion_tokens: 0 };
    let lastError = "";
    let last: ChatResult | null = null;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const format: ResponseFormat = useSchema
        ? { type: "json_schema", name: o.name, schema: jsonSchema, strict: true }
        : { type: "json_object" };
      const messages = useSchema ? req.messages : withJsonInstruction(req.messages, o.name, jsonSchema);
      // A seeded request would return the same invalid answer again: later attempts move the seed.
      const seed = req.seed !== undefined && attempt > 0 ? req.seed + attempt : req.seed;
      const r = await chat({ ...req, messages, responseFormat: format, seed, task: o.task ?? req.task ?? o.name }, attempt);
      last = r;
      if (!r.ok) {
        if (useSchema && !fellBack && r.httpStatus === 400 && /response_format|json_schema|schema|structured|format/i.test(r.error)) {
          // The server rejected json_schema: remember it for this endpoint and ask again with json_object.
          useSchema = false;
          fellBack = true;
          noJsonSchema.add(ep.name);
          attempt--;
          continue;
        }
        return { ...r, status: "failed", attempts: attempt + 1, usage };
      }
      usage.prompt_tokens += r.usage.prompt_tokens;
      usage.completion_tokens += r.usage.completion_tokens;
      if (r.refusal) {
        lastError = `refusal: ${r.refusal}`;
        continue;
      }
      if (r.finishReason === "length") {
        lastError = "truncated (finish_reason length)";
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(r.text);
      } catch (e) {
        lastError = `invalid JSON: ${(e as Error).message}`;
        continue;
      }
      const v = schema.safeParse(parsed);
      if (!v.success) {
        const issue = v.error.issues[0];
        lastError = `schema mismatch at "${issue.path.join(".") || "(root)"}": ${issue.message}`;
        continue;
      }
      const { ok: _ok, text, refusal: _refusal, finishReason: _fr, usage: _u, ...rest } = r;
      return { ...rest, ok: true, value: v.data, text, usage, attempts: attempt + 1, format: useSchema ? "json_schema" : "json_object" };
    }
    const base = last!;
    return {
      ok: false,
      status: "unparseable",
      cacheKey: base.cacheKey,
      model: base.model,
      endpoint: base.endpoint,
      backend: base.backend,
      role: base.role,
      sampleIndex: base.sampleIndex,
      params: base.params,
      error: `${o.name}: no valid answer in ${maxAttempts} samples; last: ${lastError}`,
      attempts: maxAttempts,
      usage,
    };
  }

  async function map<I, O>(items: I[], fn: (item: I, index: number) => Promise<O>, o: { label: string; concurrency?: number }): Promise<O[]> {
    const limit = Math.max(1, o.concurrency ?? 512);
    // Progress counts are the stats deltas since this map started (AsyncLocalStorage would attribute
    // them exactly but slows every promise in the process; concurrent maps share their counts).
    const start = { ...stats };
    const progress = createProgress(o.label, items.length, progressMode, progressWrite);
    const out = new Array<O>(items.length);
    let next = 0;
    let firstError: unknown = null;
    const sync = () => {
      progress.counts.hits = stats.hits - start.hits;
      progress.counts.calls = stats.calls - start.calls;
      progress.counts.failures = stats.failures - start.failures;
    };
    const worker = async () => {
      while (firstError === null && next < items.length) {
        const i = next++;
        try {
          out[i] = await fn(items[i], i);
        } catch (e) {
          if (firstError === null) firstError = e;
        }
        progress.counts.done++;
        sync();
        progress.tick();
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    sync();
    progress.finish();
    ledger.flush();
    if (firstError !== null) throw firstError;
    return out;
  }

  function estimate(reqs: ChatRequest[], o: { expectedCompletionTokens?: number } = {}): Estimate {
    const byModel: Estimate["byModel"] = {};
    const e: Estimate = { calls: 0, cachedCalls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, byModel, unpriced: [], note: "" };
    for (const req of reqs) {
      const p = prepare(req);
      const m = (byModel[p.model] ??= { endpoint: p.endpoint.name, backend: p.endpoint.backend, calls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
      e.calls++;
      m.calls++;
      if (cache.has(p.key)) {
        e.cachedCalls++;
        continue;
      }
      e.newCalls++;
      m.newCalls++;
      const pt = estimatePromptTokens(req.messages);
      const ct = expectedCompletion(req.max_tokens, o.expectedCompletionTokens);
      e.promptTokens += pt;
      e.completionTokens += ct;
      m.promptTokens += pt;
      m.completionTokens += ct;
      const usd = costUsd(prices, p.model, pt, ct, { simulated: p.endpoint.backend === "simulator" });
      m.costUsd = m.costUsd === null || usd === null ? null : m.costUsd + usd;
    }
    for (const [model, m] of Object.entries(byModel)) {
      if (m.costUsd === null) {
        e.unpriced.push(model);
        e.costUsd = null;
      } else if (e.costUsd !== null) e.costUsd += m.costUsd;
    }
    e.note =
      "prompt tokens ≈ characters/4; completion tokens = " +
      (o.expectedCompletionTokens !== undefined ? `expectedCompletionTokens (${o.expectedCompletionTokens}, capped by max_tokens)` : "max_tokens (an upper bound; 512 when unset)") +
      "; prices from data/prices.json";
    return e;
  }

  const access: Access = {
    runId,
    cachePath,
    config: cfg,
    resolve(modelRef) {
      const r = cfg.resolve(modelRef);
      if (r.endpoint.backend === "real") cfg.apiKey(r.endpoint);
      return {
        model: r.model,
        endpoint: r.endpoint.name,
        backend: backendFor(r.endpoint.backend, r.model),
        baseURL: r.endpoint.backend === "simulator" ? (sim ? (sim as SimulatorHandle).baseURL : "(simulator not started)") : withoutCredentials(r.endpoint.baseURL!),
        ...(r.role ? { role: r.role } : {}),
      };
    },
    chat: (req) => chat(req),
    structured,
    map,
    estimate,
    client(modelRef) {
      return clientFor(cfg.resolve(modelRef).endpoint);
    },
    ledger: {
      summary: () => ledger.summary(),
      history: (id) => {
        ledger.flush();
        return cache.ledgerRows(id);
      },
    },
    stats: () => ({ ...stats }),
    limiterState: (name, model) => {
      const ep = cfg.endpoints.get(name);
      return ep ? limiters.get(limiterKey(ep, model))?.state() : undefined;
    },
    cacheKey: (req) => prepare(req).key,
    simulator: () => sim,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...pending]);
      clearInterval(flushTimer);
      ledger.flush();
      cache.close();
      if (simStarting) {
        const h = await simStarting.catch(() => null);
        if (h) await h.close();
      }
    },
    _internal: {
      cache,
      prepare,
      ensureEndpoint,
      redact,
      recordHit,
      recordBatchAnswer,
      hitResult,
      failResult,
      recordFailure,
      replayOnly: !!opts.replayOnly,
      checkBudget(ps, o) {
        if (opts.budgetUsd === undefined || ps.length === 0) return;
        let est = 0;
        for (const p of ps) {
          const usd = costUsd(prices, p.model, Math.ceil(estimatePromptTokens(p.req.messages) * 1.25), expectedCompletion(p.req.max_tokens), { batch: o.batch, simulated: p.endpoint.backend === "simulator" });
          if (usd === null) throw new Error(`budget: model ${p.model} has no price in data/prices.json, so the budget of $${opts.budgetUsd} cannot be enforced`);
          est += usd;
        }
        const spent = ledger.spentUsd();
        if (spent + reservedUsd + est > opts.budgetUsd)
          throw new Error(`budget: ${ps.length} requests (≈$${est.toFixed(4)} at most) would take spend past the budget of $${opts.budgetUsd} (spent $${spent.toFixed(4)}); nothing submitted`);
      },
      runId,
      prices,
      progressMode,
      progressWrite,
    },
  };

  Object.defineProperty(access, "_internal", { enumerable: false });
  Object.defineProperty(access, inspect.custom, {
    value: () => `Access { runId: ${runId}, cache: ${cachePath}, default endpoint: ${cfg.defaultEndpoint.name} (${cfg.defaultReason}), stats: ${JSON.stringify(stats)} }`,
    enumerable: false,
  });
  Object.defineProperty(access, "toJSON", {
    value: () => ({ runId, cachePath, defaultEndpoint: cfg.defaultEndpoint.name, stats: { ...stats } }),
    enumerable: false,
  });

  // In simulator mode the simulator is up before the first call, so resolve() can report its URL.
  const roleEndpoints = (["target", "judge", "generator", "auditor"] as const).map((r) => {
    try {
      return cfg.resolve(r).endpoint;
    } catch {
      return null;
    }
  });
  if (cfg.defaultEndpoint.backend === "simulator" || roleEndpoints.some((e) => e?.backend === "simulator")) {
    try {
      await startSim();
    } catch (e) {
      await access.close();
      throw e;
    }
  }
  return access;
}

class MalformedResponse extends Error {}

/** OpenAI model ids (fine-tuned ones included) that take max_completion_tokens, not max_tokens. */
export function isOpenAIReasoningModel(model: string): boolean {
  const base = model.startsWith("ft:") ? model.slice(3) : model;
  return /^(o\d|gpt-5)/.test(base);
}

function wireFormat(f: ResponseFormat): Record<string, unknown> {
  if (f.type === "json_object") return { type: "json_object" };
  return { type: "json_schema", json_schema: { name: f.name, schema: f.schema, strict: f.strict ?? true } };
}

/** json_object mode needs the word JSON in the prompt; we also give the schema so the model can follow it. */
function withJsonInstruction(messages: ChatMessage[], name: string, schema: object): ChatMessage[] {
  const instruction = `Reply with one JSON object only (no prose, no code fences) named ${name}, matching this JSON schema: ${JSON.stringify(schema)}`;
  const sys = messages.findIndex((m) => m.role === "system");
  if (sys >= 0) return messages.map((m, i) => (i === sys ? { ...m, content: `${m.content}\n\n${instruction}` } : m));
  return [{ role: "system", content: instruction }, ...messages];
}

/** A base URL as it may be stored or shown: user:password@ removed (it can hold a credential;
 *  it never changes which model answers). */
export function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = "";
    u.password = "";
    return u.toString().replace(/\/$/, url.endsWith("/") ? "/" : "");
  } catch {
    return url;
  }
}


