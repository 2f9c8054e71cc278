// Failing early and saying why. Every finished call is shown to the watch; when the first N calls
// of one kind (role × endpoint × model) have all failed with the same error that retrying cannot
// fix (a 4xx other than 408/409/429, a connection error, a replay-only miss, the budget), later
// calls of that kind are refused at once with an error that names the cause, instead of each being
// retried and recorded as one more "failed". The watch also keeps every distinct error with its
// count and one full example, for the summary a run prints at its end.
import { BudgetError, ProviderError } from "../core/errors";

export interface WatchedCall {
  role: string;
  endpoint: string;
  model: string;
}

export interface WatchedOutcome {
  ok: boolean;
  error?: string;
  httpStatus?: number;
}

export interface FailureCount {
  /** The error with numbers, ids and keys taken out: what makes two errors "the same". */
  signature: string;
  count: number;
  /** One full message, as the first call that failed this way reported it. */
  example: string;
  /** role · endpoint · model of the calls that failed this way. */
  kinds: string[];
}

export interface FailureWatch {
  /** Throws the stop error if calls of this kind were stopped. */
  check(call: WatchedCall): void;
  /** Counts one finished call; may stop its kind (later check() calls throw). */
  observe(call: WatchedCall, outcome: WatchedOutcome): void;
  /** Distinct errors, most frequent first. */
  summary(): FailureCount[];
  /** Why calls were stopped, if they were. */
  stopped(): Error | null;
}

/** How many first calls of a kind must fail the same way before the kind is stopped. */
export const STOP_AFTER = 5;

const kindOf = (c: WatchedCall) => `${c.role} · ${c.endpoint} · ${c.model}`;

/** An error without the parts that differ between otherwise identical failures. */
export function errorSignature(error: string): string {
  return error
    .replace(/\(gave up after \d+ attempts\)/, "")
    .replace(/cache key [0-9a-f]+…?/gi, "cache key …")
    .replace(/\b(req|chatcmpl|batch|file)[-_][A-Za-z0-9]+/g, "$1-…")
    .replace(/\$\d+(\.\d+)?/g, "$…")
    .replace(/\b\d+(\.\d+)?\s*(ms|s)\b/g, "… $2")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

/** Failures that the same request will meet again: stopping early loses nothing. */
export function isPermanent(o: WatchedOutcome): boolean {
  const e = o.error ?? "";
  if (/^replay-only:|^budget:|insufficient_quota/.test(e)) return true;
  if (/^connection error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|Invalid URL|ERR_INVALID_URL/.test(e)) return true;
  const s = o.httpStatus;
  return s !== undefined && s >= 400 && s < 500 && s !== 408 && s !== 409 && s !== 429;
}

export function createFailureWatch(opts: { stopAfter?: number } = {}): FailureWatch {
  const stopAfter = Math.max(1, opts.stopAfter ?? STOP_AFTER);
  const byKind = new Map<string, { seen: number; okSeen: boolean; first: string | null; same: number }>();
  const counts = new Map<string, FailureCount>();
  const stops = new Map<string, Error>();
  let firstStop: Error | null = null;

  function stopError(call: WatchedCall, n: number, example: string): Error {
    if (/^budget:/.test(example))
      return new BudgetError(`stopped early: the budget refused a call to ${call.model} (role ${call.role}, endpoint ${call.endpoint}), so no more are started: ${example}`, "raise --budget-usd (or budgetUsd) or run fewer units; finished work is kept and a re-run resumes");
    const what = `the first ${n} call${n === 1 ? "" : "s"} to ${call.model} (role ${call.role}, endpoint ${call.endpoint}) all failed with the same error, so no more are started`;
    const msg = `stopped early: ${what}: ${example}`;
    return new ProviderError(msg, "fix the cause named above and run the same command again: finished work is kept and cached answers cost nothing");
  }

  return {
    check(call) {
      const stop = stops.get(kindOf(call));
      if (stop) throw stop;
    },
    observe(call, o) {
      const kind = kindOf(call);
      const k = byKind.get(kind) ?? { seen: 0, okSeen: false, first: null, same: 0 };
      byKind.set(kind, k);
      k.seen++;
      if (o.ok) {
        k.okSeen = true;
        return;
      }
      const error = o.error ?? "failed (no message)";
      const sig = errorSignature(error);
      const c = counts.get(sig) ?? { signature: sig, count: 0, example: error, kinds: [] };
      c.count++;
      if (!c.kinds.includes(kind)) c.kinds.push(kind);
      counts.set(sig, c);
      if (stops.has(kind)) return;
      // A budget refusal is final at once, however many calls worked before it.
      if (/^budget:/.test(error)) {
        const stop = stopError(call, 1, error);
        stops.set(kind, stop);
        firstStop ??= stop;
        return;
      }
      if (k.okSeen) return;
      if (k.first === null) k.first = sig;
      if (k.first === sig && k.same === k.seen - 1) k.same++;
      if (k.same === k.seen && k.same >= stopAfter && isPermanent(o)) {
        const stop = stopError(call, k.same, error);
        stops.set(kind, stop);
        firstStop ??= stop;
      }
    },
    summary: () => [...counts.values()].sort((a, b) => b.count - a.count),
    stopped: () => firstStop,
  };
}

/** The end-of-run lines: each distinct error with its count and one example. */
export function describeFailures(failures: FailureCount[], max = 8): string[] {
  if (failures.length === 0) return [];
  const total = failures.reduce((s, f) => s + f.count, 0);
  const lines = [`errors: ${total} failed call${total === 1 ? "" : "s"}, ${failures.length} distinct:`];
  for (const f of failures.slice(0, max)) {
    lines.push(`  ${String(f.count).padStart(6)} × ${f.example.length > 300 ? `${f.example.slice(0, 300)}…` : f.example}`);
    lines.push(`           (${f.kinds.slice(0, 3).join("; ")}${f.kinds.length > 3 ? `; +${f.kinds.length - 3} more` : ""})`);
  }
  if (failures.length > max) lines.push(`  … and ${failures.length - max} more kinds of error`);
  return lines;
}
