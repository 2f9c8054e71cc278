// estimate(): calls, tokens and cost of a list of requests before running them, counting the ones
// already in the cache as free. Prompt tokens ≈ characters/4; completion tokens = max_tokens (an
// upper bound) unless the caller gives an expected answer length.
import type { Cache } from "./cache";
import type { PreparedRequest } from "./prepare";
import { costUsd, type PriceTable } from "./prices";
import { estimatePromptTokens, expectedCompletion } from "./tokens";
import type { ChatRequest, Estimate } from "./types";

export interface EstimateDeps {
  cache: Cache;
  prices: PriceTable;
  prepare(req: ChatRequest): PreparedRequest;
}

export function estimateRequests(d: EstimateDeps, reqs: ChatRequest[], o: { expectedCompletionTokens?: number } = {}): Estimate {
  const byModel: Estimate["byModel"] = {};
  const e: Estimate = { calls: 0, cachedCalls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, byModel, unpriced: [], note: "" };
  // A model with nothing in the cache has only new calls: skip hashing each request for the lookup
  // (most of an estimate's time before a study's first run).
  const modelCached = new Map<string, boolean>();
  const maybeCached = (identity: string, model: string): boolean => {
    const k = `${identity}\u241f${model}`;
    let v = modelCached.get(k);
    if (v === undefined) modelCached.set(k, (v = d.cache.hasModel(identity, model)));
    return v;
  };
  for (const req of reqs) {
    const p = d.prepare(req);
    const m = (byModel[p.model] ??= { endpoint: p.endpoint.name, backend: p.endpoint.backend, calls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });
    e.calls++;
    m.calls++;
    if (maybeCached(p.endpointIdentity, p.model) && d.cache.has(p.key)) {
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
    const usd = costUsd(d.prices, p.model, pt, ct, { simulated: p.endpoint.backend === "simulator" });
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
    "; prices from data/prices/";
  return e;
}

export type EstimateTotals = Pick<Estimate, "calls" | "cachedCalls" | "newCalls" | "promptTokens" | "completionTokens" | "costUsd">;

/** Several estimates added up (cost null as soon as one part is unpriced). */
export function sumEstimates(parts: readonly EstimateTotals[]): EstimateTotals {
  const t: EstimateTotals = { calls: 0, cachedCalls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  for (const p of parts) {
    t.calls += p.calls;
    t.cachedCalls += p.cachedCalls;
    t.newCalls += p.newCalls;
    t.promptTokens += p.promptTokens;
    t.completionTokens += p.completionTokens;
    t.costUsd = t.costUsd === null || p.costUsd === null ? null : t.costUsd + p.costUsd;
  }
  return t;
}
