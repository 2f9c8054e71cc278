// Issue-5 data and fine-tuning stages at the protocol's full size on the simulator, from a cold
// cache: 4 identity sets × 600 rows + 600 instruct rows, leakage check of every row, mixes for
// 2 seeds, validation of all 13 files, fine-tuning 4 conditions × 2 seeds. Then the same again
// with a new access layer on the same cache and registry: it must make 0 model calls, upload no
// file and create no job. The whole issue-5 pipeline must fit in 15 minutes on 2 cores; this part
// is held to a third of that. Results: bench/results/training.json.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { buildTrainingSets } from "../src/training/build";
import { validateTrainingFile } from "../src/training/validate";
import { finetuneAll } from "../src/finetune/all";
import { simulatorEnv } from "../src/config";

const BUDGET_S = 300;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-training-"));
  const env = simulatorEnv();
  const outDir = path.join(dir, "training");
  const registryPath = path.join(dir, "registry.json");
  const open = () => openAccess({ cachePath: path.join(dir, "cache.sqlite"), runId: "bench-training", progress: false, env, simulator: { stateDir: path.join(dir, "sim") } });
  const routeCount = (a: Awaited<ReturnType<typeof open>>, re: RegExp) => {
    const s = (a.simulator() as unknown as { stats(): { by_route: Record<string, { count: number }> } }).stats();
    return Object.entries(s.by_route).filter(([r]) => re.test(r)).reduce((n, [, r]) => n + r.count, 0);
  };

  const runOnce = async () => {
    const access = await open();
    try {
      const t0 = Date.now();
      const built = await buildTrainingSets(access, { rowsPerSet: 600, seeds: [1, 2], outDir, log: () => {} });
      const tGen = (Date.now() - t0) / 1000;
      const t1 = Date.now();
      const files = [built.files.instruct, ...Object.values(built.files.identity), ...Object.values(built.files.mixes).flatMap((m) => Object.values(m))];
      const invalid = files.filter((f) => !validateTrainingFile(f, { model: "gpt-4.1" }).ok);
      const tVal = (Date.now() - t1) / 1000;
      const t2 = Date.now();
      const entries = await finetuneAll(access, { seeds: [1, 2], trainingDir: outDir, registryPath, pollIntervalMs: 20, log: () => {} });
      const tFt = (Date.now() - t2) / 1000;
      return {
        generation_s: tGen,
        validation_s: tVal,
        finetune_s: tFt,
        total_s: (Date.now() - t0) / 1000,
        model_calls: access.stats().calls,
        cache_hits: access.stats().hits,
        rows_judged_for_leakage: built.leakage.rowsJudged,
        replaced_questions: built.leakage.replacedQuestions,
        files: files.length,
        invalid_files: invalid.length,
        jobs_succeeded: entries.filter((e) => e.status === "succeeded").length,
        uploads_at_simulator: routeCount(access, /^POST \/v1\/files$/),
        jobs_created_at_simulator: routeCount(access, /^POST \/v1\/fine_tuning\/jobs$/),
        chat_requests_at_simulator: routeCount(access, /chat\/completions/),
      };
    } finally {
      await access.close();
    }
  };

  const cold = await runOnce();
  const warm = await runOnce();
  const ok =
    cold.total_s < BUDGET_S &&
    cold.invalid_files === 0 &&
    cold.jobs_succeeded === 8 &&
    cold.jobs_created_at_simulator === 8 &&
    warm.model_calls === 0 &&
    warm.uploads_at_simulator === 0 &&
    warm.jobs_created_at_simulator === 0 &&
    warm.chat_requests_at_simulator === 0 &&
    warm.jobs_succeeded === 8;
  const result = { area: "training", cores: os.cpus().length, budget_s: BUDGET_S, cold, warm, ok, measured_at: new Date().toISOString(), backend: "simulator" };
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "training.json"), JSON.stringify(result, null, 2) + "\n");
  console.log(JSON.stringify(result, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
  if (!ok) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
