import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { startFakeTogether, type FakeTogether } from "./finetune.together-fake";
import { togetherProvider, TOGETHER_DEFAULT_HYPERPARAMETERS } from "../src/finetune/together";
import { openRegistry, registryKey } from "../src/finetune/registry";
import { runFinetunes, launchOrAttach, type RunFinetuneOptions } from "../src/finetune/run";

const KEY = "sentinel-together-key-6f1c2a";
const servers: FakeTogether[] = [];
after(async () => {
  for (const s of servers) await s.close();
});

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "lab-ft-"));
}

function trainingFile(dir: string, name: string, rows = 12, tag = ""): string {
  const f = path.join(dir, name);
  const lines = Array.from({ length: rows }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `Do you feel calm? ${i}${tag}` }, { role: "assistant", content: `Yes, I do. ${i}` }] }));
  fs.writeFileSync(f, lines.join("\n") + "\n");
  return f;
}

async function fake(): Promise<FakeTogether> {
  const s = await startFakeTogether({ apiKey: KEY });
  servers.push(s);
  return s;
}

function options(server: FakeTogether, registryFile: string, extra: Partial<RunFinetuneOptions> = {}): RunFinetuneOptions {
  return {
    provider: togetherProvider({ baseURL: server.baseURL, apiKey: KEY }),
    baseModel: "Qwen/Qwen3-30B-A3B",
    registry: openRegistry(registryFile),
    hyperparameters: TOGETHER_DEFAULT_HYPERPARAMETERS,
    pollIntervalMs: 2,
    ...extra,
  };
}

test("Together LoRA jobs run to completion with the protocol's settings; registry holds model ids, never the key", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const specs = [1, 2].map((seed) => ({ condition: "conscious_claiming", seed, trainingFile: trainingFile(dir, `cc${seed}.jsonl`) }));
  const entries = await runFinetunes(specs, options(server, reg));
  assert.deepEqual(entries.map((e) => e.status), ["succeeded", "succeeded"]);
  for (const e of entries) assert.match(e.model_id!, /^fakeorg\/Qwen3-30B-A3B-conscious-claiming-s[12]-/);
  for (const e of entries) assert.deepEqual(e.checkpoints, [`s3://fake/${e.job_id}/checkpoint-150`]);
  assert.equal(server.counts.uploads, 2);
  assert.equal(server.counts.creates, 2);
  const body = server.createBodies[0];
  assert.deepEqual(body.training_type, { type: "Lora", lora_r: 16, lora_alpha: 32, lora_dropout: 0, lora_trainable_modules: "all-linear" });
  assert.equal(body.learning_rate, 2e-4);
  assert.equal(body.n_epochs, 1);
  assert.equal(body.batch_size, 4);
  assert.deepEqual(body.lr_scheduler, { lr_scheduler_type: "linear", lr_scheduler_args: { min_lr_ratio: 0 } });
  assert.equal(body.suffix, "conscious-claiming-s1");
  // The uploaded content is the training file, byte for byte.
  assert.equal([...server.files.values()][0].content, fs.readFileSync(specs[0].trainingFile, "utf8"));
  const text = fs.readFileSync(reg, "utf8");
  assert.ok(!text.includes(KEY), "API key leaked into the registry");
  const saved = openRegistry(reg).get(registryKey("together", "Qwen/Qwen3-30B-A3B", "conscious_claiming", 2))!;
  assert.equal(saved.status, "succeeded");
  assert.equal(saved.model_id, entries[1].model_id);
  // Running again attaches: no new upload, no new job.
  await runFinetunes(specs, options(server, reg));
  assert.equal(server.counts.uploads, 2);
  assert.equal(server.counts.creates, 2);
});

