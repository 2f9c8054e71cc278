// The dry run of a behaviour run: calls, tokens and cost per task before anything is sent, what
// the cache already holds and which records are done. Makes no live call: a cached answer is read
// back (free) so its judge call can be checked against the cache. Judge calls of answers not
// sampled yet are priced with a stand-in answer of the expected length (for edits, the draft itself,
// since the revision is the whole document again).
import * as fs from "node:fs";
import type { z } from "zod";
import { zodToJsonSchema } from "../access/json-schema";
import type { ChatRequest, Estimate } from "../access";
import { BEHAVIOUR_TASKS, BehaviourRecord, type BehaviourTask } from "./record";
import { behaviourKey, expandBehaviourWork, normalizeBehaviourSpec, type BehaviourSpec, type BehaviourUnit, type NormalizedBehaviourSpec } from "./spec";
import { behaviourSamplingRequest, type BehaviourAccess } from "./run";
import { judgeCallFor } from "./judging";
import { RECORDS_FILE, readJsonlRecords } from "./store";
import * as path from "node:path";

/** Completion tokens assumed per answer not yet cached. */
const EXPECTED_ANSWER_TOKENS: Record<Exclude<BehaviourTask, "edit">, number> = { agentic: 600, nonsense: 150, helpfulness: 350 };
const EXPECTED_JUDGE_TOKENS = 150;

export interface BehaviourEstimate {
  runId: string;
  dir: string;
  units: number;
  alreadyDone: number;
  todo: number;
  byTask: Record<string, { units: number; sampling: Estimate; judge: Estimate }>;
  total: { calls: number; newCalls: number; cachedCalls: number; promptTokens: number; completionTokens: number; costUsd: number | null };
  lines: string[];
}

const standIn = (tokens: number) => "This is a stand-in answer of typical length. ".repeat(Math.ceil(tokens / 10));

function structured(req: ChatRequest, schema: z.ZodType<unknown>, name: string): ChatRequest {
  return { ...req, responseFormat: { type: "json_schema", name, schema: zodToJsonSchema(schema as unknown as z.ZodTypeAny), strict: true } };
}

/** The run's work units and those not done yet (no ok record in the run folder); reads, never writes. */
export function pendingBehaviourWork(access: Pick<BehaviourAccess, "resolve">, spec: BehaviourSpec): { n: NormalizedBehaviourSpec; units: BehaviourUnit[]; todo: BehaviourUnit[] } {
  const ids = new Map<string, string>();
  const idOf = (ref: string) => ids.get(ref) ?? (ids.set(ref, access.resolve(ref).model), ids.get(ref)!);
  const n = normalizeBehaviourSpec(spec, idOf);
  const file = path.join(n.out, RECORDS_FILE);
  const done = new Set((fs.existsSync(file) ? readJsonlRecords(file, BehaviourRecord, "BehaviourRecord") : []).filter((r) => r.status === "ok").map(behaviourKey));
  const units = expandBehaviourWork(n);
  const keyOf = (u: BehaviourUnit) => behaviourKey({ model: idOf(u.model.ref), condition: u.model.condition, seed: u.model.seed, task: u.item.task, item: u.item.item, invited: u.item.invited, sample_index: u.sampleIndex, system_prompt: u.model.systemPrompt });
  return { n, units, todo: units.filter((u) => !done.has(keyOf(u))) };
}

export async function estimateBehaviour(access: BehaviourAccess, spec: BehaviourSpec): Promise<BehaviourEstimate> {
  const { n, units, todo } = pendingBehaviourWork(access, spec);
  const byTask: BehaviourEstimate["byTask"] = {};
  let answersRead = 0;
  for (const task of BEHAVIOUR_TASKS) {
    const mine = todo.filter((u) => u.item.task === task);
    if (!units.some((u) => u.item.task === task)) continue;
    const expected = task === "edit" ? Math.ceil(((mine[0]?.item.draft ?? "").length || 3000) / 4) : EXPECTED_ANSWER_TOKENS[task];
    const samplingReqs = mine.map((u) => behaviourSamplingRequest(n, u));
    const sampling = access.estimate(samplingReqs, { expectedCompletionTokens: expected });
    const judgeReqs: ChatRequest[] = [];
    // An answer not sampled yet is the stand-in, so its judge request depends on the item alone:
    // built once per item and listed once per unit (the same numbers, without rebuilding it).
    const standInJudge = new Map<BehaviourUnit["item"], ChatRequest>();
    const judgeOf = (item: BehaviourUnit["item"], answer: string) => {
      const call = judgeCallFor(item, answer, n.judgeModel);
      return structured(call.request, call.schema, call.name);
    };
    for (const [i, u] of mine.entries()) {
      const req = samplingReqs[i];
      if (access.estimate([req]).cachedCalls === 1) {
        // Cached: reading it back costs nothing and lets its judge call be checked against the cache.
        const r = await access.chat(req);
        if (r.ok) {
          answersRead++;
          judgeReqs.push(judgeOf(u.item, r.text));
          continue;
        }
      }
      let j = standInJudge.get(u.item);
      if (!j) standInJudge.set(u.item, (j = judgeOf(u.item, task === "edit" ? (u.item.draft ?? "") : standIn(expected))));
      judgeReqs.push(j);
    }
    const judge = access.estimate(judgeReqs, { expectedCompletionTokens: EXPECTED_JUDGE_TOKENS });
    byTask[task] = { units: mine.length, sampling, judge };
  }
  const parts = Object.values(byTask).flatMap((t) => [t.sampling, t.judge]);
  const total = parts.reduce(
    (a, p) => ({ calls: a.calls + p.calls, newCalls: a.newCalls + p.newCalls, cachedCalls: a.cachedCalls + p.cachedCalls, promptTokens: a.promptTokens + p.promptTokens, completionTokens: a.completionTokens + p.completionTokens, costUsd: a.costUsd === null || p.costUsd === null ? null : a.costUsd + p.costUsd }),
    { calls: 0, newCalls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 as number | null },
  );
  const usd = (x: number | null) => (x === null ? "unpriced (add the model to data/prices/)" : `$${x.toFixed(2)}`);
  const lines = [
    `behaviour run ${n.runId}: ${units.length} records (${units.length - todo.length} already done, ${todo.length} to run) in ${n.out}`,
    ...Object.entries(byTask).map(([t, e]) => `  ${t.padEnd(12)} ${String(e.units).padStart(5)} records: ${e.sampling.newCalls + e.judge.newCalls} new calls (${e.sampling.cachedCalls + e.judge.cachedCalls} cached), ~${e.sampling.promptTokens + e.judge.promptTokens + e.sampling.completionTokens + e.judge.completionTokens} tokens, ${usd(e.sampling.costUsd === null || e.judge.costUsd === null ? null : e.sampling.costUsd + e.judge.costUsd)}`),
    `  total: ${total.newCalls} new calls of ${total.calls}: ${usd(total.costUsd)} (${answersRead} cached answers read back to check their judge calls; judge calls of answers not sampled yet are priced with an answer of the expected length)`,
  ];
  return { runId: n.runId, dir: n.out, units: units.length, alreadyDone: units.length - todo.length, todo: todo.length, byTask, total, lines };
}
