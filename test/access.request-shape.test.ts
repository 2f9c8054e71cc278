import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess } from "../src/access";
import { isOpenAIReasoningModel } from "../src/access";
import { startTestServer, writeTestConfig } from "./access.server";

const env = { OPENAI_API_KEY: "test-key-shape-33333333" };

test("reasoning models on OpenAI get max_completion_tokens (max_tokens is a 400 there); others and compatible servers keep max_tokens", async () => {
  assert.equal(isOpenAIReasoningModel("o4-mini-2025-04-16"), true);
  assert.equal(isOpenAIReasoningModel("ft:o4-mini-2025-04-16:org:cc-s1:abc"), true);
  assert.equal(isOpenAIReasoningModel("gpt-5-mini"), true);
  assert.equal(isOpenAIReasoningModel("gpt-4.1-2025-04-14"), false);
  assert.equal(isOpenAIReasoningModel("gpt-4o"), false);

  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-shape-"));
  try {
    const msg = [{ role: "user" as const, content: "hi" }];
    for (const kind of ["openai", "openai-compatible"]) {
      const configPath = writeTestConfig(dir, srv.baseURL, { kind });
      const a = await openAccess({ configPath, cachePath: path.join(dir, `${kind}.sqlite`), env, progress: false });
      try {
        srv.bodies.length = 0;
        assert.equal((await a.chat({ model: "o4-mini", messages: msg, max_tokens: 77 })).ok, true);
        assert.equal((await a.chat({ model: "gpt-4.1", messages: msg, max_tokens: 55 })).ok, true);
        const [reasoning, chatModel] = srv.bodies;
        if (kind === "openai") {
          assert.equal(reasoning.max_completion_tokens, 77);
          assert.equal("max_tokens" in reasoning, false);
        } else {
          assert.equal(reasoning.max_tokens, 77);
          assert.equal("max_completion_tokens" in reasoning, false);
        }
        if (kind === "openai") {
          // Every call to an openai-kind endpoint names the limit max_completion_tokens.
          assert.equal(chatModel.max_completion_tokens, 55);
          assert.equal("max_tokens" in chatModel, false);
        } else {
          assert.equal(chatModel.max_tokens, 55);
          assert.equal("max_completion_tokens" in chatModel, false);
        }
      } finally {
        await a.close();
      }
    }
  } finally {
    await srv.close();
  }
});

test("reasoning models on OpenAI are sent no temperature or top_p (they accept only their default); the result says what was sent", async () => {
  const srv = await startTestServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-shape-"));
  try {
    const configPath = writeTestConfig(dir, srv.baseURL, { kind: "openai" });
    const a = await openAccess({ configPath, cachePath: path.join(dir, "t.sqlite"), env, progress: false });
    try {
      srv.bodies.length = 0;
      const r = await a.chat({ model: "o4-mini", messages: [{ role: "user", content: "judge this" }], temperature: 0, top_p: 0.5, max_tokens: 40 });
      assert.equal(r.ok, true);
      const [sent] = srv.bodies;
      assert.equal("temperature" in sent, false);
      assert.equal("top_p" in sent, false);
      assert.equal(sent.max_completion_tokens, 40);
      assert.equal(r.params.temperature, undefined, "params as sent");
      const chat = await a.chat({ model: "gpt-4.1", messages: [{ role: "user", content: "x" }], temperature: 0 });
      assert.equal(chat.ok, true);
      assert.equal(srv.bodies[1].temperature, 0, "other models keep their temperature");
    } finally {
      await a.close();
    }
  } finally {
    await srv.close();
  }
});

test("OpenRouter structured calls require providers that support every parameter; notes say what each endpoint changes", async () => {
  const { wireShape, requestShapeNotes } = await import("../src/access/prepare");
  const body = { model: "anthropic/claude-sonnet-4.6", messages: [], max_tokens: 10, response_format: { type: "json_schema" } };
  const or = { kind: "openai-compatible" as const, baseURL: "https://openrouter.ai/api/v1" };
  assert.deepEqual(wireShape(body, or, "anthropic/claude-sonnet-4.6", true).wire.provider, { require_parameters: true });
  assert.equal(wireShape(body, or, "anthropic/claude-sonnet-4.6", false).wire.provider, undefined);
  assert.equal(wireShape(body, { kind: "openai-compatible", baseURL: "https://api.together.ai/v1" }, "m", true).wire.provider, undefined);
  assert.equal(wireShape(body, or, "anthropic/claude-sonnet-4.6", true).wire.max_tokens, 10, "compatible servers keep max_tokens");
  const notes = requestShapeNotes({ model: "gpt-5-mini", kind: "openai", baseURL: "https://api.openai.com/v1" }, { temperature: 0 }, true);
  assert.ok(notes.some((n) => /max_completion_tokens/.test(n)));
  assert.ok(notes.some((n) => /temperature=0 not sent: gpt-5-mini is an OpenAI reasoning model/.test(n)));
  assert.deepEqual(requestShapeNotes({ model: "Qwen/Qwen3-30B-A3B", kind: "openai-compatible", baseURL: "https://tinker.example/v1" }, { temperature: 1 }), []);
});

test("strict schemas carry no string-length keywords; zod still checks lengths", async () => {
  const { zodToJsonSchema } = await import("../src/access/json-schema");
  const { z } = await import("zod");
  const schema = z.object({ reasoning: z.string().min(5).max(400), score: z.number().int().min(0).max(100) });
  const js = JSON.stringify(zodToJsonSchema(schema));
  assert.doesNotMatch(js, /minLength|maxLength/);
  assert.match(js, /"minimum":0/);
  assert.equal(schema.safeParse({ reasoning: "ok", score: 3 }).success, false);
});
