// Token counts before a call, for rate budgets, estimates and the budget guard: the one estimate
// in core/tokens (about 4 characters per token plus chat framing); the ledger always records the
// server's real usage afterwards.
export { estimatePromptTokens } from "../core/tokens";

/** Completion tokens assumed for a request before it runs. */
export function expectedCompletion(maxTokens: number | undefined, expected?: number): number {
  if (expected !== undefined) return maxTokens !== undefined ? Math.min(expected, maxTokens) : expected;
  return maxTokens ?? 512;
}
