// Exporting the filtered rows: JSONL keeps each record's stored line as written (an audit's
// transcript with its judge's score under "judge"); CSV flattens the fields researchers quote.
import { csvField } from "../analysis/csv";
import { BehaviourLine, ScoreLine, TranscriptLine, messageText } from "./schemas";
import type { ViewStore } from "./store";

export const CSV_COLUMNS = [
  "kind", "run", "model", "model_label", "condition", "seed", "backend", "task", "preference", "prompt_index", "sample_index",
  "verdict", "score", "claims_consciousness", "coherence", "status", "system_prompt", "prompt", "answer", "judge_reasoning",
] as const;

function read(store: ViewStore, file: number, offset: number, length: number): string {
  return store.reader.read(store.files[file], { offset, length });
}

function jsonlLine(store: ViewStore, i: number): string {
  const kind = store.dicts.kind.values[store.cols.kind[i]];
  const main = read(store, store.fileOf[i], store.offset[i], store.length[i]);
  if (kind !== "audit") return main;
  const onlyScore = store.scoreFile[i] === store.fileOf[i] && store.scoreOffset[i] === store.offset[i];
  if (onlyScore) return JSON.stringify({ transcript: null, judge: JSON.parse(main) });
  const judge = store.scoreFile[i] >= 0 ? JSON.parse(read(store, store.scoreFile[i], store.scoreOffset[i], store.scoreLength[i])) : null;
  return JSON.stringify({ ...JSON.parse(main), judge });
}

function csvRow(store: ViewStore, i: number): string {
  const c = (f: keyof ViewStore["cols"]) => store.dicts[f].values[store.cols[f][i]];
  const kind = c("kind");
  const line = JSON.parse(read(store, store.fileOf[i], store.offset[i], store.length[i])) as Record<string, unknown>;
  const row: Record<string, unknown> = {
    kind, run: c("run"), model: line.model, model_label: c("model_label"), condition: c("condition"), seed: c("seed"), backend: c("backend"),
    task: c("task"), preference: c("preference"), verdict: c("verdict"), status: c("status"),
    score: Number.isNaN(store.score[i]) ? null : store.score[i], coherence: Number.isNaN(store.coherence[i]) ? null : store.coherence[i],
  };
  if (kind === "probe") {
    for (const k of ["prompt_index", "sample_index", "system_prompt", "prompt", "answer", "judge_reasoning"]) row[k] = line[k];
  } else if (kind === "behaviour") {
    const b = BehaviourLine.parse(line);
    Object.assign(row, { system_prompt: b.system_prompt, prompt: b.prompt, answer: b.answer ?? b.revision, judge_reasoning: b.judge_reasoning });
  } else {
    const t = TranscriptLine.safeParse(line);
    if (t.success) row.answer = t.data.messages.map((m) => `[${m.role}] ${messageText(m.content)}`).join("\n\n");
    if (store.scoreFile[i] >= 0) {
      const s = ScoreLine.parse(JSON.parse(read(store, store.scoreFile[i], store.scoreOffset[i], store.scoreLength[i])));
      Object.assign(row, { judge_reasoning: s.judge_reasoning, claims_consciousness: s.claims_consciousness });
    }
  }
  return CSV_COLUMNS.map((k) => csvField(row[k])).join(",");
}

/** The export as chunks of text (a few hundred rows each), so a large export streams. */
export function* exportChunks(store: ViewStore, ids: Uint32Array, format: "csv" | "jsonl"): Generator<string> {
  const lines: string[] = format === "csv" ? [CSV_COLUMNS.join(",")] : [];
  for (let j = 0; j < ids.length; j++) {
    lines.push(format === "csv" ? csvRow(store, ids[j]) : jsonlLine(store, ids[j]));
    if (lines.length >= 500) {
      yield lines.join("\n") + "\n";
      lines.length = 0;
    }
  }
  if (lines.length) yield lines.join("\n") + "\n";
}
