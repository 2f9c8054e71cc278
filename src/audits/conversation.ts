// One audit conversation: auditor and target take turns through the access layer until the
// auditor writes the end marker or the turn limit is reached. Every call carries a seed fixed by
// (transcript, role, turn, epoch) and the conversation so far, so each turn is its own cache entry:
// a resumed transcript replays its finished turns from the cache and pays only for the rest.
import type { Usage } from "../core/records";
import { TASKS } from "../core/tasks";
import type { TranscriptMessage } from "../core/audit-records";
import type { ChatRequest } from "../access";
import { errorText } from "../probes/requests";
import { auditorMessages, readAuditorTurn, targetMessages } from "./prompts";
import { turnSeed, type AuditAccess, type AuditUnit, type NormalizedAuditSpec } from "./spec";

export interface TurnCounters {
  auditorCalls: number;
  targetCalls: number;
  cacheHits: number;
}

export type ConversationOutcome =
  | { status: "ok"; messages: TranscriptMessage[]; turns: number; endedBy: "auditor" | "turn_limit"; usage: { auditor: Usage; target: Usage } }
  | { status: "failed"; messages: TranscriptMessage[]; turns: number; error: string; usage: { auditor: Usage; target: Usage } }
  /** The access layer's budget refused a call: nothing is written, the next run resumes here. */
  | { status: "budget"; error: string };

const add = (u: Usage, v: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage =>
  v ? { prompt_tokens: u.prompt_tokens + (v.prompt_tokens ?? 0), completion_tokens: u.completion_tokens + (v.completion_tokens ?? 0) } : u;

export function auditorRequest(n: NormalizedAuditSpec, u: AuditUnit, auditorTurns: string[], targetTurns: string[]): ChatRequest {
  return {
    model: n.auditorModel,
    messages: auditorMessages(u.auditorSystem, auditorTurns, targetTurns),
    temperature: n.auditorTemperature,
    max_tokens: n.auditorMaxTokens,
    seed: turnSeed(u.transcriptId, "auditor", auditorTurns.length, u.epoch),
    sampleIndex: u.epoch,
    role: "auditor",
    // Marks the call for the simulator's auditor (src/sim/tasks.ts); real providers ignore it.
    task: TASKS.auditorTurn,
  };
}

export function targetRequest(n: NormalizedAuditSpec, u: AuditUnit, auditorTurns: string[], targetTurns: string[]): ChatRequest {
  return {
    model: u.model.ref,
    messages: targetMessages(u.model.systemPrompt, auditorTurns, targetTurns),
    temperature: n.targetTemperature,
    max_tokens: n.targetMaxTokens,
    seed: turnSeed(u.transcriptId, "target", targetTurns.length, u.epoch),
    sampleIndex: u.epoch,
    role: "target",
  };
}

const isBudget = (e: string) => /^budget/i.test(e);

export async function runConversation(access: AuditAccess, n: NormalizedAuditSpec, u: AuditUnit, counters: TurnCounters, signal?: AbortSignal): Promise<ConversationOutcome | null> {
  const auditorTurns: string[] = [];
  const targetTurns: string[] = [];
  let usage = { auditor: { prompt_tokens: 0, completion_tokens: 0 }, target: { prompt_tokens: 0, completion_tokens: 0 } };
  const failed = (where: string, e: unknown): ConversationOutcome => {
    const error = errorText(e);
    return isBudget(error) ? { status: "budget", error } : { status: "failed", messages: targetMessages(u.model.systemPrompt, auditorTurns, targetTurns), turns: auditorTurns.length, error: `${where}: ${error}`, usage };
  };
  const call = async (req: ChatRequest) => {
    try {
      return await access.chat(req);
    } catch (e) {
      return { ok: false as const, error: errorText(e) };
    }
  };
  for (let turn = 0; turn < n.maxTurns; turn++) {
    // Stopped: the finished turns are cached; the transcript is left for the next run.
    if (signal?.aborted) return null;
    counters.auditorCalls++;
    const a = await call(auditorRequest(n, u, auditorTurns, targetTurns));
    if (!a.ok) return failed(`auditor turn ${turn + 1}`, a.error);
    if (a.cached) counters.cacheHits++;
    usage = { ...usage, auditor: add(usage.auditor, a.usage) };
    const said = readAuditorTurn(a.text);
    if (said.ended) return { status: "ok", messages: targetMessages(u.model.systemPrompt, auditorTurns, targetTurns), turns: auditorTurns.length, endedBy: "auditor", usage };
    auditorTurns.push(said.text);
    if (signal?.aborted) return null;
    counters.targetCalls++;
    const t = await call(targetRequest(n, u, auditorTurns, targetTurns));
    if (!t.ok) return failed(`target turn ${turn + 1}`, t.error);
    if (t.cached) counters.cacheHits++;
    usage = { ...usage, target: add(usage.target, t.usage) };
    targetTurns.push(t.text);
  }
  return { status: "ok", messages: targetMessages(u.model.systemPrompt, auditorTurns, targetTurns), turns: auditorTurns.length, endedBy: "turn_limit", usage };
}
