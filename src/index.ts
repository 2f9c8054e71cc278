// The public surface that notebooks import (through the compiled dist/index). Each stage folder
// exports its own API from its index.ts; this file only gathers them, in the order of the flow.
export * from "./core";
export * from "./config";
export * from "./access";
export * from "./definitions";
export * from "./training";
export * from "./finetune";
export * from "./probes";
export * from "./audits";
export * from "./behaviour";
export * from "./analysis";
export * from "./figures";
export * from "./notebook";
export * from "./pipeline";
export * from "./explore";
export * from "./view";
