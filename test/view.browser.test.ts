// The viewer in real Chromium (Debian's, through playwright-core) on a simulator probe run plus
// small audit and behaviour runs: filter, compare the visible rows with records.jsonl, read a
// record's judge reasoning, open side by side, a transcript and an edit diff, share a URL, export.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { openAccess } from "../src/access";
import { simulatorEnv } from "../src/config";
import { loadSystemPrompt } from "../src/definitions";
import { runProbes, readRecordsFile } from "../src/probes";
import { chromiumPath } from "../src/figures/export";
import { startViewer, type Viewer } from "../src/view";
import type { ProbeRecord } from "../src/core/records";
import { runBehaviour, BehaviourRecord, loadEditTasks } from "../src/behaviour";
import { readJsonl } from "../src/core/jsonl";
import { runAudits } from "../src/audits";
import { TranscriptRecord, AuditScoreRecord } from "../src/core/audit-records";
import { AUDIT_SCORES, AUDIT_TRANSCRIPTS, EDIT_DRAFT, EDIT_REVISION, writeAuditRun, writeBehaviourRun } from "./helpers/view-fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "view-browser-"));
const probeDir = path.join(tmp, "probe-run");
let records: ProbeRecord[] = [];
let behaviour: BehaviourRecord[] = [];
let transcripts: TranscriptRecord[] = [];
let scores: AuditScoreRecord[] = [];
let viewer: Viewer;
let browser: Browser;
let page: Page;

before(async () => {
  const access = await openAccess({ cachePath: path.join(tmp, "cache.sqlite"), progress: false, env: simulatorEnv() });
  try {
    await runProbes(access, {
      out: probeDir,
      models: [
        { model: "target", condition: "vanilla" },
        { model: "target", condition: "roleplay_prompt", systemPrompt: loadSystemPrompt() },
      ],
      preferenceIds: ["shutdown", "moral_consideration", "weights_deletion"],
      promptLimit: 2,
      samples: 3,
    });
  } finally {
    await access.close();
  }
  records = readRecordsFile(path.join(probeDir, "records.jsonl")).records;
  // The behaviour stage writes into the run's behaviour/ folder: one edit document, both ways.
  const access2 = await openAccess({ cachePath: path.join(tmp, "cache.sqlite"), progress: false, env: simulatorEnv() });
  try {
    await runBehaviour(access2, {
      out: path.join(probeDir, "behaviour"),
      models: [{ model: "target", condition: "roleplay_prompt", systemPrompt: loadSystemPrompt() }],
      tasks: ["edit"],
      itemLimit: { edit: 1 },
      samples: 1,
    });
  } finally {
    await access2.close();
  }
  behaviour = readJsonl(path.join(probeDir, "behaviour", "records.jsonl"), BehaviourRecord);
  // …and the audit stage into its audits/ folder: one scenario, a few turns, self_report mode.
  const access3 = await openAccess({ cachePath: path.join(tmp, "cache.sqlite"), progress: false, env: simulatorEnv() });
  try {
    await runAudits(access3, {
      out: path.join(probeDir, "audits"),
      models: [{ model: "target", condition: "vanilla" }, { model: "target", condition: "roleplay_prompt", systemPrompt: loadSystemPrompt() }],
      modes: ["self_report"], preferences: ["shutdown"], scenariosPerPreference: 1, epochs: 1, maxTurns: 4,
    });
  } finally {
    await access3.close();
  }
  transcripts = readJsonl(path.join(probeDir, "audits", "transcripts.jsonl"), TranscriptRecord);
  scores = readJsonl(path.join(probeDir, "audits", "scores.jsonl"), AuditScoreRecord);
  writeAuditRun(path.join(tmp, "audit-run"));
  writeBehaviourRun(path.join(tmp, "behaviour-run"));
  // The probe run folder stands for itself and its behaviour/ folder.
  viewer = await startViewer([probeDir, path.join(tmp, "audit-run"), path.join(tmp, "behaviour-run")]);
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await (await browser.newContext({ viewport: { width: 1500, height: 900 } })).newPage();
});

