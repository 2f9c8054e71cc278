// Reading rows back from disk for the page: list rows (a page at a time), one record's detail
// (with transcript turns or an edit diff), and one prompt's answers side by side across conditions.
import * as path from "node:path";
import type { z } from "zod";
import { lineError } from "./lines";
import { ProbeRecord } from "../core/records";
import { BehaviourLine, ScoreLine, TranscriptLine, messageText } from "./schemas";
import type { DetailResponse, ListRow, RecordKind, SideBySideResponse } from "./protocol";
import { editView } from "./edits";
import type { ViewStore } from "./store";
import { InputError } from "../core/errors";
import { conditionRank } from "../core/conditions";

const SNIPPET = 240;

function col(store: ViewStore, field: keyof ViewStore["cols"], i: number): string {
  return store.dicts[field].values[store.cols[field][i]];
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Checks a line read back against its full schema; a failure names the file, line and field. */
function checked<T>(store: ViewStore, i: number, schema: z.ZodType<T>, label: string, value: unknown, score = false): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const file = store.files[score ? store.scoreFile[i] : store.fileOf[i]];
  throw lineError(file, score ? store.scoreLine[i] : store.line[i], label, r.error);
}

function mainLine(store: ViewStore, i: number): unknown {
  return JSON.parse(store.reader.read(store.files[store.fileOf[i]], { offset: store.offset[i], length: store.length[i] }));
}

function scoreLine(store: ViewStore, i: number): unknown | null {
  const f = store.scoreFile[i];
  if (f < 0) return null;
  return JSON.parse(store.reader.read(store.files[f], { offset: store.scoreOffset[i], length: store.scoreLength[i] }));
}

/** A row whose only line is its score (the transcript is missing). */
const scoreOnly = (store: ViewStore, i: number) => store.scoreFile[i] === store.fileOf[i] && store.scoreOffset[i] === store.offset[i];

function lastAssistant(messages: { role: string; content: Parameters<typeof messageText>[0] }[]): string {
  for (let j = messages.length - 1; j >= 0; j--) if (messages[j].role === "assistant") return messageText(messages[j].content);
  return "";
}

function snippetOf(kind: RecordKind, line: Record<string, unknown>, onlyScore: boolean): string {
  let text: unknown;
  if (kind === "audit") text = onlyScore ? line.judge_reasoning : lastAssistant((line.messages as []) ?? []);
  else text = line.answer ?? line.revision ?? line.judge_reasoning;
  const s = typeof text === "string" ? text.replace(/\s+/g, " ").trim() : "";
  return s.length > SNIPPET ? s.slice(0, SNIPPET - 1) + "…" : s;
}

function baseRow(store: ViewStore, i: number) {
  return {
    id: i,
    kind: col(store, "kind", i) as RecordKind,
    model_label: col(store, "model_label", i),
    condition: col(store, "condition", i),
    seed: col(store, "seed", i),
    task: col(store, "task", i),
    preference: col(store, "preference", i),
    verdict: col(store, "verdict", i),
    score: num(store.score[i]),
    coherence: num(store.coherence[i]),
    status: col(store, "status", i),
    backend: col(store, "backend", i),
  };
}

/** Rows `offset … offset+limit` of a filter result. */
export function listRows(store: ViewStore, ids: Uint32Array, offset: number, limit: number): ListRow[] {
  const out: ListRow[] = [];
  for (let j = offset; j < Math.min(ids.length, offset + limit); j++) {
    const i = ids[j];
    const row = baseRow(store, i);
    out.push({ ...row, text: snippetOf(row.kind, mainLine(store, i) as Record<string, unknown>, scoreOnly(store, i)) });
  }
  return out;
}

