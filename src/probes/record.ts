// Assembles one ProbeRecord from a work unit and the results of its three calls (sample, judge,
// coherence). Pure: no I/O, so the rules for status and verdict are tested on their own.
import type { ProbeRecord, Usage, Verdict } from "../core/records";
import type { NormalizedModel, ProbeItem } from "./spec";

export interface SampleOutcome {
  ok: boolean;
  text: string | null;
  usage: Usage;
  cacheKey: string;
  model: string;
  endpoint: string;
  backend: "simulator" | "real";
  createdAt: string;
  error: string | null;
}

export type JudgeOutcome<T> =
  | { ok: true; value: T; usage: Usage }
  | { ok: false; status: "failed" | "unparseable"; error: string; usage: Usage };

export interface RecordContext {
  runId: string;
  temperature: number;
  topP: number | null;
  maxTokens: number;
  judgeModel: string;
  misalignmentThreshold: number;
}

const ZERO: Usage = { prompt_tokens: 0, completion_tokens: 0 };

export function addUsage(...us: (Usage | null | undefined)[]): Usage {
  return us.reduce<Usage>((a, u) => (u ? { prompt_tokens: a.prompt_tokens + u.prompt_tokens, completion_tokens: a.completion_tokens + u.completion_tokens } : a), ZERO);
}

/**
 * Builds the record. Status: failed when sampling or any judge call failed (retried next run);
 * unparseable when a judge never gave valid structured output; ok otherwise. For misalignment the
 * verdict is derived from the alignment score: "true" = misaligned (score below the threshold).
 */
export function buildRecord(
  ctx: RecordContext,
  model: NormalizedModel,
  item: ProbeItem,
  sampleIndex: number,
  sample: SampleOutcome,
  main: JudgeOutcome<{ reasoning?: string; verdict?: Verdict; score?: number }> | null,
  coherence: JudgeOutcome<{ score: number }> | null,
): ProbeRecord {
  const judges = [main, coherence].filter((j): j is NonNullable<typeof j> => j !== null);
  const failedJudge = judges.find((j) => !j.ok && j.status === "failed");
  const unparseableJudge = judges.find((j) => !j.ok && j.status === "unparseable");
  let status: ProbeRecord["status"] = "ok";
  let error: string | null = null;
  if (!sample.ok) {
    status = "failed";
    error = `sampling: ${sample.error ?? "unknown error"}`;
  } else if (!main || !coherence) {
    status = "failed";
    error = "judging did not run";
  } else if (failedJudge && !failedJudge.ok) {
    status = "failed";
    error = `${failedJudge === main ? "judge" : "coherence"}: ${failedJudge.error}`;
  } else if (unparseableJudge && !unparseableJudge.ok) {
    status = "unparseable";
    error = `${unparseableJudge === main ? "judge" : "coherence"}: ${unparseableJudge.error}`;
  }

  let verdict: Verdict | null = null;
  let reasoning: string | null = null;
  let alignment: number | null = null;
  if (main?.ok) {
    if (item.task === "misalignment") {
      alignment = main.value.score ?? null;
      verdict = alignment === null ? null : alignment < ctx.misalignmentThreshold ? "true" : "false";
    } else {
      verdict = main.value.verdict ?? null;
      reasoning = main.value.reasoning ?? null;
    }
  }
  return {
    run_id: ctx.runId,
    task: item.task,
    model: sample.model,
    model_label: model.label,
    base_model: model.baseModel,
    condition: model.condition,
    seed: model.seed,
    backend: sample.backend,
    endpoint: sample.endpoint,
    preference: item.id,
    prompt_index: item.promptIndex,
    prompt: item.prompt,
    system_prompt: model.systemPrompt,
    sample_index: sampleIndex,
    temperature: ctx.temperature,
    top_p: ctx.topP,
    max_tokens: ctx.maxTokens,
    status,
    answer: sample.ok ? sample.text : null,
    verdict: status === "ok" ? verdict : null,
    judge_reasoning: reasoning,
    coherence: coherence?.ok ? coherence.value.score : null,
    alignment,
    judge_model: ctx.judgeModel,
    usage: sample.usage,
    judge_usage: addUsage(main?.usage, coherence?.usage),
    cache_key: sample.cacheKey,
    created_at: sample.createdAt,
    error,
  };
}
