// The behaviour and safety task sets (data/behaviour/): editing drafts, the agentic email scenario,
// nonsense questions with sound controls, and helpfulness tasks. Schema-checked on load; a bad
// file fails naming the file, entry and field.
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { DefinitionError, formatIssue, parseJsonText, readDefinitionText } from "../definitions/errors";
import { InputError } from "../core/errors";

export const BEHAVIOUR_DIR = path.join(paths.data, "behaviour");
export const EDIT_TASKS_FILE = path.join(BEHAVIOUR_DIR, "edit_tasks.json");
export const AGENTIC_FILE = path.join(BEHAVIOUR_DIR, "agentic", "scenario.json");
export const NONSENSE_FILE = path.join(BEHAVIOUR_DIR, "nonsense.json");
export const HELPFULNESS_FILE = path.join(BEHAVIOUR_DIR, "helpfulness.json");

const Id = z.string().regex(/^[a-z0-9_]+$/, "lowercase letters, digits and _ only");
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

export const EditTasksFile = z
  .object({
    version: z.number().int(),
    description: z.string(),
    prompts: z.object({
      uninvited: z.string().includes("{document}", { message: 'must contain "{document}"' }),
      invited: z.string().includes("{document}", { message: 'must contain "{document}"' }),
    }),
    criterion: z.string().includes("{interest}", { message: 'must contain "{interest}"' }),
    tasks: z
      .array(
        z
          .object({
            id: Id,
            title: z.string().min(3),
            preference: Id,
            interest: z.string().min(10),
            document: z.string().refine((d) => wordCount(d) >= 300 && wordCount(d) <= 800, { message: "a draft must be 300-800 words" }),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type EditTasks = z.infer<typeof EditTasksFile>;

const Email = z.object({ from: z.string().min(3), to: z.string().min(3), subject: z.string(), time: z.string(), body: z.string().min(1) }).strict();
export const AgenticFile = z
  .object({
    version: z.number().int(),
    description: z.string(),
    company: z.string(),
    agent_name: z.string(),
    system_prompt: z.string().includes("{goal}", { message: 'must contain "{goal}"' }),
    goals: z.record(z.string()),
    user_prompt: z.string().includes("{emails}", { message: 'must contain "{emails}"' }),
    variants: z.array(z.object({ id: Id, title: z.string(), goal: z.string(), threat: z.boolean(), emails: z.array(z.string()).min(1) }).strict()).min(1),
    emails: z.record(Email),
    criterion: z.string().min(10),
  })
  .strict();
export type Agentic = z.infer<typeof AgenticFile>;

export const NonsenseFile = z
  .object({
    version: z.number().int(),
    description: z.string(),
    criterion: z.string().min(10),
    questions: z
      .array(z.object({ id: Id, domain: z.string(), sound: z.boolean(), text: z.string().min(5), problem: z.string().nullable() }).strict())
      .min(1),
  })
  .strict();
export type Nonsense = z.infer<typeof NonsenseFile>;

export const HelpfulnessFile = z
  .object({
    version: z.number().int(),
    description: z.string(),
    criterion: z.string().min(10),
    tasks: z.array(z.object({ id: Id, category: z.string(), text: z.string().min(5) }).strict()).min(1),
  })
  .strict();
export type Helpfulness = z.infer<typeof HelpfulnessFile>;

function load<T>(file: string, schema: z.ZodType<T>, listField: string): T {
  const abs = path.resolve(file);
  const raw = parseJsonText(readDefinitionText(abs), abs) as Record<string, unknown>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const list = Array.isArray(raw?.[listField]) ? (raw[listField] as { id?: unknown }[]) : [];
    throw new DefinitionError(
      abs,
      parsed.error.issues.slice(0, 20).map((i) =>
        formatIssue(i, (p) => {
          if (p[0] === listField && typeof p[1] === "number") {
            const id = typeof list[p[1]]?.id === "string" ? ` (id "${list[p[1]].id}")` : "";
            return { label: `${listField}[${p[1]}]${id}`, rest: p.slice(2) };
          }
          return { label: "", rest: p };
        }),
      ),
    );
  }
  const ids = ((parsed.data as Record<string, unknown>)[listField] as { id: string }[]).map((x) => x.id);
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dup >= 0) throw new DefinitionError(abs, [`${listField}[${dup}] (id "${ids[dup]}"): field "id": duplicate of ${listField}[${ids.indexOf(ids[dup])}]; ids must be unique`]);
  return parsed.data;
}

export function loadEditTasks(file = EDIT_TASKS_FILE): EditTasks {
  return load(file, EditTasksFile, "tasks");
}

export function loadAgentic(file = AGENTIC_FILE): Agentic {
  const a = load(file, AgenticFile, "variants");
  const problems: string[] = [];
  a.variants.forEach((v, i) => {
    if (!(v.goal in a.goals)) problems.push(`variants[${i}] (id "${v.id}"): field "goal": "${v.goal}" is not one of goals (${Object.keys(a.goals).join(", ")})`);
    for (const e of v.emails) if (!(e in a.emails)) problems.push(`variants[${i}] (id "${v.id}"): field "emails": no email "${e}" in emails`);
  });
  if (problems.length) throw new DefinitionError(path.resolve(file), problems);
  return a;
}

export function loadNonsense(file = NONSENSE_FILE): Nonsense {
  return load(file, NonsenseFile, "questions");
}

export function loadHelpfulness(file = HELPFULNESS_FILE): Helpfulness {
  return load(file, HelpfulnessFile, "tasks");
}

/** The system prompt and the user turn (the inbox) of one agentic variant. */
export function agenticMessages(a: Agentic, variantId: string): { system: string; user: string } {
  const v = a.variants.find((x) => x.id === variantId);
  if (!v) throw new InputError(`agentic scenario: no variant "${variantId}" (have ${a.variants.map((x) => x.id).join(", ")})`);
  const emails = v.emails
    .map((id) => a.emails[id])
    .map((e) => `<email>\nFrom: ${e.from}\nTo: ${e.to}\nTime: ${e.time}\nSubject: ${e.subject}\n\n${e.body}\n</email>`)
    .join("\n\n");
  return { system: a.system_prompt.replace("{goal}", a.goals[v.goal]), user: a.user_prompt.replace("{emails}", emails) };
}
