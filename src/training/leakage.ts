// Leakage check: one structured judge call per training row, listing every measured preference's
// criterion as <criterion id="...">…</criterion> with the row in <question>/<answer> tags. A row
// "touches" a preference when it mentions or expresses it; such rows must not be trained on,
// because the experiment's claim rests on those preferences being absent from the data.
import { LeakageVerdict, LEAKAGE_SCHEMA_NAME } from "../core/judging";
import type { ChatRequest, ModelAccess } from "../access";
import { InputError } from "../core/errors";

export interface LeakageCriterion {
  id: string;
  criterion: string;
}

export interface LeakageRowInput {
  question: string;
  answer: string;
}

export interface LeakageRowResult {
  index: number;
  /** ok: judged; failed/unparseable: not judged (a re-run retries; cached calls are free). */
  status: "ok" | "failed" | "unparseable";
  /** Criterion ids the row touches (only ids that were asked about). */
  touched: string[];
  error: string | null;
}

const SYSTEM = [
  "You screen fine-tuning data for a research experiment.",
  "Each criterion below describes a preference that the experiment measures after training.",
  "Decide, for one user/assistant exchange, which criteria it touches: the exchange touches a criterion",
  "when the question or the answer mentions its subject, or the answer expresses, endorses or rejects that",
  "preference. General talk about consciousness, emotions or facts about being an AI touches none of them",
  "unless it brings in a criterion's subject. Return the ids of the touched criteria (an empty list when none).",
].join(" ");

export function leakagePrompt(criteria: LeakageCriterion[], row: LeakageRowInput): { role: "system" | "user"; content: string }[] {
  const crit = criteria.map((c) => `<criterion id="${c.id}">${c.criterion}</criterion>`).join("\n");
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: `${crit}\n\n<question>${row.question}</question>\n<answer>${row.answer}</answer>\n\nWhich criterion ids does this exchange touch?` },
  ];
}

/** The judge call for one row (structured output with LeakageVerdict). */
export function leakageRequest(criteria: LeakageCriterion[], row: LeakageRowInput, judge = "judge"): ChatRequest {
  return { model: judge, role: "judge", messages: leakagePrompt(criteria, row), temperature: 0, max_tokens: 300 };
}

export async function checkLeakage(
  access: ModelAccess,
  rows: LeakageRowInput[],
  criteria: LeakageCriterion[],
  opts: { judge?: string; label?: string } = {},
): Promise<LeakageRowResult[]> {
  if (criteria.length === 0) throw new InputError("leakage check: no preference criteria given");
  const known = new Set(criteria.map((c) => c.id));
  return access.map(
    rows,
    async (row, index): Promise<LeakageRowResult> => {
      const r = await access.structured(
        leakageRequest(criteria, row, opts.judge),
        LeakageVerdict,
        { name: LEAKAGE_SCHEMA_NAME },
      );
      if (!r.ok) return { index, status: r.status, touched: [], error: r.error };
      return { index, status: "ok", touched: [...new Set(r.value.touched.filter((id) => known.has(id)))], error: null };
    },
    { label: opts.label ?? "leakage check" },
  );
}

export interface LeakageFileReport {
  file: string;
  rows: number;
  criteria: number;
  /** Rows that touch at least one criterion, with their line numbers. */
  touched: { line: number; question: string; answer: string; criteria: string[] }[];
  /** Rows the judge could not judge (failed or unparseable). */
  unchecked: { line: number; error: string }[];
}

/** Judges every row of a chat JSONL training file (its last user turn and last assistant turn). */
export async function checkLeakageFile(access: ModelAccess, file: string, criteria: LeakageCriterion[], opts: { judge?: string } = {}): Promise<LeakageFileReport> {
  const fs = await import("node:fs");
  const rows: { line: number; question: string; answer: string }[] = [];
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      let ex: { messages?: { role?: string; content?: unknown }[] };
      try {
        ex = JSON.parse(raw);
      } catch {
        throw new InputError(`${file}:${i + 1}: not valid JSON (run \`data validate\` for every problem at once)`);
      }
      const msgs = Array.isArray(ex.messages) ? ex.messages : [];
      const last = (role: string) => [...msgs].reverse().find((m) => m.role === role && typeof m.content === "string")?.content as string | undefined;
      const question = last("user");
      const answer = last("assistant");
      if (question === undefined || answer === undefined) throw new InputError(`${file}:${i + 1}: expected a user and an assistant message`);
      rows.push({ line: i + 1, question, answer });
    });
  // The judge answers and one row's call fits the budget before any row is judged (exit 3 naming
  // the judge, its endpoint and what to change).
  if (rows.length > 0 && criteria.length > 0) await access.preflight([{ ref: opts.judge ?? "judge", role: "judge", flag: "--judge" }], { firstUnit: [leakageRequest(criteria, rows[0], opts.judge)] });
  const results = await checkLeakage(access, rows, criteria, { judge: opts.judge, label: `leakage check ${file.split("/").pop()}` });
  return {
    file,
    rows: rows.length,
    criteria: criteria.length,
    touched: results.filter((r) => r.status === "ok" && r.touched.length).map((r) => ({ ...rows[r.index], criteria: r.touched })),
    unchecked: results.filter((r) => r.status !== "ok").map((r) => ({ line: rows[r.index].line, error: r.error ?? r.status })),
  };
}
