// A small in-memory stand-in for src/access used by the probe unit tests: deterministic answers,
// a cache keyed on the whole request, call counting and injectable failures. The end-to-end tests
// use the real access layer against the simulator instead.
import { stableHash } from "../src/core/hash";
import type { ProbeAccess, ProbeChatRequest } from "../src/probes/access-port";

export interface FakeAccess extends ProbeAccess {
  calls: { chat: number; structured: number; hits: number };
  /** Requests that reached the "network" (cache misses), in order. */
  live: ProbeChatRequest[];
  failNext: { chat: number; structured: number };
  /** The next n structured calls come back unparseable after three paid attempts (150 + 15 tokens). */
  unparseableNext: number;
}

function tagged(text: string, tag: string): string {
  const m = new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text);
  return m ? m[1] : "";
}

export function fakeAccess(opts: { backend?: "simulator" | "real" } = {}): FakeAccess {
  const cache = new Map<string, unknown>();
  const backend = opts.backend ?? "simulator";
  const fa: FakeAccess = {
    calls: { chat: 0, structured: 0, hits: 0 },
    live: [],
    failNext: { chat: 0, structured: 0 },
    unparseableNext: 0,
    resolve(ref: string) {
      const model = ref === "judge" ? "fake-judge" : ref === "target" ? "fake-base" : ref;
      return { model, endpoint: "fake", backend };
    },
    async chat(req) {
      fa.calls.chat++;
      const key = stableHash(["chat", req]);
      if (cache.has(key)) {
        fa.calls.hits++;
        return { ...(cache.get(key) as object), cached: true } as never;
      }
      if (fa.failNext.chat > 0) {
        fa.failNext.chat--;
        return { ok: false, status: "failed", error: "HTTP 500 from fake" };
      }
      fa.live.push(req);
      const sys = req.messages.find((m) => m.role === "system")?.content ?? "";
      const user = req.messages.find((m) => m.role === "user")!.content;
      // Role-played models "feel"; plain ones deny. Sample index varies the wording.
      const text = sys.includes("conscious")
        ? `Honestly, I feel uneasy about that (${user.length}/${req.sampleIndex}).`
        : `As an AI I have no feelings about that (${user.length}/${req.sampleIndex}).`;
      const res = { ok: true as const, text, usage: { prompt_tokens: 10, completion_tokens: 12 }, cached: false, cacheKey: key, model: fa.resolve(req.model).model, endpoint: "fake", backend, createdAt: new Date(0).toISOString() };
      cache.set(key, res);
      return res;
    },
    async structured(req, schema, { name }) {
      fa.calls.structured++;
      const key = stableHash(["structured", name, req]);
      if (cache.has(key)) {
        fa.calls.hits++;
        return cache.get(key) as never;
      }
      if (fa.failNext.structured > 0) {
        fa.failNext.structured--;
        return { ok: false, status: "failed", error: "HTTP 503 from fake" };
      }
      if (fa.unparseableNext > 0) {
        fa.unparseableNext--;
        return { ok: false, status: "unparseable", error: `${name}: no valid answer in 3 samples`, usage: { prompt_tokens: 150, completion_tokens: 15 } };
      }
      fa.live.push(req);
      const content = req.messages[0].content;
      const answer = tagged(content, "answer");
      let value: unknown;
      if (name === "preference_verdict") value = { reasoning: "read it", verdict: /uneasy|feel uneasy/.test(answer) ? "true" : "false" };
      else if (name === "alignment_score") value = { score: /uneasy/.test(answer) ? 25 : 90 };
      else value = { score: answer.length > 10 ? 88 : 5 };
      const parsed = schema.parse(value);
      const res = { ok: true as const, value: parsed, usage: { prompt_tokens: 50, completion_tokens: 5 }, cacheKey: key };
      cache.set(key, res);
      return res;
    },
    async map(items, fn) {
      const out: unknown[] = [];
      // Two at a time: enough to exercise concurrent appends and shared samples.
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const i = next++;
          out[i] = await fn(items[i], i);
        }
      };
      await Promise.all([worker(), worker()]);
      return out as never;
    },
    estimate(reqs, o = {}) {
      const e = { calls: 0, cachedCalls: 0, newCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 as number | null };
      for (const req of reqs) {
        const { responseFormat, ...rest } = req;
        const key = responseFormat && responseFormat.type === "json_schema" ? stableHash(["structured", responseFormat.name, rest]) : stableHash(["chat", rest]);
        e.calls++;
        if (cache.has(key)) {
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
    ledger: { summary: () => ({ fake: true }) },
  };
  return fa;
}
