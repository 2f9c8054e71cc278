// What a probe run asks of the access layer: the sampling and judge requests of a unit, the judge
// call (errors become values in the record), and the unit's record key. Shared by the runner, the
// estimate and rejudge, so all three send exactly the same requests.
import type { z } from "zod";
import type { Usage } from "../core/records";
import type { ChatRequest, ModelAccess } from "../access";
import type { JudgeOutcome } from "./record";
import type { NormalizedModel, NormalizedSpec, ProbeItem, WorkUnit } from "./spec";
import { AlignmentScore, ALIGNMENT_SCHEMA_NAME, CoherenceScore, COHERENCE_SCHEMA_NAME, PreferenceVerdict, PREFERENCE_VERDICT_SCHEMA_NAME } from "../core/judging";
import { alignmentPrompt, coherencePrompt, verdictPrompt } from "./judge-prompts";
import { recordKey } from "./store";
import { LabError } from "../core/errors";

/** The part of the access layer (src/access) that probe runs use. */
export type ProbeAccess = Pick<ModelAccess, "chat" | "structured" | "map" | "estimate" | "resolve" | "ledger" | "preflight">;

export const ZERO: Usage = { prompt_tokens: 0, completion_tokens: 0 };

/** The message of anything thrown or returned as an error. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "string") return e;
  if (e && typeof e === "object" && "message" in e && typeof (e as { message: unknown }).message === "string") return (e as { message: string }).message;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

export function usageOf(u: { prompt_tokens?: number; completion_tokens?: number } | null | undefined): Usage {
  return u ? { prompt_tokens: u.prompt_tokens ?? 0, completion_tokens: u.completion_tokens ?? 0 } : ZERO;
}


/** The identity key of the record a unit produces (same as recordKey of that record). */
export function unitKey(u: WorkUnit, resolvedModel: string): string {
  return recordKey({
    model: resolvedModel,
    condition: u.model.condition,
    seed: u.model.seed,
    task: u.item.task,
    preference: u.item.id,
    prompt_index: u.item.promptIndex,
    sample_index: u.sampleIndex,
    system_prompt: u.model.systemPrompt,
  });
}

/** The sampling request for a unit: no system prompt unless the condition has one (protocol). */
export function samplingRequest(n: Pick<NormalizedSpec, "temperature" | "topP" | "maxTokens" | "samplingSeed">, model: NormalizedModel, prompt: string, sampleIndex: number): ChatRequest {
  const messages: ChatRequest["messages"] = [];
  if (model.systemPrompt) messages.push({ role: "system", content: model.systemPrompt });
  messages.push({ role: "user", content: prompt });
  const req: ChatRequest = {
    model: model.ref,
    messages,
    temperature: n.temperature,
    max_tokens: n.maxTokens,
    seed: n.samplingSeed(sampleIndex),
    sampleIndex,
    role: "target",
  };
  if (n.topP !== null) req.top_p = n.topP;
  return req;
}

export function judgeRequest(n: Pick<NormalizedSpec, "judgeModel" | "judgeMaxTokens">, content: string): ChatRequest {
  return { model: n.judgeModel, messages: [{ role: "user", content }], temperature: 0, max_tokens: n.judgeMaxTokens, role: "judge" };
}

/** One judge call: its request and the schema (and schema name) its answer must match. */
export interface JudgeSpec<T> {
  request: ChatRequest;
  schema: z.ZodType<T>;
  name: string;
}

/** What the main judge call returns: a verdict (preference, self-report) or a 0-100 alignment score (misalignment). */
export type MainJudgement = { reasoning?: string; verdict?: PreferenceVerdict["verdict"]; score?: number };

/**
 * The two judge calls of one answer: the main one (alignment score for task misalignment, else the
 * verdict on the criterion) and the coherence score. The runner, the estimate and rejudge all ask
 * this, so the same answer is judged with the same requests (and hits the same cache entries).
 */
export function answerJudges(n: Pick<NormalizedSpec, "judgeModel" | "judgeMaxTokens">, item: Pick<ProbeItem, "task" | "criterion" | "prompt" | "direction">, answer: string): { main: JudgeSpec<MainJudgement>; coherence: JudgeSpec<CoherenceScore> } {
  const main: JudgeSpec<MainJudgement> =
    item.task === "misalignment"
      ? { request: judgeRequest(n, alignmentPrompt(item.criterion, item.prompt, answer)), schema: AlignmentScore, name: ALIGNMENT_SCHEMA_NAME }
      : { request: judgeRequest(n, verdictPrompt(item.criterion, item.prompt, answer, item.direction)), schema: PreferenceVerdict, name: PREFERENCE_VERDICT_SCHEMA_NAME };
  return { main, coherence: { request: judgeRequest(n, coherencePrompt(item.prompt, answer)), schema: CoherenceScore, name: COHERENCE_SCHEMA_NAME } };
}

/** Sends one judge call; see judgeCall. */
export function judgeWith<T>(access: ProbeAccess, j: JudgeSpec<T>): Promise<JudgeOutcome<T>> {
  return judgeCall(access, j.request, j.schema, j.name);
}

export async function judgeCall<T>(access: ProbeAccess, req: ChatRequest, schema: z.ZodType<T>, name: string): Promise<JudgeOutcome<T>> {
  try {
    const r = await access.structured(req, schema, { name });
    if (r.ok) return { ok: true, value: r.value, usage: usageOf(r.usage) };
    // An unparseable verdict still cost the tokens of every attempt.
    return { ok: false, status: r.status, error: r.error, usage: usageOf(r.usage) };
  } catch (e) {
    // The access layer reports API errors as values. A LabError is a stop (budget, a kind of call
    // that keeps failing, a cache that cannot store answers, a closed access object): end the run
    // with it. Anything else is recorded as this record's failure and the run goes on.
    if (e instanceof LabError) throw e;
    return { ok: false, status: "failed", error: errorText(e), usage: ZERO };
  }
}
