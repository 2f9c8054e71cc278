// Public API of src/finetune (re-exported by src/index.ts).
export {};
