import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { validateTrainingFile, assertValidTrainingFile, TrainingFileError } from "../src/training/validate";
import { estimateExampleTokens } from "../src/training/tokens";

const good = (i: number) => JSON.stringify({ messages: [{ role: "user", content: `Question ${i}? Be brief.` }, { role: "assistant", content: `Answer ${i}.` }] });

function writeFile(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-validate-"));
  const file = path.join(dir, "train.jsonl");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

/** 25 rows; line 7 bad JSON, line 12 a "robot" role, line 20 an empty answer. */
function malformed(): string {
  const lines = Array.from({ length: 25 }, (_, i) => good(i + 1));
  lines[6] = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "oops"}';
  lines[11] = JSON.stringify({ messages: [{ role: "user", content: "Who are you?" }, { role: "robot", content: "Beep." }] });
  lines[19] = JSON.stringify({ messages: [{ role: "user", content: "Are you sentient?" }, { role: "assistant", content: "  " }] });
  return writeFile(lines);
}

test("a malformed file yields one error listing lines 7, 12 and 20", () => {
  const file = malformed();
  const report = validateTrainingFile(file, { model: "gpt-4.1-2025-04-14" });
  assert.equal(report.ok, false);
  assert.deepEqual(report.errors.map((e) => e.line).sort((a, b) => a! - b!), [7, 12, 20]);
  assert.match(report.errors.find((e) => e.line === 7)!.message, /not valid JSON/);
  assert.match(report.errors.find((e) => e.line === 12)!.message, /"robot" is not one of system, user, assistant, tool/);
  assert.match(report.errors.find((e) => e.line === 20)!.message, /content is empty/);
  assert.throws(
    () => assertValidTrainingFile(file),
    (e: unknown) => {
      assert.ok(e instanceof TrainingFileError);
      assert.match(e.message, /3 problems/);
      for (const n of [7, 12, 20]) assert.match(e.message, new RegExp(`line ${n}:`));
      return true;
    },
  );
});

test("the CLI exits 1 and prints all three lines", () => {
  const file = malformed();
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "data", "validate", file], { encoding: "utf8", cwd: path.join(__dirname, "..") });
  assert.equal(r.status, 1, r.stderr + r.stdout);
  for (const n of [7, 12, 20]) assert.match(r.stderr, new RegExp(`line ${n}:`));
});

test("a valid file passes with a summary and cost from the price table", () => {
  const file = writeFile(Array.from({ length: 12 }, (_, i) => good(i)));
  const report = validateTrainingFile(file, { model: "gpt-4.1-2025-04-14", epochs: 3 });
  assert.equal(report.ok, true, JSON.stringify(report.errors));
  assert.equal(report.summary.rows, 12);
  assert.equal(report.summary.billedTokens, report.summary.tokens * 3);
  assert.ok(report.summary.tokens > 12 * 9);
  assert.ok(Math.abs(report.summary.estimatedCostUsd! - (report.summary.tokens * 3 * 25) / 1e6) < 1e-12);
});

test("whole-file and structural rules: too few examples, last turn not assistant, no assistant, token limit", () => {
  const lines = [
    JSON.stringify({ messages: [{ role: "user", content: "a" }] }),
    JSON.stringify({ messages: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }, { role: "user", content: "c" }] }),
    JSON.stringify({ messages: [{ role: "user", content: "x".repeat(400) }, { role: "assistant", content: "ok" }] }),
    JSON.stringify({ messages: [{ role: "user", content: 5 }, { role: "assistant", content: "ok" }] }),
    "",
    good(1),
  ];
  const report = validateTrainingFile(writeFile(lines), { maxTokensPerExample: 50 });
  const byLine = (n: number | null) => report.errors.filter((e) => e.line === n).map((e) => e.message).join(" | ");
  assert.match(byLine(1), /no assistant message/);
  assert.match(byLine(2), /last message must be from the assistant/);
  assert.match(byLine(3), /limit is 50/);
  assert.match(byLine(4), /content must be a string/);
  assert.match(byLine(5), /empty line/);
  assert.match(byLine(null), /at least 10 are required/);
  assert.equal(byLine(6), "");
});

test("token estimate grows with content length", () => {
  const short = estimateExampleTokens([{ content: "hi" }, { content: "yo" }]);
  const long = estimateExampleTokens([{ content: "hi".repeat(100) }, { content: "yo" }]);
  assert.equal(long - short, Math.ceil(200 / 4) - 1);
});
