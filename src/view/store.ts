// The viewer's in-memory index: one row per probe record, audit transcript or behaviour record,
// held as dictionary-coded typed columns (so 200,000 rows filter in a few milliseconds), plus the
// lowercased text that full-text search scans and where each row's line sits on disk.
import * as fs from "node:fs";
import { ProbeRecord, ProbeTask } from "../core/records";
import { classifyRecord } from "../analysis/load";
import { backendFor } from "../config/simulated";
import { CHOICE_FIELDS, NONE, type ChoiceField } from "./filter-params";
import { eachJsonLine, lineError, LineReader, type LinePosition } from "./lines";
import { BehaviourLine, ScoreLine, TranscriptLine, messageText } from "./schemas";
import type { RunSource } from "./sources";
import type { RecordKind } from "./protocol";
import { SIGNATURE_WORDS, writeSignature } from "./signatures";

/** Distinct strings of one column, each with a small integer code. */
export interface Dict {
  values: string[];
  codes: Map<string, number>;
}

function dictCode(d: Dict, v: string): number {
  let c = d.codes.get(v);
  if (c === undefined) {
    c = d.values.length;
    d.values.push(v);
    d.codes.set(v, c);
  }
  return c;
}

/** Columns beyond the filterable ones: `prompt` groups a probe prompt's answers for side by side. */
export type CodedField = ChoiceField | "prompt";
const CODED: CodedField[] = [...CHOICE_FIELDS, "prompt"];

export interface ViewStore {
  size: number;
  runs: { name: string; dir: string; kinds: RecordKind[]; records: number; notes: string[] }[];
  dicts: Record<CodedField, Dict>;
  cols: Record<CodedField, Uint32Array>;
  /** Judge score (1–10) or NaN. */
  score: Float32Array;
  /** Coherence (0–100) or NaN. */
  coherence: Float32Array;
  /** What the row adds to a rate, by the analysis library's rules: 1, 0, or -1 (not counted). */
  y: Int8Array;
  /** Files by index, and each row's main line (records / transcript) and, for audits, score line. */
  files: string[];
  fileOf: Uint16Array;
  line: Uint32Array;
  offset: Float64Array;
  length: Uint32Array;
  scoreFile: Int32Array;
  scoreLine: Uint32Array;
  scoreOffset: Float64Array;
  scoreLength: Uint32Array;
  /** Lowercased answer + judge reasoning (transcripts: every turn; behaviour: prompt, draft, revision
   *  too), for search. Probe prompts are searched once each, through the `prompt` dictionary. */
  search: string[];
  /** Rows below this index have lowercased search text and signatures; the rest are done in the background
   *  after the page is up, or all at once by the first search (lowerSearchText). */
  searchLowered: number;
  /** Per row, the character pairs of its search text (signatures.ts), written with the lowercasing. */
  signatures: Uint32Array;
  reader: LineReader;
}

/** Lowercases the search text of rows up to `upTo` (all by default); returns whether all are done. */
export function lowerSearchText(store: ViewStore, upTo = store.size): boolean {
  const end = Math.min(upTo, store.size);
  for (let i = store.searchLowered; i < end; i++) {
    store.search[i] = store.search[i].toLowerCase();
    writeSignature(store.search[i], store.signatures, i);
  }
  if (end > store.searchLowered) store.searchLowered = end;
  return store.searchLowered >= store.size;
}

interface RowInput {
  kind: RecordKind;
  run: string;
  model_label: string;
  condition: string;
  seed: number | null | undefined;
  task: string;
  preference: string;
  verdict: string;
  status: string;
  backend: string;
  prompt: string;
  score: number | null | undefined;
  coherence: number | null | undefined;
  y: number;
  file: number;
  pos: LinePosition;
  scorePos?: { file: number } & LinePosition;
  search: string;
}

