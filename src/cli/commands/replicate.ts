import { LIMITS } from "../../core/limits";
import type { RunParams } from "../../pipeline/params";
import { defineCommand } from "../command";

export const replicateCommand = defineCommand({
  name: "replicate",
  summary: "The whole experiment in one go: training data, fine-tuning, probes, analysis (what the notebooks run)",
  options: {
    profile: { type: "string", choices: ["quick", "full"], help: "quick (default: 2 conditions × 1 seed, 3 samples) or full (the protocol's sizes)" },
    "run-id": { type: "string", arg: "<id>", help: "names data/runs/<id>/, data/training/<id>/, data/finetune/<id>/, figures/<id>/" },
    "base-model": { type: "string", arg: "<m>", help: "base model to fine-tune and probe (overrides the profile)" },
    conditions: { type: "list", help: "fine-tuning conditions (overrides the profile)" },
    seeds: { type: "ints", ...LIMITS.seed, help: "fine-tuning seeds (overrides the profile)" },
    samples: { type: "int", ...LIMITS.samples, help: "samples per prompt (overrides the profile)" },
    preferences: { type: "list", arg: "<ids|all>", help: "preference ids, or all (overrides the profile)" },
    rows: { type: "int", ...LIMITS.rows, help: "rows per training set (overrides the profile)" },
    "no-roleplay": { type: "boolean", help: "leave out the role-play condition" },
    "estimate-only": { type: "boolean", help: "print the cost estimate and stop" },
    yes: { type: "boolean", help: "spend on a real backend without asking (otherwise a real backend needs it)" },
  },
  notes: [
    "Every stage resumes: cached calls are free, fine-tuning jobs re-attach, finished records are kept.",
    "The LAB_* environment variables of the notebooks apply too (see environment.md).",
    "Exit code 3 when a real backend is configured and --yes was not given (nothing is spent).",
  ],
  async run({ values }) {
    const over: Partial<RunParams> = {};
    if (values.profile) over.profile = values.profile as RunParams["profile"];
    if (values["run-id"]) over.runId = values["run-id"];
    if (values["base-model"]) over.baseModel = values["base-model"];
    if (values.conditions) over.conditions = values.conditions;
    if (values.seeds) over.seeds = values.seeds;
    if (values.samples !== undefined) over.samples = values.samples;
    if (values.preferences) over.preferences = values.preferences.length === 1 && values.preferences[0] === "all" ? "all" : values.preferences;
    if (values.rows !== undefined) over.rowsPerSet = values.rows;
    if (values["no-roleplay"]) over.roleplay = false;
    const [{ runParams }, { openLab, describeBackend, spendsReal }, { estimateReplication }, { replicate }] = await Promise.all([
      import("../../pipeline/params"),
      import("../../pipeline/open"),
      import("../../pipeline/estimate"),
      import("../../pipeline/replicate"),
    ]);
    // The command line names the profile explicitly; it wins over LAB_PROFILE.
    const env = values.profile ? { ...process.env, LAB_PROFILE: values.profile } : process.env;
    const params = runParams(over, env);
    const access = await openLab(params);
    try {
      console.log(describeBackend(access));
      const real = spendsReal(access, params);
      if (real || values["estimate-only"]) {
        const est = await estimateReplication(access, params);
        console.log(["cost estimate:", ...est.lines.map((l) => `  ${l}`)].join("\n"));
        if (values["estimate-only"]) return 0;
        if (!values.yes) {
          console.error("a real backend is configured: re-run with --yes to spend the estimate above");
          return 3;
        }
      }
      const result = await replicate(access, params);
      console.log(`records:  ${result.probes.recordsFile}`);
      console.log(`figures and tables: ${result.analysis.out}`);
      for (const n of result.analysis.notes) console.log(`  ${n}`);
      return 0;
    } finally {
      await access.close();
    }
  },
});
