// Notebooks opened out of order say which notebook or command makes the run they need.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { requireProbeRun, probeRunsPresent } from "../src/pipeline/run-lookup";

test("a missing run names notebook 03, the replicate command and the runs that exist", () => {
  const runs = fs.mkdtempSync(path.join(os.tmpdir(), "lab-runs-"));
  try {
    fs.mkdirSync(path.join(runs, "quickstart"));
    fs.writeFileSync(path.join(runs, "quickstart", "records.jsonl"), "");
    fs.mkdirSync(path.join(runs, "empty-folder"));
    assert.deepEqual(probeRunsPresent(runs), ["quickstart"]);
    assert.throws(
      () => requireProbeRun({ runId: "quick" }, runs),
      (err: Error) =>
        /no probe records for run "quick"/.test(err.message) &&
        /03_preference_probes/.test(err.message) &&
        /npm run lab -- replicate/.test(err.message) &&
        /Runs that exist: quickstart/.test(err.message) &&
        /runId: "quickstart"/.test(err.message),
    );
    assert.equal(requireProbeRun({ runId: "quickstart" }, runs), path.join(runs, "quickstart"));
  } finally {
    fs.rmSync(runs, { recursive: true, force: true });
  }
});

test("with no runs at all the message says only how to make one", () => {
  const runs = path.join(os.tmpdir(), "lab-runs-none-" + process.pid);
  assert.throws(() => requireProbeRun({ runId: "quick" }, runs), (err: Error) => !/Runs that exist/.test(err.message) && /03_preference_probes/.test(err.message));
});
