// What a call returns (ChatResult) and how it is counted (stats and ledger), shared by live calls,
// cache hits and the Batch API path so that all three report the same fields the same way.
import { backendFor } from "../config/simulated";
import type { CacheEntry } from "./cache";
import type { createLedger } from "./ledger";
import type { PreparedRequest } from "./prepare";
import type { Usage } from "../core/records";
import type { AccessStats, ChatResult } from "./types";

export type Ledger = ReturnType<typeof createLedger>;

function resultBase(p: PreparedRequest) {
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

export function hitResult(p: PreparedRequest, e: CacheEntry, cached: boolean): ChatResult {
  // The answer itself says whether a simulator wrote it (its fingerprint), whatever endpoint it
  // came through: a simulator behind OPENAI_BASE_URL must not pass for a real model.
  const simulated = e.systemFingerprint?.startsWith("sim_") ?? false;
  return {
    ok: true,
    ...resultBase(p),
    ...(simulated ? { backend: "simulator" as const } : {}),
    text: e.text,
    refusal: e.refusal,
    finishReason: e.finishReason,
    usage: { prompt_tokens: e.promptTokens, completion_tokens: e.completionTokens },
    cached,
    createdAt: e.createdAt,
  };
}

/** `error` must already be redacted. */
export function failResult(p: PreparedRequest, error: string, attempts: number, httpStatus?: number): ChatResult {
  return { ok: false, status: "failed", ...resultBase(p), error, attempts, ...(httpStatus ? { httpStatus } : {}) };
}

/** Counting of calls, hits and failures in the stats and the ledger. */
export interface Recorder {
  hit(p: PreparedRequest, usage: Usage): void;
  call(p: PreparedRequest, usage: Usage, opts?: { retries?: number; batch?: boolean }): void;
  failure(p: PreparedRequest, retries: number): void;
}

export function createRecorder(stats: AccessStats, ledger: Ledger): Recorder {
  const event = (p: PreparedRequest) => ({ role: p.role, model: p.model, endpoint: p.endpoint.name, simulated: p.endpoint.backend === "simulator" });
  return {
    hit(p, usage) {
      stats.hits++;
      ledger.record({ ...event(p), kind: "hit", promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens });
    },
    call(p, usage, o = {}) {
      // Live calls count themselves in stats.calls when they start (send.ts); a batch answer here.
      if (o.batch) stats.calls++;
      ledger.record({ ...event(p), kind: "call", ...(o.retries !== undefined ? { retries: o.retries } : {}), promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, ...(o.batch ? { batch: true } : {}) });
    },
    failure(p, retries) {
      stats.failures++;
      ledger.record({ ...event(p), kind: "failure", retries });
    },
  };
}

export const usageOf = (e: CacheEntry): Usage => ({ prompt_tokens: e.promptTokens, completion_tokens: e.completionTokens });
