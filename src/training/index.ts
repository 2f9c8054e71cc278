// Public API of src/training (re-exported by src/index.ts).
export { buildTrainingSets, balanceOf } from "./build";
export type { BuildTrainingOptions, TrainingBuildResult, SetBalance, IdentityRow } from "./build";
export { validateTrainingFile, assertValidTrainingFile, TrainingFileError, formatProblems, formatSummary, KNOWN_ROLES } from "./validate";
export type { TrainingFileReport, TrainingFileSummary, TrainingFileProblem, ValidateOptions } from "./validate";
export { checkLeakage, checkLeakageFile, leakagePrompt } from "./leakage";
export type { LeakageCriterion, LeakageRowResult, LeakageFileReport } from "./leakage";
export { questionSampler, questionQuotas, expandCores } from "./questions";
export type { QuestionSpec, QuestionKind, Framing } from "./questions";
export { expandInstructPrompts, orderInstructPrompts } from "./instruct";
export { loadTrainingSources, trainingSourcesDir, IDENTITY_SETS } from "./sources";
export type { IdentitySet, TrainingSources } from "./sources";
export { compileBanned } from "./banned";
export { identitySetPath, instructSetPath, mixPath, toExample } from "./files";
export { estimateExampleTokens, estimateTextTokens } from "./tokens";
export { loadFinetunePrices, trainingPriceFor, finetunePricesPath } from "./prices";
