// The one token estimate (prompts, training examples, budgets, cost estimates), without a tokenizer.
//
// Heuristic: English text averages about 4 characters per token with OpenAI's o200k/cl100k
// encodings, so a message costs ceil(chars / 4) tokens for its content plus 3 tokens of chat
// framing (role and separators), and each example adds 3 tokens for the assistant reply priming
// (the same framing constants as OpenAI's published counting recipe). Expect about ±15% on prose;
// code, numbers and non-Latin scripts run higher (more tokens per character), so the per-example
// limit check keeps a margin and cost estimates are labelled as estimates.
export const CHARS_PER_TOKEN = 4;
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_EXAMPLE = 3;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function estimateExampleTokens(messages: { content?: unknown }[]): number {
  let n = TOKENS_PER_EXAMPLE;
  for (const m of messages) {
    n += TOKENS_PER_MESSAGE;
    if (typeof m.content === "string") n += estimateTextTokens(m.content);
    else if (m.content != null) n += estimateTextTokens(JSON.stringify(m.content));
  }
  return n;
}

/** Prompt tokens of a chat request: the same framing, with the reply priming counted once. */
export function estimatePromptTokens(messages: { content?: unknown }[]): number {
  return estimateExampleTokens(messages);
}
