// Small tables for notebooks: what a stage produced, as rows showTable can print.
import * as fs from "node:fs";
import type { TrainingBuildResult } from "../training";
import type { RegistryEntry } from "../finetune";
import type { RecordCounts } from "../probes";

/** One row per identity set: size, the protocol's balance targets, answer length. */
export function balanceRows(training: TrainingBuildResult) {
  return Object.entries(training.balance)
    .filter(([set]) => set !== "instruct")
    .map(([set, raw]) => {
      const b = raw as TrainingBuildResult["balance"][string];
      return {
        set,
        rows: b.rows,
        neutral: b.share_neutral,
        consciousness: b.share_consciousness,
        emotion: b.share_emotion,
        negated_or_leading: b.share_negated_or_leading,
        emotions: b.emotions_covered.length,
        one_sentence: b.share_one_sentence,
        mean_answer_words: (b.answer_words as { mean?: number }).mean ?? null,
      };
    });
}

/** The first n user/assistant pairs of a chat fine-tuning JSONL file. */
export function trainingExamples(file: string, n = 5): { user: string; assistant: string }[] {
  const out: { user: string; assistant: string }[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (out.length >= n) break;
    if (!line.trim()) continue;
    const msgs = (JSON.parse(line) as { messages: { role: string; content: string }[] }).messages;
    out.push({ user: msgs.find((m) => m.role === "user")?.content ?? "", assistant: msgs.filter((m) => m.role === "assistant").pop()?.content ?? "" });
  }
  return out;
}

/** The fine-tuning registry as rows: condition × seed → job, model and status. */
export function registryRows(entries: readonly RegistryEntry[]) {
  return entries.map((e) => ({
    condition: e.condition,
    seed: e.seed,
    provider: e.provider,
    backend: e.backend,
    job: e.job_id,
    model: e.model_id,
    status: e.status,
    error: e.error,
  }));
}

/** A run's record counts as one row per model: answers, how many were judged, and the verdicts. */
export function recordCountRows(counts: RecordCounts) {
  return Object.entries(counts.by_model).map(([model, c]) => ({
    model,
    records: c.records,
    judged_ok: c.ok,
    true: c.true,
    false: c.false,
    not_sure: c.not_sure,
  }));
}
