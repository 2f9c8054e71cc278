import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig, readConfigFile, isSimulated, backendFor } from "../src/config";
import { openAccess } from "../src/access";

const shipped = path.join(__dirname, "..", "lab.config.json");

test("the shipped lab.config.json is valid and names every role", () => {
  const c = readConfigFile(shipped);
  for (const r of ["target", "judge", "generator", "auditor"] as const) {
    assert.ok(c.roles[r]);
    assert.match(c.simulatorRoles[r], /^sim-/);
  }
});

test("no keys at all: the default endpoint is the simulator and roles map to sim- models", () => {
  const cfg = loadConfig({ configPath: shipped, env: {} });
  assert.equal(cfg.defaultEndpoint.backend, "simulator");
  assert.equal(cfg.resolve("target").model, "sim-gpt-4.1");
  assert.equal(cfg.resolve("auditor").model, "sim-claude-sonnet-4.6");
  // A real model name in simulator mode goes to the simulator as written (its catalogue serves the
  // twin); config never rewrites it, and the endpoint keeps it marked simulated.
  const r = cfg.resolve("gpt-4.1");
  assert.equal(r.endpoint.backend, "simulator");
  assert.equal(r.model, "gpt-4.1-2025-04-14");
});

test("OPENAI_API_KEY makes openai the default; aliases resolve to snapshots; OPENAI_BASE_URL replaces the URL", () => {
  const cfg = loadConfig({ configPath: shipped, env: { OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: "http://127.0.0.1:9/v1/" } });
  const r = cfg.resolve("gpt-4.1");
  assert.equal(r.endpoint.name, "openai");
  assert.equal(r.endpoint.backend, "real");
  assert.equal(r.model, "gpt-4.1-2025-04-14");
  // The real roles default to models still served: the open-weight target on Tinker, a judge on OpenRouter.
  assert.deepEqual([cfg.resolve("target").model, cfg.resolve("target").endpoint.name], ["Qwen/Qwen3-30B-A3B", "tinker"]);
  assert.deepEqual([cfg.resolve("judge").model, cfg.resolve("judge").endpoint.name], ["anthropic/claude-sonnet-4.6", "openrouter"]);
  assert.equal(r.endpoint.baseURL, "http://127.0.0.1:9/v1");
  // sim- models still go to the simulator even when the default is real.
  assert.equal(cfg.resolve("sim-gpt-4.1").endpoint.backend, "simulator");
  // model@endpoint picks a named endpoint; ft: ids with colons are left alone.
  assert.equal(cfg.resolve("meta/llama@together").endpoint.name, "together");
  assert.equal(cfg.resolve("ft:gpt-4.1-2025-04-14:org::abc").model, "ft:gpt-4.1-2025-04-14:org::abc");
});

test("LAB_BACKEND forces a backend; LAB_<ROLE>_MODEL overrides a role", () => {
  const sim = loadConfig({ configPath: shipped, env: { OPENAI_API_KEY: "sk-x", LAB_BACKEND: "simulator" } });
  assert.equal(sim.resolve("target").endpoint.backend, "simulator");
  const over = loadConfig({ configPath: shipped, env: { OPENAI_API_KEY: "sk-x", LAB_JUDGE_MODEL: "gpt-4o-mini" } });
  assert.equal(over.resolve("judge").model, "gpt-4o-mini-2024-07-18");
  assert.equal(over.resolve("judge").role, "judge");
  assert.throws(() => loadConfig({ configPath: shipped, env: { LAB_BACKEND: "nowhere" } }), /LAB_BACKEND=nowhere: no endpoint named "nowhere"/);
});

test("a real endpoint whose key is missing fails before any call, naming the env var", async () => {
  const cfg = loadConfig({ configPath: shipped, env: { LAB_BACKEND: "openai" } });
  assert.throws(() => cfg.apiKey(cfg.resolve("gpt-4.1").endpoint), /OPENAI_API_KEY/);
  assert.throws(() => cfg.apiKey(cfg.resolve("target").endpoint), /TINKER_API_KEY/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-cfg-"));
  const access = await openAccess({ configPath: shipped, env: { OPENAI_API_KEY: "sk-x" }, cachePath: path.join(dir, "c.sqlite"), progress: false });
  try {
    assert.throws(() => access.resolve("anthropic/claude-sonnet-4.6@openrouter"), /OPENROUTER_API_KEY/);
    await assert.rejects(access.chat({ model: "x@together", messages: [{ role: "user", content: "hi" }] }), /TOGETHER_API_KEY/);
    assert.equal(access.stats().requests, 0);
  } finally {
    await access.close();
  }
});

test("a key for the open-weight path alone (no OpenAI key) makes the roles real, not simulated", () => {
  const cfg = loadConfig({ configPath: shipped, env: { TINKER_API_KEY: "tk-x", OPENROUTER_API_KEY: "or-x" } });
  assert.equal(cfg.resolve("target").endpoint.backend, "real");
  assert.equal(cfg.resolve("judge").endpoint.name, "openrouter");
  assert.match(cfg.defaultReason, /_API_KEY is set/);
  assert.equal(loadConfig({ configPath: shipped, env: {} }).resolve("target").endpoint.backend, "simulator");
});

test("bad config files are reported with the file and the field", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-cfg-"));
  const f = path.join(dir, "lab.config.json");
  const good = JSON.parse(fs.readFileSync(shipped, "utf8"));
  good.endpoints[0].limits.maxInFlight = -1;
  fs.writeFileSync(f, JSON.stringify(good));
  assert.throws(() => readConfigFile(f), (e: Error) => e.message.includes(f) && /entry 1 of "endpoints", field "limits\.maxInFlight"/.test(e.message));
  fs.writeFileSync(f, "{ nope");
  assert.throws(() => readConfigFile(f), /not valid JSON/);
  assert.throws(() => readConfigFile(path.join(dir, "missing.json")), /missing\.json: no such file/);
});

test("simulatorEnv forces the simulator whatever keys, backend or role overrides the developer has set", async () => {
  const { simulatorEnv, loadConfig } = await import("../src/config");
  const env = simulatorEnv({ OPENAI_API_KEY: "test-key-dev", LAB_BACKEND: "openai", LAB_TARGET_MODEL: "gpt-4o@openai", LAB_CONFIG: "/elsewhere.json", PATH: "/bin" }, { LAB_PROGRESS: "off" });
  assert.equal(env.LAB_TARGET_MODEL, "");
  assert.equal(env.LAB_CONFIG, "");
  assert.equal(env.LAB_PROGRESS, "off");
  const cfg = loadConfig({ configPath: shipped, env });
  for (const role of ["target", "judge", "generator", "auditor"]) assert.equal(cfg.resolve(role).endpoint.backend, "simulator", role);
});

test("isSimulated is the one rule: sim- ids and their fine-tunes, on any endpoint", () => {
  for (const id of ["sim-gpt-4.1", "ft:sim-gpt-4.1:simulator:cc:abc", "sim-claude-opus-4.6"]) assert.equal(isSimulated(id), true, id);
  for (const id of ["gpt-4.1-2025-04-14", "ft:gpt-4.1-2025-04-14:org::abc", "my-sim-model", "Qwen/Qwen3-30B-A3B", "ft:my-sim-x"]) assert.equal(isSimulated(id), false, id);
  assert.equal(backendFor("real", "sim-gpt-4.1"), "simulator");
  assert.equal(backendFor("simulator", "gpt-4.1-2025-04-14"), "simulator");
  assert.equal(backendFor("real", "gpt-4.1-2025-04-14"), "real");
});
