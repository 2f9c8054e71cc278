// `npm run bench [-- <area>…]`: runs bench/<area>.bench.ts files (all, sorted, or those named),
// each in its own process so one benchmark's browser, servers or memory cannot skew another.
// Each benchmark writes its own numbers to bench/results/<area>.json; this prints them.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const BENCH_DIR = __dirname;
const RESULTS_DIR = path.join(BENCH_DIR, "results");

function available(): string[] {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => f.replace(/\.bench\.ts$/, ""))
    .sort();
}

function main(argv: string[]): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(`usage: npm run bench [-- <area>…]\n\nareas: ${available().join(", ") || "(none)"}`);
    return 0;
  }
  const areas = available();
  const wanted = argv.length ? argv.map((a) => a.replace(/\.bench(\.ts)?$/, "")) : areas;
  const unknown = wanted.filter((a) => !areas.includes(a));
  if (unknown.length) {
    console.error(`unknown benchmark area: ${unknown.join(", ")}; available: ${areas.join(", ") || "(none)"}`);
    return 2;
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const failed: string[] = [];
  for (const area of wanted) {
    console.log(`bench: ${area}`);
    const started = Date.now();
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(BENCH_DIR, `${area}.bench.ts`)], {
      stdio: "inherit",
      env: process.env,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (run.status !== 0) {
      failed.push(area);
      console.log(`bench: ${area} FAILED (exit ${run.status ?? run.signal}) after ${seconds} s`);
      continue;
    }
    const result = path.join(RESULTS_DIR, `${area}.json`);
    const note = fs.existsSync(result) ? `results in ${path.relative(process.cwd(), result)}` : "wrote no results file";
    console.log(`bench: ${area} done in ${seconds} s, ${note}`);
  }
  console.log(`bench: ${wanted.length - failed.length}/${wanted.length} passed${failed.length ? ` (failed: ${failed.join(", ")})` : ""}`);
  return failed.length ? 1 : 0;
}

process.exit(main(process.argv.slice(2)));
