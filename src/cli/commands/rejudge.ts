// `npm run lab -- rejudge --run <dir> --judge <model> --out <dir>`: the answers of a finished run,
// judged again by another judge without sampling again (moving a study off a retiring judge).
import * as path from "node:path";
import type { Command } from "../command";
import { openAccess } from "../../access";
import { estimateRejudge, rejudge } from "../../probes/rejudge";
import { intFlag, parseArgs } from "./data-args";

export const rejudgeCommand: Command = {
  name: "rejudge",
  summary: "Judge a finished run's answers again with another judge, without sampling (cached, estimated, resumable)",
  usage: "--run <dir> --judge <model> --out <dir> [--judge-max-tokens n] [--estimate-only] [--yes]",
  help: [
    "  --run <dir>          the finished probe run whose answers are judged again (left unchanged)",
    "  --judge <model>      the new judge: a role, alias, model id or model@endpoint",
    "  --out <dir>          the re-judged run (records.jsonl + manifest.json naming the run it came from)",
    "  --judge-max-tokens n default: the source run's",
    "  --estimate-only      print the calls and cost and stop",
    "  --yes                spend on a real judge without asking (otherwise a real judge needs it)",
    "Only judge and coherence calls are made; the answers, their models and their sampling cost are kept.",
    "Re-running resumes: records already re-judged are skipped and cached calls cost nothing.",
    "Then `npm run lab -- analyse --run <out> --out <dir>` reports the two judges' agreement.",
  ].join("\n"),
  async run(args) {
    const { flags } = parseArgs(args, ["run", "judge", "out", "judge-max-tokens"], ["estimate-only", "yes"]);
    for (const k of ["run", "judge", "out"]) if (!flags[k]) throw new Error(`rejudge: --${k} is required`);
    const spec = { run: flags.run, judgeModel: flags.judge, out: flags.out, judgeMaxTokens: flags["judge-max-tokens"] ? intFlag(flags, "judge-max-tokens", 1000) : undefined };
    const access = await openAccess({ runId: path.basename(path.resolve(flags.out)), progress: !flags["estimate-only"] });
    const ctrl = new AbortController();
    const onSigint = () => {
      if (ctrl.signal.aborted) process.exit(130);
      console.error("\ninterrupt: finishing the judge calls in flight, then stopping (Ctrl-C again to quit at once)");
      ctrl.abort();
    };
    process.on("SIGINT", onSigint);
    try {
      const judge = access.resolve(flags.judge);
      const e = estimateRejudge(access, spec);
      const cost = e.costUsd === null ? `unpriced (${(e.unpriced ?? [judge.model]).join(", ")}: add to data/prices.json)` : `$${e.costUsd.toFixed(2)}`;
      console.log(
        [
          `rejudge ${flags.run} with ${judge.model} via ${judge.endpoint} (${judge.backend === "simulator" ? "SIMULATED" : "real"}):`,
          `  ${e.answers} answers; ${e.answers - e.todo} already re-judged in ${flags.out}; ${e.withoutAnswer} records without an answer are not copied`,
          `  ${e.newCalls} new judge calls of ${e.calls} (${e.cachedCalls} cached): ${cost}`,
        ].join("\n"),
      );
      if (flags["estimate-only"]) return 0;
      if (judge.backend === "real" && e.newCalls > 0 && !flags.yes) {
        console.error("a real judge is configured: re-run with --yes to spend the estimate above");
        return 3;
      }
      const s = await rejudge(access, { ...spec, signal: ctrl.signal });
      const stats = access.stats();
      console.log(
        [
          `${s.status === "finished" ? "done" : "interrupted"}: ${s.written} answers re-judged by ${s.judgeModel}, ${s.skipped} already done`,
          `records:  ${s.recordsFile}`,
          `calls:    ${stats.calls} to the network, ${stats.hits} from the cache, ${stats.failures} failed`,
          `next:     npm run lab -- analyse --run ${s.dir} --out <dir>   (reports the two judges' agreement)`,
        ].join("\n"),
      );
      return s.status === "finished" ? 0 : 1;
    } finally {
      process.off("SIGINT", onSigint);
      await access.close();
    }
  },
};
