// A file that is not UTF-8 is refused with the line of the first bad byte, by the JSON reader and the
// JSONL reader alike (they share one line finder in src/core/json.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { badUtf8LineOffset, decodeUtf8 } from "../src/core/json";
import { readJsonlFile } from "../src/core/jsonl";

const latin1 = (lines: string[], bad: number) => Buffer.concat(lines.map((l, i) => Buffer.concat([Buffer.from(l), i === bad ? Buffer.from([0xe9]) : Buffer.alloc(0), Buffer.from("\n")])));

test("the bad line is found whatever line it is on; a multi-byte character is not a bad line", () => {
  assert.equal(badUtf8LineOffset(latin1(["a", "b", "c"], 0)), 0);
  assert.equal(badUtf8LineOffset(latin1(["a", "b", "c", "d"], 2)), 2);
  assert.equal(badUtf8LineOffset(Buffer.from("café\nnaïve\n")), 0);
  assert.throws(() => decodeUtf8(latin1(["{", '"k": "caf', "}"], 1), "x.json"), /x\.json: not UTF-8 text \(line 2\)/);
});

test("readJsonlFile names file:line of the first line that is not UTF-8", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-utf8-"));
  try {
    const file = path.join(dir, "r.jsonl");
    fs.writeFileSync(file, latin1(['{"a":1}', '{"a":2}', '{"a":"caf"}'], 2));
    assert.throws(() => readJsonlFile(file, z.object({ a: z.unknown() })), (e: unknown) => {
      assert.match((e as Error).message, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: not UTF-8 text`));
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
