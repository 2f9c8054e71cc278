// One limiter per endpoint: an in-flight cap, a requests-per-minute pace and a tokens-per-minute
// budget, plus a shared pause when the server says to wait (Retry-After, x-ratelimit-*). It adapts
// AIMD-style: a 429 cuts the pace and the in-flight cap, successes win them back gradually, so a
// long run settles just under the provider's limit instead of bouncing off it.
import type { RateHints } from "./headers";

export interface LimiterOptions {
  maxInFlight: number;
  rpm: number | null;
  tpm: number | null;
}

export interface Permit {
  /** Call exactly once when the request is over. */
  release(outcome: { actualTokens?: number; hints?: RateHints; rateLimited?: boolean }): void;
}

interface Waiter {
  tokens: number;
  grant: (p: Permit) => void;
}

export interface LimiterState {
  inFlight: number;
  queued: number;
  factor: number;
  effectiveInFlight: number;
  effectiveRpm: number | null;
  pausedForMs: number;
}

/** Lowest fraction of the configured limits the adaptation may fall to. */
const MIN_FACTOR = 0.1;
/** A burst of 429s from one overload moment counts as one signal. */
const DECREASE_WINDOW_MS = 2000;
/** How much missed pacing time may be caught up after the event loop was busy. */
const CATCH_UP_MS = 250;
/** Fraction of the configured/announced rpm that pacing aims at... */
const HEADROOM = 0.97;
/** ...unless the server's last answer reported at least this share of its allowance left: then
 *  pacing runs at the full announced rate (a token bucket with room cannot be tipped over by jitter,
 *  and 3% of every long run is not given away). */
const ROOMY_SHARE = 0.1;

