// How fast each formerly silent failure ends (issue 14): every case of
// test/helpers/silent-failures.ts run through the CLI, from spawn to exit; target ≤ 10 s each
// (≤ 30 s for connection errors). Results: bench/results/failfast.json.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FAIL_CASES, runCase, startCaseSimulator } from "../test/helpers/silent-failures";

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-failfast-"));
  const sim = await startCaseSimulator();
  const rows = [];
  try {
    for (const [i, c] of FAIL_CASES.entries()) {
      const r = await runCase(c, sim, path.join(work, String(i)));
      const said = r.stderr + r.stdout;
      const firstLine = said.split("\n").find((l) => l.startsWith("error:")) ?? said.split("\n")[0];
      const row = { case: c.name, seconds: Math.round(r.seconds * 100) / 100, limitS: c.limitS, exit: r.code, records: r.records, named: c.message.test(said), pass: r.seconds <= c.limitS && r.code === c.exit && c.message.test(said), message: firstLine.slice(0, 240) };
      rows.push(row);
      console.log(`${row.pass ? "ok  " : "FAIL"} ${row.seconds.toFixed(1).padStart(5)} s (≤ ${c.limitS} s) exit ${r.code} records ${r.records}  ${c.name}\n       ${row.message}`);
    }
  } finally {
    await sim.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const out = { bench: "failfast", at: new Date().toISOString(), machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100) }, rows, pass: rows.every((r) => r.pass) };
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "failfast.json"), JSON.stringify(out, null, 2) + "\n");
  if (!out.pass) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
