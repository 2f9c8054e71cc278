// The main job against a paid backend: it prints the cost estimate and sends nothing until someone
// agrees (here nobody is at the terminal and --yes is absent).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulator } from "../src/sim";

test("demo against a real-kind endpoint estimates, asks, and sends nothing without consent", async () => {
  const server = await startSimulator({ port: 0 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "demo-"));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: "sk-demo-test-key", OPENAI_BASE_URL: server.baseURL, LAB_CACHE: path.join(tmp, "c.sqlite"), LAB_PROFILE: "full",
      // The real defaults are the open-weight path (Tinker, OpenRouter); this test drives every role
      // through the one OpenAI-kind endpoint, on a fixed day (retirement checks read the date).
      LAB_TARGET_MODEL: "gpt-4.1", LAB_JUDGE_MODEL: "gpt-4.1", LAB_GENERATOR_MODEL: "gpt-4.1", LAB_AUDITOR_MODEL: "gpt-4.1", LAB_TODAY: "2026-11-29" };
    delete env.LAB_YES;
    delete env.LAB_BACKEND;
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "src", "pipeline", "demo-cli.ts")], { env, input: "", encoding: "utf8", timeout: 580_000 });
    const out = run.stdout + run.stderr;
    assert.equal(run.status, 3, out);
    assert.match(out, /cost estimate/);
    assert.match(out, /fine-tuning: 24 new jobs/); // 4 conditions × the paper's 6 seeds
    assert.match(out, /total: \$\d+\.\d\d/);
    assert.match(out, /--yes/);
    assert.match(out, /nothing was sent/);
    assert.ok(!out.includes("sk-demo-test-key"), "the key is never printed");
    assert.equal(server.stats().requests_total, 0, "no request reached the endpoint");

    // The CLI's replicate command holds back the same way.
    const cli = (extra: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "src", "cli", "main.ts"), "replicate", "--profile", "full", ...extra], { env, input: "", encoding: "utf8", timeout: 580_000 });
    const est = cli(["--estimate-only"]);
    assert.equal(est.status, 0, est.stdout + est.stderr);
    assert.match(est.stdout, /probes \+ judging: \d+ new calls/);
    const refused = cli([]);
    assert.equal(refused.status, 3, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /--yes/);
    assert.equal(server.stats().requests_total, 0, "still no request");
  } finally {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
