// Requests- and tokens-per-minute token buckets for chat completions, with OpenAI's 429 messages,
// retry-after headers and x-ratelimit-* headers (a request larger than the tpm is "too large").
import { ApiError } from "./errors";

type Bucket = { capacity: number; level: number; perMs: number; at: number };
function refill(b: Bucket, now: number): void {
  b.level = Math.min(b.capacity, b.level + (now - b.at) * b.perMs);
  b.at = now;
}
function takeFrom(b: Bucket, amount: number, now: number): number {
  refill(b, now);
  if (b.level >= amount) {
    b.level -= amount;
    return 0;
  }
  return Math.ceil((amount - b.level) / b.perMs);
}
const fmtReset = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s` : `${Math.max(1, Math.round(ms))}ms`);

export interface RateLimits {
  /** x-ratelimit-* headers for a response (none without limits). */
  headers(): Record<string, string>;
  /** Takes a request's cost from the buckets or throws the 429 a real server would. */
  check(raw: unknown): void;
}

export function createRateLimits(opts: { rpm?: number; tpm?: number }, onLimited: () => void): RateLimits {
  const rpmBucket: Bucket | undefined = opts.rpm ? { capacity: opts.rpm, level: opts.rpm, perMs: opts.rpm / 60000, at: Date.now() } : undefined;
  const tpmBucket: Bucket | undefined = opts.tpm ? { capacity: opts.tpm, level: opts.tpm, perMs: opts.tpm / 60000, at: Date.now() } : undefined;

  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {};
    const now = Date.now();
    for (const [b, unit] of [[rpmBucket, "requests"], [tpmBucket, "tokens"]] as const) {
      if (!b) continue;
      refill(b, now);
      h[`x-ratelimit-limit-${unit}`] = String(b.capacity);
      h[`x-ratelimit-remaining-${unit}`] = String(Math.max(0, Math.floor(b.level)));
      h[`x-ratelimit-reset-${unit}`] = fmtReset((b.capacity - b.level) / b.perMs);
    }
    return h;
  };

  /** Rate limits apply to chat completions, as OpenAI's per-model limits do. */
  const check = (raw: unknown): void => {
    if (!rpmBucket && !tpmBucket) return;
    const now = Date.now();
    const b = (raw ?? {}) as { messages?: { content?: unknown }[]; max_tokens?: number; max_completion_tokens?: number; n?: number };
    if (rpmBucket) {
      const wait = takeFrom(rpmBucket, 1, now);
      if (wait > 0) {
        onLimited();
        throw new ApiError(429, `Rate limit reached for requests per min (RPM): Limit ${rpmBucket.capacity}, Used ${rpmBucket.capacity}, Requested 1. Please try again in ${fmtReset(wait)}.`, "requests", null, "rate_limit_exceeded", { "retry-after": String(Math.ceil(wait / 1000)), "retry-after-ms": String(wait) });
      }
    }
    if (tpmBucket) {
      const promptChars = JSON.stringify(b.messages ?? []).length;
      const cost = Math.ceil(promptChars / 4) + (b.max_completion_tokens ?? b.max_tokens ?? 256) * (b.n ?? 1);
      if (cost > tpmBucket.capacity) {
        onLimited();
        throw new ApiError(429, `Request too large for tokens per min (TPM): Limit ${tpmBucket.capacity}, Requested ${cost}. The input or output tokens must be reduced in order to run successfully.`, "tokens", null, "rate_limit_exceeded", { "retry-after": "60", "retry-after-ms": "60000" });
      }
      const wait = takeFrom(tpmBucket, cost, now);
      if (wait > 0) {
        if (rpmBucket) rpmBucket.level = Math.min(rpmBucket.capacity, rpmBucket.level + 1);
        onLimited();
        throw new ApiError(429, `Rate limit reached for tokens per min (TPM): Limit ${tpmBucket.capacity}, Used ${Math.round(tpmBucket.capacity - tpmBucket.level)}, Requested ${cost}. Please try again in ${fmtReset(wait)}.`, "tokens", null, "rate_limit_exceeded", { "retry-after": String(Math.ceil(wait / 1000)), "retry-after-ms": String(wait) });
      }
    }
  };

  return { headers, check };
}
