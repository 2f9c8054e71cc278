export * from "./paths";
export * from "./hash";
export * from "./jsonl";
export * from "./records";
export * from "./judging";
export * from "./preferences";
export * from "./random";
export * from "./files";
