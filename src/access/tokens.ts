// Token counts before a call, for rate budgets, estimates and the budget guard. There is no
// tokenizer dependency: about 4 characters per token plus the chat framing overhead, which is
// close for English text; the ledger always records the server's real usage afterwards.
import type { ChatMessage } from "./types";

export function estimatePromptTokens(messages: ChatMessage[]): number {
  let n = 3;
  for (const m of messages) n += 4 + Math.ceil((m.content?.length ?? 0) / 4);
  return n;
}

/** Completion tokens assumed for a request before it runs. */
export function expectedCompletion(maxTokens: number | undefined, expected?: number): number {
  if (expected !== undefined) return maxTokens !== undefined ? Math.min(expected, maxTokens) : expected;
  return maxTokens ?? 512;
}
