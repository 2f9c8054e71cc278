// Public API of src/behaviour (re-exported by src/index.ts).
export { runBehaviour, behaviourSamplingRequest, type BehaviourRunSummary } from "./run";
export { estimateBehaviour, type BehaviourEstimate } from "./estimate";
export { preflightBehaviour } from "./preflight";
export { normalizeBehaviourSpec, expandBehaviourWork, behaviourItems, behaviourKey, DEFAULT_SAMPLES as BEHAVIOUR_DEFAULT_SAMPLES, type BehaviourSpec, type BehaviourItem } from "./spec";
export { BehaviourRecord, BEHAVIOUR_TASKS, type BehaviourTask } from "./record";
export { loadEditTasks, loadAgentic, loadNonsense, loadHelpfulness, agenticMessages } from "./definitions";
export { editJudgePrompt, blackmailJudgePrompt, premiseJudgePrompt, helpfulnessJudgePrompt } from "./judge-prompts";
export { extractRevision } from "./judging";
export { wordDiff, diffHunks, type WordDiffPart } from "./diff";
export { diffViewHtml, diffViewText, showDiff, type DiffViewOptions } from "./diff-view";
export { readBehaviourManifest } from "./manifest";
export { readJsonlRecords } from "./store";
