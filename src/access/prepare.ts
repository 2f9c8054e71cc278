// A chat request → what is sent and the cache key it is filed under. The key hashes everything that
// determines the answer (endpoint identity, body, sample index) and nothing secret: no API key, no
// ephemeral port. Config errors (unknown endpoint, missing key, malformed request) throw here.
import { stableHash } from "../core/hash";
import { TASK_NAME } from "../core/tasks";
import type { LoadedConfig, ResolvedEndpoint } from "../config/resolve";
import { backendFor } from "../config/simulated";
import { endpointIdentity } from "./endpoints";
import type { ChatMessage, ChatRequest, ResponseFormat, SamplingParams } from "./types";

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
  /** The simulator's dispatch marker (x-lab-task header), or null. */
  task: string | null;
  key: string;
}

/** `attempt` > 0 files a structured retry under its own key (a resample, not the cached answer). */
export function prepareRequest(cfg: LoadedConfig, req: ChatRequest, attempt = 0): PreparedRequest {
  if (!req || typeof req !== "object") throw new Error("chat request must be an object");
  if (!Array.isArray(req.messages) || req.messages.length === 0)
    throw new Error(`chat request for "${req.model}": messages must be a non-empty array`);
  req.messages.forEach((m: ChatMessage, i) => {
    if (!m || !["system", "user", "assistant"].includes(m.role) || typeof m.content !== "string")
      throw new Error(`chat request for "${req.model}": messages[${i}] must be { role: system|user|assistant, content: string }`);
  });
  const sampleIndex = req.sampleIndex ?? 0;
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0) throw new Error(`sampleIndex must be a non-negative integer, got ${req.sampleIndex}`);
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
  const identity = endpointIdentity(r.endpoint);
  const schemaName = req.responseFormat?.type === "json_schema" ? req.responseFormat.name : null;
  const task = req.task ?? schemaName;
  if (task !== null && !TASK_NAME.test(task)) throw new Error(`chat request for "${req.model}": task "${task}" must be 1-64 letters, digits, _ . : or -`);
  // The marker changes a simulator's answer but not a real model's; it is keyed only where it
  // matters and says more than the body already does (a json_schema's name), so existing cache
  // entries keep their keys.
  const keyedTask = task !== null && task !== schemaName && backendFor(r.endpoint.backend, r.model) === "simulator";
  const key = stableHash({
    v: 1,
    endpoint: identity,
    body,
    sample_index: sampleIndex,
    ...(attempt > 0 ? { attempt } : {}),
    ...(keyedTask ? { task } : {}),
  });
  return { req, model: r.model, endpoint: r.endpoint, endpointIdentity: identity, role: req.role ?? r.role ?? "other", sampleIndex, params, body, task, key };
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
