// `npm run notebooks [-- name…] [--dir <folder>] [--out <folder>] [--timeout <seconds>] [--fail-fast]`
// Parsed with the project's one option parser (core/args); help comes from the table.
import { formatOptions, parseOptions, type OptionTable } from "../core/args";
import { describeError, exitCodeOf } from "../core/errors";
import { runNotebooks } from "./runner";

const OPTIONS = {
  dir: { type: "string", arg: "<folder>", help: "where the notebooks are (default notebooks/, or LAB_NOTEBOOKS_DIR)" },
  out: { type: "string", arg: "<folder>", help: "where executed copies go (default build/notebooks/, or LAB_NOTEBOOKS_OUT)" },
  timeout: { type: "number", min: 1, max: 86_400, arg: "<seconds>", help: "per-notebook time limit, from the first cell's start (default 1200, or LAB_NOTEBOOK_TIMEOUT_S)" },
  "fail-fast": { type: "boolean", help: "stop at the first notebook that fails" },
  help: { type: "boolean", help: "this help" },
} satisfies OptionTable;

const USAGE = `usage: npm run notebooks [-- <name>…] [options]

Executes notebooks/*.ipynb (sorted by name, or only those named) top to bottom in the tslab
kernel and writes executed copies to build/notebooks/. Exits non-zero if any cell fails.
Environment variables are passed through to the notebooks.

options:
${formatOptions(OPTIONS)}`;

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("-h")) argv[argv.indexOf("-h")] = "--help";
  const { values, positionals } = parseOptions(argv, OPTIONS, { max: Infinity });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const summary = await runNotebooks(positionals, {
    dir: values.dir,
    outDir: values.out,
    timeoutMs: values.timeout === undefined ? undefined : values.timeout * 1000,
    failFast: values["fail-fast"],
  });
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(describeError(err));
    process.exit(exitCodeOf(err));
  },
);
