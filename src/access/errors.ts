// What to do with a failed HTTP attempt: retry (429, 408/409, 5xx, timeouts, resets, garbled
// responses) or stop (400/401/403/404/422, insufficient_quota), and how to describe it without
// leaking a key.
import { APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from "openai";

export interface ClassifiedError {
  retryable: boolean;
  /** HTTP status when the server answered. */
  status?: number;
  code?: string;
  rateLimited: boolean;
  message: string;
  headers?: Headers;
}

export function classifyError(e: unknown): ClassifiedError {
  if (e instanceof APIUserAbortError) return { retryable: false, rateLimited: false, message: "aborted" };
  if (e instanceof APIConnectionTimeoutError) return { retryable: true, rateLimited: false, message: "timeout" };
  if (e instanceof APIConnectionError) {
    // fetch wraps the socket's error ("fetch failed" → ECONNREFUSED …): name the innermost one.
    type Cause = { message?: string; code?: string; cause?: Cause };
    let cause = (e as { cause?: Cause }).cause;
    while (cause?.cause && !cause.code) cause = cause.cause;
    return {
      retryable: true,
      rateLimited: false,
      message: `connection error${cause?.code ? ` ${cause.code}` : ""}${cause?.message ? `: ${cause.message}` : ""}`,
    };
  }
  if (e instanceof APIError) {
    const status = e.status as number | undefined;
    const code = (e.code ?? (e.error as { code?: string } | undefined)?.code ?? e.type ?? undefined) as string | undefined;
    const base = `HTTP ${status ?? "?"}${code ? ` ${code}` : ""}: ${e.message}`;
    if (code === "insufficient_quota" || e.type === "insufficient_quota")
      return {
        retryable: false,
        status,
        code: "insufficient_quota",
        rateLimited: false,
        message: `insufficient_quota: the account behind this key has no credit left; add credit or use another key (${base})`,
      };
    if (status === 429) return { retryable: true, status, code, rateLimited: true, message: base, headers: e.headers };
    if (status === 408 || status === 409 || (status !== undefined && status >= 500))
      return { retryable: true, status, code, rateLimited: false, message: base, headers: e.headers };
    return { retryable: false, status, code, rateLimited: false, message: base, headers: e.headers };
  }
  // Anything else on the wire (a garbled or truncated body the SDK could not parse) is transient.
  return { retryable: true, rateLimited: false, message: `malformed response: ${(e as Error)?.message ?? String(e)}` };
}

/** Replaces every known secret value in a string with a marker. */
export function makeRedactor(secrets: () => Iterable<string>): (s: string) => string {
  return (s: string) => {
    let out = s;
    for (const secret of secrets()) {
      if (secret && secret.length >= 6) out = out.split(secret).join("[redacted key]");
    }
    // Provider-style keys that were never configured here but got echoed back (sk-…).
    return out.replace(/\bsk-[A-Za-z0-9_-]{12,}/g, "sk-[redacted]");
  };
}
