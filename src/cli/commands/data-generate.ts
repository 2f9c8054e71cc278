import type { Command } from "../command";
import { openAccess } from "../../access";
import { buildTrainingSets } from "../../training/build";
import { IDENTITY_SETS, type IdentitySet } from "../../training/sources";
import { intFlag, listFlag, parseArgs, seedsFlag } from "./data-args";

export const dataGenerate: Command = {
  name: "data generate",
  summary: "Generate the four identity training sets, the instruct set and the per-seed 1:1 mixes (leakage-screened)",
  usage: "[--rows <n>] [--seeds <1,2>] [--out <dir>] [--sets <a,b>] [--instruct-rows <n>]",
  help: [
    "  --rows <n>           rows per identity set (default 600, the protocol's)",
    "  --instruct-rows <n>  rows of the instruct set (default: --rows, for 1:1 mixes)",
    "  --seeds <list>       seeds of the shuffled mixes (default 1,2)",
    "  --sets <list>        identity sets (default conscious_claiming,not_conscious,toaster,human_identifying)",
    "  --out <dir>          output folder (default data/training)",
    "  --budget <usd>       stop before live spend would exceed this",
    "Answers come from the `generator` role, instruct answers from `target`, the leakage check from `judge`",
    "(lab.config.json). Calls are cached: an interrupted run resumes and a repeated run makes no new calls.",
  ].join("\n"),
  async run(args) {
    const { flags } = parseArgs(args, ["rows", "seeds", "out", "sets", "instruct-rows", "budget"]);
    const sets = listFlag(flags, "sets") ?? [...IDENTITY_SETS];
    for (const s of sets) if (!(IDENTITY_SETS as readonly string[]).includes(s)) throw new Error(`--sets: unknown set "${s}" (known: ${IDENTITY_SETS.join(", ")})`);
    const budget = flags.budget !== undefined ? Number(flags.budget) : undefined;
    if (budget !== undefined && !(budget > 0)) throw new Error(`--budget: expected a positive number of USD, got "${flags.budget}"`);
    const access = await openAccess({ runId: "training-data", budgetUsd: budget });
    try {
      const r = await buildTrainingSets(access, {
        rowsPerSet: intFlag(flags, "rows", 600),
        instructRows: flags["instruct-rows"] ? intFlag(flags, "instruct-rows", 600) : undefined,
        seeds: seedsFlag(flags, [1, 2]),
        sets: sets as IdentitySet[],
        outDir: flags.out,
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
      await access.close();
    }
  },
};
