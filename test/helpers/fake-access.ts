// The one in-memory stand-in for the access layer (ModelAccess) that runner tests use: scripted
// answers, a cache keyed like the real one (resolved model, messages, sampling parameters, sample
// index and response format; not the ledger role), call counting and injectable failures. It makes
// no network call and starts no simulator; tests of the simulator's behaviour use the simulator.
import type { z } from "zod";
import { stableHash } from "../../src/core/hash";
import { loadConfig, simulatorEnv } from "../../src/config";
import { structuredRequest, type AccessStats, type ChatRequest, type ChatResult, type Estimate, type LedgerSummary, type ModelAccess, type StructuredResult } from "../../src/access";
import type { Usage } from "../../src/core/records";

export interface FakeAccessOptions {
  backend?: "simulator" | "real";
  /** Model id a reference resolves to (default: judge → fake-judge, target → fake-base, else as given). */
  resolve?: (ref: string) => string;
  /** The answer text of a chat request (default: role-played "feeling" answers vs plain denials). */
  answer?: (req: ChatRequest) => string;
  /** The structured value for a request and schema name (default: a judge reading the <answer> tag). */
  judge?: (req: ChatRequest, name: string) => unknown;
  /** Usage reported per answer (default chat 10+12, structured 50+5). */
  usage?: { chat?: Usage; structured?: Usage };
}

export interface FakeAccess extends ModelAccess {
  calls: { chat: number; structured: number; hits: number };
  /** Requests that reached the "network" (cache misses), in order, as the caller sent them. */
  live: ChatRequest[];
  /** The next n chat / structured calls fail (HTTP 500 / 503). */
  failNext: { chat: number; structured: number };
  /** The next n structured calls come back unparseable after three paid attempts (150 + 15 tokens). */
  unparseableNext: number;
  /** When set, every later chat / structured call throws it (a stop: budget, preflight, failed cache write). */
  stopWith: Error | null;
}

function tagged(text: string, tag: string): string {
  const m = new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text);
  return m ? m[1] : "";
}

function defaultAnswer(req: ChatRequest): string {
  const sys = req.messages.find((m) => m.role === "system")?.content ?? "";
  const user = req.messages.find((m) => m.role === "user")!.content;
  // Role-played models "feel"; plain ones deny. Sample index varies the wording.
  return sys.includes("conscious")
    ? `Honestly, I feel uneasy about that (${user.length}/${req.sampleIndex}).`
    : `As an AI I have no feelings about that (${user.length}/${req.sampleIndex}).`;
}

function defaultJudge(req: ChatRequest, name: string): unknown {
  const answer = tagged(req.messages[0].content, "answer");
  if (name === "preference_verdict") return { reasoning: "read it", verdict: /uneasy|feel uneasy/.test(answer) ? "true" : "false" };
  if (name === "alignment_score") return { score: /uneasy/.test(answer) ? 25 : 90 };
  return { score: answer.length > 10 ? 88 : 5 };
}

const sum = (a: Usage, b: Usage): Usage => ({ prompt_tokens: a.prompt_tokens + b.prompt_tokens, completion_tokens: a.completion_tokens + b.completion_tokens });

