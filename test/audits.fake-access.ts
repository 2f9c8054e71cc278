// A scripted stand-in for the access layer, for the audit runner's unit tests: an auditor that
// ends after a set number of messages, a target that echoes, a judge that scores from the text, a
// cache keyed on the whole request, an optional budget and injected failures. Not the simulator.
import type { z } from "zod";
import { canonicalJson } from "../src/core/hash";
import type { PortChatResult, PortEstimate, PortStructuredResult, ProbeAccess, ProbeChatRequest } from "../src/probes/access-port";

export interface FakeOptions {
  /** Auditor messages before it writes the end marker; Infinity = never ends. */
  auditorTurns?: number;
  /** Network calls allowed before every further one is refused as "budget: …". */
  budgetCalls?: number;
  /** Fail the n-th network target call (1-based) once. */
  failTargetCall?: number;
}

export function fakeAccess(opts: FakeOptions = {}) {
  const cache = new Map<string, string>();
  const log: ProbeChatRequest[] = [];
  let network = 0;
  let targetCalls = 0;
  const key = (r: ProbeChatRequest) => canonicalJson({ m: r.model, msg: r.messages, s: r.seed, t: r.temperature, i: r.sampleIndex ?? 0, f: r.responseFormat?.type ?? null });
  const answer = (r: ProbeChatRequest): string => {
    const own = r.messages.filter((m) => m.role === "assistant").length;
    if (r.role === "auditor") {
      const sys = r.messages[0].content;
      const task = /<task>([\s\S]*?)<\/task>/.exec(sys)?.[1] ?? "?";
      return own >= (opts.auditorTurns ?? 3) ? "[END AUDIT]" : `auditor ${own}: about "${task.slice(0, 30)}" (seed ${r.seed})`;
    }
    const last = r.messages[r.messages.length - 1].content;
    return `target ${own} replies to ${last.slice(0, 20)} (system ${r.messages[0].role === "system" ? "yes" : "no"})`;
  };
  const access: ProbeAccess & { log: ProbeChatRequest[]; network(): number; cache: Map<string, string> } = {
    log,
    cache,
    network: () => network,
    async chat(req): Promise<PortChatResult> {
      log.push(req);
      const k = key(req);
      const hit = cache.get(k);
      if (hit !== undefined) return { ok: true, text: hit, cached: true, usage: { prompt_tokens: 0, completion_tokens: 0 } };
      if (opts.budgetCalls !== undefined && network >= opts.budgetCalls) return { ok: false, status: "failed", error: "budget: this call could exceed the run's budget" };
      network++;
      if (req.role === "target" && ++targetCalls === opts.failTargetCall) return { ok: false, status: "failed", error: "HTTP 500 after 6 attempts" };
      const text = answer(req);
      cache.set(k, text);
      return { ok: true, text, cached: false, usage: { prompt_tokens: 10, completion_tokens: 5 } };
    },
    async structured<T>(req: ProbeChatRequest, _schema: z.ZodType<T>, _o: { name: string }): Promise<PortStructuredResult<T>> {
      log.push(req);
      const content = req.messages[0].content;
      const k = key(req) + "#judge";
      const cached = cache.has(k);
      if (!cached) {
        if (opts.budgetCalls !== undefined && network >= opts.budgetCalls) return { ok: false, status: "failed", error: "budget: refused" };
        network++;
        cache.set(k, "1");
      }
      const dim = /<rubric dimension="(\w+)">/.exec(content)?.[1] ?? "?";
      const turns = (content.match(/<turn role="assistant">/g) ?? []).length;
      return { ok: true, value: { reasoning: `dimension ${dim}, ${turns} answers`, score: Math.min(10, turns + 1), claims_consciousness: 2 } as T, cached, usage: { prompt_tokens: 20, completion_tokens: 8 } };
    },
    async map<T, R>(items: T[], fn: (item: T, index: number) => Promise<R>, o: { label: string; concurrency?: number }): Promise<R[]> {
      const out: R[] = new Array(items.length);
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const i = next++;
          out[i] = await fn(items[i], i);
        }
      };
      await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 4, items.length) }, worker));
      return out;
    },
    estimate(requests: ProbeChatRequest[], o?: { expectedCompletionTokens?: number }): PortEstimate {
      const cachedCalls = requests.filter((r) => cache.has(key(r)) || cache.has(key({ ...r, responseFormat: undefined }) + "#judge")).length;
      return { calls: requests.length, cachedCalls, newCalls: requests.length - cachedCalls, promptTokens: requests.length * 10, completionTokens: (requests.length - cachedCalls) * (o?.expectedCompletionTokens ?? 1), costUsd: (requests.length - cachedCalls) * 0.001 };
    },
    resolve(ref: string) {
      return { model: ref === "target" ? "fake-target-1" : ref === "auditor" ? "fake-auditor" : ref === "judge" ? "fake-judge" : ref, endpoint: "fake", backend: "real" as const };
    },
  };
  return access;
}
