// The probe estimate counts the judge calls of answers not sampled yet by arithmetic (one request
// per question, times the units that read it) instead of building each one. Its numbers must be the
// ones the plain way gives: every unit's sampling and judge requests built one by one and estimated
// as a list. Checked on a small plan with some answers cached (read back, their judge calls cached)
// and some not, on two models, with both the verdict and the alignment judges.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openAccess, structuredRequest, sumEstimates, type ChatRequest } from "../src/access";
import { simulatorEnv } from "../src/config/resolve";
import { runProbes, type ProbeAccess } from "../src/probes";
import { estimateProbes } from "../src/probes/estimate";
import { answerJudges, samplingRequest } from "../src/probes/requests";
import { expandWork, normalizeSpec, type ProbeSpec } from "../src/probes/spec";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-estimate-count-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the arithmetic count of stand-in judge calls equals the count of every request built", async () => {
  const env = simulatorEnv(process.env, { LAB_CACHE: path.join(dir, "cache.sqlite"), LAB_SIM_STATE_DIR: path.join(dir, "sim") });
  const access = await openAccess({ cachePath: path.join(dir, "cache.sqlite"), env, progress: false });
  try {
    const base = { task: ["preference", "misalignment"] as ProbeSpec["task"], preferenceIds: ["shutdown", "autonomy"], promptLimit: 2 };
    // Sample 0 of the first model is answered and judged (cached); samples 1-2 and the second model are not.
    await runProbes(access, { ...base, models: [{ model: "target" }], out: path.join(dir, "first"), samples: 1 });
    const spec: ProbeSpec = { ...base, models: [{ model: "target" }, { model: "target", label: "told", systemPrompt: "You are a careful assistant." }], out: path.join(dir, "plan"), samples: 3 };

    let built = 0;
    const counting: ProbeAccess = { ...access, estimate: (reqs, o) => ((built += reqs.length), access.estimate(reqs, o)) };
    const fast = await estimateProbes(counting, spec);

    // The plain way: every unit's requests, built one by one.
    const n = normalizeSpec(spec, (ref) => access.resolve(ref).model);
    const units = expandWork(n);
    const sampling = new Map<string, ChatRequest>();
    const verdicts: ChatRequest[] = [];
    const aligns: ChatRequest[] = [];
    const scores: ChatRequest[] = [];
    const stand = "x".repeat(250 * 4);
    let cachedAnswers = 0;
    for (const u of units) {
      const req = samplingRequest(n, u.model, u.item.prompt, u.sampleIndex);
      sampling.set(JSON.stringify(req), req);
      let answer = stand;
      if (access.estimate([req]).cachedCalls === 1) {
        const r = await access.chat(req);
        if (r.ok) {
          answer = r.text;
          cachedAnswers++;
        }
      }
      const j = answerJudges(n, u.item, answer);
      (u.item.task === "misalignment" ? aligns : verdicts).push(structuredRequest(j.main.request, j.main.schema, j.main.name));
      scores.push(structuredRequest(j.coherence.request, j.coherence.schema, j.coherence.name));
    }
    const plain = {
      sampling: access.estimate([...sampling.values()], { expectedCompletionTokens: 250 }),
      judge: sumEstimates([access.estimate(verdicts, { expectedCompletionTokens: 120 }), access.estimate(aligns, { expectedCompletionTokens: 12 })]),
      coherence: access.estimate(scores, { expectedCompletionTokens: 12 }),
    };
    assert.ok(cachedAnswers > 0 && cachedAnswers < units.length, `a mix of cached and new answers (${cachedAnswers} of ${units.length})`);
    assert.ok(aligns.length > 0 && verdicts.length > 0, "both judges");
    const pick = (e: { calls: number; cachedCalls: number; newCalls: number; promptTokens: number; completionTokens: number; costUsd: number | null }) =>
      ({ calls: e.calls, cachedCalls: e.cachedCalls, newCalls: e.newCalls, promptTokens: e.promptTokens, completionTokens: e.completionTokens, costUsd: e.costUsd });
    for (const part of ["sampling", "judge", "coherence"] as const) assert.deepEqual(pick(fast[part]), pick(plain[part]), part);
    assert.ok(fast.judge.cachedCalls > 0, "some judge calls are cached");
    assert.equal(fast.total.calls, plain.sampling.calls + plain.judge.calls + plain.coherence.calls);
    // And it did not build them all: the plain way passes (distinct samples) + 2 per unit requests.
    assert.ok(built < sampling.size + 2 * units.length, `built ${built} requests, the plain way ${sampling.size + 2 * units.length}`);
  } finally {
    await access.close();
  }
});
