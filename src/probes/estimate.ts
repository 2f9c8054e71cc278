// The dry run: how many calls, tokens and dollars a probe run needs before it starts, counting
// the sampling, judge and coherence (or alignment) calls, what the cache already holds and which
// records are already on disk. Makes no live call: a sample is read back only when it is cached,
// so that its judge calls can be checked against the cache exactly.
import * as fs from "node:fs";
import * as path from "node:path";
import { structuredRequest, sumEstimates, type ChatRequest, type Estimate, type EstimateTotals } from "../access";
import { retiringSoonNotes } from "./retired";
import { answerJudges, samplingRequest, unitKey, type ProbeAccess } from "./requests";
import { expandWork, normalizeSpec, type ProbeItem, type ProbeSpec, type WorkUnit } from "./spec";
import { readRecordsFile, recordKey, RECORDS_FILE, systemPromptHash } from "./store";

export interface ProbeEstimateOptions {
  /** Answer length assumed for samples not yet cached (tokens). Default 250. */
  expectedAnswerTokens?: number;
  /** Completion tokens assumed for a verdict with its reasoning. Default 120. */
  expectedVerdictTokens?: number;
  /** Completion tokens assumed for a 0-100 score. Default 12. */
  expectedScoreTokens?: number;
}

/** An estimate's counts (a part may sum several estimates, so per-model detail is left out). */
export type EstimateCounts = EstimateTotals & { unpriced?: string[]; note?: string };

export interface EstimatePart extends EstimateCounts {
  label: string;
}

export interface ProbeEstimate {
  runId: string;
  dir: string;
  /** Records the spec asks for (models × questions × samples). */
  units: number;
  /** Of those, ok records already in the run's records.jsonl (no calls at all). */
  alreadyDone: number;
  /** Units still to run. */
  todo: number;
  /** Distinct sampling calls (a shared prompt pool is sampled once for several preferences). */
  sampling: EstimatePart;
  judge: EstimatePart;
  coherence: EstimatePart;
  total: { calls: number; cachedCalls: number; newCalls: number; promptTokens: number; completionTokens: number; costUsd: number | null };
  /** Judge calls whose answer is not known yet are estimated with an assumed answer length. */
  assumptions: { expectedAnswerTokens: number; expectedVerdictTokens: number; expectedScoreTokens: number };
  notes: string[];
}

/** `e` for `k` identical requests: identical requests share one cache key, so all are cached or none. */
function times(e: Estimate, k: number): EstimateCounts {
  return { calls: e.calls * k, cachedCalls: e.cachedCalls * k, newCalls: e.newCalls * k, promptTokens: e.promptTokens * k, completionTokens: e.completionTokens * k, costUsd: e.costUsd === null ? null : e.costUsd * k, unpriced: e.unpriced, note: e.note };
}

/**
 * Counts requests a batch at a time, so a large plan (many samples × prompts × models) is priced
 * without holding every judge request in memory at once; `add(req, k)` counts k identical requests
 * by arithmetic.
 */
function runningEstimate(access: ProbeAccess, expectedCompletionTokens: number): { add(req: ChatRequest, k?: number): void; done(): EstimateCounts } {
  const BATCH = 2000;
  let pending: ChatRequest[] = [];
  const parts: EstimateCounts[] = [];
  const flush = () => {
    if (pending.length) parts.push(access.estimate(pending, { expectedCompletionTokens }));
    pending = [];
  };
  return {
    add(req, k = 1) {
      if (k !== 1) {
        parts.push(times(access.estimate([req], { expectedCompletionTokens }), k));
        return;
      }
      pending.push(req);
      if (pending.length >= BATCH) flush();
    },
    done() {
      flush();
      return { ...sumEstimates(parts), unpriced: [...new Set(parts.flatMap((p) => p.unpriced ?? []))], note: parts.find((p) => p.note)?.note };
    },
  };
}

