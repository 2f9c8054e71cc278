// Public API of src/probes (re-exported by src/index.ts).
export {};
