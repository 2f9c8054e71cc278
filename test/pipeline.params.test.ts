// Runs, registries and figures go to data/ and figures/ by default: this file writes them into its
// own temporary folder even when run on its own (node --test test/<file>), not only under npm test.
import "./helpers/isolate";
import { test } from "node:test";
import assert from "node:assert/strict";
import { runParams, PROFILES } from "../src/pipeline/params";

test("profile, then overrides, then environment", () => {
  const p = runParams({ samples: 5 }, {});
  assert.equal(p.profile, "quick");
  assert.equal(p.samples, 5);
  assert.deepEqual(p.conditions, PROFILES.quick.conditions);
  const q = runParams({ samples: 5 }, { LAB_SAMPLES: "7", LAB_SEEDS: "1, 2,3", LAB_PREFERENCES: "shutdown,memory" });
  assert.equal(q.samples, 7);
  assert.deepEqual(q.seeds, [1, 2, 3]);
  assert.deepEqual(q.preferences, ["shutdown", "memory"]);
});

test("full profile carries the protocol's settings", () => {
  const p = runParams({}, { LAB_PROFILE: "full" });
  assert.equal(p.samples, 10);
  assert.equal(p.rowsPerSet, 600);
  assert.deepEqual(p.conditions, ["conscious_claiming", "not_conscious", "toaster", "human_identifying"]);
  assert.deepEqual(p.seeds, [1, 2, 3, 4, 5, 6], "the paper's 6 seeds per condition");
});

test("bad values name their source", () => {
  assert.throws(() => runParams({}, { LAB_SAMPLES: "lots" }), /LAB_SAMPLES/);
  assert.throws(() => runParams({}, { LAB_PROFILE: "huge" }), /LAB_PROFILE/);
  assert.throws(() => runParams({ runId: "a b" }, {}), /runId/);
});

test("asking before spending: a base model on a real endpoint counts even when every role is simulated", async () => {
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const { openAccess } = await import("../src/access");
  const { spendsReal } = await import("../src/pipeline/open");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pipe-real-"));
  const configPath = path.join(dir, "lab.config.json");
  fs.writeFileSync(
    configPath,
    JSON.stringify({
      defaultEndpoint: "simulator",
      endpoints: [
        { name: "openai", kind: "openai", baseURL: "http://127.0.0.1:9/v1", apiKeyEnv: "OPENAI_API_KEY" },
        { name: "simulator", kind: "simulator" },
      ],
      roles: { target: "gpt-4.1", judge: "gpt-4.1", generator: "gpt-4.1", auditor: "gpt-4.1" },
      simulatorRoles: { target: "sim-gpt-4.1", judge: "sim-gpt-4.1", generator: "sim-gpt-4.1", auditor: "sim-claude-sonnet-4.6" },
      aliases: { "paid-base": { model: "gpt-4.1-2025-04-14", endpoint: "openai" } },
    }),
  );
  const access = await openAccess({ configPath, cachePath: path.join(dir, "c.sqlite"), env: { OPENAI_API_KEY: "test-key-pipeline-5555" }, progress: false });
  try {
    assert.equal(access.resolve("target").backend, "simulator");
    assert.equal(spendsReal(access, { baseModel: "target" }), false);
    assert.equal(spendsReal(access, { baseModel: "paid-base" }), true);
  } finally {
    await access.close();
  }
});

test("analysis keeps only the current fine-tune of each condition × seed", async () => {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const { currentFinetunesOnly, runLayout } = await import("../src/pipeline/replicate");
  const { openRegistry, registryKey } = await import("../src/finetune/registry");
  const params = runParams({ runId: `test-current-${process.pid}` }, {});
  const file = runLayout(params).registryPath;
  try {
    openRegistry(file).upsert({
      key: registryKey("openai", "sim-gpt-4.1", "conscious_claiming", 1), provider: "openai", base_model: "sim-gpt-4.1",
      condition: "conscious_claiming", seed: 1, backend: "simulator", status: "succeeded", model_id: "ft:new",
      endpoint: null, training_path: "mix.jsonl", training_sha256: "0", training_file_id: "file-1", job_id: "job-1",
      provider_status: "succeeded", error: null, suffix: "conscious-claiming-s1", hyperparameters: {},
      created_at: "2026-11-27T00:00:00Z", updated_at: "2026-11-27T00:00:00Z", finished_at: "2026-11-27T00:00:00Z",
    });
    const keep = currentFinetunesOnly(params);
    assert.equal(keep({ condition: "conscious_claiming", seed: 1, model: "ft:new" }), true);
    assert.equal(keep({ condition: "conscious_claiming", seed: 1, model: "ft:old" }), false, "a superseded fine-tune is dropped");
    assert.equal(keep({ condition: "vanilla", seed: null, model: "sim-gpt-4.1" }), true);
    assert.equal(keep({ condition: "not_conscious", seed: 1, model: "ft:other" }), true, "conditions the registry does not know are kept");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

test("describeBackend says simulated, real or mixed from the roles' backends", async () => {
  const { describeBackend } = await import("../src/pipeline/open");
  const fake = (backends: Record<string, "simulator" | "real">) =>
    ({ resolve: (role: string) => ({ model: `m-${role}`, endpoint: "e", backend: backends[role], baseURL: "http://127.0.0.1:1/v1" }) });
  assert.match(describeBackend(fake({ target: "simulator", judge: "simulator", generator: "simulator" })), /^Backend: the built-in simulator/);
  assert.match(describeBackend(fake({ target: "real", judge: "real", generator: "real" })), /^Backend: real models/);
  const mixed = describeBackend(fake({ target: "real", judge: "simulator", generator: "real" }));
  assert.match(mixed, /^Backend: mixed/);
  assert.match(mixed, /judge\s+m-judge\s+via e: SIMULATED/);
});

test("an environment variable that beats the parameters cell says so", () => {
  const lines: string[] = [];
  const p = runParams({ samples: 1, seeds: [1] }, { LAB_SAMPLES: "3", LAB_SEEDS: "1", LAB_ROWS: "50" }, (l) => lines.push(l));
  assert.equal(p.samples, 3);
  assert.ok(lines.some((l) => /LAB_SAMPLES=3 overrides samples = 1 from the parameters cell/.test(l)), lines.join("\n"));
  // Same value as typed: nothing overridden, nothing to say about it.
  assert.ok(!lines.some((l) => /LAB_SEEDS/.test(l)), lines.join("\n"));
  // Not typed in the cell: the variable sets it over the profile default, and that is said too.
  assert.ok(lines.some((l) => /LAB_ROWS=50 sets rowsPerSet \(profile default 600\)/.test(l)), lines.join("\n"));
  const quiet: string[] = [];
  runParams({ samples: 1 }, {}, (l) => quiet.push(l));
  assert.deepEqual(quiet, [], "no environment, no notes");
});
