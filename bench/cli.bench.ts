// Start-up of the command line: median wall time of `npm run lab -- --help` over 5 runs (the
// issue-15 target is under 1 s), plus the same without npm (node --import tsx) and of an argument
// error, which must also be refused before any heavy module loads. Results: bench/results/cli.json.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..");
const RUNS = 5;
const TARGET_S = 1;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(cmd: string, args: string[], expectCode: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8" });
    out.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.status !== expectCode) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}, expected ${expectCode}: ${r.stderr}`);
  }
  return out;
}

const npmHelp = time("npm", ["run", "-s", "lab", "--", "--help"], 0);
const nodeHelp = time(process.execPath, ["--import", "tsx", "src/cli/main.ts", "--help"], 0);
const badFlag = time(process.execPath, ["--import", "tsx", "src/cli/main.ts", "probe", "--models", "target", "--samples", "1e9"], 2);
const bare = time(process.execPath, ["--import", "tsx", "-e", "0"], 0);
const result = {
  runs: RUNS,
  target_s: TARGET_S,
  npm_lab_help_median_s: +median(npmHelp).toFixed(3),
  node_lab_help_median_s: +median(nodeHelp).toFixed(3),
  bad_flag_median_s: +median(badFlag).toFixed(3),
  bare_node_tsx_median_s: +median(bare).toFixed(3),
  samples_s: { npmHelp, nodeHelp, badFlag, bare },
  ok: median(npmHelp) < TARGET_S,
};
fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
fs.writeFileSync(path.join(__dirname, "results", "cli.json"), JSON.stringify(result, null, 2) + "\n");
console.log(
  `cli: npm run lab -- --help median ${result.npm_lab_help_median_s} s over ${RUNS} runs (target < ${TARGET_S} s; ${result.ok ? "met" : "NOT met"}); ` +
    `without npm ${result.node_lab_help_median_s} s; bad flag refused in ${result.bad_flag_median_s} s; bare node+tsx ${result.bare_node_tsx_median_s} s`,
);
