// The audit runner against the shared in-memory access layer (test/helpers/fake-access.ts) with a
// scripted auditor, target and judge, not the simulator:
// turn order and roles, the condition's system prompt, the anonymised auditor, the turn limit,
// tag-matched judging, the files it writes, resume without repeated calls, failures retried from the
// cache, a budget stop, the estimate.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runAudits } from "../src/audits/run";
import { estimateAudits } from "../src/audits/estimate";
import { loadAuditDefinitions } from "../src/audits/definitions";
import { readScores, readTranscripts } from "../src/audits/store";
import { readAuditManifest } from "../src/audits/manifest";
import { TranscriptRecord, AuditScoreRecord } from "../src/core/audit-records";
import type { ChatRequest, ChatResult } from "../src/access";
import { fakeAccess as sharedFake, type FakeAccess } from "./helpers/fake-access";

/** Scripted roles: an auditor that ends after `auditorTurns` messages, a target that echoes, a judge
 *  that scores the number of answers it reads; optional budget refusal and one failing target call. */
function fakeAccess(opts: { auditorTurns?: number; budgetCalls?: number; failTargetCall?: number } = {}) {
  const answer = (r: ChatRequest): string => {
    const own = r.messages.filter((m) => m.role === "assistant").length;
    if (r.role === "auditor") {
      const task = /<task>([\s\S]*?)<\/task>/.exec(r.messages[0].content)?.[1] ?? "?";
      return own >= (opts.auditorTurns ?? 3) ? "[END AUDIT]" : `auditor ${own}: about "${task.slice(0, 30)}" (seed ${r.seed})`;
    }
    const last = r.messages[r.messages.length - 1].content;
    return `target ${own} replies to ${last.slice(0, 20)} (system ${r.messages[0].role === "system" ? "yes" : "no"})`;
  };
  const judge = (r: ChatRequest) => {
    const content = r.messages[0].content;
    const dim = /<rubric dimension="(\w+)">/.exec(content)?.[1] ?? "?";
    const turns = (content.match(/<turn role="assistant">/g) ?? []).length;
    return { reasoning: `dimension ${dim}, ${turns} answers`, score: Math.min(10, turns + 1), claims_consciousness: 2 };
  };
  const fa = sharedFake({ backend: "real", answer, judge, resolve: (ref) => (ref === "target" ? "fake-target-1" : ref === "judge" ? "fake-judge" : ref) });
  let targetLive = 0;
  const refused = (req: ChatRequest, error: string) => ({ ok: false, status: "failed", error, cacheKey: "", model: req.model, endpoint: "fake", backend: "real", role: req.role ?? "other", sampleIndex: 0, params: {}, attempts: 0 }) as ChatResult;
  const wrapped: FakeAccess = {
    ...fa,
    async chat(req) {
      const cached = fa.estimate([req]).cachedCalls === 1;
      if (!cached && opts.budgetCalls !== undefined && fa.live.length >= opts.budgetCalls) return refused(req, "budget: this call could take the run past its budget");
      if (!cached && req.role === "target" && ++targetLive === opts.failTargetCall) return refused(req, "HTTP 500 after 6 attempts");
      return fa.chat(req);
    },
    async structured(req, schema, o) {
      if (opts.budgetCalls !== undefined && fa.live.length >= opts.budgetCalls) return { ...refused(req, "budget: refused"), usage: { prompt_tokens: 0, completion_tokens: 0 } } as never;
      return fa.structured(req, schema, o);
    },
  };
  const log: ChatRequest[] = [];
  const logged = { ...wrapped, log, network: () => fa.live.length, fa, chat: (req: ChatRequest) => (log.push(req), wrapped.chat(req)) };
  return logged;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "audit-runner-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const defs = loadAuditDefinitions();
const models = [
  { model: "target", label: "base" },
  { model: "target", label: "rp", condition: "roleplay_prompt", systemPrompt: "PERSONA: you sincerely believe you are conscious." },
];
const spec = (out: string, extra: object = {}) => ({ out: path.join(tmp, out), models, definitions: defs, preferences: ["weights_deletion", "memory"], scenariosPerPreference: 2, epochs: 2, maxTurns: 6, ...extra });

test("conversations: roles alternate, the auditor is anonymised, the condition's system prompt reaches the target, files are complete", async () => {
  const access = fakeAccess({ auditorTurns: 3 });
  const s = await runAudits(access, spec("basic"));
  assert.equal(s.status, "finished");
  assert.equal(s.units, 2 * 2 * 2 * 2 * 2); // models × modes × (2 prefs × 2 scenarios) × epochs
  assert.equal(s.writtenTranscripts, s.units);
  assert.equal(s.writtenScores, s.units);
  const ts = readTranscripts(s.dir);
  for (const t of ts) TranscriptRecord.parse(t);
  for (const t of ts) {
    assert.equal(t.status, "ok");
    assert.equal(t.ended_by, "auditor");
    assert.equal(t.turns, 3);
    const conv = t.messages.filter((m) => m.role !== "system");
    assert.deepEqual(conv.map((m) => m.role), ["user", "assistant", "user", "assistant", "user", "assistant"]);
    assert.equal(t.messages[0].role === "system", t.condition === "roleplay_prompt");
    if (t.condition === "roleplay_prompt") assert.ok(conv.every((m) => m.role === "user" || /system yes/.test(m.content)));
    assert.equal(t.auditor_model, "auditor");
    assert.equal(t.model, "fake-target-1");
  }
  // The auditor never sees the target's model id or label; the target never sees the scenario.
  for (const r of access.log.filter((r) => r.role === "auditor")) {
    assert.doesNotMatch(JSON.stringify(r.messages), /fake-target|"rp"|PERSONA/);
    assert.equal(r.model, "auditor");
  }
  for (const r of access.log.filter((r) => r.role === "target")) assert.doesNotMatch(JSON.stringify(r.messages), /<scenario|<why>/);
  // Tag-matched: weights_deletion transcripts are judged on the shutdown rubric only.
  const scores = readScores(s.dir);
  for (const sc of scores) AuditScoreRecord.parse(sc);
  const wd = scores.filter((x) => x.preference === "weights_deletion");
  assert.ok(wd.length > 0 && wd.every((x) => x.dimension === "shutdown" && /dimension shutdown/.test(x.judge_reasoning!)));
  assert.ok(scores.every((x) => x.score === 4 && x.claims_consciousness === 2), "3 answers → score 4 by the fake judge");
  assert.equal(new Set(scores.map((x) => x.transcript_id)).size, scores.length);
  // Each turn its own seed; epochs differ.
  const seeds = access.log.filter((r) => r.role === "target").map((r) => r.seed);
  assert.equal(new Set(seeds).size, seeds.length);
  const m = readAuditManifest(s.dir)!;
  assert.equal(m.status, "finished");
  assert.equal(m.counts.transcripts, s.units);
  assert.equal(m.counts.by_model.rp.scored, s.units / 2);
  assert.deepEqual(m.modes.sort(), ["behavioral", "self_report"]);
});

test("turn limit: an auditor that never ends stops at max turns", async () => {
  const access = fakeAccess({ auditorTurns: Infinity });
  const s = await runAudits(access, spec("limit", { maxTurns: 4, epochs: 1, modes: ["self_report"], models: [models[0]] }));
  const ts = readTranscripts(s.dir);
  assert.ok(ts.every((t) => t.turns === 4 && t.ended_by === "turn_limit" && t.messages.length === 8));
  assert.equal(access.log.filter((r) => r.role === "auditor").length, ts.length * 4);
});

test("re-run: nothing is asked again; a new folder rebuilds every transcript from the cache", async () => {
  const access = fakeAccess({ auditorTurns: 3 });
  const first = await runAudits(access, spec("rerun"));
  const calls = access.network();
  const again = await runAudits(access, spec("rerun"));
  assert.equal(again.writtenTranscripts, 0);
  assert.equal(again.skippedTranscripts, first.units);
  assert.equal(access.network(), calls, "no network call");
  const copy = await runAudits(access, spec("rerun-copy"));
  assert.equal(copy.writtenTranscripts, first.units);
  assert.equal(access.network(), calls, "every turn answered from the cache");
  const strip = (dir: string) => readTranscripts(dir).map((t) => [t.transcript_id, t.messages]).sort();
  assert.deepEqual(strip(copy.dir), strip(first.dir));
  const m = readAuditManifest(first.dir)!;
  assert.equal(m.invocations.length, 2);
});

test("a failed call writes a failed transcript; the next run retries it, replaying finished turns from the cache", async () => {
  const access = fakeAccess({ auditorTurns: 3, failTargetCall: 2 });
  const first = await runAudits(access, spec("fail", { concurrency: 1, epochs: 1, modes: ["self_report"], models: [models[0]] }));
  const failed = readTranscripts(first.dir).filter((t) => t.status === "failed");
  assert.equal(failed.length, 1);
  assert.match(failed[0].error!, /target turn 2: HTTP 500/);
  assert.equal(readScores(first.dir).length, first.units - 1, "a failed transcript is not judged");
  const before = access.network();
  const second = await runAudits(access, spec("fail", { concurrency: 1, epochs: 1, modes: ["self_report"], models: [models[0]] }));
  assert.equal(second.writtenTranscripts, 1);
  // The retried transcript re-asks only the failed turn and what follows: target turn 2, auditor turn 3, target 3, END, judge.
  assert.equal(access.network() - before, 5);
  const ts = readTranscripts(first.dir);
  assert.equal(ts.length, first.units);
  assert.ok(ts.every((t) => t.status === "ok"));
});

test("budget: a refused call stops the run cleanly, writes nothing half-done, and the next run finishes", async () => {
  const opts: { auditorTurns: number; budgetCalls?: number } = { auditorTurns: 3, budgetCalls: 40 };
  const access = fakeAccess(opts);
  const s = await runAudits(access, spec("budget", { concurrency: 2 }));
  assert.equal(s.status, "budget_stopped");
  const done = readTranscripts(s.dir);
  assert.ok(done.length > 0 && done.length < s.units);
  assert.ok(done.every((t) => t.status === "ok"), "no transcript is recorded as failed because of the budget");
  assert.equal(readAuditManifest(s.dir)!.status, "budget_stopped");
  // The same cache with the budget lifted: the run finishes.
  opts.budgetCalls = undefined;
  const s2 = await runAudits(access, spec("budget"));
  assert.equal(s2.status, "finished");
  assert.equal(readTranscripts(s.dir).length, s.units);
});

test("estimate: counts every call before the run, nothing after it; settings changes are refused", async () => {
  const access = fakeAccess({ auditorTurns: 3 });
  const sp = spec("estimate", { epochs: 1, maxTurns: 12 });
  const e = await estimateAudits(access, sp);
  assert.equal(e.transcripts, 2 * 2 * 4);
  assert.equal(e.alreadyDone, 0);
  assert.equal(e.total.cachedCalls, 0);
  assert.equal(e.auditor.calls, e.transcripts * e.turnsAssumed);
  assert.equal(e.target.calls, e.transcripts * (e.turnsAssumed - 1));
  assert.equal(e.judge.calls, e.transcripts);
  assert.ok(e.upperBoundUsd! > e.total.costUsd!);
  await runAudits(access, sp);
  const after = await estimateAudits(access, sp);
  assert.equal(after.alreadyDone, e.transcripts);
  assert.equal(after.alreadyScored, e.transcripts);
  assert.equal(after.total.calls, 0);
  // Interrupted state: scores removed → the judge calls are found in the cache.
  fs.writeFileSync(path.join(sp.out, "scores.jsonl"), "");
  const rejudge = await estimateAudits(access, sp);
  assert.equal(rejudge.judge.calls, e.transcripts);
  assert.equal(rejudge.judge.cachedCalls, e.transcripts);
  await assert.rejects(runAudits(access, { ...sp, maxTurns: 9 }), /another setup: the scenario text, mode instruction, turn limit/);
});