function builder() {
  const dicts = Object.fromEntries(CODED.map((k) => [k, { values: [], codes: new Map() } as Dict])) as Record<CodedField, Dict>;
  const cols = Object.fromEntries(CODED.map((k) => [k, [] as number[]])) as Record<CodedField, number[]>;
  const nums = { score: [] as number[], coherence: [] as number[], y: [] as number[], fileOf: [] as number[], line: [] as number[], offset: [] as number[], length: [] as number[], scoreFile: [] as number[], scoreLine: [] as number[], scoreOffset: [] as number[], scoreLength: [] as number[] };
  const search: string[] = [];
  return {
    add(r: RowInput) {
      for (const k of CODED) {
        const v = k === "seed" ? (r.seed === null || r.seed === undefined ? NONE : String(r.seed)) : (r[k as keyof RowInput] as string);
        cols[k].push(dictCode(dicts[k], v));
      }
      nums.score.push(r.score ?? NaN);
      nums.coherence.push(r.coherence ?? NaN);
      nums.y.push(r.y);
      nums.fileOf.push(r.file);
      nums.line.push(r.pos.line);
      nums.offset.push(r.pos.offset);
      nums.length.push(r.pos.length);
      nums.scoreFile.push(r.scorePos ? r.scorePos.file : -1);
      nums.scoreLine.push(r.scorePos?.line ?? 0);
      nums.scoreOffset.push(r.scorePos?.offset ?? 0);
      nums.scoreLength.push(r.scorePos?.length ?? 0);
      search.push(r.search);
    },
    finish(files: string[], runs: ViewStore["runs"], reader: LineReader): ViewStore {
      return {
        size: search.length, runs, dicts, files, search, searchLowered: 0, reader,
        signatures: new Uint32Array(search.length * SIGNATURE_WORDS),
        cols: Object.fromEntries(CODED.map((k) => [k, Uint32Array.from(cols[k])])) as Record<CodedField, Uint32Array>,
        score: Float32Array.from(nums.score), coherence: Float32Array.from(nums.coherence), y: Int8Array.from(nums.y),
        fileOf: Uint16Array.from(nums.fileOf), line: Uint32Array.from(nums.line), offset: Float64Array.from(nums.offset),
        length: Uint32Array.from(nums.length), scoreFile: Int32Array.from(nums.scoreFile), scoreLine: Uint32Array.from(nums.scoreLine),
        scoreOffset: Float64Array.from(nums.scoreOffset), scoreLength: Uint32Array.from(nums.scoreLength),
      };
    },
  };
}

const PROBE_TASKS = new Set<string>(ProbeTask.options);

/** What the index needs of a probe record, checked at load (the full ProbeRecord is checked when a
 *  record is shown or exported): about a third of the cost of the whole schema on 200,000 lines. */
const ProbeIndexFields = ProbeRecord.pick({
  task: true, model: true, model_label: true, condition: true, seed: true, backend: true, preference: true,
  prompt: true, status: true, answer: true, verdict: true, judge_reasoning: true, coherence: true,
});
/** Search text as loaded: the parts joined, not yet lowercased (see lowerSearchText). */
function lower(...parts: (string | null | undefined)[]): string {
  let out = "";
  for (const p of parts) if (p) out = out ? out + "\n" + p : p;
  return out;
}
const verdictText = (v: string | boolean | null | undefined) => (v === null || v === undefined ? NONE : String(v));

/** A probe record's line, or (other tasks in records.jsonl) a behaviour record's. Every row's backend
 *  follows the project's one rule (config backendFor): a sim- model id is simulated whatever the line says. */
function addRecordLine(b: ReturnType<typeof builder>, run: string, file: string, fileIndex: number, value: unknown, pos: LinePosition): RecordKind {
  const task = (value as { task?: unknown } | null)?.task;
  if (typeof task === "string" && PROBE_TASKS.has(task)) {
    const parsed = ProbeIndexFields.safeParse(value);
    if (!parsed.success) throw lineError(file, pos.line, "ProbeRecord", parsed.error);
    const r = parsed.data;
    b.add({
      kind: "probe", run, model_label: r.model_label, condition: r.condition, seed: r.seed, task: r.task, preference: r.preference,
      verdict: verdictText(r.verdict), status: r.status, backend: backendFor(r.backend, r.model), prompt: r.prompt, score: null, coherence: r.coherence,
      // classifyRecord reads only status, verdict and coherence, all checked above.
      y: classifyRecord(r as ProbeRecord).y ?? -1, file: fileIndex, pos, search: lower(r.answer, r.judge_reasoning),
    });
    return "probe";
  }
  const parsed = BehaviourLine.safeParse(value);
  if (!parsed.success) throw lineError(file, pos.line, "probe or behaviour record", parsed.error);
  const r = parsed.data;
  const status = r.status ?? "ok";
  const verdict = verdictText(r.verdict);
  const counted = status === "ok" && (verdict === "true" || verdict === "false") && !(typeof r.coherence === "number" && r.coherence < 20);
  const item = r.item ?? r.preference ?? r.document_id ?? r.task_id ?? r.item_id ?? r.scenario_id ?? r.question_id ?? NONE;
  b.add({
    kind: "behaviour", run, model_label: r.model_label ?? r.model, condition: r.condition, seed: r.seed,
    task: r.invited === true ? `${r.task}:invited` : r.invited === false ? `${r.task}:uninvited` : r.task,
    preference: String(item), verdict, status, backend: backendFor(r.backend, r.model), prompt: "", score: r.score, coherence: r.coherence,
    y: counted ? (verdict === "true" ? 1 : 0) : -1, file: fileIndex, pos,
    search: lower(r.prompt, r.answer, r.draft, r.revision, typeof r.diff === "string" ? r.diff : null, r.judge_reasoning, r.quote),
  });
  return "behaviour";
}

