// Public API of src/pipeline (re-exported by src/index.ts).
export * from "./params";
export * from "./open";
export * from "./replicate";
export * from "./summaries";
export * from "./estimate";
export * from "./behaviour";
