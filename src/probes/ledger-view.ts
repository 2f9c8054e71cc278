// The ledger's view of one probe invocation, for its manifest: what the access ledger's totals
// changed by while the invocation ran.
import type { ModelAccess } from "../access";

/** after − before for every number at matching keys (nested objects too); arrays and strings are left out. */
export function numericDelta(before: unknown, after: unknown): unknown {
  if (typeof after === "number") return typeof before === "number" ? after - before : after;
  if (after === null) return null;
  if (after && typeof after === "object" && !Array.isArray(after)) {
    const b = before && typeof before === "object" && !Array.isArray(before) ? (before as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(after as Record<string, unknown>)) {
      if (typeof v === "number" || v === null || (v && typeof v === "object" && !Array.isArray(v))) out[k] = numericDelta(b[k], v);
    }
    return out;
  }
  return undefined;
}

/** The ledger's view of this invocation: the change in totals, by role and by model, while it ran
 *  (an access shared with other concurrent work would mix that in), plus the access run's totals. */
export function ledgerView(before: unknown, after: unknown): unknown {
  const pick = (x: unknown) => (x && typeof x === "object" ? { totals: (x as Record<string, unknown>).totals, byRole: (x as Record<string, unknown>).byRole, byModel: (x as Record<string, unknown>).byModel } : x);
  if (!after || typeof after !== "object" || "error" in (after as object)) return after;
  return {
    this_invocation: numericDelta(pick(before), pick(after)),
    access_run_totals: (after as Record<string, unknown>).totals ?? null,
    note: (after as Record<string, unknown>).note ?? null,
  };
}

export function safeLedger(access: Pick<ModelAccess, "ledger">): unknown {
  try {
    return access.ledger.summary();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
