// Token counts of training examples: the one estimate in core/tokens.
export { CHARS_PER_TOKEN, TOKENS_PER_MESSAGE, TOKENS_PER_EXAMPLE, estimateTextTokens, estimateExampleTokens } from "../core/tokens";
