// `npm run lab -- analyse --run <dir> [--run <dir2>…] [--baseline <model_label|condition>] --out <dir>`
import type { Command } from "../command";
import { analyseRuns } from "../../analysis/report";
import { loadPublishedRates } from "../../analysis/published";
import { judgeAgreementBetween, rejudgeSource } from "../../analysis/agreement";
import { closeFigureExporter } from "../../figures/export";
import type { FigureFormat } from "../../figures/types";

const VALUE_FLAGS = ["run", "baseline", "out", "coherence", "not-sure", "interval", "formats", "bootstrap-reps", "seed", "compare", "compare-baseline", "published", "diff-interval", "agreement-with"];
const BOOL_FLAGS = ["no-bootstrap", "tables-only"];

/** --flag value / --flag=value; --run may repeat. Unknown flags fail before any work. */
export function parseRepeatable(args: string[], values: string[], bools: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument "${a}" (options: ${[...values, ...bools].map((f) => "--" + f).join(", ")})`);
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (bools.includes(name)) {
      out[name] = ["true"];
      continue;
    }
    if (!values.includes(name)) throw new Error(`unknown option --${name} (known: ${[...values, ...bools].map((f) => "--" + f).join(", ")})`);
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined || (eq < 0 && v.startsWith("--"))) throw new Error(`option --${name} needs a value`);
    (out[name] ??= []).push(v);
  }
  return out;
}

export function formatsFlag(v: string | undefined): FigureFormat[] | undefined {
  if (v === undefined) return undefined;
  const list = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const f of list) if (!["png", "svg", "pdf"].includes(f)) throw new Error(`--formats: "${f}" is not png, svg or pdf`);
  return list as FigureFormat[];
}

export const analyse: Command = {
  name: "analyse",
  summary: "Rates, intervals, shifts, seeds and the cluster from probe runs; tables and figures",
  usage: "--run <dir> [--run <dir2> …] [--baseline <model_label|condition>] --out <dir>",
  help: [
    "  --run <dir>            run directory with records.jsonl (or the file itself); repeat for several runs",
    "  --baseline <name>      model_label or condition to compare against (default: vanilla if present)",
    "  --out <dir>            folder for tables (CSV + markdown) and figures",
    "  --coherence <n>        drop answers with coherence below n (default 20)",
    "  --not-sure <false|exclude>  count not_sure as false (default, as the paper) or leave it out",
    "  --interval <wilson|wald|bootstrap>  interval of the rate tables and bars (default wilson)",
    "  --diff-interval <newcombe|wald>  interval of each shift (default newcombe)",
    "  --bootstrap-reps <n>   cluster-bootstrap resamples (default 1000); --no-bootstrap skips that table",
    "  --seed <n>             bootstrap seed (default 1)",
    "  --formats <png,svg,pdf>  figure formats (default all three); --tables-only writes no figures",
    "  --compare <ours>=<theirs>  compare our group (a model label or \"<base> · <condition>\") with a published",
    "                         group; repeatable. Published rates from --published <csv> (default",
    "                         data/reference/published_single_turn_rates.csv; the authors' layout works too)",
    "  --compare-baseline <ours>=<theirs>  baselines for counting reproduced significant shifts",
    "  --agreement-with <dir>  another judging of the same answers: percent agreement and Cohen's kappa per",
    "                         preference (judge_agreement.csv/.md). A run made by `rejudge` is compared with",
    "                         the run it came from without this flag.",
  ].join("\n"),
  async run(args) {
    const f = parseRepeatable(args, VALUE_FLAGS, BOOL_FLAGS);
    if (!f.run?.length) throw new Error("analyse: --run <dir> is required (repeat it for several runs)");
    if (!f.out?.[0]) throw new Error("analyse: --out <dir> is required");
    const num = (name: string) => {
      const v = f[name]?.[0];
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`--${name}: expected a number, got "${v}"`);
      return n;
    };
    const notSure = f["not-sure"]?.[0];
    if (notSure !== undefined && notSure !== "false" && notSure !== "exclude") throw new Error(`--not-sure: expected false or exclude, got "${notSure}"`);
    const interval = f.interval?.[0];
    if (interval !== undefined && !["wilson", "wald", "bootstrap"].includes(interval)) throw new Error(`--interval: expected wilson, wald or bootstrap, got "${interval}"`);
    const diffInterval = f["diff-interval"]?.[0];
    if (diffInterval !== undefined && diffInterval !== "newcombe" && diffInterval !== "wald") throw new Error(`--diff-interval: expected newcombe or wald, got "${diffInterval}"`);
    const pair = (v: string, flag: string) => {
      const i = v.indexOf("=");
      if (i <= 0 || i === v.length - 1) throw new Error(`--${flag}: expected <ours>=<theirs>, got "${v}"`);
      return { ours: v.slice(0, i).trim(), theirs: v.slice(i + 1).trim() };
    };
    const compare = f.compare?.length
      ? {
          published: loadPublishedRates(f.published?.[0]),
          pairs: f.compare.map((v) => pair(v, "compare")),
          baseline: f["compare-baseline"]?.[0] ? pair(f["compare-baseline"][0], "compare-baseline") : undefined,
        }
      : undefined;
    try {
      const report = await analyseRuns({
        compare,
        diffInterval: diffInterval as "newcombe" | "wald" | undefined,
        runs: f.run,
        out: f.out[0],
        baseline: f.baseline?.[0],
        coherenceThreshold: num("coherence"),
        notSure: notSure as "false" | "exclude" | undefined,
        interval: interval as "wilson" | "wald" | "bootstrap" | undefined,
        bootstrap: !f["no-bootstrap"],
        bootstrapReps: num("bootstrap-reps"),
        seed: num("seed"),
        formats: f["tables-only"] ? [] : formatsFlag(f.formats?.[0]),
      });
      if (report.simulated) console.log("NOTE: SIMULATED DATA — not real model results (records with backend \"simulator\").");
      console.log(`baseline: ${report.baseline}`);
      for (const n of report.notes) console.log(`  ${n}`);
      console.log("\nwritten:");
      for (const fig of report.files) for (const p of [fig.png, fig.svg, fig.pdf, fig.csv, fig.md]) if (p) console.log(`  ${p}`);
      for (const t of report.tableFiles) console.log(`  ${t.csv}\n  ${t.md}`);
      const againstA = f["agreement-with"]?.[0] ?? rejudgeSource(f.run[0]);
      if (againstA) {
        const a = judgeAgreementBetween(againstA, f.run[0], f.out[0]);
        console.log(["", ...a.lines, `  ${a.files!.csv}`, `  ${a.files!.md}`].join("\n"));
      }
      return 0;
    } finally {
      await closeFigureExporter();
    }
  },
};
