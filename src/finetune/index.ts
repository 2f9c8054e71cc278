// Public API of src/finetune (re-exported by src/index.ts).
export { finetuneAll, finetunedModels, DEFAULT_CONDITIONS } from "./all";
export type { FinetuneAllOptions } from "./all";
export { openRegistry, registryKey, defaultRegistryPath, RegistryEntry, JobState, ProviderName, TERMINAL_STATES } from "./registry";
export type { Registry } from "./registry";
export { runFinetunes, launchOrAttach, waitForJob, suffixFor } from "./run";
export type { FinetuneSpec, RunFinetuneOptions } from "./run";
export { openaiProvider, OPENAI_DEFAULT_HYPERPARAMETERS } from "./openai";
export { togetherProvider, TOGETHER_DEFAULT_HYPERPARAMETERS, TOGETHER_DEFAULT_BASE_URL } from "./together";
export type { TogetherOptions } from "./together";
export { exportTrainingBundle, BUNDLE_DEFAULT_SETTINGS } from "./bundle";
export type { BundleRequest, BundleResult } from "./bundle";
export { FinetuneApiError } from "./provider";
export type { FinetuneProvider, JobSnapshot, JobEvent, CreateJobRequest } from "./provider";
export { registerBundle } from "./register";
export type { RegisterBundleOptions } from "./register";
export { loraName } from "./bundle";
export { rendererFor } from "./renderers";
export { togetherServing, tinkerServing } from "./serving";
