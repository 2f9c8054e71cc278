// The spending guard: before live spend in this process could pass budgetUsd, a call is refused
// (ok:false, nothing sent) and a batch throws (nothing submitted). One estimate serves both: prompt
// tokens from characters with a 25% margin, completion tokens = max_tokens (512 when unset).
import { costUsd, type PriceTable } from "./prices";
import { estimatePromptTokens, expectedCompletion } from "./tokens";
import type { Ledger } from "./results";
import type { PreparedRequest } from "./prepare";
import { BudgetError, ConfigError } from "../core/errors";

export type Reservation = { ok: true; release(): void } | { ok: false; error: string };

export interface Budget {
  /** Holds the call's estimated cost while it runs; refused when it could pass the budget. */
  reserve(p: PreparedRequest): Reservation;
  /** Throws when these requests together could pass the budget. */
  checkMany(ps: PreparedRequest[], opts: { batch: boolean }): void;
}

/** At most what one call can cost (null when its model has no price). */
export function worstCaseUsd(prices: PriceTable, p: PreparedRequest, opts: { batch?: boolean } = {}): number | null {
  return costUsd(prices, p.model, Math.ceil(estimatePromptTokens(p.req.messages) * 1.25), expectedCompletion(p.req.max_tokens), {
    batch: opts.batch,
    simulated: p.endpoint.backend === "simulator",
  });
}

const NOTHING: Reservation = { ok: true, release: () => undefined };

export function createBudget(prices: PriceTable, ledger: Ledger, budgetUsd: number | undefined): Budget {
  let reservedUsd = 0;
  return {
    reserve(p) {
      if (budgetUsd === undefined) return NOTHING;
      const est = worstCaseUsd(prices, p);
      if (est === null)
        return { ok: false, error: `budget: model ${p.model} has no price in data/prices/, so the budget of $${budgetUsd} cannot be enforced; add a price or drop budgetUsd` };
      const spent = ledger.spentUsd();
      if (spent + reservedUsd + est > budgetUsd)
        return { ok: false, error: `budget: this call (≈$${est.toFixed(4)}) would take spend past the budget of $${budgetUsd} (spent $${spent.toFixed(4)}, in flight $${reservedUsd.toFixed(4)}); not started` };
      reservedUsd += est;
      return { ok: true, release: () => void (reservedUsd -= est) };
    },
    checkMany(ps, o) {
      if (budgetUsd === undefined || ps.length === 0) return;
      let est = 0;
      for (const p of ps) {
        const usd = worstCaseUsd(prices, p, { batch: o.batch });
        if (usd === null) throw new ConfigError(`budget: model ${p.model} has no price in data/prices/, so the budget of $${budgetUsd} cannot be enforced`);
        est += usd;
      }
      const spent = ledger.spentUsd();
      if (spent + reservedUsd + est > budgetUsd)
        throw new BudgetError(`budget: ${ps.length} requests (≈$${est.toFixed(4)} at most) would take spend past the budget of $${budgetUsd} (spent $${spent.toFixed(4)}); nothing submitted`);
    },
  };
}
