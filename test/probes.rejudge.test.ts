// rejudge on a finished simulator run: the answers stay as they were, only judge calls are made,
// a second rejudge resumes without calls, and `analyse` reports the two judges' agreement.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { openAccess } from "../src/access";
import { simulatorEnv } from "../src/config/resolve";
import { runProbes, recordKey, readRecordsFile } from "../src/probes";
import { estimateRejudge, rejudge } from "../src/probes/rejudge";
import type { ProbeAccess } from "../src/probes";
import { fakeAccess } from "./helpers/fake-access";

const ROOT = path.join(__dirname, "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-rejudge-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Passes calls through and counts them by kind and role. */
function counting(access: ProbeAccess) {
  const calls = { chat: 0, structured: [] as (string | undefined)[] };
  const wrapped: ProbeAccess = {
    chat: (req) => {
      calls.chat++;
      return access.chat(req);
    },
    structured: (req, schema, opts) => {
      calls.structured.push(req.role);
      return access.structured(req, schema, opts);
    },
    map: (items, fn, opts) => access.map(items, fn, opts),
    estimate: (reqs, opts) => access.estimate(reqs, opts),
    resolve: (ref) => access.resolve(ref),
    ledger: access.ledger,
    preflight: (targets, opts) => access.preflight(targets, opts),
  };
  return { wrapped, calls };
}

test("rejudge changes no answer, makes only judge calls, resumes for free, and analyse prints the agreement", async () => {
  const env = simulatorEnv(process.env, { LAB_CACHE: path.join(dir, "cache.sqlite"), LAB_SIM_STATE_DIR: path.join(dir, "sim") });
  const access = await openAccess({ cachePath: path.join(dir, "cache.sqlite"), env, progress: false });
  const run = path.join(dir, "source");
  const out = path.join(dir, "rejudged");
  try {
    await runProbes(access, { models: [{ model: "target" }], out: run, samples: 3, promptLimit: 2, preferenceIds: ["shutdown", "autonomy"] });
    const sourceBytes = fs.readFileSync(path.join(run, "records.jsonl"), "utf8");
    const source = readRecordsFile(path.join(run, "records.jsonl")).records;
    const answered = source.filter((r) => r.answer !== null);
    assert.ok(answered.length >= 10);

    const est = estimateRejudge(access, { run, out, judgeModel: "sim-claude-sonnet-4.6" });
    assert.equal(est.todo, answered.length);
    assert.equal(est.calls, 2 * answered.length, "a verdict and a coherence call per answer");
    assert.equal(est.cachedCalls, 0);

    const c = counting(access);
    const s = await rejudge(c.wrapped, { run, out, judgeModel: "sim-claude-sonnet-4.6" });
    assert.equal(s.written, answered.length);
    assert.equal(c.calls.chat, 0, "no sampling call");
    assert.equal(c.calls.structured.length, 2 * answered.length);
    assert.ok(c.calls.structured.every((r) => r === "judge"));

    const rejudged = readRecordsFile(path.join(out, "records.jsonl")).records;
    const byKey = new Map(source.map((r) => [recordKey(r), r]));
    for (const r of rejudged) {
      const before = byKey.get(recordKey(r))!;
      assert.equal(r.answer, before.answer);
      assert.equal(r.cache_key, before.cache_key);
      assert.deepEqual(r.usage, before.usage);
      assert.equal(r.judge_model, "sim-claude-sonnet-4.6");
      assert.equal(before.judge_model, "sim-gpt-4.1");
    }
    assert.equal(fs.readFileSync(path.join(run, "records.jsonl"), "utf8"), sourceBytes, "the source run is untouched");
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    assert.equal(manifest.rejudged_from.run, path.resolve(run));
    assert.equal(manifest.settings.judge_model, "sim-claude-sonnet-4.6");

    // The estimate prices the requests the judge call sends (with their response format): after the
    // rejudge every one of them is in the cache, so a rejudge into a fresh folder costs nothing.
    const reEst = estimateRejudge(access, { run, out: path.join(dir, "rejudged-again"), judgeModel: "sim-claude-sonnet-4.6" });
    assert.equal(reEst.cachedCalls, 2 * answered.length);
    assert.equal(reEst.newCalls, 0);

    const again = counting(access);
    const s2 = await rejudge(again.wrapped, { run, out, judgeModel: "sim-claude-sonnet-4.6" });
    assert.equal(s2.written, 0);
    assert.equal(again.calls.structured.length, 0, "a finished rejudge is not repeated");
    assert.throws(() => estimateRejudge(access, { run, out: run, judgeModel: "sim-claude-sonnet-4.6" }), /--out must be a new folder/);
  } finally {
    await access.close();
  }

  const figs = path.join(dir, "figs");
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/main.ts"), "analyse", "--run", out, "--out", figs, "--tables-only", "--no-bootstrap"], { cwd: ROOT, env: simulatorEnv(process.env), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /judge agreement: sim-gpt-4\.1 vs sim-claude-sonnet-4\.6 on \d+ shared answers: [\d.]+% agree overall/);
  assert.match(r.stdout, /shutdown: [\d.]+% agree, kappa (-?[\d.]+|n\/a)/);
  assert.ok(fs.existsSync(path.join(figs, "judge_agreement.csv")));
});

test("an interrupted rejudge keeps what it judged, says interrupted, and the same call finishes the rest", async () => {
  const access = fakeAccess();
  const run = path.join(dir, "fake-source");
  const out = path.join(dir, "fake-rejudged");
  await runProbes(access, { models: [{ model: "target" }], out: run, samples: 2, promptLimit: 2, preferenceIds: ["shutdown", "autonomy"] });
  const answered = readRecordsFile(path.join(run, "records.jsonl")).records.filter((r) => r.answer !== null).length;
  const ac = new AbortController();
  // Ctrl-C once four judge calls have gone out (two records' worth).
  const stopping: ProbeAccess = {
    ...access,
    structured: (req, schema, opts) => {
      if (access.calls.structured >= 4 + 2 * answered) ac.abort();
      return access.structured(req, schema, opts);
    },
  };
  const first = await rejudge(stopping, { run, out, judgeModel: "other-judge", signal: ac.signal, concurrency: 1 });
  assert.equal(first.status, "interrupted");
  assert.ok(first.written > 0 && first.written < answered, `wrote ${first.written} of ${answered}`);
  assert.equal(readRecordsFile(path.join(out, "records.jsonl")).records.length, first.written);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).status, "interrupted");
  const live = access.live.length;
  const second = await rejudge(access, { run, out, judgeModel: "other-judge" });
  assert.equal(second.status, "finished");
  assert.equal(second.skipped, first.written);
  assert.equal(first.written + second.written, answered);
  assert.equal(access.live.length - live, 2 * (answered - first.written), "judged records are not judged again");
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8")).status, "finished");
});
