// Public API of src/training (re-exported by src/index.ts).
export {};
