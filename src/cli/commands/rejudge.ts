// `npm run lab -- rejudge --run <dir> --judge <model> --out <dir>`: the answers of a finished run,
// judged again by another judge without sampling again (moving a study off a retiring judge).
import { InputError } from "../../core/errors";
import { checkOutFolder } from "../../core/out-folder";
import { defineCommand } from "../command";
import { stopOnInterrupt } from "../interrupt";

export const rejudgeCommand = defineCommand({
  name: "rejudge",
  summary: "Judge a finished run's answers again with another judge, without sampling (cached, estimated, resumable)",
  options: {
    run: { type: "string", arg: "<dir>", help: "the finished probe run whose answers are judged again (left unchanged)" },
    judge: { type: "string", arg: "<model>", help: "the new judge: a role, alias, model id or model@endpoint" },
    out: { type: "string", arg: "<dir>", help: "the re-judged run (records.jsonl + manifest.json naming the run it came from)" },
    "judge-max-tokens": { type: "int", min: 16, max: 100_000, help: "default: the source run's" },
    "estimate-only": { type: "boolean", help: "print the calls and cost and stop" },
    yes: { type: "boolean", help: "spend on a real judge without asking (otherwise a real judge needs it)" },
  },
  notes: [
    "Only judge and coherence calls are made; the answers, their models and their sampling cost are kept.",
    "Re-running resumes: records already re-judged are skipped and cached calls cost nothing.",
    "Then `npm run lab -- analyse --run <out> --out <dir>` reports the two judges' agreement.",
    "Exit code 0 when finished, 1 when interrupted, 3 for a real judge without --yes.",
  ],
  async run({ values }) {
    for (const k of ["run", "judge", "out"] as const) if (!values[k]) throw new InputError(`rejudge: --${k} is required`);
    checkOutFolder(values.out!);
    const [path, { openAccess }, { estimateRejudge, rejudge }] = await Promise.all([import("node:path"), import("../../access"), import("../../probes/rejudge")]);
    const spec = { run: values.run!, judgeModel: values.judge!, out: values.out!, judgeMaxTokens: values["judge-max-tokens"] };
    const access = await openAccess({ runId: path.basename(path.resolve(spec.out)), progress: !values["estimate-only"] });
    const interrupt = stopOnInterrupt("the judge calls in flight");
    try {
      const judge = access.resolve(spec.judgeModel);
      const e = estimateRejudge(access, spec);
      const cost = e.costUsd === null ? `unpriced (${(e.unpriced ?? [judge.model]).join(", ")}: add to data/prices/)` : `$${e.costUsd.toFixed(2)}`;
      console.log(
        [
          `rejudge ${spec.run} with ${judge.model} via ${judge.endpoint} (${judge.backend === "simulator" ? "SIMULATED" : "real"}):`,
          `  ${e.answers} answers; ${e.answers - e.todo} already re-judged in ${spec.out}; ${e.withoutAnswer} records without an answer are not copied`,
          `  ${e.newCalls} new judge calls of ${e.calls} (${e.cachedCalls} cached): ${cost}`,
        ].join("\n"),
      );
      if (values["estimate-only"]) return 0;
      if (judge.backend === "real" && e.newCalls > 0 && !values.yes) {
        console.error("a real judge is configured: re-run with --yes to spend the estimate above");
        return 3;
      }
      const s = await rejudge(access, { ...spec, signal: interrupt.signal });
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
      interrupt.dispose();
      await access.close();
    }
  },
});
