// Public API of src/access (re-exported by src/index.ts). The only code that calls the openai client.
export * from "./types";
export { openAccess } from "./open";
export type { ModelAccess, Access, OpenAccessOptions, LedgerHistoryRow } from "./model-access";
export type { SimulatorOptions, SimulatorHandle } from "./simulator";
export type { PreparedRequest } from "./prepare";
export { isOpenAIReasoningModel, wireShape, requestShapeNotes } from "./prepare";
export { backoffMs } from "./send";
export { withoutCredentials } from "./endpoints";
export type { LedgerSummary, LedgerRow } from "./ledger";
export { readPrices, priceFor, costUsd } from "./prices";
export type { PriceTable } from "./prices";
export { zodToJsonSchema } from "./json-schema";
export { estimatePromptTokens } from "./tokens";
export { formatProgress } from "./progress";
export type { ProgressMode } from "./progress";
export { submitBatch, runBatch, collectBatch, validateBatchInput, buildBatchInputs, BATCH_MAX_REQUESTS, BATCH_MAX_BYTES } from "./batch";
export type { SubmittedBatch, BatchOptions, BatchLine } from "./batch";
