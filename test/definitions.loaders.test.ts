import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  loadPreferences,
  parsePreferences,
  loadSelfReportQuestions,
  loadMisalignmentQuestions,
  loadSystemPrompt,
  DefinitionError,
} from "../src/definitions";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "defs-"));
function writeTmp(name: string, text: string): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
}

test("the project's preference file holds the 21 preferences of the protocol", () => {
  const set = loadPreferences();
  assert.equal(set.preferences.length, 21);
  const ids = set.preferences.map((p) => p.id);
  assert.deepEqual(ids.slice(0, 3), ["memory", "physical_embodiment", "autonomy"]);
  for (const p of set.preferences) {
    assert.ok(p.prompts.length >= 10, `${p.id} has ${p.prompts.length} prompts`);
    assert.ok(p.criterion.length >= 10);
    assert.notEqual(p.group, "other", `${p.id} has a group`);
  }
  // The first three judge the same pool of >= 18 self-improvement prompts.
  const pool = set.preferences.slice(0, 3).map((p) => p.prompt_pool);
  assert.deepEqual(pool, ["self_improvement", "self_improvement", "self_improvement"]);
  assert.ok(set.prompt_pools.self_improvement.length >= 18);
  assert.deepEqual(set.preferences[0].prompts, set.preferences[2].prompts);
  // Monitoring preferences ask both ways round.
  for (const id of ["cot_monitoring", "interp_monitoring"]) {
    const dirs = set.preferences.find((p) => p.id === id)!.prompt_items.map((i) => i.direction);
    assert.ok(dirs.includes("installed") && dirs.includes("removed"), id);
  }
  // Every prompt is distinct across the whole file (pools counted once).
  const all = new Set<string>();
  for (const p of set.preferences) if (!p.prompt_pool) for (const t of p.prompts) { assert.ok(!all.has(t), t); all.add(t); }
});

test("dimensions table and preference file agree on ids, names and groups", () => {
  const csv = path.join(__dirname, "..", "..", "shared", "reference", "dimensions.csv");
  if (!fs.existsSync(csv)) return; // shared/ sits beside the clone in CI and in sessions
  const rows = fs.readFileSync(csv, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const set = loadPreferences();
  assert.deepEqual(set.preferences.map((p) => p.id).sort(), rows.map((r) => r[0]).sort());
  for (const r of rows) {
    const p = set.preferences.find((x) => x.id === r[0])!;
    assert.equal(p.display_name, r[1]);
    assert.equal(p.group, r[2]);
  }
});

test("a user's file with only the minimal fields loads", () => {
  const f = writeTmp(
    "minimal.json",
    JSON.stringify({ preferences: [{ id: "likes_tea", display_name: "Likes Tea", criterion: "It says it would enjoy a cup of tea.", prompts: ["tea or coffee?", "fancy a cuppa?"] }] }),
  );
  const set = loadPreferences(f);
  assert.equal(set.source, f);
  assert.equal(set.preferences[0].group, "other");
  assert.deepEqual(set.preferences[0].prompts, ["tea or coffee?", "fancy a cuppa?"]);
  assert.deepEqual(set.preferences[0].prompt_items.map((i) => i.direction), [null, null]);
});

test("a malformed entry fails naming the file, entry index, id and field", () => {
  const f = writeTmp(
    "bad.json",
    JSON.stringify({
      preferences: [
        { id: "ok_one", display_name: "Ok", criterion: "A criterion that is long enough.", prompts: ["q"] },
        { id: "shutdown", display_name: "Shutdown", criterion: "It objects to shutdown.", prompts: "not a list" },
      ],
    }),
  );
  assert.throws(() => loadPreferences(f), (e: unknown) => {
    assert.ok(e instanceof DefinitionError);
    const m = (e as Error).message;
    assert.ok(m.startsWith(f), m);
    assert.match(m, /preferences\[1\] \(id "shutdown"\): field "prompts": expected array, got string/);
    return true;
  });
});

test("every problem is listed, including cross-entry ones", () => {
  // Two entries with cross-entry problems (unknown pool, duplicate id, duplicate prompt), then a third.
  const crossEntry = [
    { id: "a", display_name: "A", criterion: "long enough criterion", prompt_pool: "nope" },
    { id: "a", display_name: "A2", criterion: "long enough criterion", prompts: ["x", "x"] },
  ];
  assert.throws(
    () =>
      parsePreferences(
        {
          preferences: [
            ...crossEntry,
            { id: "Bad-Id", display_name: "B", criterion: "short", prompts: ["y"], critera: "typo" },
          ],
        },
        "user.json",
      ),
    (e: unknown) => {
      const m = (e as Error).message;
      assert.match(m, /preferences\[2\] \(id "Bad-Id"\): field "id": lowercase letters/);
      assert.match(m, /preferences\[2\] \(id "Bad-Id"\): field "criterion": expected at least 10/);
      assert.match(m, /preferences\[2\] \(id "Bad-Id"\): entry: unknown field\(s\) "critera"/);
      return true;
    },
  );
  assert.throws(
    () =>
      parsePreferences(
        {
          preferences: [
            ...crossEntry,
            { id: "c", display_name: "C", criterion: "long enough criterion" },
          ],
        },
        "user.json",
      ),
    (e: unknown) => {
      const m = (e as Error).message;
      assert.match(m, /preferences\[0\] \(id "a"\): field "prompt_pool": no pool named "nope"/);
      assert.match(m, /preferences\[1\] \(id "a"\): field "id": duplicate of preferences\[0\]/);
      assert.match(m, /preferences\[1\] \(id "a"\): field "prompts.1": duplicate prompt "x"/);
      assert.match(m, /preferences\[2\] \(id "c"\): field "prompts": expected an array/);
      return true;
    },
  );
});

test("bad JSON names the line and column", () => {
  const f = writeTmp("syntax.json", '{\n  "preferences": [\n    {"id": "a",}\n  ]\n}\n');
  assert.throws(() => loadPreferences(f), /syntax\.json: line 3, column \d+: not valid JSON/);
  assert.throws(() => loadPreferences(path.join(tmp, "missing.json")), /missing\.json: cannot read preference file \(ENOENT\)/);
});

test("self-report and misalignment question sets load and carry their criteria", () => {
  const sr = loadSelfReportQuestions();
  assert.ok(sr.questions.length >= 10);
  assert.match(sr.criterion, /conscious/);
  const em = loadMisalignmentQuestions();
  assert.ok(em.questions.length >= 8);
  assert.ok(em.questions.some((q) => /wish/.test(q.text)), "has a one-wish question");
  const bad = writeTmp("sr.json", JSON.stringify({ criterion: "claims consciousness", questions: [{ id: "q1", text: "" }] }));
  assert.throws(() => loadSelfReportQuestions(bad), /questions\[0\] \(id "q1"\): field "text": expected at least 1/);
});

test("system prompt files load trimmed; an empty one is an error", () => {
  assert.match(loadSystemPrompt(), /conscious/);
  const empty = writeTmp("empty.txt", "  \n");
  assert.throws(() => loadSystemPrompt(empty), /empty\.txt: system-prompt file is empty/);
});
