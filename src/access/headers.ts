// Reading the rate-limit hints servers send: Retry-After (seconds or HTTP date), retry-after-ms,
// and x-ratelimit-remaining-* / x-ratelimit-reset-* (durations like "1s", "6m0s", "20ms").

export interface RateHints {
  /** Wait at least this long before the next request (ms). */
  retryAfterMs?: number;
  /** x-ratelimit-limit-requests: the server's requests-per-minute limit. */
  limitRequests?: number;
  limitTokens?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
  remainingTokens?: number;
  resetTokensMs?: number;
}

type HeaderSource = Headers | Record<string, string> | undefined | null;

function get(h: HeaderSource, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const rec = h as Record<string, string>;
  const k = Object.keys(rec).find((k) => k.toLowerCase() === name);
  return k ? rec[k] : undefined;
}

/** "6m0s", "1.5s", "20ms", "2h", plain seconds ("3") → ms. */
export function parseDurationMs(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!t) return undefined;
  if (/^\d+(\.\d+)?$/.test(t)) return parseFloat(t) * 1000;
  let total = 0;
  let matched = false;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(t))) {
    matched = true;
    consumed += m[0].length;
    const v = parseFloat(m[1]);
    total += m[2] === "ms" ? v : m[2] === "s" ? v * 1000 : m[2] === "m" ? v * 60_000 : v * 3_600_000;
  }
  return matched && consumed === t.length ? total : undefined;
}

export function readRateHints(h: HeaderSource, now = Date.now()): RateHints {
  const hints: RateHints = {};
  const ms = get(h, "retry-after-ms");
  if (ms !== undefined && !Number.isNaN(parseFloat(ms))) hints.retryAfterMs = Math.max(0, parseFloat(ms));
  else {
    const ra = get(h, "retry-after");
    if (ra !== undefined) {
      if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) hints.retryAfterMs = parseFloat(ra) * 1000;
      else {
        const at = Date.parse(ra);
        if (!Number.isNaN(at)) hints.retryAfterMs = Math.max(0, at - now);
      }
    }
  }
  const lr = get(h, "x-ratelimit-limit-requests");
  if (lr !== undefined && parseInt(lr, 10) > 0) hints.limitRequests = parseInt(lr, 10);
  const lt = get(h, "x-ratelimit-limit-tokens");
  if (lt !== undefined && parseInt(lt, 10) > 0) hints.limitTokens = parseInt(lt, 10);
  const rr = get(h, "x-ratelimit-remaining-requests");
  if (rr !== undefined && !Number.isNaN(parseInt(rr, 10))) hints.remainingRequests = parseInt(rr, 10);
  const rt = get(h, "x-ratelimit-remaining-tokens");
  if (rt !== undefined && !Number.isNaN(parseInt(rt, 10))) hints.remainingTokens = parseInt(rt, 10);
  hints.resetRequestsMs = parseDurationMs(get(h, "x-ratelimit-reset-requests"));
  hints.resetTokensMs = parseDurationMs(get(h, "x-ratelimit-reset-tokens"));
  return hints;
}
