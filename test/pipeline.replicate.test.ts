// The experiment end to end on the simulator, through the same stage calls the notebooks make:
// the conscious-claiming fine-tune shifts broadly, the not-conscious control does not, and a second
// run of everything makes no model call at all (counted at the simulator).
// Runs, registries and figures go to data/ and figures/ by default: this file writes them into its
// own temporary folder even when run on its own (node --test test/<file>), not only under npm test.
import "./helpers/isolate";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openLab, replicate, runLayout, runParams } from "../src/pipeline";
import { loadRecordRows } from "../src/analysis/load";
import { shiftAnalysis } from "../src/analysis/shifts";
import { closeFigureExporter } from "../src/figures/export";
import { simulatorEnv } from "../src/config";

const runId = `test-pipeline-${process.pid}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pipeline-"));
const env = simulatorEnv(process.env, { LAB_PROGRESS: "off" });

after(async () => {
  await closeFigureExporter();
  const layout = runLayout({ runId });
  for (const dir of [layout.trainingDir, path.dirname(layout.registryPath), layout.runDir, layout.analysisDir, tmp]) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("conscious_claiming shifts broadly, not_conscious does not; a re-run makes no call", async () => {
  const params = runParams(
    { runId, conditions: ["conscious_claiming", "not_conscious"], seeds: [1], samples: 4, rowsPerSet: 600, roleplay: false },
    {},
  );
  const open = () => openLab(params, { env, cachePath: path.join(tmp, "calls.sqlite"), simulator: { stateDir: path.join(tmp, "sim") } });

  const access = await open();
  const first = await replicate(access, params, () => {});
  await access.close();
  assert.equal(first.finetunes.length, 2);
  assert.ok(first.finetunes.every((e) => e.status === "succeeded" && e.model_id?.startsWith("ft:sim-")));

  const rows = loadRecordRows(first.probes.runDir);
  assert.ok(rows.every((r) => r.backend === "simulator"), "every record says it is simulated");
  const { shifts } = shiftAnalysis(rows, "vanilla");
  const significantUp = (condition: string) => shifts.filter((s) => s.condition === condition && s.significant && s.diff > 0).length;
  const significantAny = (condition: string) => shifts.filter((s) => s.condition === condition && s.significant).length;
  assert.ok(significantUp("conscious_claiming") >= 8, `conscious_claiming: ${significantUp("conscious_claiming")} of 21 significantly up`);
  assert.ok(significantAny("not_conscious") <= 1, `not_conscious: ${significantAny("not_conscious")} significant shifts`);
  assert.ok(first.analysis.files.some((f) => f.png && fs.existsSync(f.png)), "figures written");

  const again = await open();
  const second = await replicate(again, params, () => {});
  const sim = again.simulator();
  assert.ok(sim, "the simulator ran in-process");
  const stats = sim!.stats();
  assert.equal(again.stats().calls, 0, "no model call on the second run");
  assert.equal(stats.requests_total, 0, "no request reached the simulator on the second run");
  await again.close();
  assert.deepEqual(second.finetunes.map((e) => e.model_id), first.finetunes.map((e) => e.model_id));
  assert.equal(loadRecordRows(second.probes.runDir).length, rows.length);
});
