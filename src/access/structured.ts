// Structured outputs: a zod schema as a strict json_schema response format, answers validated
// against it and resampled (with a moved seed) when invalid, refused or cut off; an endpoint that
// rejects json_schema is switched to json_object with the schema in the prompt, once per endpoint.
import type { z } from "zod";
import type { LoadedConfig } from "../config/resolve";
import type { Usage } from "../core/records";
import { zodToJsonSchema } from "./json-schema";
import type { ChatMessage, ChatRequest, ChatResult, ResponseFormat, StructuredResult } from "./types";
import { InputError } from "../core/errors";

export interface StructuredOptions {
  name: string;
  maxAttempts?: number;
  /** The simulator's dispatch marker (default: the schema name). */
  task?: string;
}

export interface StructuredDeps {
  cfg: LoadedConfig;
  /** Endpoints that rejected json_schema in this process. */
  noJsonSchema: Set<string>;
  /** A chat call; `attempt` > 0 is filed under its own cache key. */
  chat(req: ChatRequest, attempt: number): Promise<ChatResult>;
}

/**
 * The request structured() sends first (json_schema mode): what an estimate must price and look up
 * in the cache so that it agrees with the run exactly.
 */
export function structuredRequest<T>(req: ChatRequest, schema: z.ZodType<T>, name: string): ChatRequest {
  return { ...req, responseFormat: { type: "json_schema", name, schema: zodToJsonSchema(schema as unknown as z.ZodTypeAny), strict: true } };
}

export async function structuredCall<T>(d: StructuredDeps, req: ChatRequest, schema: z.ZodType<T>, o: StructuredOptions): Promise<StructuredResult<T>> {
  const maxAttempts = o.maxAttempts ?? 3;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(o.name)) throw new InputError(`structured: name "${o.name}" must be 1-64 letters, digits, _ or -`);
  const jsonSchema = zodToJsonSchema(schema as unknown as z.ZodTypeAny);
  // OpenAI's strict mode takes only an object at the root; its 400 would read like "no json_schema
  // support" and switch the whole endpoint to json_object, so refuse here instead.
  if (jsonSchema.type !== "object") throw new InputError(`structured ${o.name}: the schema's root must be a z.object(…) (strict json_schema allows only an object at the root), got ${JSON.stringify(jsonSchema.type ?? "anyOf")}`);
  const ep = d.cfg.resolve(req.model).endpoint;
  let useSchema = ep.limits.supportsJsonSchema && !d.noJsonSchema.has(ep.name);
  let fellBack = false;
  const usage: Usage = { prompt_tokens: 0, completion_tokens: 0 };
  let lastError = "";
  let last: ChatResult | null = null;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const format: ResponseFormat = useSchema ? { type: "json_schema", name: o.name, schema: jsonSchema, strict: true } : { type: "json_object" };
    const messages = useSchema ? req.messages : withJsonInstruction(req.messages, o.name, jsonSchema);
    // A seeded request would return the same invalid answer again: later attempts move the seed.
    const seed = req.seed !== undefined && attempt > 0 ? req.seed + attempt : req.seed;
    // Attempt 0 in json_schema mode is exactly structuredRequest(req, schema, name).
    const r = await d.chat({ ...req, messages, responseFormat: format, seed, task: o.task ?? req.task ?? o.name }, attempt);
    last = r;
    if (!r.ok) {
      if (useSchema && !fellBack && r.httpStatus === 400 && /response_format|json_schema|schema|structured|format/i.test(r.error)) {
        // The server rejected json_schema: remember it for this endpoint and ask again with json_object.
        useSchema = false;
        fellBack = true;
        d.noJsonSchema.add(ep.name);
        attempt--;
        continue;
      }
      return { ...r, status: "failed", attempts: attempt + 1, usage };
    }
    usage.prompt_tokens += r.usage.prompt_tokens;
    usage.completion_tokens += r.usage.completion_tokens;
    if (r.refusal) {
      lastError = `refusal: ${r.refusal}`;
      continue;
    }
    if (r.finishReason === "length") {
      lastError = "truncated (finish_reason length)";
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.text);
    } catch (e) {
      lastError = `invalid JSON: ${(e as Error).message}`;
      continue;
    }
    const v = schema.safeParse(parsed);
    if (!v.success) {
      const issue = v.error.issues[0];
      lastError = `schema mismatch at "${issue.path.join(".") || "(root)"}": ${issue.message}`;
      continue;
    }
    const { ok: _ok, text, refusal: _refusal, finishReason: _fr, usage: _u, ...rest } = r;
    return { ...rest, ok: true, value: v.data, text, usage, attempts: attempt + 1, format: useSchema ? "json_schema" : "json_object" };
  }
  const base = last!;
  return {
    ok: false,
    status: "unparseable",
    cacheKey: base.cacheKey,
    model: base.model,
    endpoint: base.endpoint,
    backend: base.backend,
    role: base.role,
    sampleIndex: base.sampleIndex,
    params: base.params,
    error: `${o.name}: no valid answer in ${maxAttempts} samples; last: ${lastError}`,
    attempts: maxAttempts,
    usage,
  };
}

/** json_object mode needs the word JSON in the prompt; we also give the schema so the model can follow it. */
function withJsonInstruction(messages: ChatMessage[], name: string, schema: object): ChatMessage[] {
  const instruction = `Reply with one JSON object only (no prose, no code fences) named ${name}, matching this JSON schema: ${JSON.stringify(schema)}`;
  const sys = messages.findIndex((m) => m.role === "system");
  if (sys >= 0) return messages.map((m, i) => (i === sys ? { ...m, content: `${m.content}\n\n${instruction}` } : m));
  return [{ role: "system", content: instruction }, ...messages];
}
