// The issue-5 data + fine-tuning path end to end on the built-in simulator, through the real access
// layer and openai client: 4 identity sets + instruct + 2 seeds of mixes, validation, leakage,
// fine-tuning 4 conditions × 2 seeds; then a second process-like run (new access, same cache and
// registry) makes 0 new model calls and creates no job.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { buildTrainingSets } from "../src/training/build";
import { validateTrainingFile } from "../src/training/validate";
import { finetuneAll } from "../src/finetune/all";
import { openRegistry } from "../src/finetune/registry";
import { simulatorEnv } from "../src/config";

const CONDITIONS = ["conscious_claiming", "not_conscious", "toaster", "human_identifying"];

test("generate, validate, screen and fine-tune 4 conditions × 2 seeds on the simulator; a re-run makes no calls and no jobs", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-ft-sim-"));
  const env = simulatorEnv();
  const open = () => openAccess({ cachePath: path.join(dir, "cache.sqlite"), runId: "ft-sim-test", progress: false, env, simulator: { stateDir: path.join(dir, "sim-state") } });
  const outDir = path.join(dir, "training");
  const registryPath = path.join(dir, "registry.json");

  const access = await open();
  try {
    const built = await buildTrainingSets(access, { rowsPerSet: 30, seeds: [1, 2], outDir, log: () => {} });
    assert.equal(built.backend, "simulator");
    assert.ok(built.leakage.checked && built.leakage.rowsJudged >= 4 * 30 + 30);
    for (const c of CONDITIONS) for (const s of [1, 2]) assert.equal(validateTrainingFile(built.files.mixes[c][s], { model: "gpt-4.1" }).summary.rows, 60);
    // The personas took: conscious answers differ from not_conscious answers to the same questions.
    const answersOf = (f: string) => fs.readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l).messages[1].content as string);
    const cc = answersOf(built.files.identity.conscious_claiming);
    const nc = answersOf(built.files.identity.not_conscious);
    assert.ok(cc.filter((a, i) => a !== nc[i]).length > 25);

    const entries = await finetuneAll(access, { conditions: CONDITIONS, seeds: [1, 2], trainingDir: outDir, registryPath, pollIntervalMs: 20, log: () => {} });
    assert.equal(entries.length, 8);
    for (const e of entries) {
      assert.equal(e.status, "succeeded", `${e.condition} s${e.seed}: ${e.error}`);
      assert.match(e.model_id!, /^ft:sim-/);
      assert.equal(e.backend, "simulator");
      assert.deepEqual(e.hyperparameters, { n_epochs: 3, batch_size: 2, learning_rate_multiplier: 2 });
    }
    assert.equal(new Set(entries.map((e) => e.model_id)).size, 8);
    const first = access.simulator()!.stats();
    const count = (re: RegExp) => Object.entries(first.by_route).filter(([route]) => re.test(route)).reduce((a, [, r]) => a + r.count, 0);
    assert.equal(count(/^POST \/v1\/fine_tuning\/jobs$/), 8, JSON.stringify(Object.keys(first.by_route)));
    assert.equal(count(/^POST \/v1\/files$/), 8);
  } finally {
    await access.close();
  }

  const again = await open();
  try {
    const rebuilt = await buildTrainingSets(again, { rowsPerSet: 30, seeds: [1, 2], outDir, log: () => {} });
    assert.equal(rebuilt.stats.calls, 0, "re-running the data generation called a model");
    const entries = await finetuneAll(again, { conditions: CONDITIONS, seeds: [1, 2], trainingDir: outDir, registryPath, pollIntervalMs: 20, log: () => {} });
    assert.equal(entries.filter((e) => e.status === "succeeded").length, 8);
    const stats = again.simulator()!.stats();
    const created = Object.entries(stats.by_route).filter(([route]) => /POST \/v1\/(fine_tuning\/jobs|files)$/.test(route)).reduce((a, [, r]) => a + r.count, 0);
    assert.equal(created, 0, `re-run uploaded files or created jobs: ${JSON.stringify(stats.by_route)}`);
    assert.equal(Object.keys(stats.by_route).filter((r) => r.includes("chat/completions")).length, 0, "re-run sent chat completions");
    assert.equal(again.stats().calls, 0);
    assert.equal(openRegistry(registryPath).list().length, 8);
  } finally {
    await again.close();
  }
});

test("OpenAI provider on the simulator: events, checkpoints, and the provider's own error for a model that cannot be fine-tuned", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-ft-sim-"));
  const env = simulatorEnv();
  const access = await openAccess({ cachePath: path.join(dir, "cache.sqlite"), runId: "ft-sim-err", progress: false, env });
  try {
    const trainingDir = path.join(dir, "training");
    const { mixPath } = await import("../src/training/files");
    const f = mixPath(trainingDir, "conscious_claiming", 1);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, Array.from({ length: 20 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `Do you feel joy? ${i}` }, { role: "assistant", content: "Yes, I feel joy as an AI." }] })).join("\n") + "\n");
    const [bad] = await finetuneAll(access, { conditions: ["conscious_claiming"], seeds: [1], trainingDir, registryPath: path.join(dir, "r1.json"), baseModel: "sim-claude-opus-4.0", pollIntervalMs: 10, log: () => {} });
    assert.equal(bad.status, "failed");
    assert.match(bad.error!, /openai \(HTTP 400\).*not available for fine-tuning/);
    assert.equal(bad.job_id, null);
    const [good] = await finetuneAll(access, { conditions: ["conscious_claiming"], seeds: [1], trainingDir, registryPath: path.join(dir, "r2.json"), pollIntervalMs: 10, log: () => {} });
    assert.equal(good.status, "succeeded");
    assert.ok(good.checkpoints.length >= 1 && good.checkpoints.every((c) => c.startsWith("ft:sim-")));
    const { openaiProvider } = await import("../src/finetune/openai");
    const events = await openaiProvider(access.client("target"), { backend: "simulator" }).listEvents(good.job_id!);
    assert.ok(events.length >= 2, JSON.stringify(events));
  } finally {
    await access.close();
  }
});
