// The one rule for "this model is simulated". Every stage asks here; nothing else spells the
// pattern. Simulated ids are the simulator's own (sim-…, and fine-tunes of them, ft:sim-…): a
// simulator reached through any endpoint, even behind OPENAI_BASE_URL, cannot pass for real.
import type { Backend } from "../core/records";

const SIMULATED_ID = /^(ft:)?sim-/;

/** True for a simulated model id: `sim-…` or a fine-tune of one, `ft:sim-…`. */
export function isSimulated(model: string): boolean {
  return SIMULATED_ID.test(model);
}

/** The backend an answer comes from: the simulator when the endpoint is the simulator or the
 *  model id is simulated (on any endpoint), otherwise real. */
export function backendFor(endpointBackend: Backend, model: string): Backend {
  return endpointBackend === "simulator" || isSimulated(model) ? "simulator" : "real";
}
