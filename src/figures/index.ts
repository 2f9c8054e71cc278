// Public API of src/figures (re-exported by src/index.ts).
export * from "./types";
export * from "./export";
export * from "./display";
