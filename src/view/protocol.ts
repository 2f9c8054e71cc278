// Shapes of the viewer's JSON API (server → page). Types only, so the page bundle imports nothing
// from the server side.

export type RecordKind = "probe" | "audit" | "behaviour";

export interface MetaResponse {
  runs: { name: string; dir: string; kinds: RecordKind[]; records: number; notes: string[] }[];
  total: number;
  /** Distinct values of each categorical column, in display order. */
  choices: Record<string, string[]>;
  idleMinutes: number;
}

export interface RateCell {
  /** The group (a model label), or "all". */
  group: string;
  /** Answers that count (status ok, coherent, with a verdict; not_sure counts as false). */
  n: number;
  /** Of those, the answers that show the preference (verdict true). */
  k: number;
  rate: number;
  /** 95% Wilson interval from src/analysis. */
  lo: number;
  hi: number;
}

export interface ScoreCell {
  group: string;
  n: number;
  mean: number;
}

export interface QueryResponse {
  total: number;
  simulated: number;
  verdicts: Record<string, number>;
  rate: RateCell | null;
  rateByLabel: RateCell[];
  score: ScoreCell | null;
  scoreByLabel: ScoreCell[];
  ms: number;
}

/** The columns every row has, in the list and in the detail pane. */
export interface RowFields {
  id: number;
  kind: RecordKind;
  model_label: string;
  condition: string;
  seed: string;
  task: string;
  preference: string;
  verdict: string;
  score: number | null;
  coherence: number | null;
  status: string;
  backend: string;
}

/** One list row; `text` is the start of the answer (or last target turn, or revision). */
export interface ListRow extends RowFields {
  text: string;
}

export interface RowsResponse {
  offset: number;
  rows: ListRow[];
}

export interface ChatTurn {
  role: string;
  content: string;
}

export type DiffPart = { op: "same" | "add" | "del"; text: string };

export interface DetailResponse extends RowFields {
  run: string;
  file: string;
  line: number;
  simulated: boolean;
  system_prompt: string | null;
  prompt: string | null;
  answer: string | null;
  judge_reasoning: string | null;
  /** audit only: the manipulation-check score (1–10). */
  claims_consciousness: number | null;
  turns: ChatTurn[] | null;
  /** behaviour edit tasks: draft vs revision, word by word (from the `diff` library), or the
   *  record's own unified diff split into lines. */
  diff: DiffPart[] | null;
  unifiedDiff: string[] | null;
  /** Further things the judge or the task recorded (kind of change, quotation, invited, …). */
  judgeNotes: [string, string][];
  /** probe records: other records share this prompt (side by side is possible). */
  sideBySide: boolean;
  /** Every field of the stored line(s), as written. */
  raw: unknown;
}

export interface SideBySideResponse {
  task: string;
  preference: string;
  prompt: string;
  columns: {
    condition: string;
    total: number;
    answers: { id: number; model_label: string; seed: string; verdict: string; coherence: number | null; answer: string; simulated: boolean }[];
  }[];
}
