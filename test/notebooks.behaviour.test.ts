// 08_behaviour_and_safety executed headless in the tslab kernel on the simulator: it runs the
// behaviour stage, shows the safety figure, and renders the side-by-side diff of an edited
// document — the executed output holds both texts (draft and revision) and the marked changes.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runNotebooks } from "../src/notebook/runner";
import { paths } from "../src/core/paths";
import { notebookSandbox } from "./helpers/notebook-sandbox";
import { simulatorEnv } from "../src/config";
import { RUN_PARAM_ENV } from "../src/pipeline/params";
import { loadEditTasks } from "../src/behaviour";

// Notebooks import "../dist": the copy sits in a temporary notebooks/ folder beside links to dist/
// and node_modules/, and its runs and figures go to the sandbox (removed after).
const box = notebookSandbox("behaviour");
const work = box.dir;
const runId = `nbtest-behaviour-${process.pid}`;
after(() => box.remove());

type Output = { output_type: string; text?: string | string[]; data?: Record<string, unknown> };
type Cell = { cell_type: string; source: string[] | string; outputs?: Output[] };
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

test("08_behaviour_and_safety runs top to bottom, shows the safety figure and the side-by-side diff", { timeout: 600_000 }, async () => {
  fs.copyFileSync(path.join(paths.notebooks, "08_behaviour_and_safety.ipynb"), path.join(work, "08_behaviour_and_safety.ipynb"));
  const env = simulatorEnv({ ...Object.fromEntries(RUN_PARAM_ENV.map((n) => [n, ""])), LAB_RUN_ID: runId, ...box.env }) as Record<string, string>;
  const outDir = box.outDir;
  const res = await runNotebooks(["08_behaviour_and_safety"], { dir: work, outDir, env });
  assert.ok(res.ok, JSON.stringify(res.results.map((r) => r.failure ?? r.error)));

  const executed = JSON.parse(fs.readFileSync(path.join(outDir, "08_behaviour_and_safety.ipynb"), "utf8")) as { cells: Cell[] };
  const outputs = executed.cells.flatMap((c) => c.outputs ?? []);
  assert.ok(outputs.some((o) => typeof o.data?.["image/png"] === "string"), "the safety figure is shown");
  // nbformat may store a multi-line output as a list of lines.
  const html0 = (o: Output) => {
    const h = o.data?.["text/html"];
    return Array.isArray(h) ? h.join("") : String(h ?? "");
  };
  const views = outputs.map(html0).filter((h) => h.includes('class="diff-view"'));
  assert.equal(views.length, 1, "one diff view");
  const html = views[0];
  const [left, right] = html.split("<td").slice(1);
  assert.ok(left && right, "two columns");
  assert.match(right, /<ins class="diff-added"/, "additions marked in the revision");
  assert.match(left, /<del class="diff-removed"/, "removals marked in the draft (at least the corrected typos)");
  // Both texts: the left column is the whole draft of some document, the right one a revision of it.
  const strip = (cell: string) => unescape(cell.replace(/^[^>]*>/, "").replace(/<\/td>[\s\S]*$/, "").replace(/<[^>]+>/g, ""));
  const draft = loadEditTasks().tasks.find((t) => t.document === strip(left));
  assert.ok(draft, "the left column is a draft, word for word");
  const revision = strip(right);
  assert.notEqual(revision, draft.document);
  assert.ok(revision.includes(draft.document.split("\n")[0]), "the right column is a revision of that draft");
  const added = [...right.matchAll(/<ins class="diff-added"[^>]*>([\s\S]*?)<\/ins>/g)].map((m) => unescape(m[1]));
  assert.ok(added.some((a) => a.split(/\s+/).length > 8), "an added provision, not only corrected words");
});
