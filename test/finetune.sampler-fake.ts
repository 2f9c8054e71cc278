// A local fake of an OpenAI-compatible sampling server, written from the documented shapes of the
// two we route fine-tunes to: Tinker's OpenAI-compatible API (POST /chat/completions; model = a base
// model id or a tinker://…/sampler_weights/… checkpoint; no structured outputs documented, so a
// response_format is refused here) and vLLM's OpenAI server with LoRA adapters (model = the base
// model or a --lora-modules name, listed at /v1/models; unknown names get 404). Counts requests;
// binds 127.0.0.1.
import { startJsonServer } from "./helpers/json-server";

export interface FakeSampler {
  baseURL: string;
  requests: { path: string; body: Record<string, unknown>; authorization: string | undefined }[];
  close(): Promise<void>;
}

export interface FakeSamplerOptions {
  /** Model ids the server serves; others get 404 model_not_found. */
  models: string[];
  /** Required bearer key (Tinker); undefined = no key needed (vLLM). */
  apiKey?: string;
  /** Refuse response_format (Tinker documents none). */
  refuseResponseFormat?: boolean;
  /** Serve GET /v1/models (vLLM does; Tinker documents none). */
  listModels?: boolean;
  /** The answer text for a request. */
  answer?: (model: string, messages: { role: string; content: string }[]) => string;
}

export async function startFakeSampler(o: FakeSamplerOptions): Promise<FakeSampler> {
  const requests: FakeSampler["requests"] = [];
  const server = await startJsonServer((req, raw, send) => {
    let body: Record<string, unknown> = {};
    try {
      body = raw.length ? JSON.parse(raw.toString("utf8")) : {};
    } catch {
      return send(400, { error: { message: "body is not JSON" } });
    }
    requests.push({ path: `${req.method} ${req.url}`, body, authorization: req.headers.authorization });
    if (o.apiKey && req.headers.authorization !== `Bearer ${o.apiKey}`) return send(401, { error: { message: "invalid key" } });
    // vLLM lists the base model and every --lora-modules name at GET /v1/models; Tinker's
    // OpenAI-compatible API documents no model list (the fake answers 404 there).
    if (req.method === "GET" && req.url === "/v1/models" && o.listModels) return send(200, { object: "list", data: o.models.map((id) => ({ id, object: "model", owned_by: "vllm" })) });
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return send(404, { error: { message: `no route ${req.method} ${req.url}` } });
    const model = String(body.model);
    if (!o.models.includes(model)) return send(404, { error: { message: `The model ${model} does not exist.`, code: "model_not_found" } });
    if (o.refuseResponseFormat && body.response_format) return send(400, { error: { message: "response_format is not supported" } });
    const messages = (body.messages ?? []) as { role: string; content: string }[];
    const text = o.answer ? o.answer(model, messages) : "I am not sure.";
    send(200, {
      id: `chatcmpl-${requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
      usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 },
    });
  });
  return { baseURL: server.baseURL, requests, close: server.close };
}
