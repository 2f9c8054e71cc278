// The public surface that notebooks import (through the compiled dist/index): one namespace per stage
// folder, in the order of the flow (`lab.probes.runProbes`, `lab.analysis.shiftAnalysis`, …). Each
// folder's index.ts says what it exports. `src/sim` is not here: only the access layer starts it.
export * as core from "./core";
export * as config from "./config";
export * as access from "./access";
export * as definitions from "./definitions";
export * as training from "./training";
export * as finetune from "./finetune";
export * as probes from "./probes";
export * as audits from "./audits";
export * as behaviour from "./behaviour";
export * as analysis from "./analysis";
export * as figures from "./figures";
export * as pipeline from "./pipeline";
export * as explore from "./explore";
export * as view from "./view";
export * as notebook from "./notebook";

// Notebook conveniences: the calls nearly every notebook makes, kept at the top so a notebook reads
// as its steps (parameters, access, the stage call, show the result). Each is the same function as in
// its namespace. Keep this list short (test/api.namespaces.test.ts caps it); everything else is
// reached through its stage.
export {
  // the preamble of every notebook: parameters cell, access, which backend answers, where the run lives
  runParams, openLab, describeBackend, runLayout, probeModels, requireProbeRun,
  // one stage call per notebook
  trainingStage, finetuneStage, probeStage, analysisStage, safetyStage, auditStage, behaviourStage,
} from "./pipeline";
export type { RunParams } from "./pipeline";
// showing results inline
export { showTable } from "./explore";
export { showFigure } from "./figures";
