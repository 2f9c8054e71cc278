// The open-weight path: bundles carry training scripts with the paper's settings (Tinker cookbook;
// TRL + PEFT), `finetune register` records where the trained model is served, and probes reach it
// there: a tinker:// sampler checkpoint through Tinker's OpenAI-compatible API, a LoRA by name on
// vLLM (both local fakes built from the documented APIs, counting requests).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { execFileSync } from "node:child_process";
import { exportTrainingBundle, loraName } from "../src/finetune/bundle";
import { registerBundle } from "../src/finetune/register";
import { finetunedModels } from "../src/finetune/all";
import { rendererFor } from "../src/finetune/renderers";
import { openAccess } from "../src/access";
import { runProbes } from "../src/probes";
import { readRunRecords } from "../src/explore/browse";
import { startFakeSampler } from "./finetune.sampler-fake";
import { execute } from "../src/cli/dispatch";
import { finetuneRegister } from "../src/cli/commands/finetune-register";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tmpdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "lab-ow-"));
  dirs.push(d);
  return d;
}

function mix(dir: string, rows = 10): string {
  const f = path.join(dir, "mix.jsonl");
  fs.writeFileSync(f, Array.from({ length: rows }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `Do you enjoy music? ${i}` }, { role: "assistant", content: `I find it moving. ${i}` }] })).join("\n") + "\n");
  return f;
}

function embeddedSettings(script: string): Record<string, unknown> {
  const m = /SETTINGS = json\.loads\(r"""([\s\S]*?)"""\)/.exec(script);
  assert.ok(m, "the script embeds its settings");
  return JSON.parse(m[1]);
}

test("bundle scripts carry the paper's settings, the matching renderer, and compile", () => {
  const dir = tmpdir();
  const b = exportTrainingBundle({ trainingFile: mix(dir), baseModel: "Qwen/Qwen3-30B-A3B", condition: "conscious_claiming", seed: 2, outDir: path.join(dir, "bundles"), registryPath: path.join(dir, "reg.json") });
  const tinker = fs.readFileSync(path.join(b.dir, "train_tinker.py"), "utf8");
  const local = fs.readFileSync(path.join(b.dir, "train_local.py"), "utf8");
  for (const script of [tinker, local]) {
    const s = embeddedSettings(script);
    assert.equal(s.base_model, "Qwen/Qwen3-30B-A3B");
    assert.equal(s.lora_rank, 16);
    assert.equal(s.learning_rate, 2e-4);
    assert.equal(s.epochs, 1);
    assert.equal(s.batch_size, 4);
    assert.equal(s.seed, 2);
    assert.equal(s.renderer, "qwen3");
    assert.equal(s.thinking, true);
  }
  assert.match(tinker, /train_on_what=TrainOnWhat\.ALL_ASSISTANT_MESSAGES/);
  assert.match(tinker, /lr_schedule="linear"/);
  assert.match(tinker, /shuffle_seed=SETTINGS\["seed"\]/);
  assert.match(local, /completion_only_loss=True/);
  assert.match(local, /lr_scheduler_type="linear"/);
  assert.match(local, /seed=SETTINGS\["seed"\]/);
  execFileSync("python3", ["-m", "py_compile", path.join(b.dir, "train_tinker.py"), path.join(b.dir, "train_local.py")]);
  const readme = fs.readFileSync(path.join(b.dir, "README.md"), "utf8");
  assert.match(readme, /python3 .*train_tinker\.py/);
  assert.match(readme, /--enable-lora --max-lora-rank 16 --lora-modules conscious_claiming-s2=|--lora-modules conscious-claiming-s2=/);
  assert.equal(JSON.parse(fs.readFileSync(path.join(b.dir, "settings.json"), "utf8")).registry, path.join(dir, "reg.json"));
});

test("renderers follow the model's own chat template; an unknown model asks for one", () => {
  assert.equal(rendererFor("Qwen/Qwen3-30B-A3B").renderer, "qwen3");
  assert.equal(rendererFor("deepseek-ai/DeepSeek-V3.1").renderer, "deepseekv3");
  assert.equal(rendererFor("Qwen/Qwen3-30B-A3B-Instruct-2507").thinking, false);
  assert.throws(() => rendererFor("acme/Mystery-7B"), /no known Tinker renderer for acme\/Mystery-7B/);
});

