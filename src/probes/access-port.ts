// The slice of the model-access layer (src/access) that probe runs use. Written as a structural
// type so the probes depend on the contract in docs/architecture.md, not on access internals, and
// so unit tests can drive the runner with a small in-memory stand-in.
import type { z } from "zod";
import { isSimulated } from "../config/simulated";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export interface PortEstimate {
  calls: number;
  cachedCalls: number;
  newCalls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number | null;
  unpriced?: string[];
  note?: string;
}

export interface ProbeChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  sampleIndex?: number;
  role?: "target" | "judge" | "generator" | "auditor";
  responseFormat?: { type: "json_schema"; name: string; schema: object; strict?: boolean } | { type: "json_object" };
  task?: string;
}

export interface PortUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** Endpoints may be reported as a name or as a resolved endpoint object. */
export type PortEndpoint = string | { name?: string; baseURL?: string | null; backend?: string };

export type PortChatResult =
  | {
      ok: true;
      text: string;
      usage?: PortUsage | null;
      cached?: boolean;
      cacheKey?: string;
      model?: string;
      endpoint?: PortEndpoint;
      backend?: "simulator" | "real";
      createdAt?: string;
    }
  | { ok: false; status?: string; error: unknown; cacheKey?: string };

export type PortStructuredResult<T> =
  | { ok: true; value: T; usage?: PortUsage | null; cacheKey?: string; cached?: boolean }
  | { ok: false; status: "unparseable" | "failed" | string; error: unknown; usage?: PortUsage | null };

export interface PortResolved {
  model: string;
  endpoint: PortEndpoint;
  backend?: "simulator" | "real";
}

export interface ProbeAccess {
  chat(req: ProbeChatRequest): Promise<PortChatResult>;
  structured<T>(req: ProbeChatRequest, schema: z.ZodType<T>, opts: { name: string }): Promise<PortStructuredResult<T>>;
  map<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>, opts: { label: string; concurrency?: number }): Promise<R[]>;
  estimate(requests: ProbeChatRequest[], opts?: { expectedCompletionTokens?: number }): PortEstimate;
  resolve(ref: string): PortResolved;
  ledger?: { summary?(): unknown };
}

export function endpointName(e: PortEndpoint | undefined): string {
  if (!e) return "unknown";
  if (typeof e === "string") return e;
  return e.name ?? e.baseURL ?? "unknown";
}

export function backendOf(resolved: PortResolved): "simulator" | "real" {
  if (resolved.backend) return resolved.backend;
  if (typeof resolved.endpoint === "object" && (resolved.endpoint.backend === "simulator" || resolved.endpoint.backend === "real")) return resolved.endpoint.backend;
  return isSimulated(resolved.model) ? "simulator" : "real";
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  if (e && typeof e === "object" && "message" in e && typeof (e as { message: unknown }).message === "string") return (e as { message: string }).message;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}
