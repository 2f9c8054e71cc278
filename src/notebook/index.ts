// Public API of src/notebook (re-exported by src/index.ts).
export * from "./runner";
