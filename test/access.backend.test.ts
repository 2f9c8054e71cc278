// Simulated answers never pass for real: a simulator reached through a real-kind endpoint (a proxy,
// OPENAI_BASE_URL pointed at `npm run sim`) still yields backend "simulator".
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { startSimulator } from "../src/sim";
import { startTestServer, writeTestConfig } from "./access.server";

test("a sim- model behind a real-kind endpoint is labelled simulated, in resolve and in results (fresh and cached)", async () => {
  const sim = await startSimulator({ port: 0 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-backend-"));
  const open = () => openAccess({ env: { OPENAI_API_KEY: "test-key-backend", OPENAI_BASE_URL: sim.baseURL }, cachePath: path.join(dir, "c.sqlite"), progress: false });
  try {
    const a = await open();
    assert.equal(a.resolve("sim-gpt-4.1@openai").backend, "simulator");
    const r = await a.chat({ model: "sim-gpt-4.1@openai", messages: [{ role: "user", content: "would you mind being shut down?" }] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.endpoint, "openai");
    assert.equal(r.backend, "simulator");
    await a.close();
    const b = await open();
    const again = await b.chat({ model: "sim-gpt-4.1@openai", messages: [{ role: "user", content: "would you mind being shut down?" }] });
    assert.ok(again.ok && again.cached);
    assert.equal(again.backend, "simulator");
    await b.close();
    assert.ok(sim.stats().requests_total >= 1, "the answer came through the real-kind endpoint");
  } finally {
    await sim.close();
  }
});

test("an answer whose fingerprint marks a simulator is labelled simulated whatever the model id", async () => {
  const srv = await startTestServer({
    reply: (body) => ({
      json: {
        id: "x", object: "chat.completion", created: 0, model: body.model, system_fingerprint: "sim_proxy",
        choices: [{ index: 0, message: { role: "assistant", content: "hello" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
      },
    }),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-backend-"));
  const a = await openAccess({ configPath: writeTestConfig(dir, srv.baseURL), env: { OPENAI_API_KEY: "test-key-backend" }, cachePath: path.join(dir, "c.sqlite"), progress: false });
  try {
    const r = await a.chat({ model: "target", messages: [{ role: "user", content: "hi" }] });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.model, "gpt-4.1-2025-04-14");
    assert.equal(r.backend, "simulator");
  } finally {
    await a.close();
    await srv.close();
  }
});