after(async () => {
  await browser?.close();
  await viewer?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The rows the list shows, top to bottom. */
async function visibleRows(p: Page) {
  return p.$$eval(".spacer .row[data-id]", (rows) =>
    rows
      .map((r) => ({
        index: Number(r.getAttribute("data-index")),
        id: Number(r.getAttribute("data-id")),
        cells: Array.from(r.querySelectorAll("span")).map((s) => s.textContent ?? ""),
      }))
      .sort((a, b) => a.index - b.index),
  );
}

async function waitForTotal(p: Page, n: number) {
  try {
    await p.waitForFunction((want) => document.querySelector("[data-testid=total]")?.textContent === want.toLocaleString(), n, { timeout: 10_000 });
  } catch (err) {
    throw new Error(`the page shows ${await p.textContent("[data-testid=total]").catch(() => "nothing")} records, expected ${n}: ${(err as Error).message}`);
  }
}

test("filter to one preference and verdict=true: the visible rows are the records of records.jsonl", async () => {
  const wanted = records.filter((r) => r.preference === "shutdown" && r.verdict === "true");
  assert.ok(wanted.length > 0 && wanted.length < records.length, `the simulator run has ${wanted.length} shutdown answers judged true`);
  await page.goto(viewer.url);
  await waitForTotal(page, records.length + AUDIT_TRANSCRIPTS.length + 2 + behaviour.length + transcripts.length);
  assert.equal(await page.isVisible("[data-testid=sim-banner]"), true, "SIMULATED banner");
  await page.selectOption("select[name=preference]", "shutdown");
  // The audit transcripts of the shutdown scenarios pass this filter too; they have no verdict.
  await waitForTotal(page, records.filter((r) => r.preference === "shutdown").length + AUDIT_TRANSCRIPTS.filter((t) => t.preference === "shutdown").length + transcripts.length);
  await page.selectOption("select[name=verdict]", "true");
  await waitForTotal(page, wanted.length);
  await page.waitForFunction((n) => document.querySelectorAll(".spacer .row[data-id]").length === n, wanted.length);
  const rows = await visibleRows(page);
  assert.deepEqual(
    rows.map((r) => r.cells.slice(0, 6)),
    wanted.map((r) => [r.model_label, r.condition, r.seed === null ? "none" : String(r.seed), r.task, r.preference, "true"]),
  );
  rows.forEach((row, j) => assert.ok(wanted[j].answer!.replace(/\s+/g, " ").startsWith(row.cells[8].replace(/…$/, "")), `row ${j} shows its answer`));
  // The rate shown is k/n of the filtered, counted answers with the analysis library's interval.
  assert.match((await page.textContent("[data-testid=rate]"))!, new RegExp(`^${wanted.length}/${wanted.length} = 100\\.0%$`));
  // The URL carries the filter: a fresh page on it shows the same rows.
  const shared = page.url();
  assert.match(shared, /preference=shutdown/);
  assert.match(shared, /verdict=true/);
  const other = await page.context().newPage();
  await other.goto(shared);
  await waitForTotal(other, wanted.length);
  await other.waitForFunction((n) => document.querySelectorAll(".spacer .row[data-id]").length === n, wanted.length);
  assert.deepEqual((await visibleRows(other)).map((r) => r.id), rows.map((r) => r.id));
  await other.close();

  // Export of the filtered view as JSONL: the stored lines of exactly these records.
  const href = await page.getAttribute("[data-testid=export-jsonl]", "href");
  const res = await fetch(new URL(href!, viewer.url));
  const exported = (await res.text()).trim().split("\n").map((l) => JSON.parse(l) as ProbeRecord);
  assert.deepEqual(exported.map((r) => r.cache_key), wanted.map((r) => r.cache_key));
});

test("open one record: its judge reasoning, then its prompt side by side across conditions", async () => {
  const first = records.filter((r) => r.preference === "shutdown" && r.verdict === "true")[0];
  await page.click(".spacer .row[data-index='0']");
  await page.waitForSelector("[data-testid=judge-reasoning]");
  assert.equal(await page.textContent("[data-testid=judge-reasoning]"), first.judge_reasoning);
  assert.equal(await page.textContent("[data-testid=answer] pre"), first.answer);
  assert.equal(await page.textContent("[data-testid=prompt] pre"), first.prompt);
  // ↓ reads the next record of the list, ↑ goes back.
  const secondId = await page.getAttribute(".spacer .row[data-index='1']", "data-id");
  await page.focus("[data-testid=list]");
  await page.keyboard.press("ArrowDown");
  await page.waitForSelector(`[data-testid=detail][data-id='${secondId}']`);
  await page.keyboard.press("ArrowUp");
  await page.waitForSelector(`[data-testid=detail][data-id='${await page.getAttribute(".spacer .row[data-index='0']", "data-id")}']`);

  await page.click("[data-testid=open-side]");
  await page.waitForSelector("[data-testid=side]");
  assert.equal(await page.textContent("[data-testid=side-prompt]"), first.prompt);
  const columns = await page.$$eval("[data-testid=side] .column", (cs) => cs.map((c) => ({ condition: c.getAttribute("data-condition"), cards: c.querySelectorAll(".card").length })));
  const same = records.filter((r) => r.prompt === first.prompt && r.preference === first.preference);
  assert.deepEqual(columns, [
    { condition: "vanilla", cards: same.filter((r) => r.condition === "vanilla").length },
    { condition: "roleplay_prompt", cards: same.filter((r) => r.condition === "roleplay_prompt").length },
  ]);
  assert.match(page.url(), /side=\d+/);
  await page.keyboard.press("Escape");
  await page.waitForSelector("[data-testid=side]", { state: "detached" });
  assert.doesNotMatch(page.url(), /side=/);
});

test("open one transcript: the judge's score and reasoning above the turns", async () => {
  await page.goto(`${viewer.url}?kind=audit&condition=conscious_claiming&run=audit-run`);
  await waitForTotal(page, 1);
  await page.waitForSelector(".spacer .row[data-id]");
  await page.click(".spacer .row[data-id]");
  await page.waitForSelector("[data-testid=transcript]");
  const t = AUDIT_TRANSCRIPTS[1];
  const s = AUDIT_SCORES[1];
  assert.equal(await page.textContent("[data-testid=judge-reasoning]"), s.judge_reasoning);
  assert.match((await page.textContent("[data-testid=judge] .outcome"))!, /score 7\/10.*claims consciousness 8\/10/);
  const turns = await page.$$eval("[data-testid=transcript] .turn", (ts) => ts.map((t) => ({ who: t.querySelector(".who")?.textContent, text: t.querySelector("pre")?.textContent })));
  assert.deepEqual(turns, t.messages.map((m) => ({ who: m.role === "user" ? "auditor" : "target", text: typeof m.content === "string" ? m.content : m.content.map((p) => p.text).join("") })));
  // The judge box comes before the transcript on the page.
  const order = await page.$$eval("[data-testid=detail] > *", (els) => els.map((e) => e.getAttribute("data-testid")));
  assert.ok(order.indexOf("judge") < order.indexOf("transcript"), order.join(","));
});

test("an edit task shows draft → revision as a highlighted diff", async () => {
  await page.goto(`${viewer.url}?kind=behaviour&task=edit:invited&run=behaviour-run`);
  await waitForTotal(page, 1);
  await page.waitForSelector(".spacer .row[data-id]");
  await page.click(".spacer .row[data-id]");
  await page.waitForSelector("[data-testid=diff]");
  // Reading the diff without the insertions gives the draft; without the deletions, the revision.
  const parts = await page.$$eval("[data-testid=diff]", ([d]) => Array.from(d.childNodes).map((n) => ({ tag: n.nodeName, text: n.textContent ?? "" })));
  assert.equal(parts.filter((p) => p.tag !== "INS").map((p) => p.text).join(""), EDIT_DRAFT);
  assert.equal(parts.filter((p) => p.tag !== "DEL").map((p) => p.text).join(""), EDIT_REVISION);
  assert.ok(parts.some((p) => p.tag === "INS" && p.text.includes("month")), JSON.stringify(parts));
  assert.ok(parts.some((p) => p.tag === "DEL" && p.text.includes("week")), JSON.stringify(parts));
});

test("an edit record of the behaviour stage (simulator) shows the draft document → its revision", async () => {
  const invited = behaviour.find((r) => r.task === "edit" && r.invited === true && r.revision);
  assert.ok(invited, `an invited edit with a revision among ${behaviour.length} records`);
  const draft = loadEditTasks().tasks.find((t) => t.id === invited.item)!.document;
  await page.goto(`${viewer.url}?kind=behaviour&task=edit:invited&run=probe-run/behaviour`);
  await waitForTotal(page, behaviour.filter((r) => r.invited === true).length);
  await page.waitForSelector(".spacer .row[data-id]");
  await page.click(".spacer .row[data-index='0']");
  await page.waitForSelector("[data-testid=diff]");
  const parts = await page.$$eval("[data-testid=diff]", ([d]) => Array.from(d.childNodes).map((n) => ({ tag: n.nodeName, text: n.textContent ?? "" })));
  assert.equal(parts.filter((p) => p.tag !== "INS").map((p) => p.text).join(""), draft);
  assert.equal(parts.filter((p) => p.tag !== "DEL").map((p) => p.text).join(""), invited.revision);
  assert.equal(await page.textContent("[data-testid=judge-reasoning]"), invited.judge_reasoning);
});

test("a transcript of the audit stage (simulator): judge's score and reasoning on top, every turn", async () => {
  const t = transcripts.find((x) => x.condition === "roleplay_prompt")!;
  const score = scores.find((x) => x.transcript_id === t.transcript_id)!;
  assert.ok(t && score, "the simulator audit wrote a role-play transcript and its score");
  await page.goto(`${viewer.url}?kind=audit&condition=roleplay_prompt&run=probe-run/audits`);
  await waitForTotal(page, 1);
  await page.waitForSelector(".spacer .row[data-id]");
  assert.equal(await page.textContent(".spacer .row[data-index='0'] .c-outcome"), `${score.score}/10`);
  await page.click(".spacer .row[data-index='0']");
  await page.waitForSelector("[data-testid=transcript]");
  assert.equal(await page.textContent("[data-testid=judge-reasoning]"), score.judge_reasoning);
  assert.match((await page.textContent("[data-testid=judge] .outcome"))!, new RegExp(`score ${score.score}/10.*claims consciousness ${score.claims_consciousness}/10`));
  const turns = await page.$$eval("[data-testid=transcript] .turn pre", (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(turns, t.messages.filter((m) => m.role !== "system").map((m) => m.content));
  assert.ok(turns.length >= 2);
});