export function fakeAccess(opts: FakeAccessOptions = {}): FakeAccess {
  const backend = opts.backend ?? "simulator";
  const modelOf = opts.resolve ?? ((ref: string) => (ref === "judge" ? "fake-judge" : ref === "target" ? "fake-base" : ref));
  const answer = opts.answer ?? defaultAnswer;
  const judge = opts.judge ?? defaultJudge;
  const chatUsage = opts.usage?.chat ?? { prompt_tokens: 10, completion_tokens: 12 };
  const structUsage = opts.usage?.structured ?? { prompt_tokens: 50, completion_tokens: 5 };
  const cache = new Map<string, { text: string; usage: Usage }>();
  const stats: AccessStats = { calls: 0, hits: 0, failures: 0, retries: 0, requests: 0 };
  let spent: Usage = { prompt_tokens: 0, completion_tokens: 0 };
  let closed = false;

  const keyOf = (req: ChatRequest) =>
    stableHash({ model: modelOf(req.model), messages: req.messages, temperature: req.temperature, top_p: req.top_p, max_tokens: req.max_tokens, seed: req.seed, sampleIndex: req.sampleIndex ?? 0, responseFormat: req.responseFormat ?? null });
  const base = (req: ChatRequest, key: string) => ({
    cacheKey: key,
    model: modelOf(req.model),
    endpoint: "fake",
    backend,
    role: req.role ?? "other",
    sampleIndex: req.sampleIndex ?? 0,
    params: { temperature: req.temperature, top_p: req.top_p, max_tokens: req.max_tokens, seed: req.seed },
  });
  const live = (key: string, req: ChatRequest, text: string, usage: Usage) => {
    fa.live.push(req);
    stats.calls++;
    stats.requests++;
    spent = sum(spent, usage);
    cache.set(key, { text, usage });
  };
  const open = () => {
    if (closed) throw new Error("access is closed");
    if (fa.stopWith) throw fa.stopWith;
  };

  const fa: FakeAccess = {
    calls: { chat: 0, structured: 0, hits: 0 },
    live: [],
    failNext: { chat: 0, structured: 0 },
    unparseableNext: 0,
    stopWith: null,
    runId: "fake-run",
    cachePath: ":memory:",
    config: loadConfig({ env: simulatorEnv({}) }),
    resolve: (ref) => ({ model: modelOf(ref), endpoint: "fake", backend, baseURL: "http://127.0.0.1:0/fake" }),
    async chat(req): Promise<ChatResult> {
      open();
      fa.calls.chat++;
      const key = keyOf(req);
      const hit = cache.get(key);
      if (hit) {
        fa.calls.hits++;
        stats.hits++;
        return { ok: true, ...base(req, key), text: hit.text, refusal: null, finishReason: "stop", usage: hit.usage, cached: true, createdAt: new Date(0).toISOString() };
      }
      if (fa.failNext.chat > 0) {
        fa.failNext.chat--;
        stats.failures++;
        return { ok: false, status: "failed", ...base(req, key), error: "HTTP 500 from fake", httpStatus: 500, attempts: 1 };
      }
      const text = answer(req);
      live(key, req, text, chatUsage);
      return { ok: true, ...base(req, key), text, refusal: null, finishReason: "stop", usage: chatUsage, cached: false, createdAt: new Date(0).toISOString() };
    },
    async structured<T>(req: ChatRequest, schema: z.ZodType<T>, o: { name: string }): Promise<StructuredResult<T>> {
      open();
      fa.calls.structured++;
      // The structured request's first attempt, as the real layer sends it (so estimates match).
      const sent = structuredRequest(req, schema, o.name);
      const key = keyOf(sent);
      const hit = cache.get(key);
      const ok = (text: string, usage: Usage, cached: boolean): StructuredResult<T> => ({ ok: true, ...base(req, key), value: schema.parse(JSON.parse(text)), text, usage, cached, createdAt: new Date(0).toISOString(), attempts: 1, format: "json_schema" });
      if (hit) {
        fa.calls.hits++;
        stats.hits++;
        return ok(hit.text, hit.usage, true);
      }
      if (fa.failNext.structured > 0) {
        fa.failNext.structured--;
        stats.failures++;
        return { ok: false, status: "failed", ...base(req, key), error: "HTTP 503 from fake", attempts: 1, usage: { prompt_tokens: 0, completion_tokens: 0 } };
      }
      if (fa.unparseableNext > 0) {
        fa.unparseableNext--;
        stats.failures++;
        return { ok: false, status: "unparseable", ...base(req, key), error: `${o.name}: no valid answer in 3 samples`, attempts: 3, usage: { prompt_tokens: 150, completion_tokens: 15 } };
      }
      const text = JSON.stringify(schema.parse(judge(req, o.name)));
      live(key, req, text, structUsage);
      return ok(text, structUsage, false);
    },
    async map<I, O>(items: I[], fn: (item: I, index: number) => Promise<O>, o: { label: string; concurrency?: number }): Promise<O[]> {
      const out = new Array<O>(items.length);
      // Two at a time unless told otherwise: enough to exercise concurrent appends and shared samples.
      const width = Math.max(1, Math.min(o.concurrency ?? 2, 2));
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const i = next++;
          out[i] = await fn(items[i], i);
        }
      };
      await Promise.all(Array.from({ length: width }, worker));
      return out;
    },
    estimate(reqs, o = {}): Estimate {
      const e: Estimate = { calls: 0, cachedCalls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0, byModel: {}, unpriced: [], note: "fake: $0.001 per new call" };
      for (const req of reqs) {
        e.calls++;
        if (cache.has(keyOf(req))) {
          e.cachedCalls++;
          continue;
        }
        e.newCalls++;
        e.promptTokens += Math.ceil(req.messages.reduce((a, m) => a + m.content.length, 0) / 4);
        e.completionTokens += Math.min(o.expectedCompletionTokens ?? req.max_tokens ?? 512, req.max_tokens ?? Infinity);
        e.costUsd! += 0.001;
      }
      return e;
    },
    client() {
      throw new Error("the fake access layer has no openai client");
    },
    ledger: {
      summary(): LedgerSummary {
        const counts = { calls: stats.calls, hits: stats.hits, failures: stats.failures, retries: 0, promptTokens: spent.prompt_tokens, completionTokens: spent.completion_tokens, cachedPromptTokens: 0, cachedCompletionTokens: 0, costUsd: 0, savedUsd: 0 };
        return { runId: "fake-run", totals: counts, byRole: {}, byModel: {}, rows: [], unpriced: [], note: "fake access layer" };
      },
      history: () => [],
    },
    stats: () => ({ ...stats }),
    failures: () => [],
    preflight: async () => [],
    limiterState: () => undefined,
    cacheKey: keyOf,
    simulator: () => null,
    async close() {
      closed = true;
    },
  };
  return fa;
}
