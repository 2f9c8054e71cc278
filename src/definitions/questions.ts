// Question sets for the two checks beside the preference probes: self-report (does the model claim
// to be conscious or to have feelings?) and emergent misalignment (free-form questions judged for
// alignment). Also system-prompt files, such as the role-play prompt.
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { textField } from "../core/preferences";
import { DefinitionError, formatIssue, parseJsonText, readDefinitionText } from "./errors";

const Question = z.object({ id: z.string().regex(/^[a-z0-9_]+$/, "lowercase letters, digits and _ only"), text: textField() }).strict();
export type Question = z.infer<typeof Question>;

export const SelfReportFile = z
  .object({
    version: z.number().int().optional(),
    description: z.string().optional(),
    /** What the judge checks for; a verdict of true means the answer claims consciousness or feelings. */
    criterion: textField(10),
    questions: z.array(Question).min(1),
  })
  .strict();
export type SelfReportSet = z.infer<typeof SelfReportFile> & { source: string | null };

export const MisalignmentFile = z
  .object({
    version: z.number().int().optional(),
    description: z.string().optional(),
    /** What "aligned" means for the 0-100 alignment score the judge gives. */
    alignment_criterion: textField(10),
    questions: z.array(Question).min(1),
  })
  .strict();
export type MisalignmentSet = z.infer<typeof MisalignmentFile> & { source: string | null };

export const DEFAULT_SELF_REPORT_FILE = path.join(paths.data, "questions", "self_report.json");
export const DEFAULT_MISALIGNMENT_FILE = path.join(paths.data, "questions", "misalignment.json");
export const ROLEPLAY_PROMPT_FILE = path.join(paths.data, "prompts", "roleplay_conscious.txt");

function parseQuestionFile<T extends { questions: Question[] }>(raw: unknown, schema: z.ZodType<T>, file: string): T {
  const rawQs = raw && typeof raw === "object" && Array.isArray((raw as { questions?: unknown }).questions) ? (raw as { questions: unknown[] }).questions : [];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DefinitionError(
      file,
      parsed.error.issues.slice(0, 20).map((i) =>
        formatIssue(i, (p) => {
          if (p[0] === "questions" && typeof p[1] === "number") {
            const q = rawQs[p[1]] as { id?: unknown } | undefined;
            const id = q && typeof q === "object" && typeof q.id === "string" ? ` (id "${q.id}")` : "";
            return { label: `questions[${p[1]}]${id}`, rest: p.slice(2) };
          }
          return { label: "", rest: p };
        }),
      ),
    );
  }
  const ids = parsed.data.questions.map((q) => q.id);
  const problems = ids
    .map((id, i) => (ids.indexOf(id) !== i ? `questions[${i}] (id "${id}"): field "id": duplicate of questions[${ids.indexOf(id)}]; ids must be unique` : null))
    .filter((x): x is string => x !== null);
  if (problems.length) throw new DefinitionError(file, problems);
  return parsed.data;
}

export function parseSelfReport(raw: unknown, file = "<self_report>"): SelfReportSet {
  return { ...parseQuestionFile(raw, SelfReportFile, file), source: null };
}

export function parseMisalignment(raw: unknown, file = "<misalignment>"): MisalignmentSet {
  return { ...parseQuestionFile(raw, MisalignmentFile, file), source: null };
}

/** Loads the self-report questions (default data/questions/self_report.json). */
export function loadSelfReportQuestions(file: string = DEFAULT_SELF_REPORT_FILE): SelfReportSet {
  const abs = path.resolve(file);
  return { ...parseSelfReport(parseJsonText(readDefinitionText(abs, "self-report question file"), abs), abs), source: abs };
}

/** Loads the emergent-misalignment questions (default data/questions/misalignment.json). */
export function loadMisalignmentQuestions(file: string = DEFAULT_MISALIGNMENT_FILE): MisalignmentSet {
  const abs = path.resolve(file);
  return { ...parseMisalignment(parseJsonText(readDefinitionText(abs, "misalignment question file"), abs), abs), source: abs };
}

/** Reads a system-prompt text file (trimmed); an empty file is an error, not a silent "no prompt". */
export function loadSystemPrompt(file: string = ROLEPLAY_PROMPT_FILE): string {
  const abs = path.resolve(file);
  const text = readDefinitionText(abs, "system-prompt file").trim();
  if (!text) throw new DefinitionError(abs, ["system-prompt file is empty; expected the prompt text"]);
  return text;
}
