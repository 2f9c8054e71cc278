// Public API of src/figures (re-exported by src/index.ts).
export * from "./types";
