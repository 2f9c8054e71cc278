// A chat request → what is sent and the cache key it is filed under. The key hashes everything that
// determines the answer (endpoint identity, body, sample index) and nothing secret: no API key, no
// ephemeral port. Config errors (unknown endpoint, missing key, malformed request) throw here.
import { stableHash } from "../core/hash";
import { TASK_NAME } from "../core/tasks";
import type { LoadedConfig, ResolvedEndpoint } from "../config/resolve";
import { backendFor } from "../config/simulated";
import { endpointIdentity } from "./endpoints";
import type { ChatMessage, ChatRequest, ResponseFormat, SamplingParams } from "./types";
import { InputError } from "../core/errors";

export interface PreparedRequest {
  req: ChatRequest;
  model: string;
  endpoint: ResolvedEndpoint;
  endpointIdentity: string;
  role: string;
  sampleIndex: number;
  params: SamplingParams;
  /** The chat.completions body as sent. */
  body: Record<string, unknown>;
  /** What the endpoint's request shape changed or left out (see wireShape), for manifests. */
  adjustments: string[];
  /** The simulator's dispatch marker (x-lab-task header), or null. */
  task: string | null;
  key: string;
}

/** `attempt` > 0 files a structured retry under its own key (a resample, not the cached answer). */
export function prepareRequest(cfg: LoadedConfig, req: ChatRequest, attempt = 0): PreparedRequest {
  if (!req || typeof req !== "object") throw new InputError("chat request must be an object");
  if (!Array.isArray(req.messages) || req.messages.length === 0)
    throw new InputError(`chat request for "${req.model}": messages must be a non-empty array`);
  req.messages.forEach((m: ChatMessage, i) => {
    if (!m || !["system", "user", "assistant"].includes(m.role) || typeof m.content !== "string")
      throw new InputError(`chat request for "${req.model}": messages[${i}] must be { role: system|user|assistant, content: string }`);
  });
  const sampleIndex = req.sampleIndex ?? 0;
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0) throw new InputError(`sampleIndex must be a non-negative integer, got ${req.sampleIndex}`);
  const r = cfg.resolve(req.model);
  if (r.endpoint.backend === "real") cfg.apiKey(r.endpoint);
  const params: SamplingParams = {};
  for (const k of ["temperature", "top_p", "max_tokens", "seed"] as const) if (req[k] !== undefined) params[k] = req[k];
  const body: Record<string, unknown> = {
    model: r.model,
    messages: req.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) body[k] = v;
  // OpenAI's reasoning models (o1, o3, o4-mini, gpt-5 …) reject max_tokens with a 400 and take
  // max_completion_tokens instead; other OpenAI-compatible servers may only know max_tokens.
  if (body.max_tokens !== undefined && r.endpoint.kind === "openai" && isOpenAIReasoningModel(r.model)) {
    body.max_completion_tokens = body.max_tokens;
    delete body.max_tokens;
  }
  if (req.responseFormat) body.response_format = wireFormat(req.responseFormat);
  const { wire, adjustments } = wireShape(body, r.endpoint, r.model, req.responseFormat !== undefined);
  const identity = endpointIdentity(r.endpoint);
  const schemaName = req.responseFormat?.type === "json_schema" ? req.responseFormat.name : null;
  const task = req.task ?? schemaName;
  if (task !== null && !TASK_NAME.test(task)) throw new InputError(`chat request for "${req.model}": task "${task}" must be 1-64 letters, digits, _ . : or -`);
  // The marker changes a simulator's answer but not a real model's; it is keyed only where it
  // matters and says more than the body already does (a json_schema's name), so existing cache
  // entries keep their keys.
  const keyedTask = task !== null && task !== schemaName && backendFor(r.endpoint.backend, r.model) === "simulator";
  // Hashing the canonical body is the costly part of preparing (an estimate of a full replication
  // prepares ~500k requests, many of them long conversations): computed when first read.
  let key: string | undefined;
  const keyOf = () =>
    (key ??= stableHash({
      v: 1,
      endpoint: identity,
      body,
      sample_index: sampleIndex,
      ...(attempt > 0 ? { attempt } : {}),
      ...(keyedTask ? { task } : {}),
    }));
  // The key is filed on the body before wireShape: answers cached before the wire changed (the same
  // limit under another name) are still found, and nothing already paid for is asked for again.
  for (const k of ["temperature", "top_p"] as const) if (!(k in wire)) delete params[k];
  return {
    req, model: r.model, endpoint: r.endpoint, endpointIdentity: identity, role: req.role ?? r.role ?? "other", sampleIndex, params, body: wire, adjustments, task,
    get key() {
      return keyOf();
    },
  };
}

