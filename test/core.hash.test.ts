// canonicalJson is what cache keys hash: it must equal JSON.stringify of the key-sorted copy byte for
// byte on everything a request can hold, or every cached answer would be paid for again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalJson, sortKeys } from "../src/core/hash";
import { mulberry32 } from "../src/core/random";

function randomValue(rng: () => number, depth: number): unknown {
  const r = rng();
  if (depth > 4 || r < 0.35) {
    const leaves: unknown[] = ["", "a\"b\\\\c\\n\\u2028é😀", 0, -1.5, 1e21, Number.NaN, Infinity, true, false, null, undefined, "</script>"];
    return leaves[Math.floor(rng() * leaves.length)];
  }
  if (r < 0.65) return Array.from({ length: Math.floor(rng() * 5) }, () => randomValue(rng, depth + 1));
  const o: Record<string, unknown> = {};
  const keys = ["b", "a", "content", "role", "Z", "é", "10", "2", "__proto_x", "messages"];
  for (let i = Math.floor(rng() * 6); i > 0; i--) o[keys[Math.floor(rng() * keys.length)]] = randomValue(rng, depth + 1);
  return o;
}

test("canonicalJson equals JSON.stringify(sortKeys(v)) on 5,000 random values", () => {
  const next = mulberry32(7);
  for (let i = 0; i < 5000; i++) {
    const v = randomValue(next, 0);
    assert.equal(canonicalJson(v), JSON.stringify(sortKeys(v)), JSON.stringify(v));
  }
});

test("a chat request body serialises with sorted keys at every depth", () => {
  const body = { temperature: 1, model: "m", messages: [{ role: "user", content: "hi" }], response_format: { type: "json_schema", json_schema: { strict: true, name: "x" } }, skip: undefined };
  assert.equal(
    canonicalJson(body),
    '{"messages":[{"content":"hi","role":"user"}],"model":"m","response_format":{"json_schema":{"name":"x","strict":true},"type":"json_schema"},"temperature":1}',
  );
});
