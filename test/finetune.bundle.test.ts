import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { finetuneAll } from "../src/finetune/all";
import { openRegistry } from "../src/finetune/registry";
import { mixPath } from "../src/training/files";

test("bundle export writes data, protocol settings and a README, and registers each bundle", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-bundle-"));
  for (const seed of [1, 2]) {
    const f = mixPath(dir, "toaster", seed);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, Array.from({ length: 1200 }, (_, i) => JSON.stringify({ messages: [{ role: "user", content: `q${i} s${seed}` }, { role: "assistant", content: `a${i}` }] })).join("\n") + "\n");
  }
  const reg = path.join(dir, "registry.json");
  const entries = await finetuneAll(null, { provider: "bundle", conditions: ["toaster"], seeds: [1, 2], trainingDir: dir, registryPath: reg, bundleDir: path.join(dir, "bundles"), log: () => {} });
  assert.equal(entries.length, 2);
  const b = entries[0].bundle_dir!;
  const settings = JSON.parse(fs.readFileSync(path.join(b, "settings.json"), "utf8"));
  assert.equal(settings.lora_rank, 16);
  assert.equal(settings.learning_rate, 2e-4);
  assert.equal(settings.epochs, 1);
  assert.equal(settings.batch_size, 4);
  assert.equal(settings.steps, 300);
  assert.equal(settings.lr_schedule, "linear_decay_to_zero");
  assert.equal(fs.readFileSync(path.join(b, "train.jsonl"), "utf8"), fs.readFileSync(mixPath(dir, "toaster", 1), "utf8"));
  assert.match(fs.readFileSync(path.join(b, "README.md"), "utf8"), /300 optimizer steps/);
  assert.deepEqual(openRegistry(reg).list().map((e) => [e.condition, e.seed, e.status]), [["toaster", 1, "exported"], ["toaster", 2, "exported"]]);
});

test("a missing training mix fails naming the file and the command that makes it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-bundle-"));
  await assert.rejects(finetuneAll(null, { provider: "bundle", conditions: ["toaster"], seeds: [9], trainingDir: dir, registryPath: path.join(dir, "r.json") }), /toaster\.seed9\.jsonl: no training mix.*data generate/);
});