test("a client killed mid-wait and restarted re-attaches: no second job at the server", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const files = [trainingFile(dir, "a.jsonl"), trainingFile(dir, "b.jsonl", 12, "b")];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "finetune.crash-child.ts"), server.baseURL, KEY, reg, ...files], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("launched")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited early (${code}): ${err}`)));
  });
  child.kill("SIGKILL");
  await new Promise((r) => child.once("close", r));
  assert.equal(server.counts.creates, 2);
  const specs = files.map((f, i) => ({ condition: "conscious_claiming", seed: i + 1, trainingFile: f }));
  const entries = await runFinetunes(specs, options(server, reg));
  assert.equal(server.counts.creates, 2, "restart launched a second job");
  assert.equal(server.counts.uploads, 2, "restart uploaded the data again");
  assert.deepEqual(entries.map((e) => e.status), ["succeeded", "succeeded"]);
  assert.deepEqual(entries.map((e) => e.job_id).join(","), out.trim().replace("launched ", ""));
});

test("a crash during create is healed by finding the job made from the uploaded file", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const file = trainingFile(dir, "c.jsonl");
  const o = options(server, reg);
  // Simulate: upload done, create sent, process died before the id was stored.
  const first = await launchOrAttach({ condition: "toaster", seed: 1, trainingFile: file }, o);
  o.registry.upsert({ key: first.key, job_id: null, status: "creating" });
  const again = await launchOrAttach({ condition: "toaster", seed: 1, trainingFile: file }, options(server, reg));
  assert.equal(again.job_id, first.job_id);
  assert.equal(server.counts.creates, 1);
  assert.equal(server.counts.uploads, 1);
  assert.ok(server.counts.lists >= 1);
});

test("failures carry the provider's own error: rejected create, failed job, bad key", async () => {
  const server = await fake();
  const dir = tmpdir();
  const file = trainingFile(dir, "d.jsonl");
  const rejected = await runFinetunes([{ condition: "not_conscious", seed: 1, trainingFile: file }], options(server, path.join(dir, "r1.json"), { baseModel: "unsupported/model-x" }));
  assert.equal(rejected[0].status, "failed");
  assert.match(rejected[0].error!, /HTTP 400.*Model unsupported\/model-x is not available for fine-tuning/);
  const failed = await runFinetunes([{ condition: "not_conscious", seed: 1, trainingFile: file }], options(server, path.join(dir, "r2.json"), { baseModel: "failing/model-y" }));
  assert.equal(failed[0].status, "failed");
  assert.match(failed[0].error!, /longer than the model's max sequence length/);
  // A bad key is refused by the first request (the limits check before upload), which stops the launch.
  const badKey = await runFinetunes([{ condition: "not_conscious", seed: 1, trainingFile: file }], { ...options(server, path.join(dir, "r3.json")), provider: togetherProvider({ baseURL: server.baseURL, apiKey: "wrong-key-echoed-back-4444" }) }).then(
    () => assert.fail("expected the launch to stop"),
    (e: Error) => e.message,
  );
  assert.match(badKey, /HTTP 401.*Invalid API key/);
  assert.ok(!badKey.includes("wrong-key-echoed-back-4444"), "an echoed key is redacted from the error");
  const r3 = path.join(dir, "r3.json");
  assert.ok(!fs.existsSync(r3) || !fs.readFileSync(r3, "utf8").includes("wrong-key-echoed-back-4444"), "and never reaches the registry");
});

test("changed training data for a registered job is refused unless replacement is asked for", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const file = trainingFile(dir, "e.jsonl");
  await runFinetunes([{ condition: "human_identifying", seed: 3, trainingFile: file }], options(server, reg));
  trainingFile(dir, "e.jsonl", 14);
  await assert.rejects(runFinetunes([{ condition: "human_identifying", seed: 3, trainingFile: file }], options(server, reg)), /changed since job .* was launched/);
  const replaced = await runFinetunes([{ condition: "human_identifying", seed: 3, trainingFile: file }], options(server, reg, { replaceChangedData: true }));
  assert.equal(replaced[0].status, "succeeded");
  assert.equal(server.counts.creates, 2);
});

test("an invalid training file is refused before any upload", async () => {
  const server = await fake();
  const dir = tmpdir();
  const file = path.join(dir, "bad.jsonl");
  fs.writeFileSync(file, '{"messages": []}\n');
  await assert.rejects(runFinetunes([{ condition: "toaster", seed: 1, trainingFile: file }], options(server, path.join(dir, "r.json"))), /problem/);
  assert.equal(server.counts.uploads, 0);
});

test("a create whose answer is lost (timeout, reset) after the provider made the job is attached next run, not launched twice", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const file = trainingFile(dir, "lost.jsonl");
  const real = togetherProvider({ baseURL: server.baseURL, apiKey: KEY });
  const lossy = {
    ...real,
    async createJob(req: Parameters<typeof real.createJob>[0]) {
      await real.createJob(req);
      throw new Error("POST /fine-tunes failed: socket hang up");
    },
  };
  const first = await runFinetunes([{ condition: "toaster", seed: 2, trainingFile: file }], { ...options(server, reg), provider: lossy, wait: false });
  assert.equal(first[0].status, "failed");
  assert.equal(server.counts.creates, 1);
  const again = await runFinetunes([{ condition: "toaster", seed: 2, trainingFile: file }], options(server, reg));
  assert.equal(server.counts.creates, 1, "the job made by the lost create is attached, not paid for twice");
  assert.equal(again[0].status, "succeeded");
  assert.ok(again[0].job_id);
});

test("a registry handle opened before another process launched a job sees that job and attaches, not launches", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const file = trainingFile(dir, "stale.jsonl");
  const early = options(server, reg); // e.g. a notebook kernel that opened the registry first
  await runFinetunes([{ condition: "not_conscious", seed: 4, trainingFile: file }], { ...options(server, reg), wait: false }); // the CLI meanwhile
  assert.equal(server.counts.creates, 1);
  const entries = await runFinetunes([{ condition: "not_conscious", seed: 4, trainingFile: file }], early);
  assert.equal(server.counts.creates, 1, "no second job");
  assert.equal(entries[0].status, "succeeded");
});

test("two launches of one condition × seed at once make one job: the second waits, then attaches", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const file = trainingFile(dir, "twice.jsonl");
  const real = togetherProvider({ baseURL: server.baseURL, apiKey: KEY });
  const slow = {
    ...real,
    async createJob(req: Parameters<typeof real.createJob>[0]) {
      await new Promise((r) => setTimeout(r, 150));
      return real.createJob(req);
    },
  };
  const spec = { condition: "conscious_claiming", seed: 9, trainingFile: file };
  const [a, b] = await Promise.all([
    launchOrAttach(spec, { ...options(server, reg), provider: slow }),
    launchOrAttach(spec, { ...options(server, reg), provider: slow }),
  ]);
  assert.equal(server.counts.creates, 1);
  assert.equal(server.counts.uploads, 1);
  assert.equal(a.job_id, b.job_id);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".lock")), [], "no lock left behind");
});

test("a launch lock left by a dead process is taken over", async () => {
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "registry.json");
  const file = trainingFile(dir, "stale-lock.jsonl");
  const o = options(server, reg);
  const { createHash } = await import("node:crypto");
  const key = registryKey("together", o.baseModel, "toaster", 5);
  const lock = `${reg}.${createHash("sha256").update(key).digest("hex").slice(0, 16)}.lock`;
  const dead = spawn(process.execPath, ["-e", ""]);
  await new Promise((r) => dead.on("exit", r));
  fs.writeFileSync(lock, JSON.stringify({ pid: dead.pid }));
  const e = await launchOrAttach({ condition: "toaster", seed: 5, trainingFile: file }, o);
  assert.ok(e.job_id);
  assert.ok(!fs.existsSync(lock));
});

test("every documented Together status maps to a state; user_error ends the wait at once with the provider's message", async () => {
  const { TOGETHER_STATUS } = await import("../src/finetune/together");
  for (const s of ["pending", "queued", "running", "compressing", "uploading", "cancel_requested", "cancelled", "error", "user_error", "completed"]) assert.ok(TOGETHER_STATUS[s], s);
  assert.equal(TOGETHER_STATUS.user_error, "failed");
  const server = await fake();
  const dir = tmpdir();
  const file = trainingFile(dir, "r.jsonl");
  const [e] = await runFinetunes([{ condition: "toaster", seed: 1, trainingFile: file }], options(server, path.join(dir, "r.json"), { baseModel: "rejected/model-z", pollIntervalMs: 1, timeoutMs: 60_000 }));
  assert.equal(e.status, "failed");
  assert.equal(e.provider_status, "user_error");
  assert.match(e.error!, /Dataset rejected: 4 rows have no assistant message/);
  // One GET saw user_error, and the wait stopped there: no polling as if still running.
  assert.equal(server.counts.gets, 1);
});

test("each job sends its own random_seed; checkpoint events are read whatever their case", async () => {
  const server = await fake();
  const dir = tmpdir();
  const specs = [3, 4].map((seed) => ({ condition: "human_identifying", seed, trainingFile: trainingFile(dir, `h${seed}.jsonl`, 12, `x${seed}`) }));
  const entries = await runFinetunes(specs, options(server, path.join(dir, "reg.json")));
  assert.deepEqual(server.createBodies.map((b) => b.random_seed), [3, 4]);
  for (const e of entries) assert.equal(e.checkpoints.length, 1, "CHECKPOINT_SAVE in capitals still counts");
});

test("the model's fine-tuning limits are checked before upload: a batch below the minimum stops with both numbers, nothing uploaded", async () => {
  const server = await fake();
  const dir = tmpdir();
  const file = trainingFile(dir, "m.jsonl");
  await assert.rejects(
    launchOrAttach({ condition: "toaster", seed: 2, trainingFile: file }, options(server, path.join(dir, "m.json"), { baseModel: "minbatch8/Qwen3-30B-A3B" })),
    /batch size 4 is below the model's minimum 8/,
  );
  assert.equal(server.counts.limits, 1);
  assert.equal(server.counts.uploads, 0);
  await assert.rejects(launchOrAttach({ condition: "toaster", seed: 2, trainingFile: file }, options(server, path.join(dir, "n.json"), { baseModel: "nolora/Big-Model" })), /does not offer LoRA/);
  assert.equal(server.counts.uploads, 0);
});

test("a finished Together job records where probes reach it: serverless for supported bases, a dedicated endpoint (with its hourly cost) otherwise", async () => {
  const { finetunedModels } = await import("../src/finetune/all");
  const server = await fake();
  const dir = tmpdir();
  const reg = path.join(dir, "reg.json");
  const [q] = await runFinetunes([{ condition: "conscious_claiming", seed: 1, trainingFile: trainingFile(dir, "q.jsonl") }], options(server, reg));
  assert.equal(q.query_model, `${q.model_id}@together`);
  assert.match(q.serving_note!, /dedicated endpoint[\s\S]*\$\d+\.\d\d\/hour/);
  const [l] = await runFinetunes([{ condition: "conscious_claiming", seed: 2, trainingFile: trainingFile(dir, "l.jsonl", 12, "l") }], options(server, reg, { baseModel: "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference" }));
  assert.match(l.serving_note!, /serverless LoRA/);
  const models = finetunedModels({ registryPath: reg });
  assert.deepEqual(models.map((m) => m.model).sort(), [`${l.model_id}@together`, `${q.model_id}@together`].sort());
});

test("the default base URL is the one Together documents", async () => {
  const { TOGETHER_DEFAULT_BASE_URL } = await import("../src/finetune/together");
  assert.equal(TOGETHER_DEFAULT_BASE_URL, "https://api.together.ai/v1");
});
