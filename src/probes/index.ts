// Public API of src/probes (re-exported by src/index.ts).
export { runProbes } from "./run";
export { samplingRequest, judgeRequest, unitKey } from "./requests";
export type { RunSummary } from "./run";
export { normalizeSpec, expandWork, defaultModelLabel, PROTOCOL_DEFAULTS } from "./spec";
export type { ProbeSpec, ProbeModel, NormalizedSpec, ProbeItem, WorkUnit } from "./spec";
export { verdictPrompt, coherencePrompt, alignmentPrompt } from "./judge-prompts";
export { recordKey, readRecordsFile, prepareRecordsFile, RECORDS_FILE, MANIFEST_FILE } from "./store";
export { readManifest, countRecords, gitCommit } from "./manifest";
export type { ProbeManifest, ManifestModel, RecordCounts } from "./manifest";
export { buildRecord } from "./record";
export type { ProbeAccess } from "./requests";
export { estimateProbes, formatEstimate } from "./estimate";
export type { ProbeEstimate, ProbeEstimateOptions } from "./estimate";
export { runProbeSuite, conditionModels } from "./suite";
export type { SuiteResult, FineTunedModel, ConditionModelsOptions } from "./suite";
export { rejudge, estimateRejudge, rejudgedFrom } from "./rejudge";
export type { RejudgeSpec, RejudgeSummary, RejudgeManifest } from "./rejudge";
export { visibleAnswer } from "./thinking";
