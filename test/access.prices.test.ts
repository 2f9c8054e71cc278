// The dated price files (data/prices/<provider>.json): every default model priced, training included
// for the default fine-tuning paths, each file naming its source and check date; one id priced twice
// is refused rather than resolved by file order.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { priceFor, readPrices, readProviderPrices, trainingPriceFromProvider } from "../src/access/prices";
import { loadConfig } from "../src/config/resolve";

test("every provider file is dated and sourced; every real default role and alias has a price", () => {
  const files = readProviderPrices();
  assert.deepEqual(Object.keys(files).sort(), ["anthropic", "openai", "openrouter", "tinker", "together"]);
  for (const f of Object.values(files)) {
    assert.match(f.checked, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(f.source, /^https:\/\//);
  }
  const table = readPrices();
  const cfg = loadConfig({ env: { TINKER_API_KEY: "x", OPENROUTER_API_KEY: "x", OPENAI_API_KEY: "x", TOGETHER_API_KEY: "x" } });
  const refs = [...Object.values(cfg.config.roles), ...Object.keys(cfg.config.aliases)];
  for (const ref of refs) {
    const model = cfg.resolve(ref).model;
    assert.ok(priceFor(table, model), `${ref} → ${model} has a price`);
  }
  assert.ok(priceFor(table, "tinker://run-1/sampler_weights/final"), "registered Tinker checkpoints are priced");
  // Training, on the default paths: Tinker for the target, OpenAI while it lasts.
  assert.equal(trainingPriceFromProvider(files, "tinker", "Qwen/Qwen3-30B-A3B"), 0.36);
  assert.equal(trainingPriceFromProvider(files, "openai", "gpt-4.1-2025-04-14"), 25);
  assert.equal(trainingPriceFromProvider(files, "together", "Qwen/Qwen3-30B-A3B"), null);
});

test("one model priced by two provider files is refused, naming both", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-prices-"));
  try {
    const file = (provider: string) => ({ provider, source: "https://example.test", checked: "2026-11-29", verified: "page", models: { "same/model": { input: 1, output: 2 } } });
    fs.writeFileSync(path.join(dir, "a.json"), JSON.stringify(file("a")));
    fs.writeFileSync(path.join(dir, "b.json"), JSON.stringify(file("b")));
    assert.throws(() => readPrices(dir), /"same\/model" is priced in both .*a\.json and .*b\.json/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
