// Public API of src/sim (re-exported by src/index.ts).
export {};
