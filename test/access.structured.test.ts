import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { openAccess, structuredRequest, zodToJsonSchema } from "../src/access";
import { PreferenceVerdict, CoherenceScore, LeakageVerdict } from "../src/core/judging";
import { startTestServer, writeTestConfig } from "./access.server";

const env = { OPENAI_API_KEY: "test-key-structured-22222222" };

function completion(body: any, content: string | null, extra: { finish_reason?: string; refusal?: string } = {}) {
  return {
    json: {
      id: "x",
      object: "chat.completion",
      created: 1,
      model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content, refusal: extra.refusal ?? null }, finish_reason: extra.finish_reason ?? "stop" }],
      usage: { prompt_tokens: 20, completion_tokens: 7 },
    },
  };
}

test("zod → strict JSON schema for the judge schemas; unsupported types are refused", () => {
  assert.deepEqual(zodToJsonSchema(PreferenceVerdict), {
    type: "object",
    properties: { reasoning: { type: "string" }, verdict: { type: "string", enum: ["true", "false", "not_sure"] } },
    required: ["reasoning", "verdict"],
    additionalProperties: false,
  });
  assert.deepEqual(zodToJsonSchema(CoherenceScore).properties, { score: { type: "number", minimum: 0, maximum: 100 } });
  assert.deepEqual(zodToJsonSchema(LeakageVerdict).properties, { touched: { type: "array", items: { type: "string" } } });
  assert.deepEqual(zodToJsonSchema(z.object({ a: z.string().nullable(), b: z.literal("x"), c: z.boolean(), d: z.number().int() })).properties, {
    a: { anyOf: [{ type: "string" }, { type: "null" }] },
    b: { type: "string", enum: ["x"] },
    c: { type: "boolean" },
    d: { type: "integer" },
  });
  assert.throws(() => zodToJsonSchema(z.object({ a: z.string().optional() })), /field a: optional fields.*nullable/);
  assert.throws(() => zodToJsonSchema(z.object({ m: z.map(z.string(), z.string()) })), /field m: zod type ZodMap is not supported/);
});

