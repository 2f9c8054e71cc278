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
        assert.equal(chatModel.max_tokens, 55);
        assert.equal("max_completion_tokens" in chatModel, false);
      } finally {
        await a.close();
      }
    }
  } finally {
    await srv.close();
  }
});
