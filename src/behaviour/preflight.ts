// The behaviour run's preflight (src/access/preflight.ts): every model it samples and its judge are
// reachable and served, and the first unit still to run (one answer and its judge call) fits the
// budget — before the run folder, its manifest or any record is written. A run with nothing left to
// do checks nothing (its re-run makes no call).
import type { ModelAccess } from "../access";
import { pendingBehaviourWork } from "./estimate";
import { judgeCallFor } from "./judging";
import { behaviourSamplingRequest, type BehaviourAccess } from "./run";
import type { BehaviourSpec } from "./spec";

/** Returns the number of units still to run (0: nothing was checked). */
export async function preflightBehaviour(access: BehaviourAccess & Pick<ModelAccess, "preflight">, spec: BehaviourSpec): Promise<number> {
  const { n, todo } = pendingBehaviourWork(access, spec);
  if (todo.length === 0) return 0;
  const [u] = todo;
  const sample = behaviourSamplingRequest(n, u);
  // The judge reads an answer as long as the sampling allows (an edit's revision: the whole draft again).
  const answer = u.item.task === "edit" ? (u.item.draft ?? "") : "x".repeat(Math.min(4 * (sample.max_tokens ?? 1000), 20_000));
  await access.preflight(
    [...n.models.map((m) => ({ ref: m.ref, role: "target", flag: "--models" })), { ref: n.judgeModel, role: "judge", flag: "--judge" }],
    { firstUnit: [sample, judgeCallFor(u.item, answer, n.judgeModel).request] },
  );
  return todo.length;
}
