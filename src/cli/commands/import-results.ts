// `npm run lab -- import-results <csv> --out <dir>`
import { InputError } from "../../core/errors";
import { checkOutFolder } from "../../core/out-folder";
import { defineCommand } from "../command";
import { FORMATS_OPTION } from "./analyse";

export const importResultsCommand = defineCommand({
  name: "import-results",
  summary: "Read a published result table (authors' CSV layout), recompute intervals, redraw its figure",
  positionals: [
    {
      name: "<csv>",
      help: "fact,<model>_rate,<model>_error,<model>_count,… (rates 0-1 or %, detected),\n  or data/reference/published_single_turn_rates.csv / published_multiturn_self_report.csv",
    },
  ],
  options: {
    out: { type: "string", arg: "<dir>", help: "folder for the tables (CSV + markdown) and figures" },
    baseline: { type: "string", arg: "<model>", help: "model column the others are compared with (default: the first)" },
    formats: FORMATS_OPTION,
  },
  async run({ values, positionals }) {
    if (!values.out) throw new InputError("import-results: --out <dir> is required");
    checkOutFolder(values.out);
    const [{ importResults }, { closeFigureExporter }] = await Promise.all([import("../../pipeline/import-results"), import("../../figures/export")]);
    try {
      const report = await importResults(positionals[0], { out: values.out, baseline: values.baseline, formats: values.formats as ("png" | "svg" | "pdf")[] | undefined });
      console.log(`layout: ${report.layout}${report.scale ? ` (rates as ${report.scale.scale}: ${report.scale.reason})` : ""}`);
      for (const n of report.notes) console.log(`  ${n}`);
      console.log("\nwritten:");
      for (const fig of report.files) for (const p of [fig.png, fig.svg, fig.pdf, fig.csv, fig.md]) if (p) console.log(`  ${p}`);
      return 0;
    } finally {
      await closeFigureExporter();
    }
  },
});