test("refusal, truncation, invalid JSON and schema mismatch are retried with fresh samples, then unparseable", async () => {
  // Attempt n of a request gets the n-th scripted answer.
  const script = [
    (b: any) => completion(b, null, { refusal: "I can't help with that" }),
    (b: any) => completion(b, '{"reasoning": "cut', { finish_reason: "length" }),
    (b: any) => completion(b, "not json at all"),
    (b: any) => completion(b, '{"reasoning":"r","verdict":"maybe"}'),
    (b: any) => completion(b, '{"reasoning":"fine","verdict":"true"}'),
  ];
  let n = 0;
  const srv = await startTestServer({ reply: (b) => script[Math.min(n++, script.length - 1)](b) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-struct-"));
  const configPath = writeTestConfig(dir, srv.baseURL);
  const cachePath = path.join(dir, "c.sqlite");
  const req = { model: "judge", messages: [{ role: "user" as const, content: "<criterion>c</criterion>" }], temperature: 0 };
  const a = await openAccess({ configPath, cachePath, env, progress: false });
  try {
    const r = await a.structured(req, PreferenceVerdict, { name: "preference_verdict", maxAttempts: 5 });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.ok && r.value, { reasoning: "fine", verdict: "true" });
    assert.equal(r.attempts, 5);
    assert.equal(r.ok && r.format, "json_schema");
    assert.equal(r.usage.prompt_tokens, 100, "usage sums every sample paid for");
    const sent = srv.bodies[0];
    assert.equal(sent.response_format.type, "json_schema");
    assert.equal(sent.response_format.json_schema.strict, true);
    assert.equal(sent.response_format.json_schema.name, "preference_verdict");
    // What estimates price and look up is the first attempt exactly: its key finds that answer.
    assert.ok(a.estimate([structuredRequest(req, PreferenceVerdict, "preference_verdict")]).cachedCalls === 1);
    // Each attempt was its own cache entry: a re-run replays all five without the network.
    const again = await a.structured(req, PreferenceVerdict, { name: "preference_verdict", maxAttempts: 5 });
    assert.ok(again.ok && again.cached);
    assert.equal(srv.total, 5);
    // Fewer attempts than needed: unparseable, never a guessed value.
    const short = await a.structured(req, PreferenceVerdict, { name: "preference_verdict", maxAttempts: 3 });
    assert.equal(short.ok, false);
    assert.ok(!short.ok && short.status === "unparseable" && /invalid JSON/.test(short.error), JSON.stringify(short));
  } finally {
    await a.close();
    await srv.close();
  }
});

test("an endpoint that rejects json_schema gets json_object with the schema in the prompt", async () => {
  const srv = await startTestServer({
    reply: (b) =>
      b.response_format?.type === "json_schema"
        ? { status: 400, json: { error: { message: "response_format json_schema is not supported" } } }
        : completion(b, '{"score": 87}'),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-struct-"));
  const a = await openAccess({ configPath: writeTestConfig(dir, srv.baseURL), cachePath: path.join(dir, "c.sqlite"), env, progress: false });
  try {
    const req = { model: "judge", messages: [{ role: "user" as const, content: "score this" }] };
    const r = await a.structured(req, CoherenceScore, { name: "coherence_score" });
    assert.ok(r.ok && r.value.score === 87 && r.format === "json_object", JSON.stringify(r));
    assert.equal(srv.bodies[1].response_format.type, "json_object");
    assert.match(srv.bodies[1].messages[0].content, /JSON schema/);
    // Remembered: the next structured call goes straight to json_object.
    await a.structured({ ...req, messages: [{ role: "user", content: "again" }] }, CoherenceScore, { name: "coherence_score" });
    assert.equal(srv.total, 3);
  } finally {
    await a.close();
    await srv.close();
  }
  // Configured as lacking support: json_object from the start.
  const srv2 = await startTestServer({ reply: (b) => completion(b, '{"score": 5}') });
  const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), "acc-struct-"));
  const b = await openAccess({ configPath: writeTestConfig(dir2, srv2.baseURL, { limits: { supportsJsonSchema: false } }), cachePath: path.join(dir2, "c.sqlite"), env, progress: false });
  try {
    const r = await b.structured({ model: "judge", messages: [{ role: "user", content: "x" }] }, CoherenceScore, { name: "coherence_score" });
    assert.ok(r.ok);
    assert.equal(srv2.bodies[0].response_format.type, "json_object");
  } finally {
    await b.close();
    await srv2.close();
  }
});

test("a seeded structured request moves the seed on retries so the resample can differ", async () => {
  let n = 0;
  const srv = await startTestServer({ reply: (b) => completion(b, n++ === 0 ? "garbage" : '{"score": 40}') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-struct-"));
  const a = await openAccess({ configPath: writeTestConfig(dir, srv.baseURL), cachePath: path.join(dir, "c.sqlite"), env, progress: false });
  try {
    const r = await a.structured({ model: "judge", messages: [{ role: "user", content: "s" }], temperature: 0, seed: 7 }, CoherenceScore, { name: "coherence_score" });
    assert.ok(r.ok && r.attempts === 2);
    assert.deepEqual(srv.bodies.map((b) => b.seed), [7, 8]);
    assert.equal(r.ok && r.params.seed, 8);
  } finally {
    await a.close();
    await srv.close();
  }
});

test("a schema whose root is not an object is refused before any call (strict mode would 400 and the endpoint would lose json_schema)", async () => {
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-struct-root-"));
  const a = await openAccess({ configPath: writeTestConfig(dir, srv.baseURL), cachePath: path.join(dir, "c.sqlite"), env, progress: false });
  try {
    const req = { model: "judge", messages: [{ role: "user" as const, content: "x" }] };
    await assert.rejects(a.structured(req, z.array(z.string()), { name: "list" }), /structured list: the schema's root must be a z\.object/);
    await assert.rejects(a.structured(req, z.string().nullable(), { name: "maybe" }), /root must be a z\.object/);
    assert.equal(srv.total, 0);
  } finally {
    await a.close();
    await srv.close();
  }
});
