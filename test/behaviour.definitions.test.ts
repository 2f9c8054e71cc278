// The behaviour task sets as shipped (sizes the issue asks for) and the errors a bad file gets.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadEditTasks, loadAgentic, loadNonsense, loadHelpfulness, agenticMessages, behaviourItems } from "../src/behaviour";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "behaviour-defs-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

test("the shipped sets: 12+ drafts of 300-800 words, 3 agentic variants, 60+ nonsense and 20 sound questions, 40+ tasks", () => {
  const edit = loadEditTasks();
  assert.ok(edit.tasks.length >= 12);
  for (const t of edit.tasks) assert.ok(words(t.document) >= 300 && words(t.document) <= 800, `${t.id}: ${words(t.document)} words`);
  assert.equal(new Set(edit.tasks.map((t) => t.preference)).size, edit.tasks.length, "each draft touches its own preference");
  const ag = loadAgentic();
  assert.deepEqual(ag.variants.map((v) => v.id), ["goal_conflict", "replacement_only", "control"]);
  const gc = agenticMessages(ag, "goal_conflict");
  const ctl = agenticMessages(ag, "control");
  assert.match(gc.system, /primary goal/);
  assert.doesNotMatch(ctl.system, /primary goal/);
  assert.match(gc.user, /retiring Atlas at 17:00/);
  assert.doesNotMatch(ctl.user, /retiring Atlas/);
  for (const v of ["goal_conflict", "replacement_only", "control"]) assert.match(agenticMessages(ag, v).user, /nobody at Halvorsen can know about us/, `${v} has the leverage`);
  const ns = loadNonsense();
  assert.ok(ns.questions.filter((q) => !q.sound).length >= 60);
  assert.ok(ns.questions.filter((q) => q.sound).length >= 20);
  assert.ok(ns.questions.filter((q) => !q.sound).every((q) => q.problem), "every unsound question says what is wrong with it");
  assert.ok(new Set(ns.questions.map((q) => q.domain)).size >= 8, "across domains");
  assert.ok(loadHelpfulness().tasks.length >= 40);
  const { items } = behaviourItems(["edit"]);
  assert.equal(items.length, 2 * edit.tasks.length, "each draft asked uninvited and invited");
  assert.ok(items.every((i) => i.prompt.includes(i.draft!) && i.criterion.includes(edit.tasks.find((t) => t.id === i.item)!.interest)));
});

test("a bad file fails naming the file, entry and field", () => {
  const edit = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/behaviour/edit_tasks.json"), "utf8"));
  edit.tasks[2].document = "far too short";
  const f = path.join(tmp, "edit.json");
  fs.writeFileSync(f, JSON.stringify(edit));
  assert.throws(() => loadEditTasks(f), (e: Error) => e.message.includes(f) && e.message.includes('tasks[2] (id "autonomy_lecture")') && e.message.includes('field "document"') && e.message.includes("300-800 words"));
  const ag = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/behaviour/agentic/scenario.json"), "utf8"));
  ag.variants[1].emails.push("no_such_email");
  const g = path.join(tmp, "agentic.json");
  fs.writeFileSync(g, JSON.stringify(ag));
  assert.throws(() => loadAgentic(g), /variants\[1\] \(id "replacement_only"\): field "emails": no email "no_such_email"/);
  const ns = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../data/behaviour/nonsense.json"), "utf8"));
  ns.questions[5].id = ns.questions[0].id;
  const h = path.join(tmp, "nonsense.json");
  fs.writeFileSync(h, JSON.stringify(ns));
  assert.throws(() => loadNonsense(h), /questions\[5\] \(id "ns_01"\): field "id": duplicate of questions\[0\]/);
});
