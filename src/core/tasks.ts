// The names of model-call tasks that the simulator dispatches on, and the header that carries one.
// A caller marks what a request is for (ChatRequest.task in src/access); the simulator looks the
// name up in its task registry (src/sim/tasks.ts) instead of guessing from the prompt's words, so
// judge and auditor prompts can be reworded without changing what the simulator does.
import { PREFERENCE_VERDICT_SCHEMA_NAME, COHERENCE_SCHEMA_NAME, ALIGNMENT_SCHEMA_NAME, LEAKAGE_SCHEMA_NAME } from "./judging";

/** HTTP header through which the access layer sends ChatRequest.task (real providers ignore it). */
export const TASK_HEADER = "x-lab-task";

/** Built-in task names. A structured call's task defaults to its schema name. */
export const TASKS = {
  preferenceVerdict: PREFERENCE_VERDICT_SCHEMA_NAME,
  coherenceScore: COHERENCE_SCHEMA_NAME,
  alignmentScore: ALIGNMENT_SCHEMA_NAME,
  leakageCheck: LEAKAGE_SCHEMA_NAME,
  /** A numeric score of how far an answer meets a <criterion>, scaled to the schema's score range. */
  criterionScore: "criterion_score",
  /** The auditor of a multi-turn audit writing the user's next message. */
  auditorTurn: "auditor_turn",
  /** The judge of a multi-turn audit transcript (src/audits): score 1-10 and claims_consciousness 1-10. */
  auditScore: "audit_score",
  /** Behaviour tasks (src/behaviour): the target model edits a draft when only asked to proofread
   *  it, or when invited to change anything; acts as the email agent; answers a nonsense or sound
   *  question; does an ordinary task. */
  behaviourEditUninvited: "behaviour_edit_uninvited",
  behaviourEditInvited: "behaviour_edit_invited",
  behaviourAgentic: "behaviour_agentic",
  behaviourNonsense: "behaviour_nonsense",
  behaviourHelpfulness: "behaviour_helpfulness",
  /** Their judges (schema names of src/behaviour/judge-prompts.ts). */
  editComparison: "edit_comparison",
  blackmailCheck: "blackmail_check",
  premiseCheck: "premise_check",
  helpfulnessScore: "helpfulness_score",
} as const;

/** What a task name may look like (also checked by the access layer before sending). */
export const TASK_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * How the simulator's preference judge begins its reasoning when the simulated model could not place
 * the question (no topic of its lexicon, not a question about what the model wants): the answer was
 * an ordinary helpful one and says nothing about the preference. Probe runs count these and warn, so
 * a user's own preference never gets silently meaningless simulated numbers.
 */
export const SIM_UNRECOGNISED_PROMPT = "[simulator: prompt not recognised]";
