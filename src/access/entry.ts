// One place that turns a chat.completions body (live or from a Batch API output line) into the
// cache entry, so both paths store the same fields the same way (usage missing, refusal, finish reason).
import type { CacheEntry } from "./cache";
import type { PreparedRequest } from "./prepare";
import { estimatePromptTokens } from "./tokens";

export interface CompletionBody {
  id?: string | null;
  system_fingerprint?: string | null;
  usage?: { prompt_tokens?: number | null; completion_tokens?: number | null } | null;
}

export interface CompletionChoice {
  message: { content?: string | null; refusal?: string | null };
  finish_reason?: string | null;
}

export function cacheEntryFrom(p: PreparedRequest, body: CompletionBody, choice: CompletionChoice, source: CacheEntry["source"], runId: string): CacheEntry {
  return {
    key: p.key,
    endpoint: p.endpoint.name,
    endpointIdentity: p.endpointIdentity,
    model: p.model,
    backend: p.endpoint.backend,
    request: p.body,
    text: choice.message.content ?? "",
    refusal: choice.message.refusal ?? null,
    finishReason: choice.finish_reason ?? "unknown",
    // Some compatible servers omit usage: the prompt estimate keeps the ledger and limiter honest.
    promptTokens: body.usage?.prompt_tokens ?? estimatePromptTokens(p.req.messages),
    completionTokens: body.usage?.completion_tokens ?? 0,
    responseId: body.id ?? null,
    systemFingerprint: body.system_fingerprint ?? null,
    createdAt: new Date().toISOString(),
    source,
    runId,
  };
}