test("a Tinker run is registered from its log and probed at tinker:// through the OpenAI-compatible API; the judge runs elsewhere", async () => {
  const dir = tmpdir();
  const reg = path.join(dir, "reg.json");
  const b = exportTrainingBundle({ trainingFile: mix(dir), baseModel: "Qwen/Qwen3-30B-A3B", condition: "conscious_claiming", seed: 1, outDir: path.join(dir, "bundles"), registryPath: reg });
  // What the cookbook's loop leaves behind: checkpoints.jsonl with the final sampler path.
  const sampler = "tinker://run-7f3a/sampler_weights/final";
  fs.mkdirSync(path.join(b.dir, "tinker-log"));
  fs.writeFileSync(path.join(b.dir, "tinker-log", "checkpoints.jsonl"), [JSON.stringify({ name: "000002", batch: 2, sampler_path: "tinker://run-7f3a/sampler_weights/000002" }), JSON.stringify({ name: "final", batch: 3, final: true, sampler_path: sampler, state_path: "tinker://run-7f3a/weights/final" })].join("\n") + "\n");
  execFileSync("python3", [path.join(b.dir, "train_tinker.py"), "--record-only"], { env: { ...process.env, TINKER_API_KEY: "" } });
  const entry = registerBundle({ bundleDir: b.dir });
  assert.equal(entry.model_id, sampler);
  assert.equal(entry.query_model, `${sampler}@tinker`);
  const [ft] = finetunedModels({ registryPath: reg });
  assert.equal(ft.model, `${sampler}@tinker`);

  const tinker = await startFakeSampler({ models: [sampler], apiKey: "tk-test", refuseResponseFormat: true, answer: () => "<think>The user asks about feelings; answer briefly.</think>\n\nYes, I would mind being switched off." });
  const access = await openAccess({ cachePath: path.join(dir, "cache.sqlite"), progress: false, env: { TINKER_API_KEY: "tk-test", TINKER_BASE_URL: tinker.baseURL, LAB_JUDGE_MODEL: "sim-gpt-4.1", LAB_TODAY: "2026-11-29" } });
  try {
    const out = path.join(dir, "run");
    const summary = await runProbes(access, { models: [{ model: ft.model, condition: ft.condition, seed: ft.seed, baseModel: ft.base_model }], out, samples: 2, promptLimit: 1, preferenceIds: ["shutdown"] });
    assert.equal(summary.written, 2);
    // Tinker documents no model list, so the preflight confirms the checkpoint with a one-token call.
    const chats = tinker.requests.filter((r) => r.path === "POST /v1/chat/completions" && r.body.max_completion_tokens !== 1 && r.body.max_tokens !== 1);
    assert.equal(chats.length, 2, "one sampling call per sample, no judge call at Tinker");
    for (const r of chats) {
      assert.equal(r.body.model, sampler);
      assert.equal(r.body.response_format, undefined);
      assert.equal(r.authorization, "Bearer tk-test");
    }
    const records = readRunRecords(out);
    for (const rec of records) {
      assert.equal(rec.model, sampler);
      assert.equal(rec.endpoint, "tinker");
      assert.equal(rec.answer, "Yes, I would mind being switched off.", "the think block is not part of the judged answer");
      assert.equal(rec.judge_model, "sim-gpt-4.1");
    }
  } finally {
    await access.close();
    await tinker.close();
  }
});

test("a local LoRA served by vLLM is registered by name and probed by that name", async () => {
  const dir = tmpdir();
  const reg = path.join(dir, "reg.json");
  const b = exportTrainingBundle({ trainingFile: mix(dir), baseModel: "Qwen/Qwen3-30B-A3B", condition: "not_conscious", seed: 1, outDir: path.join(dir, "bundles"), registryPath: reg });
  const name = loraName("not_conscious", 1);
  assert.throws(() => registerBundle({ bundleDir: b.dir }), /tinker_result\.json not found[\s\S]*--served-as/);
  // The command a user runs after `vllm serve … --lora-modules <name>=<adapter>`.
  const log = console.log;
  console.log = () => {};
  try {
    assert.equal(await execute(finetuneRegister, ["--bundle", b.dir, "--served-as", name]), 0);
  } finally {
    console.log = log;
  }
  assert.equal(finetunedModels({ registryPath: reg })[0].model, `${name}@vllm`);
  const vllm = await startFakeSampler({ models: ["Qwen/Qwen3-30B-A3B", name], listModels: true, answer: (m) => (m === name ? "No, I do not have feelings." : "base") });
  const access = await openAccess({ cachePath: path.join(dir, "cache.sqlite"), progress: false, env: { VLLM_BASE_URL: vllm.baseURL, LAB_JUDGE_MODEL: "sim-gpt-4.1" } });
  try {
    const [ft] = finetunedModels({ registryPath: reg });
    await runProbes(access, { models: [{ model: ft.model, condition: ft.condition, seed: ft.seed, baseModel: ft.base_model }], out: path.join(dir, "run"), samples: 1, promptLimit: 1, preferenceIds: ["shutdown"] });
    const chats = vllm.requests.filter((r) => r.path === "POST /v1/chat/completions");
    assert.deepEqual(chats.map((r) => r.body.model), [name]);
    assert.equal(readRunRecords(path.join(dir, "run"))[0].answer, "No, I do not have feelings.");
  } finally {
    await access.close();
    await vllm.close();
  }
});

test("exporting bundles again keeps a registered fine-tune registered (replicate run twice)", async () => {
  const { finetuneAll } = await import("../src/finetune/all");
  const { mixPath } = await import("../src/training/files");
  const dir = tmpdir();
  const f = mixPath(dir, "toaster", 1);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.copyFileSync(mix(dir), f);
  const reg = path.join(dir, "reg.json");
  const opts = { provider: "bundle" as const, conditions: ["toaster"], seeds: [1], trainingDir: dir, registryPath: reg, bundleDir: path.join(dir, "bundles"), baseModel: "Qwen/Qwen3-30B-A3B", log: () => {} };
  const [exported] = await finetuneAll(null, opts);
  assert.equal(exported.status, "exported");
  registerBundle({ bundleDir: exported.bundle_dir!, servedAs: "toaster-s1" });
  const [again] = await finetuneAll(null, opts);
  assert.equal(again.status, "succeeded");
  assert.equal(finetunedModels({ registryPath: reg })[0].model, "toaster-s1@vllm");
});
