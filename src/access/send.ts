// Sending one prepared request: a permit from the endpoint's limiter (in-flight cap, rpm/tpm pace,
// rate-limit hints), the HTTP call, and our retry policy (the SDK's own retries are off). API
// errors end as ok:false results; only a failure to store an answer locally throws.
import type OpenAI from "openai";
import type { ResolvedEndpoint } from "../config/resolve";
import { LabError, ProviderError } from "../core/errors";
import { TASK_HEADER } from "../core/tasks";
import type { Cache } from "./cache";
import { cacheEntryFrom } from "./entry";
import type { Endpoints } from "./endpoints";
import { classifyError } from "./errors";
import { readRateHints } from "./headers";
import { createLimiter, type Limiter, type LimiterState } from "./limiter";
import type { PreparedRequest } from "./prepare";
import { failResult, hitResult, type Recorder } from "./results";
import { estimatePromptTokens, expectedCompletion } from "./tokens";
import type { AccessStats, ChatResult } from "./types";

export interface Sender {
  /** Sends p (cache miss) with retries; stores and returns the answer, or the last error. */
  send(p: PreparedRequest): Promise<ChatResult>;
  /** Limiter state of an endpoint (or of one model on it, for endpoints whose limits are per model). */
  limiterState(ep: ResolvedEndpoint, model?: string): LimiterState | undefined;
}

export interface SenderDeps {
  endpoints: Endpoints;
  cache: Cache;
  cachePath: string;
  runId: string;
  stats: AccessStats;
  record: Recorder;
  redact(s: string): string;
  /** Set once the run must stop (a failed cache write): requests still waiting for a permit are not sent. */
  stopped?(): Error | null;
}

class MalformedResponse extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff: uniform in [0, min(max, base·2^(n-1))]. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, rand = Math.random): number {
  return rand() * Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}

export function createSender(d: SenderDeps): Sender {
  const limiters = new Map<string, Limiter>();
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

  async function send(p: PreparedRequest): Promise<ChatResult> {
    const client = await d.endpoints.ensure(p.endpoint);
    const limiter = limiterFor(p.endpoint, p.model);
    const est = estimatePromptTokens(p.req.messages) + expectedCompletion(p.req.max_tokens);
    const { maxAttempts, baseDelayMs, maxDelayMs, timeoutMs } = p.endpoint.retry;
    const options = { timeout: timeoutMs, ...(p.task ? { headers: { [TASK_HEADER]: p.task } } : {}) };
    d.stats.calls++;
    let lastError = "no attempt made";
    let lastStatus: number | undefined;
    let attemptsMade = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) d.stats.retries++;
      attemptsMade = attempt;
      const permit = await limiter.acquire(est);
      const stop = d.stopped?.();
      if (stop) {
        permit.release({});
        throw stop;
      }
      d.stats.requests++;
      let answer: ReturnType<typeof cacheEntryFrom> | null = null;
      try {
        const { data, response } = await client.chat.completions
          .create(p.body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, options)
          .withResponse();
        const hints = readRateHints(response.headers);
        const choice = data?.choices?.[0];
        if (!choice || !choice.message) throw new MalformedResponse("response has no choices[0].message");
        answer = cacheEntryFrom(p, data, choice, "live", d.runId);
        permit.release({ actualTokens: answer.promptTokens + answer.completionTokens, hints });
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
      let stored = answer;
      try {
        // Another process answered this key first: return its answer, so all callers agree.
        if (!d.cache.put(answer)) stored = d.cache.get(p.key) ?? answer;
      } catch (e) {
        // The guard (cache-guard.ts) has kept the answer in its side file and says so; stop here.
        if (e instanceof LabError) throw e;
        throw new ProviderError(`cache ${d.cachePath}: could not store an answer (${(e as Error).message})`);
      }
      d.record.call(p, { prompt_tokens: answer.promptTokens, completion_tokens: answer.completionTokens }, { retries: attempt - 1 });
      return hitResult(p, stored, false);
    }
    d.record.failure(p, attemptsMade - 1);
    return failResult(p, d.redact(lastError), attemptsMade, lastStatus);
  }

  return {
    send,
    limiterState: (ep, model) => limiters.get(limiterKey(ep, model))?.state(),
  };
}
