// Starting the built-in simulator (src/sim) for an access object. The one function through which
// it is started: openAccess calls start() when a role or the default endpoint is the simulator, and
// the endpoints call the same start() when a sim- model is first asked for on a real default.
import * as path from "node:path";
import type { SimulatorOptions as SimOptions, Simulator } from "../sim";
import { ConfigError } from "../core/errors";

/** Options for the in-process simulator (src/sim): latency, rate limits, injected faults, state dir. */
export type SimulatorOptions = SimOptions;

/** The running simulator: base URL, port, stats(), truth(), close(). (Types only: the code loads on demand.) */
export type SimulatorHandle = Simulator;

export interface SimulatorStarter {
  /** Starts the simulator once (later calls share the first start). */
  start(): Promise<SimulatorHandle>;
  /** The running simulator, or null before it has started. */
  current(): SimulatorHandle | null;
  /** Stops it if it was started. */
  stop(): Promise<void>;
}

function loadSimulatorModule(): (opts: SimulatorOptions) => Promise<SimulatorHandle> {
  let mod: { startSimulator?: (opts: SimulatorOptions) => Promise<SimulatorHandle> };
  try {
    // Loaded on demand: a process on real endpoints only never loads the simulator's code.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    mod = require("../sim");
  } catch (e) {
    throw new ConfigError(`the built-in simulator (src/sim) could not be loaded: ${(e as Error).message}`);
  }
  if (typeof mod.startSimulator !== "function")
    throw new ConfigError("the built-in simulator (src/sim) does not export startSimulator in this build");
  return mod.startSimulator;
}

export function simulatorStarter(opts: { simulator?: SimulatorOptions; env: NodeJS.ProcessEnv; cachePath: string }): SimulatorStarter {
  let sim: SimulatorHandle | null = null;
  let starting: Promise<SimulatorHandle> | null = null;
  return {
    start() {
      if (sim) return Promise.resolve(sim);
      if (!starting) {
        const start = loadSimulatorModule();
        // Files, jobs and fine-tuned models live beside the cache, so a fine-tune made by one process
        // (the CLI, a notebook kernel) answers in the next, just as a real provider's would.
        const stateDir = opts.simulator?.stateDir ?? (opts.env.LAB_SIM_STATE_DIR?.trim() || path.join(path.dirname(opts.cachePath), "sim-state"));
        starting = start({ port: 0, ...(opts.simulator ?? {}), stateDir }).then((h) => {
          sim = h;
          return h;
        });
      }
      return starting;
    },
    current: () => sim,
    async stop() {
      if (!starting) return;
      const h = await starting.catch(() => null);
      if (h) await h.close();
    },
  };
}
