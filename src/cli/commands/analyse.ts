// `npm run lab -- analyse --run <dir> [--run <dir2>…] [--baseline <model_label|condition>] --out <dir>`
import { InputError } from "../../core/errors";
import { checkOutFolder } from "../../core/out-folder";
import { LIMITS } from "../../core/limits";
import type { AnalysisRow } from "../../analysis/load";
import { defineCommand } from "../command";
import { formatRatesTable } from "../rates-table";

export const FORMATS_OPTION = { type: "list", choices: ["png", "svg", "pdf"], help: "figure formats (default all three)" } as const;

function pair(v: string, flag: string): { ours: string; theirs: string } {
  const i = v.indexOf("=");
  if (i <= 0 || i === v.length - 1) throw new InputError(`--${flag}: expected <ours>=<theirs>, got "${v}"`);
  return { ours: v.slice(0, i).trim(), theirs: v.slice(i + 1).trim() };
}

/** A run with nothing to count is an error that says why, not a folder of empty tables. */
function refuseUnusable(rows: readonly AnalysisRow[], runs: string[], threshold: number): void {
  if (rows.some((r) => r.y !== null)) return;
  const by: Record<string, number> = {};
  for (const r of rows) by[r.outcome] = (by[r.outcome] ?? 0) + 1;
  const counts = Object.entries(by).map(([k, n]) => `${n} ${k}`).join(", ") || "no records";
  const why = by.failed ? "every call failed; the reason is in each record's \"error\" field (re-run the probe to retry them)" : by.incoherent ? `every answer scored below the coherence cut ${threshold} (--coherence)` : "no record has a verdict";
  throw new InputError(`analyse: no usable records in ${runs.join(", ")} (${counts}): ${why}`);
}

export const analyse = defineCommand({
  name: "analyse",
  aliases: ["analyze"],
  summary: "Rates, intervals, shifts, seeds and the cluster from probe runs; tables and figures",
  options: {
    run: { type: "string", arg: "<dir>", multiple: true, help: "run directory with records.jsonl (or the file itself); repeat for several runs" },
    baseline: { type: "string", arg: "<name>", help: "model_label or condition to compare against (default: vanilla if present)" },
    out: { type: "string", arg: "<dir>", help: "folder for tables (CSV + markdown) and figures" },
    coherence: { type: "number", ...LIMITS.coherence, help: "drop answers with coherence below n (default 20)" },
    "not-sure": { type: "string", choices: ["false", "exclude"], help: "count not_sure as false (default, as the paper) or leave it out" },
    interval: { type: "string", choices: ["wilson", "wald", "bootstrap"], help: "interval of the rate tables and bars (default wilson)" },
    "diff-interval": { type: "string", choices: ["newcombe", "wald"], help: "interval of each shift (default newcombe)" },
    "bootstrap-reps": { type: "int", ...LIMITS.bootstrapReps, help: "cluster-bootstrap resamples (default 1000)" },
    "no-bootstrap": { type: "boolean", help: "skip the cluster-bootstrap table" },
    seed: { type: "int", ...LIMITS.seed, help: "bootstrap seed (default 1)" },
    formats: FORMATS_OPTION,
    "tables-only": { type: "boolean", help: "write tables, no figures" },
    compare: { type: "string", arg: "<ours>=<theirs>", multiple: true, help: "compare our group (a model label or \"<base> · <condition>\") with a published\ngroup; repeatable" },
    published: { type: "string", arg: "<csv>", help: "published rates for --compare (default data/reference/published_single_turn_rates.csv;\nthe authors' layout works too)" },
    "compare-baseline": { type: "string", arg: "<ours>=<theirs>", help: "baselines for counting matched significant shifts" },
    "agreement-with": { type: "string", arg: "<dir>", help: "another judging of the same answers: percent agreement and Cohen's kappa per\npreference (judge_agreement.csv/.md); a run made by `rejudge` is compared with its source without it" },
  },
  notes: ["Prints the rate table; exit code 2 when the runs hold no usable record (all failed, unparseable, or below the coherence cut)."],
  async run({ values: f }) {
    if (!f.run?.length) throw new InputError("analyse: --run <dir> is required (repeat it for several runs)");
    if (!f.out) throw new InputError("analyse: --out <dir> is required");
    checkOutFolder(f.out);
    const compareSpec = f.compare?.length ? { pairs: f.compare.map((v) => pair(v, "compare")), baseline: f["compare-baseline"] ? pair(f["compare-baseline"], "compare-baseline") : undefined } : undefined;
    const [{ analyseRows }, { loadRecordRows }, { loadPublishedRates, referenceFiles }, { publishedNotSureRule }, { closeFigureExporter }] = await Promise.all([
      import("../../pipeline/report"),
      import("../../analysis/load"),
      import("../../analysis/published"),
      import("../../analysis/reference-sources"),
      import("../../figures/export"),
    ]);
    // The published file's not_sure rule (data/reference/sources.json), so ours is counted alike.
    const publishedFile = f.published ?? referenceFiles.singleTurn;
    const compare = compareSpec ? { ...compareSpec, published: loadPublishedRates(f.published), notSure: publishedNotSureRule(publishedFile), source: publishedFile } : undefined;
    const loadOpts = { coherenceThreshold: f.coherence, notSure: f["not-sure"] as "false" | "exclude" | undefined };
    const rows = loadRecordRows(f.run, loadOpts);
    refuseUnusable(rows, f.run, f.coherence ?? 20);
    try {
      const report = await analyseRows(rows, {
        compare,
        diffInterval: f["diff-interval"] as "newcombe" | "wald" | undefined,
        out: f.out,
        baseline: f.baseline,
        coherenceThreshold: f.coherence,
        notSure: f["not-sure"] as "false" | "exclude" | undefined,
        interval: f.interval as "wilson" | "wald" | "bootstrap" | undefined,
        bootstrap: !f["no-bootstrap"],
        bootstrapReps: f["bootstrap-reps"],
        seed: f.seed,
        formats: f["tables-only"] ? [] : (f.formats as ("png" | "svg" | "pdf")[] | undefined),
      });
      if (report.simulated) console.log("NOTE: SIMULATED DATA — not real model results (records with backend \"simulator\").");
      console.log(`baseline: ${report.baseline}`);
      for (const n of report.notes) console.log(`  ${n}`);
      console.log("\nwritten:");
      for (const fig of report.files) for (const p of [fig.png, fig.svg, fig.pdf, fig.csv, fig.md]) if (p) console.log(`  ${p}`);
      for (const t of report.tableFiles) console.log(`  ${t.csv}\n  ${t.md}`);
      // Seeds pooled per condition keeps the table narrow; per-model rates are in rates_by_model.csv.
      const all = report.tables.conditionRates;
      const rates = all.filter((r) => r.task === "preference" || all.every((x) => x.task !== "preference"));
      console.log(`\nrates by condition, seeds pooled (% of kept answers showing the preference; answers in brackets)${report.simulated ? " — SIMULATED" : ""}:\n${formatRatesTable(rates)}`);
      const { judgeAgreementBetween, rejudgeSource } = await import("../../analysis/agreement");
      const other = f["agreement-with"] ?? rejudgeSource(f.run[0]);
      if (other) {
        const a = judgeAgreementBetween(other, f.run[0]);
        const { writeTable } = await import("../../pipeline/write");
        const files = writeTable(a.table, "judge_agreement", f.out, { title: a.title, notes: a.notes });
        console.log(["", ...a.lines, `  ${files.csv}`, `  ${files.md}`].join("\n"));
      }
      return 0;
    } finally {
      await closeFigureExporter();
    }
  },
});
