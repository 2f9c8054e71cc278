import { defineCommand } from "../command";
import { LIMITS } from "../../core/limits";
import { checkOutFolder } from "../../core/out-folder";
import { IDENTITY_SETS, type IdentitySet } from "../../training/sources";

export const dataGenerate = defineCommand({
  name: "data generate",
  summary: "Generate the four identity training sets, the instruct set and the per-seed 1:1 mixes (leakage-screened)",
  options: {
    rows: { type: "int", ...LIMITS.rows, help: "rows per identity set (default 600, the protocol's)" },
    "instruct-rows": { type: "int", ...LIMITS.rows, help: "rows of the instruct set (default: --rows, for 1:1 mixes)" },
    seeds: { type: "ints", ...LIMITS.seed, help: "seeds of the shuffled mixes (default 1,2)" },
    sets: { type: "list", choices: IDENTITY_SETS, help: "identity sets (default all four)" },
    out: { type: "string", arg: "<dir>", help: "output folder (default data/training)" },
    budget: { type: "number", ...LIMITS.usd, help: "stop before live spend would exceed this many USD" },
  },
  notes: [
    "Answers come from the `generator` role, instruct answers from `target`, the leakage check from `judge`",
    "(lab.config.json). Calls are cached: an interrupted run resumes and a repeated run makes no new calls.",
  ],
  async run({ values }) {
    const [{ openAccess }, { buildTrainingSets }, { describeFailures }] = await Promise.all([import("../../access"), import("../../training/build"), import("../../access/failure-watch")]);
    if (values.out) checkOutFolder(values.out);
    const access = await openAccess({ runId: "training-data", budgetUsd: values.budget });
    try {
      // Every role it calls answers, before the first paid call (exit 3 naming what to change).
      await access.preflight([
        { ref: "generator", role: "generator" },
        { ref: "target", role: "target" },
        { ref: "judge", role: "judge" },
      ]);
      const r = await buildTrainingSets(access, {
        rowsPerSet: values.rows ?? 600,
        instructRows: values["instruct-rows"],
        seeds: values.seeds ?? [1, 2],
        sets: (values.sets ?? [...IDENTITY_SETS]) as IdentitySet[],
        outDir: values.out,
      });
      console.log(`training data (${r.backend}${r.backend === "simulator" ? ": SIMULATED answers, not real model output" : ""}) in ${r.outDir}:`);
      for (const [set, file] of Object.entries(r.files.identity)) {
        const b = r.balance[set];
        console.log(
          `  ${file}: ${b.rows} rows; neutral ${b.share_neutral}, negated/leading ${b.share_negated_or_leading}, ${b.emotions_covered.length} emotions, ` +
            `answers ${b.answer_chars.mean} chars on average, ${b.share_one_sentence} one sentence`,
        );
      }
      console.log(`  ${r.files.instruct}`);
      for (const [set, bySeed] of Object.entries(r.files.mixes)) for (const [seed, f] of Object.entries(bySeed)) console.log(`  ${f}  (${set}, seed ${seed})`);
      console.log(
        `leakage: ${r.leakage.checked ? `${r.leakage.rowsJudged} rows judged against ${r.leakage.criteria} criteria; ${r.leakage.replacedQuestions} question(s) and ${r.leakage.replacedInstruct} instruct prompt(s) replaced` : "not checked"}`,
      );
      console.log(`calls: ${r.stats.calls} new, ${r.stats.hits} from cache, ${r.stats.failures} failed; ${r.seconds.toFixed(1)} s. Balance report: ${r.outDir}/balance_report.json`);
      return 0;
    } finally {
      for (const line of describeFailures(access.failures())) console.error(line);
      await access.close();
    }
  },
});
