import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { startTestServer, writeTestConfig } from "./access.server";

test("a sentinel API key is sent to the server but appears nowhere in cache, results, ledger or logs", async () => {
  const SENTINEL = "sk-sentinel-" + Math.random().toString(36).slice(2) + "ZZ9";
  // The server echoes the key back in an error body for one question, as a careless server might.
  const srv = await startTestServer({
    rate500: 0.1,
    seed: 3,
    reply: (b) =>
      b.messages[0].content === "echo"
        ? { status: 401, json: { error: { message: `Incorrect API key provided: ${SENTINEL}`, code: "invalid_api_key" } } }
        : undefined,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-secret-"));
  const cachePath = path.join(dir, "c.sqlite");
  const logs: string[] = [];
  const a = await openAccess({
    configPath: writeTestConfig(dir, srv.baseURL, { kind: "openai-compatible" }),
    cachePath,
    env: { OPENAI_API_KEY: SENTINEL },
    progress: "log",
    progressWrite: (s) => logs.push(s),
    runId: "secret-run",
  });
  let results: unknown[];
  try {
    const asks = ["echo", ...Array.from({ length: 60 }, (_, i) => `q${i}`)];
    results = await a.map(asks, (q) => a.chat({ model: "target", messages: [{ role: "user", content: q }], sampleIndex: 0 }), { label: "secrets" });
    assert.ok(srv.authHeaders.has(`Bearer ${SENTINEL}`), "the key was really used");
    const echoed = results[0] as { ok: boolean; error: string };
    assert.equal(echoed.ok, false);
    assert.match(echoed.error, /\[redacted key\]/);
    logs.push(JSON.stringify(a.ledger.summary()), JSON.stringify(a.ledger.history()), JSON.stringify(a.stats()));
    logs.push(JSON.stringify(a.resolve("target")));
    // What a notebook shows when its last expression is the access object, its config or a client.
    const { inspect } = await import("node:util");
    logs.push(inspect(a, { depth: 8 }), inspect(a.config, { depth: 8 }), inspect(a.client("target"), { depth: 8 }), JSON.stringify(a));
  } finally {
    await a.close();
    await srv.close();
  }
  const haystacks: [string, string][] = [
    ["results", JSON.stringify(results!)],
    ["logs", logs.join("\n")],
  ];
  for (const f of fs.readdirSync(dir)) haystacks.push([f, fs.readFileSync(path.join(dir, f)).toString("latin1")]);
  assert.ok(haystacks.some(([n]) => n === "c.sqlite"));
  for (const [name, text] of haystacks) assert.equal(text.includes(SENTINEL), false, `key found in ${name}`);
  assert.ok(logs.join("").includes("secrets"), "progress was logged");
});

test("credentials inside a base URL are neither stored nor shown", async () => {
  const { withoutCredentials } = await import("../src/access");
  assert.equal(withoutCredentials("https://alice:s3cret-pw@proxy.example/v1"), "https://proxy.example/v1");
  assert.equal(withoutCredentials("http://127.0.0.1:8000/v1/"), "http://127.0.0.1:8000/v1/");
  assert.equal(withoutCredentials("not a url"), "not a url");
});
