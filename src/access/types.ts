// The public types of the access layer: what callers send and what they get back.
import type { Role } from "../config/schema";
import type { Backend, Usage } from "../core/records";

export type { Role };

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export type ResponseFormat =
  | { type: "json_schema"; name: string; schema: object; strict?: boolean }
  | { type: "json_object" };

export interface ChatRequest {
  /** A role name ("target", "judge", …), an alias, a model id, or "<model>@<endpoint>". */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  /** Sample k of the same request is its own cache entry (default 0). */
  sampleIndex?: number;
  /** For the ledger; defaults to the role name when model is a role, else "other". */
  role?: Role;
  responseFormat?: ResponseFormat;
  /**
   * What the request is for ("preference_verdict", "auditor_turn", …): the explicit marker the
   * simulator dispatches on (sent as the `x-lab-task` header; see src/sim/README.md "Tasks").
   * Real providers ignore it. structured() sets it to the schema name unless given.
   */
  task?: string;
}

/** The sampling parameters as sent (undefined = the server's default). */
export interface SamplingParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
}

interface ResultBase {
  cacheKey: string;
  /** Model id as sent to the endpoint. */
  model: string;
  /** Endpoint name from lab.config.json ("openai", "simulator", …). */
  endpoint: string;
  backend: Backend;
  role: string;
  sampleIndex: number;
  params: SamplingParams;
}

export type ChatResult =
  | (ResultBase & {
      ok: true;
      text: string;
      /** Set when the model refused (structured outputs); text is then empty. */
      refusal: string | null;
      finishReason: string;
      usage: Usage;
      cached: boolean;
      /** When the answer was produced (first fetched), ISO 8601. */
      createdAt: string;
    })
  | (ResultBase & {
      ok: false;
      status: "failed";
      error: string;
      /** HTTP status of the last attempt, when the server answered. */
      httpStatus?: number;
      /** How many HTTP attempts were made (0 for budget / replay-only refusals). */
      attempts: number;
    });

export type StructuredResult<T> =
  | (ResultBase & {
      ok: true;
      value: T;
      text: string;
      usage: Usage;
      cached: boolean;
      createdAt: string;
      /** Samples drawn until one validated (1 = first). */
      attempts: number;
      /** "json_schema" or "json_object" (fallback). */
      format: "json_schema" | "json_object";
    })
  | (ResultBase & {
      ok: false;
      status: "unparseable" | "failed";
      error: string;
      attempts: number;
      /** Usage summed over the attempts that returned an answer. */
      usage: Usage;
    });

export interface AccessStats {
  /** Logical calls that went to the network (cache misses). */
  calls: number;
  /** Calls answered from the cache. */
  hits: number;
  /** Calls that ended ok:false (after retries, budget, replay-only). */
  failures: number;
  /** HTTP attempts beyond the first of each call. */
  retries: number;
  /** HTTP requests sent for chat completions (= calls + retries). */
  requests: number;
}

export interface ResolvedRef {
  model: string;
  endpoint: string;
  /** The endpoint's kind (openai, openai-compatible, simulator): decides the request shape. */
  kind?: "openai" | "openai-compatible" | "simulator";
  backend: Backend;
  baseURL: string;
  role?: Role;
}

/** What a list of requests would take before running them (estimate()). */
export interface Estimate {
  calls: number;
  cachedCalls: number;
  newCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** USD for the new calls; null when a model has no price. */
  costUsd: number | null;
  byModel: Record<
    string,
    { endpoint: string; backend: string; calls: number; newCalls: number; promptTokens: number; completionTokens: number; costUsd: number | null }
  >;
  unpriced: string[];
  note: string;
}
