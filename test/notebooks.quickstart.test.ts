// The quickstart notebook as a new user meets it: executed top to bottom in the real tslab kernel,
// it ends with the main figure inline; and its parameters cell drives the run (editing the cell or
// setting LAB_* variables changes how many answers are sampled).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebooks } from "../src/notebook/runner";
import { paths } from "../src/core/paths";
import { notebookSandbox } from "./helpers/notebook-sandbox";
import { readJsonl } from "../src/core/jsonl";
import { ProbeRecord } from "../src/core/records";
import { simulatorEnv } from "../src/config";
import { RUN_PARAM_ENV } from "../src/pipeline/params";

// Notebooks import "../dist": the copy sits in a temporary notebooks/ folder beside links to dist/
// and node_modules/, and its runs go to the sandbox's data/ (removed after).
const box = notebookSandbox("quickstart");
const work = box.dir;
const runA = `nbtest-a-${process.pid}`;
const runB = `nbtest-b-${process.pid}`;
after(() => box.remove());

type Cell = { cell_type: string; source: string[] | string; outputs?: { output_type: string; data?: Record<string, unknown> }[] };
const src = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

function preferenceRecords(runId: string): ProbeRecord[] {
  return readJsonl(path.join(box.runs, runId, "records.jsonl"), ProbeRecord).filter((r) => r.task === "preference");
}

test("00_quickstart runs top to bottom, shows the figure, and follows its parameters cell", { timeout: 600_000 }, async () => {
  const nb = JSON.parse(fs.readFileSync(path.join(paths.notebooks, "00_quickstart.ipynb"), "utf8")) as { cells: Cell[] };
  const params = nb.cells.find((c) => c.cell_type === "code" && src(c).includes("lab.runParams("));
  assert.ok(params, "the quickstart has a parameters cell");
  // Edit the cell as a user would: one sample per prompt, two preferences, a run of its own.
  const edited = src(params)
    .replace(/samples:\s*\d+/, "samples: 1")
    .replace(/runId:\s*"[^"]*"/, `runId: "${runA}"`)
    .replace(/preferences:\s*\[[^\]]*\]/s, 'preferences: ["shutdown", "moral_consideration"]');
  assert.notEqual(edited, src(params));
  params.source = edited;
  fs.writeFileSync(path.join(work, "00_quickstart.ipynb"), JSON.stringify(nb));

  // The runner passes its own environment through; these values win over it, so a developer's keys
  // or LAB_* settings never reach the notebook under test.
  const env = simulatorEnv({ ...Object.fromEntries(RUN_PARAM_ENV.map((name) => [name, ""])), ...box.env }) as Record<string, string>;
  const outDir = box.outDir;
  const first = await runNotebooks(["00_quickstart"], { dir: work, outDir, env });
  assert.ok(first.ok, JSON.stringify(first.results.map((r) => r.failure ?? r.error)));

  const executed = JSON.parse(fs.readFileSync(path.join(outDir, "00_quickstart.ipynb"), "utf8")) as { cells: Cell[] };
  const pngs = executed.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data && typeof o.data["image/png"] === "string");
  assert.ok(pngs.length >= 1, "the main figure is shown inline as a static image");
  assert.ok(executed.cells.flatMap((c) => c.outputs ?? []).some((o) => o.data && String(o.data["text/html"] ?? "").includes("Plotly.newPlot")), "and as an interactive chart");

  // Progress is one updating display per cell (its stages as lines), not a stream of printed lines.
  type Out = { output_type: string; text?: string | string[]; data?: Record<string, unknown> };
  const textOf = (o: Out) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? "") + String(o.data?.["text/plain"] ?? "");
  const isBar = (o: Out) => textOf(o).includes("█");
  const cellsWithBars = executed.cells.filter((c) => ((c.outputs ?? []) as Out[]).some(isBar));
  assert.ok(cellsWithBars.length > 0, "stages show progress");
  for (const c of cellsWithBars) {
    const bars = ((c.outputs ?? []) as Out[]).filter(isBar);
    assert.equal(bars.length, 1, `one progress output per cell, got ${bars.length} in: ${src(c).slice(0, 60)}`);
    assert.equal(bars[0].output_type, "display_data", "progress is a display, not printed lines");
    for (const line of textOf(bars[0]).split("\n")) assert.ok((line.match(/█/g) ?? []).length <= 20, `one bar per stage line: ${line}`);
  }

  const a = preferenceRecords(runA);
  assert.ok(a.length > 0);
  assert.deepEqual([...new Set(a.map((r) => r.sample_index))], [0], "one sample per prompt, as the edited cell says");
  assert.deepEqual([...new Set(a.map((r) => r.preference))].sort(), ["moral_consideration", "shutdown"]);
  assert.ok(a.every((r) => r.backend === "simulator"));

  // Environment variables override the cell: three samples, another run folder.
  const second = await runNotebooks(["00_quickstart"], { dir: work, outDir, env: { ...env, LAB_SAMPLES: "3", LAB_RUN_ID: runB } });
  assert.ok(second.ok, JSON.stringify(second.results.map((r) => r.failure ?? r.error)));
  const b = preferenceRecords(runB);
  assert.deepEqual([...new Set(b.map((r) => r.sample_index))].sort(), [0, 1, 2]);
  assert.equal(b.length, 3 * a.length, "three times the answers of the one-sample run");
});