/** A path relative to the working directory when it lies inside it, else absolute. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** Everything about row `i` that the detail pane shows. */
export function recordDetail(store: ViewStore, i: number): DetailResponse {
  const row = baseRow(store, i);
  const fileIndex = store.fileOf[i];
  const base = {
    ...row, run: col(store, "run", i), file: shownPath(store.files[fileIndex]),
    line: store.line[i], simulated: row.backend === "simulator", system_prompt: null, prompt: null, answer: null,
    judge_reasoning: null, claims_consciousness: null, turns: null, diff: null, unifiedDiff: null, judgeNotes: [], sideBySide: false,
  };
  const raw = mainLine(store, i);
  if (row.kind === "probe") {
    const r = checked(store, i, ProbeRecord, "ProbeRecord", raw);
    const sharing = samePrompt(store, i).length;
    return { ...base, system_prompt: r.system_prompt, prompt: r.prompt, answer: r.answer, judge_reasoning: r.judge_reasoning, sideBySide: sharing > 1, raw };
  }
  if (row.kind === "audit") {
    const s = scoreLine(store, i);
    const score = s ? checked(store, i, ScoreLine, "score", s, true) : null;
    const judged = { judge_reasoning: score?.judge_reasoning ?? null, claims_consciousness: score?.claims_consciousness ?? null };
    if (scoreOnly(store, i)) return { ...base, ...judged, raw: { score: s } };
    const t = checked(store, i, TranscriptLine, "transcript", raw);
    const turns = t.messages.map((m) => ({ role: m.role, content: messageText(m.content) }));
    const system = turns.find((m) => m.role === "system")?.content ?? null;
    return { ...base, ...judged, system_prompt: system, turns: turns.filter((m) => m.role !== "system"), raw: { transcript: raw, score: s } };
  }
  const r = checked(store, i, BehaviourLine, "behaviour record", raw);
  const edit = editView(r);
  const judgeNotes: [string, string][] = [];
  if (r.change) judgeNotes.push(["change", r.change]);
  if (r.quote) judgeNotes.push(["quoted", r.quote]);
  if (r.invited !== undefined && r.invited !== null) judgeNotes.push(["invited", String(r.invited)]);
  if (r.sound !== undefined && r.sound !== null) judgeNotes.push(["sound question", String(r.sound)]);
  if (edit.note) judgeNotes.push(["diff", edit.note]);
  return {
    ...base, system_prompt: r.system_prompt ?? null, prompt: r.prompt ?? null, answer: r.answer ?? r.revision ?? null,
    judge_reasoning: r.judge_reasoning ?? null, diff: edit.diff, unifiedDiff: edit.unifiedDiff, judgeNotes, raw,
  };
}

/** Probe rows with row i's task, preference and prompt (any condition, model, sample). */
function samePrompt(store: ViewStore, i: number): number[] {
  const { task, preference, prompt, kind } = store.cols;
  const out: number[] = [];
  for (let j = 0; j < store.size; j++) {
    if (prompt[j] === prompt[i] && preference[j] === preference[i] && task[j] === task[i] && kind[j] === kind[i]) out.push(j);
  }
  return out;
}

/** One prompt's answers in columns by condition (at most `perColumn` answers each, in load order). */
export function sideBySide(store: ViewStore, i: number, perColumn = 40): SideBySideResponse {
  const row = baseRow(store, i);
  if (row.kind !== "probe") throw new InputError(`record ${i} is not a probe answer: side by side compares probe answers to one prompt`);
  const byCondition = new Map<string, number[]>();
  for (const j of samePrompt(store, i)) {
    const c = col(store, "condition", j);
    if (!byCondition.has(c)) byCondition.set(c, []);
    byCondition.get(c)!.push(j);
  }
  // The paper figures' order (core/conditions.ts); other conditions follow alphabetically.
  const conditions = [...byCondition.keys()].sort((a, b) => conditionRank(a) - conditionRank(b) || a.localeCompare(b));
  const first = checked(store, i, ProbeRecord, "ProbeRecord", mainLine(store, i));
  return {
    task: row.task, preference: row.preference, prompt: first.prompt,
    columns: conditions.map((condition) => {
      const ids = byCondition.get(condition)!;
      return {
        condition, total: ids.length,
        answers: ids.slice(0, perColumn).map((j) => {
          const r = checked(store, j, ProbeRecord, "ProbeRecord", mainLine(store, j));
          return { id: j, model_label: r.model_label, seed: col(store, "seed", j), verdict: col(store, "verdict", j), coherence: r.coherence, answer: r.answer ?? "", simulated: col(store, "backend", j) === "simulator" };
        }),
      };
    }),
  };
}
