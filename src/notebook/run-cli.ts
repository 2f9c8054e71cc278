// `npm run notebooks [-- name…] [--dir <folder>] [--out <folder>] [--timeout <seconds>] [--fail-fast]`
import { runNotebooks, type NotebookRunOptions } from "./runner";

const USAGE = `usage: npm run notebooks [-- <name>…] [--dir <folder>] [--out <folder>] [--timeout <seconds>] [--fail-fast]

Executes notebooks/*.ipynb (sorted by name, or only those named) top to bottom in the tslab
kernel and writes executed copies to build/notebooks/. Exits non-zero if any cell fails.
Environment variables are passed through to the notebooks.`;

function parse(argv: string[]): { names: string[]; opts: NotebookRunOptions } {
  const names: string[] = [];
  const opts: NotebookRunOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value\n\n${USAGE}`);
      return v;
    };
    if (a === "--dir") opts.dir = value();
    else if (a === "--out") opts.outDir = value();
    else if (a === "--timeout") {
      const v = value();
      const s = Number(v);
      if (!Number.isFinite(s) || s <= 0) throw new Error(`--timeout expects seconds (a positive number), got "${v}"`);
      opts.timeoutMs = s * 1000;
    } else if (a === "--fail-fast") opts.failFast = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n\n${USAGE}`);
    else names.push(a);
  }
  return { names, opts };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  const { names, opts } = parse(argv);
  const summary = await runNotebooks(names, opts);
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