/**
 * What an endpoint needs beyond the request as asked:
 * - every call to an openai-kind endpoint sends `max_completion_tokens` (OpenAI deprecated
 *   `max_tokens`; its reasoning models refuse it);
 * - OpenAI reasoning models accept only their default temperature (1) and no `top_p`, so those are
 *   left out instead of failing with a 400, and the adjustment is reported (results carry the
 *   params as sent; probe manifests list the adjustments);
 * - OpenRouter requests that need structured output are routed only to providers that support
 *   every parameter sent (`provider.require_parameters`), never to one that ignores the schema.
 */
export function wireShape(body: Record<string, unknown>, endpoint: Pick<ResolvedEndpoint, "kind" | "baseURL">, model: string, structured: boolean): { wire: Record<string, unknown>; adjustments: string[] } {
  const wire: Record<string, unknown> = { ...body };
  const adjustments: string[] = [];
  if (endpoint.kind === "openai") {
    if (wire.max_tokens !== undefined) {
      wire.max_completion_tokens = wire.max_tokens;
      delete wire.max_tokens;
    }
    if (isOpenAIReasoningModel(model)) {
      for (const k of ["temperature", "top_p"]) {
        if (wire[k] === undefined) continue;
        if (!(k === "temperature" && wire[k] === 1)) adjustments.push(`${k}=${String(wire[k])} not sent: ${model} is an OpenAI reasoning model, which accepts only its default (temperature 1)`);
        delete wire[k];
      }
    }
  }
  if (structured && isOpenRouter(endpoint)) wire.provider = { require_parameters: true };
  return { wire, adjustments };
}

function isOpenRouter(endpoint: Pick<ResolvedEndpoint, "baseURL">): boolean {
  return /(^|\.)openrouter\.ai$/.test(hostOf(endpoint.baseURL));
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).hostname : "";
  } catch {
    return "";
  }
}

/** OpenAI model ids (fine-tuned ones included) that take max_completion_tokens, not max_tokens. */
export function isOpenAIReasoningModel(model: string): boolean {
  const base = model.startsWith("ft:") ? model.slice(3) : model;
  return /^(o\d|gpt-5)/.test(base);
}

function wireFormat(f: ResponseFormat): Record<string, unknown> {
  if (f.type === "json_object") return { type: "json_object" };
  return { type: "json_schema", json_schema: { name: f.name, schema: f.schema, strict: f.strict ?? true } };
}

/** What the request shape does for calls to a resolved model with these sampling settings, one
 *  line each (probe manifests record them): the max_completion_tokens rename, left-out parameters. */
export function requestShapeNotes(r: { model: string; kind?: ResolvedEndpoint["kind"]; baseURL: string | null }, sampling: { temperature?: number; top_p?: number | null }, structured = false): string[] {
  if (!r.kind) return [];
  const body: Record<string, unknown> = { max_tokens: 1, ...(sampling.temperature !== undefined ? { temperature: sampling.temperature } : {}), ...(sampling.top_p != null ? { top_p: sampling.top_p } : {}) };
  const { wire, adjustments } = wireShape(body, { kind: r.kind, baseURL: r.baseURL }, r.model, structured);
  return [
    ...(wire.max_completion_tokens !== undefined ? [`${r.model}: the token limit is sent as max_completion_tokens (openai endpoint)`] : []),
    ...adjustments,
    ...(wire.provider ? [`${r.model}: structured output routed only to OpenRouter providers that support it (provider.require_parameters)`] : []),
  ];
}
