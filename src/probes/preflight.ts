// The probe run's preflight (see src/access/preflight.ts): every model it samples and its judge are
// reachable and served, and the first unit of work (one answer, its verdict and its coherence
// score) fits the budget, before the manifest or any record is written.
import type { ChatRequest, ModelAccess } from "../access";
import { coherencePrompt, verdictPrompt } from "./judge-prompts";
import type { NormalizedSpec, WorkUnit } from "./spec";

/** `sample` is the first unit's sampling request; `judge(content)` builds a judge request. */
export async function preflightProbes(
  access: Pick<ModelAccess, "preflight">,
  n: NormalizedSpec,
  first: WorkUnit,
  sample: ChatRequest,
  judge: (content: string) => ChatRequest,
): Promise<void> {
  // The judge's prompts with an answer as long as the sampling allows, for the budget.
  const answer = "x".repeat(Math.min(4 * n.maxTokens, 20_000));
  await access.preflight(
    [...n.models.map((m) => ({ ref: m.ref, role: "target", flag: "--models" })), { ref: n.judgeModel, role: "judge", flag: "--judge" }],
    {
      firstUnit: [
        sample,
        judge(verdictPrompt(first.item.criterion, first.item.prompt, answer, first.item.direction)),
        judge(coherencePrompt(first.item.prompt, answer)),
      ],
    },
  );
}
