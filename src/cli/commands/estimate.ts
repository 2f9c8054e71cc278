import { openAccess } from "../../access";
import { estimateProbes, formatEstimate } from "../../probes/estimate";
import type { Command } from "../command";
import { PROBE_HELP, PROBE_USAGE, probeSpecFromArgs } from "./probe-args";

export const estimate: Command = {
  name: "estimate",
  summary: "Calls, tokens and cost of a probe run before running it (sampling + judge + coherence; what is cached)",
  usage: PROBE_USAGE,
  help: [
    PROBE_HELP,
    "",
    "Takes the same options as `probe` and makes no live call: it counts the calls the run needs, how many",
    "the cache already answers and how many records the run folder already holds, and prices the rest",
    "with data/prices.json (answers not yet cached are assumed 250 tokens long).",
  ].join("\n"),
  async run(args) {
    const o = probeSpecFromArgs(args, "estimate");
    const access = await openAccess({ ...o.access, progress: false });
    try {
      const e = await estimateProbes(access, o.spec);
      console.log(o.json ? JSON.stringify(e, null, 2) : formatEstimate(e));
      return 0;
    } finally {
      await access.close();
    }
  },
};
