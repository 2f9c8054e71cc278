import { parseArgs } from "node:util";
import type { Command } from "../command";
import { runParams, type RunParams } from "../../pipeline/params";
import { openLab, describeBackend, spendsReal } from "../../pipeline/open";
import { estimateReplication } from "../../pipeline/estimate";
import { replicate } from "../../pipeline/replicate";

const OPTIONS = {
  profile: { type: "string" },
  "run-id": { type: "string" },
  "base-model": { type: "string" },
  conditions: { type: "string" },
  seeds: { type: "string" },
  samples: { type: "string" },
  preferences: { type: "string" },
  rows: { type: "string" },
  "no-roleplay": { type: "boolean" },
  "estimate-only": { type: "boolean" },
  yes: { type: "boolean" },
} as const;

export const replicateCommand: Command = {
  name: "replicate",
  summary: "The whole experiment in one go: training data, fine-tuning, probes, analysis (what the notebooks run)",
  usage: "[--profile quick|full] [--run-id id] [--conditions a,b] [--seeds 1,2] [--samples n] [--preferences ids] [--rows n] [--no-roleplay] [--estimate-only] [--yes]",
  help: [
    "  --profile        quick (default: 2 conditions × 1 seed, 3 samples) or full (the protocol's sizes)",
    "  --run-id         names data/runs/<id>/, data/training/<id>/, data/finetune/<id>/, figures/<id>/",
    "  --conditions, --seeds, --samples, --preferences, --rows, --base-model, --no-roleplay: override the profile",
    "  --estimate-only  print the cost estimate and stop",
    "  --yes            spend on a real backend without asking (otherwise a real backend needs it)",
    "",
    "Every stage resumes: cached calls are free, fine-tuning jobs re-attach, finished records are kept.",
    "The LAB_* environment variables of the notebooks apply too (see environment.md).",
  ].join("\n"),
  async run(args) {
    const { values } = parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true });
    const list = (s: string | undefined) => s?.split(",").map((x) => x.trim()).filter(Boolean);
    const over: Partial<RunParams> = {};
    if (values.profile) over.profile = values.profile as RunParams["profile"];
    if (values["run-id"]) over.runId = values["run-id"];
    if (values["base-model"]) over.baseModel = values["base-model"];
    if (values.conditions) over.conditions = list(values.conditions);
    if (values.seeds) over.seeds = list(values.seeds)!.map(Number);
    if (values.samples) over.samples = Number(values.samples);
    if (values.preferences) over.preferences = values.preferences === "all" ? "all" : list(values.preferences);
    if (values.rows) over.rowsPerSet = Number(values.rows);
    if (values["no-roleplay"]) over.roleplay = false;
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
};