export function createLimiter(configured: LimiterOptions) {
  // Limits the server announces (x-ratelimit-limit-*) tighten the configured ones, never loosen them.
  const opts = { ...configured };
  const queue: Waiter[] = [];
  let inFlight = 0;
  let factor = 1;
  let lastDecrease = 0;
  let pauseUntil = 0;
  // Request pacing: the scheduled time of the next slot. Slots missed because the event loop was
  // busy are caught up (up to CATCH_UP_MS worth), but never beyond the per-second rate: grant times
  // of the last second are kept and counted, so no one-second window ever holds more than the rate.
  let nextSlot = 0;
  let lateBy = 0;
  const recent: number[] = [];
  // Token bucket for tpm: capacity is ten seconds' worth (at least one large request).
  let tokens = opts.tpm ? opts.tpm / 6 : Infinity;
  let tokensAt = Date.now();
  // Whether the server last said it has room (remaining ≥ ROOMY_SHARE of its announced limit).
  let roomy = false;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;

  const effectiveInFlight = () => Math.max(1, Math.floor(opts.maxInFlight * factor));
  // Aim a little under the announced rate so that arrival jitter does not tip a strict window over.
  const headroom = () => (roomy && factor === 1 ? 1 : HEADROOM);
  const interval = () => (opts.rpm ? 60_000 / (opts.rpm * headroom() * factor) : 0);
  const tokenCapacity = () => (opts.tpm ? Math.max(opts.tpm / 6, 1) : Infinity);

  function refillTokens(now: number) {
    if (!opts.tpm) return;
    tokens = Math.min(tokenCapacity(), tokens + ((now - tokensAt) * opts.tpm * factor) / 60_000);
    tokensAt = now;
  }

  function pump() {
    for (;;) {
      if (queue.length === 0) return;
      const now = Date.now();
      if (inFlight >= effectiveInFlight()) return; // a release will pump again
      let waitUntil = now;
      if (pauseUntil > now) waitUntil = Math.max(waitUntil, pauseUntil);
      const iv = interval();
      if (iv > 0) {
        // How far behind the pace may be caught up: what a late timer missed, or, while the server
        // reports a well-filled bucket, CATCH_UP_MS whichever way the pump was reached (a response
        // arriving late on a busy event loop loses no slots either).
        const credit = roomy ? CATCH_UP_MS : lateBy;
        const slot = Math.max(nextSlot, now - Math.max(iv, credit));
        if (slot > now) waitUntil = Math.max(waitUntil, slot);
        const perSecond = Math.floor(1000 / iv);
        if (perSecond >= 1) {
          while (recent.length && recent[0] <= now - 1000) recent.shift();
          if (recent.length >= perSecond) waitUntil = Math.max(waitUntil, recent[0] + 1000);
        }
      }
      const head = queue[0];
      if (opts.tpm) {
        refillTokens(now);
        // A request larger than the whole bucket goes once the bucket is full.
        const need = Math.min(head.tokens, tokenCapacity());
        if (tokens < need) waitUntil = Math.max(waitUntil, now + ((need - tokens) * 60_000) / (opts.tpm * factor));
      }
      if (waitUntil > now) return schedule(waitUntil);
      queue.shift();
      if (iv > 0) {
        nextSlot = Math.max(nextSlot, now - Math.max(iv, roomy ? CATCH_UP_MS : lateBy)) + iv;
        recent.push(now);
      }
      if (opts.tpm) tokens -= head.tokens;
      inFlight++;
      head.grant(makePermit(head.tokens));
    }
  }

  function schedule(at: number) {
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      // How late this timer fired is how much pacing time the busy event loop cost us.
      lateBy = Math.min(CATCH_UP_MS, Math.max(0, Date.now() - timerAt));
      timerAt = Infinity;
      pump();
      lateBy = 0;
    }, Math.max(0, at - Date.now()));
  }

  function learn(h: RateHints, now: number) {
    if (h.limitRequests && (opts.rpm === null || h.limitRequests < opts.rpm)) opts.rpm = h.limitRequests;
    if (h.limitRequests && h.remainingRequests !== undefined) roomy = h.remainingRequests >= ROOMY_SHARE * h.limitRequests;
    if (h.limitTokens && (opts.tpm === null || h.limitTokens < opts.tpm)) {
      opts.tpm = h.limitTokens;
      tokens = Math.min(tokens, tokenCapacity());
    }
    // reset-* is the time until the allowance is whole again; with nothing left, one more request
    // becomes possible after about reset/limit of it (never wait longer than the full reset).
    if (h.remainingRequests !== undefined && h.remainingRequests <= 0 && h.resetRequestsMs)
      pauseUntil = Math.max(pauseUntil, now + (h.limitRequests ? Math.max(h.resetRequestsMs / h.limitRequests, 1) : h.resetRequestsMs));
    if (h.remainingTokens !== undefined && h.resetTokensMs && queue.length > 0 && h.remainingTokens < queue[0].tokens) {
      const perToken = h.limitTokens ? h.resetTokensMs / h.limitTokens : 0;
      pauseUntil = Math.max(pauseUntil, now + (perToken ? Math.min(h.resetTokensMs, perToken * (queue[0].tokens - h.remainingTokens)) : h.resetTokensMs));
    }
  }

  function makePermit(estimated: number): Permit {
    let released = false;
    return {
      release({ actualTokens, hints, rateLimited }) {
        if (released) return;
        released = true;
        inFlight--;
        const now = Date.now();
        if (opts.tpm && actualTokens !== undefined) {
          refillTokens(now);
          tokens -= actualTokens - estimated;
        }
        if (rateLimited) {
          if (now - lastDecrease > DECREASE_WINDOW_MS) {
            factor = Math.max(MIN_FACTOR, factor * 0.8);
            lastDecrease = now;
          }
          pauseUntil = Math.max(pauseUntil, now + (hints?.retryAfterMs ?? 0));
        } else {
          // Additive increase: 2% of the configured rate per success.
          factor = Math.min(1, factor + 0.02);
        }
        if (hints) learn(hints, now);
        pump();
      },
    };
  }

  return {
    acquire(estimatedTokens: number): Promise<Permit> {
      return new Promise<Permit>((grant) => {
        queue.push({ tokens: Math.max(0, estimatedTokens), grant });
        pump();
      });
    },
    state(): LimiterState {
      return {
        inFlight,
        queued: queue.length,
        factor,
        effectiveInFlight: effectiveInFlight(),
        effectiveRpm: opts.rpm ? opts.rpm * headroom() * factor : null,
        pausedForMs: Math.max(0, pauseUntil - Date.now()),
      };
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;
