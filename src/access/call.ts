// One chat call: the cache first, then a call already in flight for the same key, then (unless
// replay-only or over budget) the network. Identical concurrent requests are sent once.
import type { Budget } from "./budget";
import { ConfigError } from "../core/errors";
import type { Cache } from "./cache";
import type { FailureWatch } from "./failure-watch";
import type { PreparedRequest } from "./prepare";
import { failResult, hitResult, usageOf, type Recorder } from "./results";
import type { Sender } from "./send";
import type { ChatResult } from "./types";

export interface Caller {
  call(p: PreparedRequest): Promise<ChatResult>;
  /** Refuses new calls and waits for those in flight. */
  drain(): Promise<void>;
}

export interface CallerDeps {
  cache: Cache;
  cachePath: string;
  replayOnly: boolean;
  budget: Budget;
  sender: Sender;
  record: Recorder;
  redact(s: string): string;
  watch: FailureWatch;
  /** Set once the run must stop (a failed cache write): every later call throws it. */
  stopped(): Error | null;
}

/** What any use of a closed access object throws. */
export function closedError(): ConfigError {
  return new ConfigError("this access object is closed, so it makes no more calls", "open a new one with openAccess() (a notebook: re-run the cell that opens it)");
}

export function createCaller(d: CallerDeps): Caller {
  const inflight = new Map<string, Promise<ChatResult>>();
  const pending = new Set<Promise<unknown>>();
  let closed = false;
  const refuse = (p: PreparedRequest, error: string): ChatResult => {
    d.record.failure(p, 0);
    const r = failResult(p, d.redact(error), 0);
    d.watch.observe(watched(p), r);
    return r;
  };
  const watched = (p: PreparedRequest) => ({ role: p.role, endpoint: p.endpoint.name, model: p.model });

  async function call(p: PreparedRequest): Promise<ChatResult> {
    if (closed) throw closedError();
    const stop = d.stopped();
    if (stop) throw stop;
    // Calls of a kind whose first ones all failed the same permanent way are not started again.
    d.watch.check(watched(p));
    const hit = d.cache.get(p.key);
    if (hit) {
      d.record.hit(p, usageOf(hit));
      return hitResult(p, hit, true);
    }
    const joined = inflight.get(p.key);
    if (joined) {
      const r = await joined;
      if (r.ok) {
        // Counted like a cache hit (stats and ledger alike), under this caller's role.
        d.record.hit(p, r.usage);
        return { ...r, role: p.role, cached: true };
      }
      return { ...r, role: p.role };
    }
    if (d.replayOnly) return refuse(p, `replay-only: no cached answer for model ${p.model} on ${p.endpoint.name} (cache key ${p.key.slice(0, 16)}…, cache ${d.cachePath})`);
    const reservation = d.budget.reserve(p);
    if (!reservation.ok) return refuse(p, reservation.error);
    const promise = d.sender
      .send(p)
      .then((r) => {
        d.watch.observe(watched(p), r.ok ? { ok: true } : { ok: false, error: r.error, httpStatus: r.httpStatus });
        return r;
      })
      .finally(() => {
        inflight.delete(p.key);
        reservation.release();
      });
    inflight.set(p.key, promise);
    pending.add(promise);
    promise.finally(() => pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  return {
    call,
    async drain() {
      closed = true;
      await Promise.allSettled([...pending]);
    },
  };
}
