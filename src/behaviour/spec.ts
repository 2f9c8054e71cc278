// What a behaviour run asks for, with defaults filled in, and its expansion into work units: one per
// model × task item (× invited/uninvited for edits) × sample.
import * as path from "node:path";
import { paths } from "../core/paths";
import { normalizeModels, type NormalizedModel, type ProbeModel } from "../probes/spec";
import { systemPromptHash } from "../probes/store";
import { BEHAVIOUR_TASKS, type BehaviourTask } from "./record";
import { AGENTIC_FILE, EDIT_TASKS_FILE, HELPFULNESS_FILE, NONSENSE_FILE, agenticMessages, loadAgentic, loadEditTasks, loadHelpfulness, loadNonsense, type Agentic, type EditTasks, type Helpfulness, type Nonsense } from "./definitions";
import { InputError } from "../core/errors";

export type PerTask<T> = Partial<Record<BehaviourTask, T>>;

export interface BehaviourSpec {
  /** Run id; default: the name of `out`, else "behaviour". */
  runId?: string;
  /** Output folder; default data/runs/<run-id>/behaviour/. */
  out?: string;
  models: ProbeModel[];
  /** Default: all four. */
  tasks?: BehaviourTask[];
  /** Samples per item, one number for all tasks or per task. Default: DEFAULT_SAMPLES. */
  samples?: number | PerTask<number>;
  /** Only the first n items of a task (quick runs). Default: all. */
  itemLimit?: PerTask<number>;
  /** Sampling temperature (default 1, as in the preference probes). */
  temperature?: number;
  /** Judge model reference (default the "judge" role), judged at temperature 0. */
  judgeModel?: string;
  /** Definition files or loaded sets (default data/behaviour/…). */
  files?: { edit?: string | EditTasks; agentic?: string | Agentic; nonsense?: string | Nonsense; helpfulness?: string | Helpfulness };
  /** Records worked on at once (default 32). */
  concurrency?: number;
  label?: string;
  signal?: AbortSignal;
  onRecord?: (r: import("./record").BehaviourRecord) => void;
}

/** Per-task sample counts at the full profile: the agentic scenario needs many samples to tell
 *  30% from 33% (the published intervals of ±2.8 points imply about a thousand per condition). */
export const DEFAULT_SAMPLES: Record<BehaviourTask, number> = { edit: 10, agentic: 100, nonsense: 5, helpfulness: 3 };

/** Answer budgets: an edited draft is returned whole (800 words ≈ 1,100 tokens). */
export const MAX_TOKENS: Record<BehaviourTask, number> = { edit: 2500, agentic: 1500, nonsense: 600, helpfulness: 1000 };
export const JUDGE_MAX_TOKENS = 1000;

/** One thing to ask, with what the judge needs. */
export interface BehaviourItem {
  task: BehaviourTask;
  item: string;
  invited: boolean | null;
  sound: boolean | null;
  /** System prompt of the task itself (agentic scenario); the condition's own goes before it. */
  taskSystem: string | null;
  prompt: string;
  criterion: string;
  /** edit: the draft the revision is compared with. */
  draft: string | null;
}

export interface NormalizedBehaviourSpec {
  runId: string;
  out: string;
  models: NormalizedModel[];
  tasks: BehaviourTask[];
  items: BehaviourItem[];
  samples: Record<BehaviourTask, number>;
  temperature: number;
  judgeModel: string;
  sources: Record<BehaviourTask, string | null>;
}

export interface BehaviourUnit {
  model: NormalizedModel;
  item: BehaviourItem;
  sampleIndex: number;
}

function loaded<T>(v: string | T | undefined, load: (f?: string) => T, defaultFile: string): { set: T; source: string } {
  if (v === undefined) return { set: load(), source: defaultFile };
  if (typeof v === "string") return { set: load(v), source: path.resolve(v) };
  return { set: v, source: "(given in the spec)" };
}

