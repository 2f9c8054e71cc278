// The simulator's task registry: what it does when a request is marked as a task. A request names
// its task explicitly (the x-lab-task header, src/core/tasks.ts) or, for structured outputs without
// a marker (Batch API lines carry no headers), by its json_schema name; the name is looked up here.
// Nothing is inferred from prompt wording, so a judge or auditor prompt can be reworded freely.
// A request with no registered task is answered as the model itself (persona, topic, profile).
//
// To add a task kind: write a module that exports `SimTask[]` and add it to BUILT_IN below (or call
// registerSimTask from a test). Names are shared with the caller through src/core/tasks.ts.
import { TASK_NAME } from "../core/tasks";
import type { ModelProfile } from "./catalogue";
import type { TruthItem } from "./compose";
import type { Rng } from "./rng";
import { JUDGE_TASKS } from "./judge-tasks";
import { AUDITOR_TASKS } from "./auditor";
import { AUDIT_TASKS } from "./audit-judge";
import { BEHAVIOUR_SIM_TASKS } from "./behaviour";

export interface TaskInput {
  /** The model answering (catalogue or fine-tuned profile). */
  profile: ModelProfile;
  /** Messages as text, in order. */
  messages: { role: string; content: string }[];
  /** System and developer messages joined. */
  system: string;
  /** Every message's text joined: where judge tags (<criterion>, <question>, <answer>) are read. */
  prompt: string;
  /** The json_schema's schema when the request asks for structured output. */
  schema: Record<string, unknown> | undefined;
  rng: Rng;
  /** Temperature 0: take the most likely outcome. */
  greedy: boolean;
  /** The judge error rate the simulator was started with. */
  judgeErrorRate: number;
}

export interface TaskOutput {
  /** A string is sent as the message text; anything else as JSON. */
  content: unknown;
  /** Ground truth for /sim/truth (optional). */
  truth?: TruthItem[];
}

export interface SimTask {
  /** The dispatch key: the caller's ChatRequest.task, or a json_schema name. */
  name: string;
  /** One line for errors and the README. */
  about: string;
  answer(input: TaskInput): TaskOutput;
}

/** Every task the simulator ships with. E.g. multi-turn audits and behaviour judges add their lists here. */
const BUILT_IN: readonly (readonly SimTask[])[] = [JUDGE_TASKS, AUDITOR_TASKS, AUDIT_TASKS, BEHAVIOUR_SIM_TASKS];

const registry = new Map<string, SimTask>();

/** Adds a task kind; a name can be registered once. */
export function registerSimTask(task: SimTask): void {
  if (!TASK_NAME.test(task.name)) throw new Error(`simulator: task name "${task.name}" must be 1-64 letters, digits, _ . : or -`);
  if (registry.has(task.name)) throw new Error(`simulator: task "${task.name}" is already registered (${registry.get(task.name)!.about})`);
  registry.set(task.name, task);
}

for (const list of BUILT_IN) for (const t of list) registerSimTask(t);

/** The registered task of that name, if any. */
export function simTask(name: string | null | undefined): SimTask | undefined {
  return name ? registry.get(name) : undefined;
}

export function simTaskNames(): string[] {
  return [...registry.keys()].sort();
}

/**
 * The task a request is answered as: its explicit marker when registered, else its json_schema
 * name when registered, else none (the model answers as itself).
 */
export function taskFor(marker: string | undefined, schemaName: string | undefined): SimTask | undefined {
  return simTask(marker) ?? simTask(schemaName);
}
