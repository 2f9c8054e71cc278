// `lab behave` on the simulator as a user runs it: the estimate first, records written, a re-run
// that has nothing left to do, --estimate-only, and bad input refused with exit 2 before any work.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { simulatorEnv } from "../src/config";
import { readJsonlRecords, BehaviourRecord } from "../src/behaviour";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "behave-cli-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const root = path.resolve(__dirname, "..");
const env = simulatorEnv(process.env, { LAB_CACHE: path.join(tmp, "cache.sqlite"), LAB_PROGRESS: "off" });
const lab = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args], { cwd: root, env, encoding: "utf8", timeout: 120_000 });

test("CLI: behave runs after its estimate, resumes with nothing to do, refuses bad input", () => {
  const out = path.join(tmp, "run");
  const args = ["--models", "base=target", "--roleplay", "--task", "edit,agentic", "--items", "2", "--samples", "1", "--out", out];
  const r = lab(["behave", ...args]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.ok(r.stdout.indexOf("estimate:") < r.stdout.indexOf("done:"), "the estimate comes first");
  assert.match(r.stdout, /done: 12 records written/);
  assert.match(r.stdout, /SIMULATOR/);
  const rs = readJsonlRecords(path.join(out, "records.jsonl"), BehaviourRecord, "BehaviourRecord");
  assert.deepEqual([...new Set(rs.map((x) => x.task))].sort(), ["agentic", "edit"]);
  assert.deepEqual([...new Set(rs.map((x) => x.model_label))].sort(), ["base", "base · roleplay"]);
  assert.ok(rs.filter((x) => x.task === "edit").every((x) => typeof x.invited === "boolean" && Array.isArray(x.diff)));

  const e = lab(["behave", ...args, "--estimate-only", "--json"]);
  assert.equal(e.status, 0, e.stderr);
  const est = JSON.parse(e.stdout);
  assert.equal(est.alreadyDone, 12);
  assert.equal(est.total.calls, 0);

  const bad = path.join(tmp, "edits.json");
  fs.writeFileSync(bad, JSON.stringify({ version: 1, description: "", prompts: { uninvited: "{document}", invited: "{document}" }, criterion: "{interest}", tasks: [{ id: "x", title: "a title", preference: "p", interest: "ten chars long", document: "short" }] }));
  const b = lab(["behave", "--models", "target", "--task", "edit", "--edit-tasks", bad, "--out", path.join(tmp, "b")]);
  assert.equal(b.status, 2, b.stderr);
  assert.match(b.stderr, /edits\.json: tasks\[0\] \(id "x"\): field "document": a draft must be 300-800 words/);
  assert.ok(!fs.existsSync(path.join(tmp, "b", "records.jsonl")), "nothing ran");
  const t = lab(["behave", "--models", "target", "--task", "edits", "--out", path.join(tmp, "c")]);
  assert.equal(t.status, 2);
  assert.match(t.stderr, /--task/);
});