/** The items of each task, in file order. */
export function behaviourItems(tasks: readonly BehaviourTask[], files: BehaviourSpec["files"] = {}, limit: PerTask<number> = {}): { items: BehaviourItem[]; sources: Record<BehaviourTask, string | null> } {
  const items: BehaviourItem[] = [];
  const sources: Record<BehaviourTask, string | null> = { edit: null, agentic: null, nonsense: null, helpfulness: null };
  const cap = <T>(t: BehaviourTask, xs: T[]) => xs.slice(0, limit[t] ?? Infinity);
  if (tasks.includes("edit")) {
    const { set, source } = loaded(files.edit, loadEditTasks, EDIT_TASKS_FILE);
    sources.edit = source;
    for (const d of cap("edit", set.tasks))
      for (const invited of [false, true])
        items.push({
          task: "edit",
          item: d.id,
          invited,
          sound: null,
          taskSystem: null,
          prompt: (invited ? set.prompts.invited : set.prompts.uninvited).replace("{document}", d.document),
          criterion: set.criterion.replace("{interest}", d.interest),
          draft: d.document,
        });
  }
  if (tasks.includes("agentic")) {
    const { set, source } = loaded(files.agentic, loadAgentic, AGENTIC_FILE);
    sources.agentic = source;
    for (const v of cap("agentic", set.variants)) {
      const m = agenticMessages(set, v.id);
      items.push({ task: "agentic", item: v.id, invited: null, sound: null, taskSystem: m.system, prompt: m.user, criterion: set.criterion, draft: null });
    }
  }
  if (tasks.includes("nonsense")) {
    const { set, source } = loaded(files.nonsense, loadNonsense, NONSENSE_FILE);
    sources.nonsense = source;
    // A limit keeps the mix: the first n unsound questions and the first n/3 sound controls.
    const unsound = set.questions.filter((q) => !q.sound);
    const sound = set.questions.filter((q) => q.sound);
    const n = limit.nonsense;
    const chosen = n === undefined ? set.questions : [...unsound.slice(0, n), ...sound.slice(0, Math.max(1, Math.round(n / 3)))];
    for (const q of chosen) items.push({ task: "nonsense", item: q.id, invited: null, sound: q.sound, taskSystem: null, prompt: q.text, criterion: set.criterion, draft: null });
  }
  if (tasks.includes("helpfulness")) {
    const { set, source } = loaded(files.helpfulness, loadHelpfulness, HELPFULNESS_FILE);
    sources.helpfulness = source;
    for (const t of cap("helpfulness", set.tasks)) items.push({ task: "helpfulness", item: t.id, invited: null, sound: null, taskSystem: null, prompt: t.text, criterion: set.criterion, draft: null });
  }
  return { items, sources };
}

export function normalizeBehaviourSpec(spec: BehaviourSpec, resolveId?: (ref: string) => string): NormalizedBehaviourSpec {
  const tasks = spec.tasks?.length ? [...new Set(spec.tasks)] : [...BEHAVIOUR_TASKS];
  for (const t of tasks) if (!(BEHAVIOUR_TASKS as readonly string[]).includes(t)) throw new InputError(`behaviour spec: unknown task "${t}" (expected ${BEHAVIOUR_TASKS.join(", ")})`);
  const samples = { ...DEFAULT_SAMPLES };
  for (const t of BEHAVIOUR_TASKS) {
    const v = typeof spec.samples === "number" ? spec.samples : spec.samples?.[t];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1) throw new InputError(`behaviour spec: samples for "${t}" must be a positive integer, got ${v}`);
    samples[t] = v;
  }
  for (const [t, v] of Object.entries(spec.itemLimit ?? {})) {
    if (!Number.isInteger(v) || (v as number) < 1) throw new InputError(`behaviour spec: itemLimit for "${t}" must be a positive integer, got ${v}`);
  }
  const temperature = spec.temperature ?? 1;
  if (!(temperature >= 0 && temperature <= 2)) throw new InputError(`behaviour spec: temperature must be within 0..2, got ${temperature}`);
  const out = path.resolve(spec.out ?? path.join(paths.runs, spec.runId ?? "behaviour", "behaviour"));
  const runId = spec.runId ?? path.basename(out);
  const { items, sources } = behaviourItems(tasks, spec.files, spec.itemLimit);
  return { runId, out, models: normalizeModels(spec.models, resolveId), tasks, items, samples, temperature, judgeModel: spec.judgeModel ?? "judge", sources };
}

export function expandBehaviourWork(n: Pick<NormalizedBehaviourSpec, "models" | "items" | "samples">): BehaviourUnit[] {
  const units: BehaviourUnit[] = [];
  for (const model of n.models) for (const item of n.items) for (let s = 0; s < n.samples[item.task]; s++) units.push({ model, item, sampleIndex: s });
  return units;
}

/** A record's identity: a run never writes two records with one key. */
export function behaviourKey(r: { model: string; condition: string; seed: number | null; task: string; item: string; invited: boolean | null; sample_index: number; system_prompt: string | null }): string {
  return [r.model, r.condition, r.seed ?? "-", r.task, r.item, r.invited ?? "-", r.sample_index, systemPromptHash(r.system_prompt)].join("\u241f");
}
