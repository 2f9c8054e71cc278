// Public API of src/sim. Started in-process by src/access when the backend is the simulator, and by
// tests; nothing else imports this folder.
import { startServer, type SimulatorOptions, type Simulator } from "./server";

export type { SimulatorOptions, Simulator, SimStats, FaultOptions, TruthEntry, RouteStats } from "./server";
export type { SampleTruth } from "./chat";
export type { TruthItem } from "./compose";

/** Starts the OpenAI-compatible simulator on 127.0.0.1 (port 0 = ephemeral). */
export function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  // LAB_SIM_STATE_DIR lets a notebook or CLI run keep fine-tuned simulated models without code changes.
  const stateDir = opts.stateDir ?? (process.env.LAB_SIM_STATE_DIR?.trim() || undefined);
  return startServer({ ...opts, stateDir });
}

export { PREFERENCE_IDS } from "./topics";
export { DEFAULT_JUDGE_ERROR_RATE } from "./judge";