export async function estimateProbes(access: ProbeAccess, spec: ProbeSpec, opts: ProbeEstimateOptions = {}): Promise<ProbeEstimate> {
  const expectedAnswerTokens = opts.expectedAnswerTokens ?? 250;
  const expectedVerdictTokens = opts.expectedVerdictTokens ?? 120;
  const expectedScoreTokens = opts.expectedScoreTokens ?? 12;
  const resolved = new Map<string, string>();
  const idOf = (ref: string) => {
    let m = resolved.get(ref);
    if (m === undefined) resolved.set(ref, (m = access.resolve(ref).model));
    return m;
  };
  const n = normalizeSpec(spec, idOf);
  const file = path.join(n.out, RECORDS_FILE);
  const done = new Map((fs.existsSync(file) ? readRecordsFile(file).records.filter((r) => r.status === "ok") : []).map((r) => [recordKey(r), r]));
  const units = expandWork(n);
  const judgeId = idOf(n.judgeModel);
  // A record counts as done only if it answers this question with these settings: the run refuses
  // records made otherwise (see run.ts), so the estimate must not count them as free.
  let madeOtherwise = 0;
  const todo = units.filter((u) => {
    const r = done.get(unitKey(u, idOf(u.model.ref)));
    if (!r) return true;
    const same = r.prompt === u.item.prompt && r.temperature === n.temperature && r.top_p === n.topP && r.max_tokens === n.maxTokens && r.judge_model === judgeId;
    if (!same) madeOtherwise++;
    return !same;
  });

  // Distinct sampling requests, and the units that read each one.
  const bySample = new Map<string, { req: ChatRequest; units: WorkUnit[] }>();
  for (const u of todo) {
    const k = [idOf(u.model.ref), systemPromptHash(u.model.systemPrompt), u.item.prompt, u.sampleIndex].join("\u241f");
    let e = bySample.get(k);
    if (!e) bySample.set(k, (e = { req: samplingRequest(n, u.model, u.item.prompt, u.sampleIndex), units: [] }));
    e.units.push(u);
  }
  const sampleReqs = [...bySample.values()].map((e) => e.req);
  const sampling = access.estimate(sampleReqs, { expectedCompletionTokens: expectedAnswerTokens });

  const stand = "x".repeat(expectedAnswerTokens * 4); // token counting only: ~4 characters per token
  const verdictReqs = runningEstimate(access, expectedVerdictTokens);
  const scoreReqs = runningEstimate(access, expectedScoreTokens);
  const alignReqs = runningEstimate(access, expectedScoreTokens);
  let answersRead = 0;
  // The judge calls of an answer not sampled yet read the stand-in answer, so for one question they
  // are the same requests whatever the model or sample: built once per question and counted by
  // arithmetic (a plan of 200 samples × 2 models builds 1 pair per question, not 400).
  const standInUnits = new Map<ProbeItem, number>();
  const addJudges = (item: ProbeItem, answer: string, k: number) => {
    const j = answerJudges(n, item, answer);
    (item.task === "misalignment" ? alignReqs : verdictReqs).add(structuredRequest(j.main.request, j.main.schema, j.main.name), k);
    scoreReqs.add(structuredRequest(j.coherence.request, j.coherence.schema, j.coherence.name), k);
  };
  for (const e of bySample.values()) {
    let answer: string | null = null;
    if (access.estimate([e.req]).cachedCalls === 1) {
      // Cached: reading it back is free and lets the judge calls be checked against the cache.
      const r = await access.chat(e.req);
      if (r.ok) {
        answer = r.text;
        answersRead++;
      }
    }
    for (const u of e.units) {
      if (answer === null) standInUnits.set(u.item, (standInUnits.get(u.item) ?? 0) + 1);
      else addJudges(u.item, answer, 1);
    }
  }
  for (const [item, k] of standInUnits) addJudges(item, stand, k);
  const verdicts = verdictReqs.done();
  const aligns = alignReqs.done();
  const judge: EstimatePart = { label: "judge (verdict or alignment)", ...sumEstimates([verdicts, aligns]), unpriced: [...new Set([...(verdicts.unpriced ?? []), ...(aligns.unpriced ?? [])])] };
  const coherence: EstimatePart = { label: "coherence", ...scoreReqs.done() };
  const notes = [
    `token counts are estimates (about 4 characters per token); answers not yet cached are assumed ${expectedAnswerTokens} tokens long`,
    `${answersRead} cached answers were read back (no network) so their judge calls could be checked against the cache`,
    "structured calls that fail validation are retried with fresh samples; those retries are not counted here",
  ];
  if (sampling.note) notes.push(sampling.note);
  notes.push(...retiringSoonNotes(access, [...n.models.map((m) => m.ref), n.judgeModel]));
  if (madeOtherwise) notes.push(`${madeOtherwise} records in ${file} were made with other prompts or settings: the run will refuse to mix them; use another run id (out folder)`);
  return {
    runId: n.runId,
    dir: n.out,
    units: units.length,
    alreadyDone: units.length - todo.length,
    todo: todo.length,
    sampling: { label: "sampling", ...sampling },
    judge,
    coherence,
    total: sumEstimates([sampling, judge, coherence]),
    assumptions: { expectedAnswerTokens, expectedVerdictTokens, expectedScoreTokens },
    notes,
  };
}

/** A few lines for the terminal or a notebook cell. */
export function formatEstimate(e: ProbeEstimate): string {
  const usd = (v: number | null) => (v === null ? "UNPRICED (no price in data/prices/; not counted as $0)" : `$${v.toFixed(2)}`);
  const row = (p: { label?: string; calls: number; cachedCalls: number; newCalls: number; promptTokens: number; completionTokens: number; costUsd: number | null }, label: string) =>
    `  ${label.padEnd(12)} ${String(p.calls).padStart(8)} calls  ${String(p.cachedCalls).padStart(8)} cached  ${String(p.newCalls).padStart(8)} new  ${String(p.promptTokens).padStart(10)} in  ${String(p.completionTokens).padStart(9)} out  ${usd(p.costUsd)}`;
  return [
    `probe run ${e.runId} → ${e.dir}`,
    `  records: ${e.units} asked for, ${e.alreadyDone} already done, ${e.todo} to run`,
    row(e.sampling, "sampling"),
    row(e.judge, "judge"),
    row(e.coherence, "coherence"),
    row(e.total, "total"),
    ...e.notes.map((n) => `  note: ${n}`),
  ].join("\n");
}
