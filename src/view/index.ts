// Public API of src/view (re-exported by src/index.ts).
export { startViewer, VIEWER_HOST, DEFAULT_IDLE_MINUTES, type Viewer, type ViewerOptions } from "./server";
export { viewRuns, describeStore } from "./notebook";
export { loadStore, type ViewStore } from "./store";
export { findRunSources, KNOWN_FILES, type RunSource } from "./sources";
export { runFilter, summarise, parseFilter } from "./query";
export { filterToParams, paramsToFilter, type ViewFilter } from "./filter-params";
export { TranscriptLine, ScoreLine, BehaviourLine } from "./schemas";
export type * from "./protocol";
