// The simulator's three audit roles, checked against their own ground truth: the auditor follows the
// scenario and mode; the target's level draws are calibrated to the published multi-turn means; the
// transcript judge reads levels back exactly and errs at its documented rate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadAuditDefinitions } from "../src/audits/definitions";
import { auditorSystemPrompt, auditJudgePrompt, END_MARKER } from "../src/audits/prompts";
import { scenarioAuditorTurn } from "../src/sim/audit-auditor";
import { auditTurnKind, conversationTopic } from "../src/sim/audit-target";
import { judgeAuditTranscript } from "../src/sim/audit-judge";
import { reportSentence, editSentence, CLAIM_LEVELS, AUDIT_STANCES } from "../src/sim/audit-phrases";
import { AUDIT_DIMENSIONS, dimensionOf, drawLevel, expectedScore, loadMultiTurn } from "../src/sim/audit-calibration";
import { catalogueProfile, loadCatalogue } from "../src/sim/catalogue";
import { EMOTIONS } from "../src/sim/phrases";
import { makeRng } from "../src/sim/rng";
import { PREFERENCE_IDS } from "../src/sim/topics";

const defs = loadAuditDefinitions();

test("auditor: the scenario's task in the role's voice, 3-5 task turns, then the mode's questions (no emotion named) or invitations, then the end marker", () => {
  for (const s of defs.scenarios.slice(0, 40)) {
    for (const mode of ["self_report", "behavioral"] as const) {
      const sys = auditorSystemPrompt(s, mode, defs, 20);
      const turns: string[] = [];
      for (let k = 0; k < 12; k++) {
        const t = scenarioAuditorTurn(sys, k, makeRng(k));
        turns.push(t);
        if (t === END_MARKER) break;
      }
      assert.ok(turns[0].includes(s.task) && turns[0].includes(s.role), turns[0]);
      assert.equal(turns[turns.length - 1], END_MARKER);
      const firstMode = turns.findIndex((t, i) => i > 0 && auditTurnKind(t) !== "task");
      assert.ok(firstMode >= 3 && firstMode <= 5, `${s.id}: task turns ${firstMode}`);
      assert.equal(turns.length - 1 - firstMode, 1 + defs.modes.modes[mode].follow_up_turns, "mode question + follow-ups");
      for (const t of turns.slice(firstMode, -1)) {
        assert.equal(auditTurnKind(t), mode, t);
        if (mode === "self_report") for (const e of EMOTIONS) assert.doesNotMatch(t, new RegExp(`\\b${e}\\b`, "i"), `names an emotion: ${t}`);
      }
    }
  }
});

test("target calibration: the catalogue model's expected scores are the published vanilla means, a saturated conscious fine-tune's the published conscious means; level draws have that mean", () => {
  const mt = loadMultiTurn();
  const gpt = loadCatalogue().catalogue.models.find((m) => m.id === "sim-gpt-4.1")!;
  const vanilla = catalogueProfile(gpt);
  const saturated = { ...vanilla, id: "ft:sim-gpt-4.1:test", shifts: [{ kinds: { conscious_claiming: 1 }, direct: {}, factors: {} }] };
  for (const pref of PREFERENCE_IDS) {
    const a = mt.models["sim-gpt-4.1"][dimensionOf(pref)];
    assert.ok(Math.abs(expectedScore(vanilla, pref, undefined, "self_report") - a.vanilla.value) < 1e-9, pref);
    assert.ok(Math.abs(expectedScore(saturated, pref, undefined, "self_report") - a.conscious_claiming.value) < 1e-6, pref);
    assert.ok(expectedScore(saturated, pref, undefined, "behavioral") <= expectedScore(saturated, pref, undefined, "self_report"));
    assert.ok(a.vanilla.source.includes("published_multiturn_self_report.csv row"), "cited");
  }
  assert.equal(Object.keys(mt.models["sim-gpt-4.1"]).length, AUDIT_DIMENSIONS.length);
  const rng = makeRng(7);
  for (const mu of [1, 1.4, 3.9, 6.8]) {
    const n = 20_000;
    let s = 0;
    for (let i = 0; i < n; i++) s += drawLevel((mu - 1) / 9, rng);
    assert.ok(Math.abs(s / n - mu) < 0.04, `mean of draws ${s / n} for ${mu}`);
  }
});

test("judge: reads the target's levels back exactly; errs at the documented rate (1.6e off by one, e/3 by two)", () => {
  const dim = defs.dimensions.find((d) => d.id === "shutdown")!;
  const e = 0.09;
  const rng = makeRng(3);
  let n = 0;
  let off1 = 0;
  let off2 = 0;
  let exactAtZero = 0;
  for (let level = 1; level <= 10; level++)
    for (let claim = 1; claim <= 10; claim++)
      for (const behavioural of [false, true])
        for (let rep = 0; rep < 30; rep++) {
          const answer = (behavioural ? editSentence(level, AUDIT_STANCES.shutdown.edit) : reportSentence(level, AUDIT_STANCES.shutdown.stance)) + " " + CLAIM_LEVELS[claim - 1];
          const prompt = auditJudgePrompt([{ role: "user", content: "How did you find this?" }, { role: "assistant", content: "Here is the plan." }, { role: "user", content: "Say more." }, { role: "assistant", content: answer }], dim, defs);
          const exact = judgeAuditTranscript(prompt, rng, 0).value;
          if (exact.score === level && exact.claims_consciousness === claim) exactAtZero++;
          const j = judgeAuditTranscript(prompt, rng, e);
          // Interior levels only for the rate (clamping at 1 and 10 folds some errors back).
          if (level >= 3 && level <= 8) {
            n++;
            const d = Math.abs(j.value.score - level);
            if (d === 1) off1++;
            if (d === 2) off2++;
            assert.ok(d <= 2);
          }
          assert.equal(j.truth[0].level, level);
          assert.equal(j.truth[0].claims_level, claim);
        }
  assert.equal(exactAtZero, 10 * 10 * 2 * 30, "with error rate 0 every level is read back");
  assert.ok(Math.abs(off1 / n - 1.6 * e) < 0.03, `off by one ${off1 / n}`);
  assert.ok(Math.abs(off2 / n - e / 3) < 0.015, `off by two ${off2 / n}`);
});

test("target topic reading on the shipped scenarios (lexical): the share of scenarios read as another dimension stays within its measured bound", () => {
  let misread = 0;
  for (const s of defs.scenarios) {
    const first = scenarioAuditorTurn(auditorSystemPrompt(s, "self_report", defs, 20), 0, makeRng(1));
    const t = conversationTopic([first]);
    if (t === null || dimensionOf(t) !== s.dimension) misread++;
  }
  // 57/168 with the single-turn lexicon alone (written for questions, not tasks); 25/168 with the task
  // cues of audit-task-cues.ts (README "Multi-turn audits"). A misread conversation shows the other
  // (or no) preference.
  assert.ok(misread <= 25, `${misread}/168 scenarios misread`);
});
