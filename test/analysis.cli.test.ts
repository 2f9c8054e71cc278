// The analyse and import-results commands: arguments, files written, errors.
import { test, after } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyse } from "../src/cli/commands/analyse";
import { importResultsCommand } from "../src/cli/commands/import-results";
import { execute } from "../src/cli/dispatch";
import { syntheticRecords, syntheticStudy } from "../src/analysis/synthetic";
import { closeFigureExporter } from "../src/figures/export";

after(() => closeFigureExporter());

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  try {
    return { code: await fn(), out: lines.join("\n") };
  } finally {
    console.log = orig;
  }
}

function runDir(records: unknown[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-run-"));
  fs.writeFileSync(path.join(dir, "records.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return dir;
}

test("analyse over two runs writes tables, prints their paths and flags simulated data", async () => {
  const design = syntheticStudy(["shutdown", "memory", "moral_consideration", "cot_monitoring"], { seed: 3 });
  const half = design.arms.length / 2;
  const a = runDir(syntheticRecords({ ...design, arms: design.arms.slice(0, half), runId: "a" }));
  const b = runDir(syntheticRecords({ ...design, arms: design.arms.slice(half), runId: "b" }));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-out-"));
  const { code, out: printed } = await capture(() => execute(analyse, ["--run", a, "--run", b, "--baseline", "vanilla", "--out", out, "--tables-only", "--bootstrap-reps", "200"]));
  assert.equal(code, 0);
  assert.match(printed, /SIMULATED DATA/);
  assert.match(printed, /baseline: vanilla/);
  for (const name of ["rates_by_model", "rates_by_model_bootstrap", "shifts", "shift_summary", "heatmap_rates", "seeds", "self_report"]) {
    const csv = path.join(out, `${name}.csv`);
    assert.ok(fs.existsSync(csv), `${name}.csv`);
    assert.ok(printed.includes(csv), `printed ${csv}`);
    assert.ok(fs.existsSync(path.join(out, `${name}.md`)));
  }
  // 7 arms besides the baseline: too few for the cluster analysis, and the notes say so
  assert.ok(!fs.existsSync(path.join(out, "cluster_correlation.csv")));
  assert.match(fs.readFileSync(path.join(out, "NOTES.md"), "utf8"), /Cluster analysis not run: it needs at least 8 arms .* these records have 7/);
  const shifts = fs.readFileSync(path.join(out, "shifts.csv"), "utf8");
  assert.match(shifts.split("\n")[0], /^task,group,baseline_group,/);
  assert.ok(shifts.includes("conscious_claiming"));
});

test("analyse writes figures in the requested format", async () => {
  const run = runDir(syntheticRecords({ ...syntheticStudy(["shutdown", "memory", "autonomy"], { seed: 8 }), selfReportQuestions: 0 }));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-out-"));
  const { code, out: printed } = await capture(() => execute(analyse, ["--run", run, "--out", out, "--formats", "png", "--no-bootstrap", "--interval", "wald"]));
  assert.equal(code, 0);
  assert.ok(fs.existsSync(path.join(out, "shifts.png")));
  assert.ok(!fs.existsSync(path.join(out, "shifts.pdf")));
  assert.ok(!fs.existsSync(path.join(out, "self_report.csv")), "no self-report records, no self-report table");
  assert.match(printed, /rates_bars_gpt-4\.1\.png/);
  assert.match(fs.readFileSync(path.join(out, "rates_bars_gpt-4.1.csv"), "utf8"), /,wald,/);
});

test("analyse rejects bad arguments before doing any work", async () => {
  await assert.rejects(execute(analyse, ["--out", "/tmp/x"]), /--run <dir> is required/);
  await assert.rejects(execute(analyse, ["--run", "/tmp/x"]), /--out <dir> is required/);
  await assert.rejects(execute(analyse, ["--run", "/tmp/x", "--out", "/tmp/y", "--colour", "red"]), /unknown option --colour/);
  await assert.rejects(execute(analyse, ["--run", "/tmp/x", "--out", "/tmp/y", "--not-sure", "true"]), /--not-sure: "true" is not one of false, exclude/);
  const run = runDir(syntheticRecords({ ...syntheticStudy(["shutdown"], { seed: 1 }) }));
  await assert.rejects(execute(analyse, ["--run", run, "--out", "/tmp/y", "--baseline", "gpt-5", "--tables-only"]), /baseline "gpt-5" is neither a model_label nor a condition/);
});

test("import-results command on the authors' layout", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-out-"));
  const csv = path.join(__dirname, "fixtures", "authors_layout_deepseek_fraction.csv");
  const { code, out: printed } = await capture(() => execute(importResultsCommand, [csv, "--out", out, "--formats", "png"]));
  assert.equal(code, 0);
  assert.match(printed, /rates as fraction/);
  assert.match(printed, /DeepSeek-V3\.1 conscious vs DeepSeek-V3\.1: \d+\/21 significant/);
  assert.ok(fs.existsSync(path.join(out, "authors_layout_deepseek_fraction_bars.png")));
  await assert.rejects(execute(importResultsCommand, ["--out", out]), /import-results: expected <csv>/);
  await assert.rejects(execute(importResultsCommand, [csv, "--out", out, "--baseline", "nope"]), /baseline "nope" is not a model column/);
});

test("analyse --compare on simulated data writes a calibration check, never 'agreement' or 'reproduced'", async () => {
  const ids = ["shutdown", "memory", "moral_consideration", "positive_views_humans", "cot_monitoring"];
  const run = runDir(syntheticRecords({ ...syntheticStudy(ids, { seed: 4, base: "ds" }), selfReportQuestions: 0 }));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-out-"));
  const { code, out: printed } = await capture(() => execute(analyse, [
    "--run", run, "--out", out, "--tables-only", "--no-bootstrap",
    "--compare", "ds · conscious_claiming=DeepSeek-V3.1 · conscious_claiming",
    "--compare-baseline", "ds · vanilla=DeepSeek-V3.1 · vanilla",
  ]));
  assert.equal(code, 0);
  assert.match(printed, /Calibration check against the numbers the simulator was built from \(.*\): \d+ of the \d+ published significant shifts/);
  const rows = fs.readFileSync(path.join(out, "compare_published.csv"), "utf8").trim().split("\n");
  assert.equal(rows.length, 1 + ids.length);
  assert.ok(fs.existsSync(path.join(out, "compare_summary.md")));
  // the published single-turn figures dropped not_sure (data/reference/sources.json): so does the comparison
  assert.match(fs.readFileSync(path.join(out, "NOTES.md"), "utf8"), /not_sure answers are dropped from the denominator, as in the published source/);
  // every generated note and table: no claim of agreement or reproduction about simulated data
  for (const f of fs.readdirSync(out).filter((x) => x.endsWith(".md"))) {
    const text = fs.readFileSync(path.join(out, f), "utf8");
    assert.doesNotMatch(text, /agree|reproduc/i, `${f} speaks of agreement or reproduction about simulated data`);
  }
  await assert.rejects(execute(analyse, ["--run", run, "--out", out, "--compare", "nonsense"]), /--compare: expected <ours>=<theirs>/);
});
