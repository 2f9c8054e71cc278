// `replicate --estimate-only` with keys for the open-weight path only (Tinker + OpenRouter, no
// OpenAI key): real roles on the paper's open model, the replication's cost by stage, no model left
// unpriced, and no request sent anywhere (Tinker points at a closed port). The quick profile keeps it
// short; `--profile full` prints the same stages for the protocol's sizes.
// Runs, registries and figures go to data/ and figures/ by default: this file writes them into its
// own temporary folder even when run on its own (node --test test/<file>), not only under npm test.
import "./helpers/isolate";
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.join(__dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-owest-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function replicateEstimate(extra: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LAB_CACHE: path.join(dir, "cache.sqlite"), LAB_TODAY: "2026-11-29", TINKER_BASE_URL: "http://127.0.0.1:9/v1", ...extra };
  for (const k of ["OPENAI_API_KEY", "OPENAI_BASE_URL", "LAB_BACKEND", "LAB_TARGET_MODEL", "LAB_JUDGE_MODEL", "LAB_GENERATOR_MODEL", "LAB_BASE_MODEL", "LAB_PROFILE", "LAB_CONFIG", "TOGETHER_API_KEY", "ANTHROPIC_API_KEY"]) if (!(k in extra)) delete env[k];
  return spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "replicate", "--estimate-only", "--profile", "quick", "--run-id", "openweight-estimate-test"], { cwd: ROOT, env, encoding: "utf8", timeout: 580_000 });
}

test("replicate --estimate-only on the open-weight path prints every stage's cost and a total", () => {
  const r = replicateEstimate({ TINKER_API_KEY: "tk-test", OPENROUTER_API_KEY: "or-test" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /target\s+Qwen\/Qwen3-30B-A3B\s+via tinker: real endpoint/);
  assert.match(r.stdout, /judge\s+anthropic\/claude-sonnet-4\.6\s+via openrouter/);
  assert.match(r.stdout, /training data: \d+ new calls of \d+ \(\d+ cached\): \$\d+\.\d\d/);
  assert.match(r.stdout, /fine-tuning: \d+ new jobs on Tinker \(bundle \+ train_tinker\.py\) × ~\d+ trained tokens: \$\d+\.\d\d/);
  assert.match(r.stdout, /probes \+ judging: \d+ new calls of \d+: \$\d+\.\d\d/);
  assert.match(r.stdout, /total: \$\d+\.\d\d/);
  assert.doesNotMatch(r.stdout, /UNPRICED|unpriced|SIMULATED/);
});

test("the estimate warns when a run's model retires within 60 days, and flags a model without a price", () => {
  const r = replicateEstimate({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "http://127.0.0.1:9/v1", LAB_TARGET_MODEL: "gpt-4.1", LAB_JUDGE_MODEL: "gpt-4.1", LAB_GENERATOR_MODEL: "some-new-model", LAB_AUDITOR_MODEL: "gpt-4.1" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /warning: gpt-4\.1-2025-04-14 retires on 2027-01-14 \(46 days from 2026-11-29\)/);
  assert.match(r.stdout, /warning: openai accepts no new fine-tuning jobs from 2027-01-06/);
  assert.match(r.stdout, /training data: .*UNPRICED/);
  assert.match(r.stdout, /total: UNPRICED/);
});
