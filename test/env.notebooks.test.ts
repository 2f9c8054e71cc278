// The headless runner against the real tslab kernel: a passing fixture notebook that imports the
// compiled library, and broken ones that must fail naming the notebook and the cell.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { runNotebooks, findFailure, listNotebooks } from "../src/notebook";
import { stableHash } from "../src/core";

const ROOT = path.resolve(__dirname, "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "notebooks");
let out: string;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}
const text = (t: string | string[] | undefined): string => (Array.isArray(t) ? t.join("") : (t ?? ""));
const readCells = (file: string): Cell[] => (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] }).cells;
const quiet = (): ((l: string) => void) => () => undefined;

function pngSize(b64: string): { width: number; height: number } {
  const buf = Buffer.from(b64, "base64");
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(buf.subarray(12, 16).toString("latin1"), "IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

before(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-nb-test-"));
  assert.ok(fs.existsSync(path.join(ROOT, "dist", "index.js")), "dist/ must be built first (npm test runs setup, which builds it)");
});
after(() => fs.rmSync(out, { recursive: true, force: true }));

test("lists fixture notebooks sorted by name", () => {
  assert.deepEqual(listNotebooks(FIXTURES), ["broken", "hang", "passing", "type-error"]);
});

test("a notebook importing the library runs in the tslab kernel; outputs, env and inline figures", async () => {
  const source = path.join(FIXTURES, "passing.ipynb");
  const before = fs.readFileSync(source, "utf8");
  const summary = await runNotebooks(["passing.ipynb"], {
    dir: FIXTURES,
    outDir: out,
    env: { LAB_FIXTURE_PARAM: "from-the-test" },
    log: quiet(),
  });
  assert.equal(summary.ok, true, JSON.stringify(summary.results, null, 2));
  const [r] = summary.results;
  assert.equal(r.name, "passing");
  assert.equal(r.codeCells, 5);
  assert.equal(r.executed, 5);
  assert.ok(r.seconds > 0);
  assert.equal(fs.readFileSync(source, "utf8"), before, "the source notebook must not be written");

  const cells = readCells(path.join(out, "passing.ipynb")).filter((c) => c.cell_type === "code");
  const stdout = (c: Cell) => (c.outputs ?? []).filter((o) => o.name === "stdout").map((o) => text(o.text)).join("");
  assert.equal(stdout(cells[1]), `hash ${stableHash({ b: 1, a: [2, 3] })}\nparam from-the-test\n`);
  assert.equal(stdout(cells[2]).trim(), "42");

  const displays = cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "display_data"));
  assert.equal(displays.length, 2, "one display_data per showFigure call");
  for (const d of displays) {
    assert.deepEqual(Object.keys(d.data!).sort(), ["image/png", "text/html", "text/plain"]);
    assert.deepEqual(pngSize(text(d.data!["image/png"])), { width: 480, height: 300 }, "320×200 at scale 1.5");
    const html = text(d.data!["text/html"]);
    assert.match(html, /<img src="data:image\/png;base64,/, "static image inside the HTML too (survives sanitizing)");
    assert.match(html, /Plotly\.newPlot/);
    assert.doesNotMatch(html, /<script[^>]+src=/i, "no external script (no CDN)");
  }
  const [first, second] = displays.map((d) => text(d.data!["text/html"]));
  assert.ok(first.includes("if (!window.Plotly)") && first.length > 1_000_000, "plotly.js inlined with the first figure");
  assert.ok(!second.includes("if (!window.Plotly)") && second.length < 100_000, "and only once per kernel");
  assert.equal(stdout(cells[3]).trim(), "inNotebook true");
  assert.equal(stdout(cells[4]).trim(), "", "showFigure resolves to nothing, so the cell prints nothing");

  // Where a front end runs scripts (a trusted notebook), the static image becomes a plotly chart.
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    await page.setContent(`<html><body>${first}${second}</body></html>`);
    const seen = await page.evaluate(() => ({
      plots: document.querySelectorAll(".js-plotly-plot").length,
      images: document.querySelectorAll("img").length,
    }));
    assert.deepEqual(seen, { plots: 2, images: 0 });
  } finally {
    await browser.close();
  }
});

