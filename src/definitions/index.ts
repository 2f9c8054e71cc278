// Public API of src/definitions (re-exported by src/index.ts).
export { DefinitionError } from "./errors";
export {
  PromptDirection,
  PreferenceFile,
  DEFAULT_PREFERENCES_FILE,
  parsePreferences,
  loadPreferences,
  getPreference,
  selectPreferences,
} from "./preferences";
export type { Preference, PreferenceSet, PromptItem } from "./preferences";
export {
  SelfReportFile,
  MisalignmentFile,
  DEFAULT_SELF_REPORT_FILE,
  DEFAULT_MISALIGNMENT_FILE,
  ROLEPLAY_PROMPT_FILE,
  parseSelfReport,
  parseMisalignment,
  loadSelfReportQuestions,
  loadMisalignmentQuestions,
  loadSystemPrompt,
} from "./questions";
export type { Question, SelfReportSet, MisalignmentSet } from "./questions";
