// Tokens and cost per run, role and model; calls vs cache hits vs failures. Kept in memory for the
// live summary and added to the cache database (table ledger) so a run's totals survive restarts.
import type { Cache, LedgerDelta } from "./cache";
import { costUsd, type PriceTable } from "./prices";

/** What the cache stores per run, role and model (LedgerDelta), plus what the summary derives. */
export interface LedgerRow extends Omit<LedgerDelta, "costUsd"> {
  /** Tokens served from the cache (not paid again). */
  cachedPromptTokens: number;
  cachedCompletionTokens: number;
  /** Estimated USD of live calls; null when the model has no price in data/prices/. */
  costUsd: number | null;
  /** Estimated USD that cache hits saved. */
  savedUsd: number | null;
}

export interface LedgerSummary {
  runId: string;
  totals: Omit<LedgerRow, "runId" | "role" | "model" | "endpoint">;
  byRole: Record<string, Omit<LedgerRow, "runId" | "role" | "model" | "endpoint">>;
  byModel: Record<string, Omit<LedgerRow, "runId" | "role" | "model" | "endpoint">>;
  rows: LedgerRow[];
  /** Models with tokens but no price entry. */
  unpriced: string[];
  /** Note for readers: estimated from data/prices/. */
  note: string;
}

type Counts = Omit<LedgerRow, "runId" | "role" | "model" | "endpoint">;

const zero = (): Counts => ({
  calls: 0,
  hits: 0,
  failures: 0,
  retries: 0,
  promptTokens: 0,
  completionTokens: 0,
  cachedPromptTokens: 0,
  cachedCompletionTokens: 0,
  costUsd: 0,
  savedUsd: 0,
});

function add(a: Counts, b: Counts): void {
  a.calls += b.calls;
  a.hits += b.hits;
  a.failures += b.failures;
  a.retries += b.retries;
  a.promptTokens += b.promptTokens;
  a.completionTokens += b.completionTokens;
  a.cachedPromptTokens += b.cachedPromptTokens;
  a.cachedCompletionTokens += b.cachedCompletionTokens;
  a.costUsd = a.costUsd === null || b.costUsd === null ? null : a.costUsd + b.costUsd;
  a.savedUsd = a.savedUsd === null || b.savedUsd === null ? null : a.savedUsd + b.savedUsd;
}

export interface LedgerEvent {
  role: string;
  model: string;
  endpoint: string;
  kind: "call" | "hit" | "failure";
  retries?: number;
  promptTokens?: number;
  completionTokens?: number;
  batch?: boolean;
  /** Answered by the simulator (free whatever the model name). */
  simulated?: boolean;
}

export function createLedger(runId: string, prices: PriceTable, cache: Cache | null) {
  const rows = new Map<string, LedgerRow>();
  // Deltas not yet written to the database.
  let pending = new Map<string, LedgerDelta>();

  function record(ev: LedgerEvent): void {
    const k = `${ev.role}\u0000${ev.model}\u0000${ev.endpoint}`;
    let row = rows.get(k);
    if (!row) {
      row = { runId, role: ev.role, model: ev.model, endpoint: ev.endpoint, ...zero() };
      rows.set(k, row);
    }
    const p = ev.promptTokens ?? 0;
    const c = ev.completionTokens ?? 0;
    const usd = costUsd(prices, ev.model, p, c, { batch: ev.batch, simulated: ev.simulated });
    const delta = zero();
    delta.retries = ev.retries ?? 0;
    if (ev.kind === "hit") {
      delta.hits = 1;
      delta.cachedPromptTokens = p;
      delta.cachedCompletionTokens = c;
      delta.costUsd = 0;
      delta.savedUsd = usd;
    } else {
      if (ev.kind === "call") delta.calls = 1;
      else delta.failures = 1;
      delta.promptTokens = p;
      delta.completionTokens = c;
      delta.costUsd = usd;
      delta.savedUsd = 0;
    }
    add(row, delta);
    if (cache && ev.kind !== "hit") {
      let d = pending.get(k);
      if (!d) {
        d = { runId, role: ev.role, model: ev.model, endpoint: ev.endpoint, calls: 0, hits: 0, failures: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
        pending.set(k, d);
      }
      d.calls += delta.calls;
      d.failures += delta.failures;
      d.retries += delta.retries;
      d.promptTokens += delta.promptTokens;
      d.completionTokens += delta.completionTokens;
      d.costUsd += delta.costUsd ?? 0;
    } else if (cache) {
      let d = pending.get(k);
      if (!d) {
        d = { runId, role: ev.role, model: ev.model, endpoint: ev.endpoint, calls: 0, hits: 0, failures: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
        pending.set(k, d);
      }
      d.hits += 1;
    }
  }

  /** Live spend of this process so far (unpriced models count 0 here; the budget guard refuses them). */
  function spentUsd(): number {
    let s = 0;
    for (const r of rows.values()) s += r.costUsd ?? 0;
    return s;
  }

  function summary(): LedgerSummary {
    const totals = zero();
    const byRole: Record<string, Counts> = {};
    const byModel: Record<string, Counts> = {};
    const unpriced = new Set<string>();
    for (const r of rows.values()) {
      add(totals, r);
      add((byRole[r.role] ??= zero()), r);
      add((byModel[r.model] ??= zero()), r);
      if (r.costUsd === null) unpriced.add(r.model);
    }
    return {
      runId,
      totals,
      byRole,
      byModel,
      rows: [...rows.values()].map((r) => ({ ...r })),
      unpriced: [...unpriced],
      note: "cost estimated from data/prices/ (USD per 1M tokens); simulator models cost 0",
    };
  }

  function flush(): void {
    if (!cache || pending.size === 0) return;
    const ds = [...pending.values()];
    pending = new Map();
    cache.addLedger(ds);
  }

  return { record, summary, spentUsd, flush };
}

export type Ledger = ReturnType<typeof createLedger>;