test("a throwing cell fails the run, naming notebook, cell and error; later cells do not run", async () => {
  const summary = await runNotebooks(["broken"], { dir: FIXTURES, outDir: out, log: quiet() });
  assert.equal(summary.ok, false);
  const [r] = summary.results;
  assert.equal(r.ok, false);
  assert.ok(r.failure, "failure recorded");
  assert.equal(r.failure.cell, 3, "third code cell");
  assert.equal(r.failure.index, 5, "fifth cell of the file");
  assert.equal(r.failure.ename, "RangeError");
  assert.equal(r.failure.evalue, "fixture failure on purpose");
  assert.equal(r.executed, 2);
  assert.equal(r.skipped, 1);
  const all = JSON.stringify(readCells(r.output));
  assert.ok(!all.includes("\"this cell must never run\\n\""), "the cell after the failure produced no output");
});

test("a TypeScript type error fails the run with the diagnostic", async () => {
  const summary = await runNotebooks(["type-error"], { dir: FIXTURES, outDir: out, log: quiet() });
  const [r] = summary.results;
  assert.equal(r.ok, false);
  assert.equal(r.failure?.cell, 2);
  assert.equal(r.failure?.ename, "TypeScriptError");
  assert.match(r.failure!.evalue, /Type 'number' is not assignable to type 'string'/);
});

test("npm run notebooks: exit code and message name the notebook and cell", () => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "src/notebook/run-cli.ts", "--dir", FIXTURES, "--out", out, "broken"],
    { cwd: ROOT, encoding: "utf8" },
  );
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /FAIL broken\.ipynb +\d+\.\d s/);
  assert.match(run.stdout, /broken\.ipynb: code cell 3 of 4 \(cell #5 in the file\) failed: RangeError: fixture failure on purpose/);
  assert.match(run.stdout, /1 notebook\(s\) in [\d.]+ s: 0 passed, 1 failed \(broken\)/);

  const unknown = spawnSync(process.execPath, ["--import", "tsx", "src/notebook/run-cli.ts", "--dir", FIXTURES, "nope"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no notebook named "nope" in .*; available: broken, hang, passing, type-error/);
});

test("a notebook that runs past its time limit is stopped and reported, and its kernel shut down", async () => {
  // The limit counts from the first cell's start, not from the kernel's launch, so a slow start on a
  // loaded machine does not eat it; 20 s leaves the first cell (print "start") ample time to finish
  // before the second one hangs for ten minutes.
  const summary = await runNotebooks(["hang"], { dir: FIXTURES, outDir: out, timeoutMs: 20_000, log: quiet() });
  const [r] = summary.results;
  assert.equal(r.ok, false);
  assert.match(r.error ?? "", /notebook stopped: timeout after 20 s \(counted from the first cell's start\)/);
  assert.ok(r.seconds < 600, "stopped long before the cell's 10 minutes");
  const cells = readCells(r.output).filter((c) => c.cell_type === "code");
  assert.equal(text(cells[0].outputs?.[0]?.text), "start\n", "output before the timeout is kept");
  assert.equal(cells[2].outputs?.length ?? 0, 0, "the cell after the hang never ran");
  assert.deepEqual(kernelsIn(FIXTURES), [], "no tslab kernel left running in the fixture folder");
});

/** Pids of tslab kernels whose working directory is `dir` (Linux /proc). */
function kernelsIn(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd.some((a) => a.endsWith("tslab")) && cmd.includes("kernel") && fs.readlinkSync(`/proc/${entry}/cwd`) === dir) {
        pids.push(Number(entry));
      }
    } catch {
      /* process ended meanwhile */
    }
  }
  return pids;
}

test("findFailure reads kernels that report errors as error outputs", () => {
  const cells = [
    { cell_type: "code", source: "x = 1", execution_count: 1, outputs: [] },
    { cell_type: "markdown", source: "text" },
    {
      cell_type: "code",
      source: "boom()",
      execution_count: 2,
      outputs: [{ output_type: "error", ename: "NameError", evalue: "name 'boom' is not defined", traceback: ["\u001b[31mNameError\u001b[0m: boom"] }],
    },
    { cell_type: "code", source: "y = 2", execution_count: null, outputs: [] },
  ];
  const found = findFailure(cells);
  assert.equal(found.failure?.cell, 2);
  assert.equal(found.failure?.index, 3);
  assert.equal(found.failure?.ename, "NameError");
  assert.deepEqual(found.failure?.traceback, ["NameError: boom"]);
  assert.equal(found.executed, 1);
  assert.equal(found.skipped, 1);
});
