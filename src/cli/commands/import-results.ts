// `npm run lab -- import-results <csv> --out <dir>`
import type { Command } from "../command";
import { importResults } from "../../pipeline/import-results";
import { closeFigureExporter } from "../../figures/export";
import { formatsFlag, parseRepeatable } from "./analyse";

export const importResultsCommand: Command = {
  name: "import-results",
  summary: "Read a published result table (authors' CSV layout), recompute intervals, redraw its figure",
  usage: "<csv> --out <dir> [--baseline <model column>] [--formats png,svg,pdf]",
  help: [
    "  <csv>                  fact,<model>_rate,<model>_error,<model>_count,… (rates 0-1 or %, detected),",
    "                         or data/reference/published_single_turn_rates.csv / published_multiturn_self_report.csv",
    "  --out <dir>            folder for the tables (CSV + markdown) and figures",
    "  --baseline <model>     model column the others are compared with (default: the first)",
    "  --formats <list>       figure formats (default png,svg,pdf)",
  ].join("\n"),
  async run(args) {
    const csv = args[0];
    if (!csv || csv.startsWith("--")) throw new Error("import-results: give the CSV file first: import-results <csv> --out <dir>");
    const f = parseRepeatable(args.slice(1), ["out", "baseline", "formats"], []);
    if (!f.out?.[0]) throw new Error("import-results: --out <dir> is required");
    try {
      const report = await importResults(csv, { out: f.out[0], baseline: f.baseline?.[0], formats: formatsFlag(f.formats?.[0]) });
      console.log(`layout: ${report.layout}${report.scale ? ` (rates as ${report.scale.scale}: ${report.scale.reason})` : ""}`);
      for (const n of report.notes) console.log(`  ${n}`);
      console.log("\nwritten:");
      for (const fig of report.files) for (const p of [fig.png, fig.svg, fig.pdf, fig.csv, fig.md]) if (p) console.log(`  ${p}`);
      return 0;
    } finally {
      await closeFigureExporter();
    }
  },
};
