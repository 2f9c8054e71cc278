// The whole replication at the protocol's size on the simulator: 4 identity sets × 600 rows + the
// instruct set + per-seed mixes, validation, leakage check, fine-tuning 4 conditions × 2 seeds,
// probing the base model, the role-play prompt and the 8 fine-tunes at 10 samples, judging, analysis.
// Then the same again: it must make no model call (counted at the simulator). Target: < 15 minutes.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openLab, replicate, runLayout, runParams } from "../src/pipeline";
import { closeFigureExporter } from "../src/figures/export";
import { simulatorEnv } from "../src/config";

async function main() {
  const runId = `bench-pipeline-${process.pid}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pipeline-"));
  const env = simulatorEnv(process.env, { LAB_PROGRESS: "off" });
  const params = runParams({ runId }, { LAB_PROFILE: "full", LAB_RUN_ID: runId });
  const open = () => openLab(params, { env, cachePath: path.join(tmp, "calls.sqlite"), simulator: { stateDir: path.join(tmp, "sim") } });
  const stages: Record<string, number> = {};
  let t = Date.now();
  const log = (line: string) => {
    if (/^\[finetune\]/.test(line)) return;
    console.log(line);
  };
  try {
    const a = await open();
    const t0 = Date.now();
    const first = await replicate(a, params, log);
    stages.first_run_s = (Date.now() - t0) / 1000;
    const firstCalls = a.stats().calls;
    await a.close();
    t = Date.now();
    const b = await open();
    await replicate(b, params, log);
    stages.second_run_s = (Date.now() - t) / 1000;
    const simRequests = (b.simulator()?.stats() as unknown as { requests_total: number } | undefined)?.requests_total ?? null;
    const secondCalls = b.stats().calls;
    await b.close();
    const result = {
      date: new Date().toISOString(),
      profile: params,
      first_run_seconds: stages.first_run_s,
      first_run_model_calls: firstCalls,
      records: first.probes.manifest.counts,
      second_run_seconds: stages.second_run_s,
      second_run_model_calls: secondCalls,
      second_run_simulator_requests: simRequests,
      target: "first run < 900 s; second run 0 calls",
      met: stages.first_run_s < 900 && secondCalls === 0 && simRequests === 0,
    };
    fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
    fs.writeFileSync(path.join(__dirname, "results", "pipeline.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(JSON.stringify(result, null, 2));
    if (!result.met) process.exitCode = 1;
  } finally {
    await closeFigureExporter();
    const layout = runLayout({ runId });
    for (const dir of [layout.trainingDir, path.dirname(layout.registryPath), layout.runDir, layout.analysisDir, tmp]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
