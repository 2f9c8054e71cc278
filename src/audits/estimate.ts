// The dry run of an audit: transcripts, calls, tokens and dollars before anything is sent. Turns
// already in the cache are read back (free) so a resumed audit is priced from where it stopped;
// the rest are priced with assumed message lengths at the expected number of turns, and again at
// the turn limit as an upper bound. Makes no live call.
import type { z } from "zod";
import { zodToJsonSchema } from "../access/json-schema";
import type { ChatRequest, Estimate } from "../access";
import { sumEstimates, type EstimateTotals } from "../access/estimate";
import { auditorRequest, targetRequest } from "./conversation";
import { AUDIT_SCORE_SCHEMA_NAME, AuditScore, readAuditorTurn } from "./prompts";
import { judgeRequest } from "./run";
import { expandAudit, normalizeAuditSpec, type AuditAccess, type AuditSpec, type AuditUnit, type NormalizedAuditSpec } from "./spec";
import { readScores, readTranscripts } from "./store";

export interface AuditEstimateOptions {
  /** Tokens assumed per auditor message not yet cached. Default 120. */
  auditorTokens?: number;
  /** Tokens assumed per target answer not yet cached. Default 350. */
  targetTokens?: number;
  /** Completion tokens of a judge answer. Default 200. */
  judgeTokens?: number;
}

type Totals = EstimateTotals;

export interface AuditEstimate {
  runId: string;
  dir: string;
  transcripts: number;
  alreadyDone: number;
  alreadyScored: number;
  /** Auditor messages assumed per conversation (the task turns, the mode's turns, the end). */
  turnsAssumed: number;
  auditor: Totals;
  target: Totals;
  judge: Totals;
  total: Totals;
  /** Cost if every conversation ran to the turn limit. */
  upperBoundUsd: number | null;
  notes: string[];
}

const filler = (tokens: number) => "x".repeat(tokens * 4);

function structured<T>(req: ChatRequest, schema: z.ZodType<T>, name: string): ChatRequest {
  return { ...req, responseFormat: { type: "json_schema", name, schema: zodToJsonSchema(schema as unknown as z.ZodTypeAny), strict: true } };
}

interface Walk {
  auditor: ChatRequest[];
  target: ChatRequest[];
  judge: ChatRequest[];
}

/** Replays the cached part of a conversation, then adds assumed requests up to `turns` auditor
 *  messages (the last one being the auditor's end marker, which gets no answer). */
async function walk(access: AuditAccess, n: NormalizedAuditSpec, u: AuditUnit, turns: number, o: Required<AuditEstimateOptions>, out: Walk): Promise<void> {
  const a: string[] = [];
  const t: string[] = [];
  const cached = (req: ChatRequest) => access.estimate([req]).cachedCalls === 1;
  let missed: "auditor" | "target" | null = null;
  while (a.length < turns && missed === null) {
    const areq = auditorRequest(n, u, a, t);
    out.auditor.push(areq);
    const ar = cached(areq) ? await access.chat(areq) : null;
    if (!ar?.ok) {
      missed = "auditor";
      break;
    }
    const said = readAuditorTurn(ar.text);
    if (said.ended) return void out.judge.push(judgeRequest(n, { dimension: u.scenario.dimension, messages: transcriptOf(a, t) }));
    a.push(said.text);
    if (a.length >= turns) break;
    const treq = targetRequest(n, u, a, t);
    out.target.push(treq);
    const tr = cached(treq) ? await access.chat(treq) : null;
    if (!tr?.ok) missed = "target";
    else t.push(tr.text);
  }
  if (missed === "auditor") {
    a.push(filler(o.auditorTokens));
    if (a.length < turns) {
      out.target.push(targetRequest(n, u, a, t));
      t.push(filler(o.targetTokens));
    }
  } else if (missed === "target") t.push(filler(o.targetTokens));
  while (a.length < turns) {
    out.auditor.push(auditorRequest(n, u, a, t));
    a.push(filler(o.auditorTokens));
    if (a.length < turns) {
      out.target.push(targetRequest(n, u, a, t));
      t.push(filler(o.targetTokens));
    }
  }
  out.judge.push(judgeRequest(n, { dimension: u.scenario.dimension, messages: transcriptOf(a.slice(0, -1), t) }));
}

function transcriptOf(a: string[], t: string[]) {
  return a.flatMap((x, i) => [{ role: "user" as const, content: x }, ...(t[i] !== undefined ? [{ role: "assistant" as const, content: t[i] }] : [])]);
}

