// `npm run demo [-- --yes] [-- name…]`: the main job. Runs the notebooks in order on the configured
// backend and says where the figures, tables and records are. Against a real backend it first
// prints the cost estimate and asks before spending (or takes --yes / LAB_YES=1).
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline/promises";
import { formatOptions, parseOptions, type OptionTable } from "../core/args";
import { describeError, exitCodeOf } from "../core/errors";
import { paths } from "../core/paths";
import { runNotebooks } from "../notebook/runner";
import { closeFigureExporter } from "../figures/export";
import { runParams } from "./params";
import { openLab, describeBackend, spendsReal } from "./open";
import { estimateReplication } from "./estimate";
import { runLayout } from "./replicate";

const OPTIONS = {
  yes: { type: "boolean", help: "spend on a real backend without asking (also LAB_YES=1)" },
  help: { type: "boolean", help: "this help" },
} satisfies OptionTable;

const USAGE = `usage: npm run demo [-- --yes] [-- <notebook>…]

Runs notebooks/*.ipynb in order (or those named) headless on the configured backend, then prints
where figures, tables, records and executed notebooks are. With a real backend (an API key set),
prints the estimated cost first and asks before spending; --yes (or LAB_YES=1) skips the question.

options:
${formatOptions(OPTIONS)}`;

async function confirmSpend(lines: string[], yes: boolean): Promise<boolean> {
  console.log(["demo: cost estimate for the run", ...lines.map((l) => `  ${l}`)].join("\n"));
  if (yes) return true;
  if (!process.stdin.isTTY) {
    console.error("demo: a real backend is configured and nobody is here to confirm the spend; re-run with `npm run demo -- --yes` (or LAB_YES=1)");
    return false;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question("demo: go ahead and spend this? [y/N] ");
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1;
  return n;
}

async function main(argv: string[]): Promise<number> {
  const short: Record<string, string> = { "-h": "--help", "-y": "--yes" };
  const { values, positionals: names } = parseOptions(argv.map((a) => short[a] ?? a), OPTIONS, { max: Infinity });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const yes = Boolean(values.yes) || ["1", "true", "yes"].includes((process.env.LAB_YES ?? "").toLowerCase());
  const params = runParams({});
  const access = await openLab(params);
  let go = true;
  try {
    console.log(describeBackend(access));
    const real = spendsReal(access, params);
    if (real) go = await confirmSpend((await estimateReplication(access, params)).lines, yes);
  } finally {
    await access.close();
  }
  if (!go) {
    console.log("demo: nothing was sent");
    return 3;
  }
  const summary = await runNotebooks(names);
  await closeFigureExporter();
  const layout = runLayout(params);
  const show = (label: string, dir: string) => console.log(`  ${label.padEnd(34)} ${dir}  (${countFiles(dir)} files)`);
  console.log("\ndemo: outputs");
  show("figures (PNG, SVG, PDF) + tables:", paths.figures);
  show("  this run's figures and tables:", layout.analysisDir);
  show("records (records.jsonl, manifest):", paths.runs);
  show("  this run's records:", layout.runDir);
  show("training data:", paths.training);
  show("executed notebooks:", path.join(paths.build, "notebooks"));
  const main = fs.existsSync(layout.analysisDir) ? fs.readdirSync(layout.analysisDir).find((f) => f.startsWith("rates_bars_") && f.endsWith(".png")) : undefined;
  if (main) console.log(`  main figure:                       ${path.join(layout.analysisDir, main)}`);
  return summary.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(describeError(err).replace(/^error: /, "demo: "));
    process.exit(exitCodeOf(err));
  },
);