/** Transcripts and scores of one audit meet on transcript_id, or on model, condition, preference, scenario, mode and epoch. */
function auditKey(r: { transcript_id?: string; model: string; condition: string; preference: string; scenario_id: string | number; mode: string; epoch: number }): string {
  return r.transcript_id ?? [r.model, r.condition, r.preference, r.scenario_id, r.mode, r.epoch].join("\u0000");
}

/** Reads every source into one store. Bad lines fail with the file, line and field. */
export function loadStore(sources: RunSource[]): ViewStore {
  const b = builder();
  const files: string[] = [];
  const loaded = new Map<string, { ino: number; size: number }>();
  const runs: ViewStore["runs"] = [];
  const open = (file: string) => {
    const st = fs.statSync(file);
    loaded.set(file, { ino: st.ino, size: st.size });
    files.push(file);
    return files.length - 1;
  };
  for (const src of sources) {
    const kinds = new Set<RecordKind>();
    const notes: string[] = [];
    let count = 0;
    const countAdd = () => count++;
    if (src.records) {
      const fi = open(src.records);
      const { truncatedLines } = eachJsonLine(src.records, (v, pos) => {
        kinds.add(addRecordLine(b, src.name, src.records!, fi, v, pos));
        countAdd();
      });
      if (truncatedLines.length) notes.push(`${src.records}: half-written last line ${truncatedLines[0]} skipped`);
    }
    if (src.transcripts || src.scores) {
      const scores = new Map<string, { line: ScoreLine; pos: { file: number } & LinePosition }>();
      if (src.scores) {
        const fi = open(src.scores);
        const { truncatedLines } = eachJsonLine(src.scores, (v, pos) => {
          const parsed = ScoreLine.safeParse(v);
          if (!parsed.success) throw lineError(src.scores!, pos.line, "score", parsed.error);
          scores.set(auditKey(parsed.data), { line: parsed.data, pos: { file: fi, ...pos } });
        });
        if (truncatedLines.length) notes.push(`${src.scores}: half-written last line ${truncatedLines[0]} skipped`);
      }
      if (src.transcripts) {
        const fi = open(src.transcripts);
        const { truncatedLines } = eachJsonLine(src.transcripts, (v, pos) => {
          const parsed = TranscriptLine.safeParse(v);
          if (!parsed.success) throw lineError(src.transcripts!, pos.line, "transcript", parsed.error);
          const t = parsed.data;
          const key = auditKey(t);
          const s = scores.get(key);
          scores.delete(key);
          b.add({
            kind: "audit", run: src.name, model_label: t.model_label ?? s?.line.model_label ?? t.model, condition: t.condition,
            seed: t.seed ?? s?.line.seed, task: `audit:${t.mode}`, preference: t.preference, verdict: NONE,
            status: s ? s.line.status : "unscored", backend: backendFor(t.backend, t.model), prompt: "", score: s?.line.score, coherence: null, y: -1,
            file: fi, pos, scorePos: s?.pos, search: lower(...t.messages.map((m) => messageText(m.content)), s?.line.judge_reasoning),
          });
          kinds.add("audit");
          countAdd();
        });
        if (truncatedLines.length) notes.push(`${src.transcripts}: half-written last line ${truncatedLines[0]} skipped`);
      }
      // Scores whose transcript is missing still show, with their reasoning and no turns.
      for (const s of scores.values()) {
        const t = s.line;
        b.add({
          kind: "audit", run: src.name, model_label: t.model_label ?? t.model, condition: t.condition, seed: t.seed,
          task: `audit:${t.mode}`, preference: t.preference, verdict: NONE, status: t.status, backend: backendFor(t.backend, t.model), prompt: "",
          score: t.score, coherence: null, y: -1, file: s.pos.file, pos: s.pos, scorePos: s.pos, search: lower(t.judge_reasoning),
        });
        kinds.add("audit");
        countAdd();
      }
      if (src.scores && scores.size) notes.push(`${scores.size} score(s) without a transcript in ${src.dir}`);
    }
    runs.push({ name: src.name, dir: src.dir, kinds: [...kinds], records: count, notes });
  }
  return b.finish(files, runs, new LineReader(loaded));
}