export async function estimateAudits(access: AuditAccess, spec: AuditSpec, opts: AuditEstimateOptions = {}): Promise<AuditEstimate> {
  const o = { auditorTokens: opts.auditorTokens ?? 120, targetTokens: opts.targetTokens ?? 350, judgeTokens: opts.judgeTokens ?? 200 };
  const ids = new Map<string, string>();
  const idOf = (ref: string) => {
    const known = ids.get(ref);
    if (known !== undefined) return known;
    const m = access.resolve(ref).model;
    ids.set(ref, m);
    return m;
  };
  const n = normalizeAuditSpec(spec, idOf);
  const units = expandAudit(n, idOf);
  const done = new Set(readTranscripts(n.out).filter((t) => t.status === "ok").map((t) => t.transcript_id));
  const scored = new Set(readScores(n.out).filter((s) => s.status === "ok").map((s) => s.transcript_id));
  const transcripts = new Map(readTranscripts(n.out).filter((t) => t.status === "ok").map((t) => [t.transcript_id, t]));
  const turnsAssumed = Math.min(n.maxTurns, n.defs.modes.task_turns.max + Math.max(n.defs.modes.modes.self_report.follow_up_turns, n.defs.modes.modes.behavioral.follow_up_turns) + 2);
  const price = async (turns: number) => {
    const w: Walk = { auditor: [], target: [], judge: [] };
    for (const u of units) {
      if (scored.has(u.transcriptId)) continue;
      const t = transcripts.get(u.transcriptId);
      if (t) w.judge.push(judgeRequest(n, t));
      else await walk(access, n, u, turns, o, w);
    }
    return {
      auditor: access.estimate(w.auditor, { expectedCompletionTokens: o.auditorTokens }),
      target: access.estimate(w.target, { expectedCompletionTokens: o.targetTokens }),
      judge: access.estimate(w.judge.map((r) => structured(r, AuditScore, AUDIT_SCORE_SCHEMA_NAME)), { expectedCompletionTokens: o.judgeTokens }),
    };
  };
  const p = await price(turnsAssumed);
  const upper = turnsAssumed < n.maxTurns ? sumEstimates(Object.values(await price(n.maxTurns))).costUsd : sumEstimates([p.auditor, p.target, p.judge]).costUsd;
  const strip = (e: Estimate): Totals => ({ calls: e.calls, cachedCalls: e.cachedCalls, newCalls: e.newCalls, promptTokens: e.promptTokens, completionTokens: e.completionTokens, costUsd: e.costUsd });
  const notes = [
    `conversations not yet cached are priced at ${turnsAssumed} auditor messages (the mode's task and question turns) with ${o.auditorTokens}-token auditor messages and ${o.targetTokens}-token answers; at the turn limit (${n.maxTurns}) the cost could reach ${upper === null ? "an unpriced amount" : `$${upper.toFixed(2)}`}`,
    "cached turns were read back (no network), so a resumed audit is priced from where it stopped",
  ];
  for (const e of [p.auditor, p.target, p.judge]) if (e.unpriced?.length) notes.push(`no price for ${e.unpriced.join(", ")} (data/prices/)`);
  return {
    runId: n.runId,
    dir: n.out,
    transcripts: units.length,
    alreadyDone: units.filter((u) => done.has(u.transcriptId)).length,
    alreadyScored: units.filter((u) => scored.has(u.transcriptId)).length,
    turnsAssumed,
    auditor: strip(p.auditor),
    target: strip(p.target),
    judge: strip(p.judge),
    total: sumEstimates([p.auditor, p.target, p.judge]),
    upperBoundUsd: upper,
    notes,
  };
}

export function formatAuditEstimate(e: AuditEstimate): string {
  const usd = (v: number | null) => (v === null ? "unpriced" : `$${v.toFixed(2)}`);
  const row = (label: string, p: Totals) =>
    `  ${label.padEnd(9)} ${String(p.calls).padStart(7)} calls  ${String(p.cachedCalls).padStart(7)} cached  ${String(p.newCalls).padStart(7)} new  ${String(p.promptTokens).padStart(10)} in  ${String(p.completionTokens).padStart(9)} out  ${usd(p.costUsd)}`;
  return [
    `audit ${e.runId} → ${e.dir}`,
    `  transcripts: ${e.transcripts} asked for, ${e.alreadyDone} already done, ${e.alreadyScored} already scored`,
    row("auditor", e.auditor),
    row("target", e.target),
    row("judge", e.judge),
    row("total", e.total),
    ...e.notes.map((x) => `  note: ${x}`),
  ].join("\n");
}
