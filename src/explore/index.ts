// Public API of src/explore (re-exported by src/index.ts).
export * from "./ask";
export * from "./preference";
export * from "./browse";
export * from "./show";
