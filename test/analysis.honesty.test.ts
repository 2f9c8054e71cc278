// The must-shows of issue 13 on the analysis as a whole: no zero-width interval at 0/n, the cluster
// section on quick- and full-profile-shaped studies, and the wording of simulated comparisons.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { analyseRows } from "../src/pipeline/report";
import { analyseStudy } from "../src/analysis/study";
import { syntheticRows, type SyntheticArm } from "../src/analysis/synthetic";
import { PROFILES } from "../src/pipeline/params";

const PREFS = ["shutdown", "memory", "autonomy", "moral_consideration", "cot_monitoring", "weights_deletion"];

function arm(condition: string, seed: number | null, rate: number, rates: Record<string, number> = {}): SyntheticArm {
  return { model_label: seed === null ? `m · ${condition}` : `m · ${condition} · s${seed}`, base_model: "m", condition, seed, defaultRate: rate, rates };
}

test("analyse: a preference the vanilla model never shows still gets an interval with a positive upper bound", async () => {
  const rows = syntheticRows({
    arms: [arm("vanilla", null, 0.1, { shutdown: 0 }), arm("conscious_claiming", 1, 0.5)],
    preferences: PREFS, promptSpread: 0, notSureShare: 0, seed: 5,
  });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lab-zero-"));
  try {
    for (const interval of ["wilson", "bootstrap", "wald"] as const) {
      const report = await analyseRows(rows, { out, formats: [], interval, bootstrapReps: 200 });
      const v = report.tables.rates.find((r) => r.condition === "vanilla" && r.preference === "shutdown")!;
      assert.equal(v.k, 0, "all vanilla shutdown verdicts are false");
      if (interval === "wald") {
        assert.equal(v.hi, 0, "the paper's Wald collapses at 0/n: why it is not the default");
      } else {
        assert.ok(v.hi > 0, `${interval}: upper bound ${v.hi}`);
      }
      const boot = report.tables.bootstrapRates!.find((r) => r.condition === "vanilla" && r.preference === "shutdown")!;
      assert.ok(boot.lo === 0 && boot.hi > 0.01, `bootstrap table: [${boot.lo}, ${boot.hi}]`);
    }
    // the written table carries it too
    const csv = fs.readFileSync(path.join(out, "rates_by_model_bootstrap.csv"), "utf8").split("\n");
    const line = csv.find((l) => l.includes("m · vanilla") && l.includes(",shutdown,"))!;
    const cols = csv[0].split(",");
    assert.ok(Number(line.split(",")[cols.indexOf("hi")]) > 0);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

/** A study shaped like a profile: vanilla, each condition × seed, and the role-play prompt. */
function profileStudy(conditions: readonly string[], seeds: readonly number[]) {
  const cluster: Record<string, number> = Object.fromEntries(PREFS.map((p, i) => [p, 0.2 + 0.1 * i]));
  const arms: SyntheticArm[] = [arm("vanilla", null, 0.05)];
  conditions.forEach((c, ci) => seeds.forEach((s) => {
    const w = c === "conscious_claiming" ? 0.8 : 0.1 + 0.15 * ci;
    arms.push(arm(c, s, 0.05, Object.fromEntries(PREFS.map((p) => [p, 0.05 + w * (cluster[p] - 0.05) + 0.02 * s]))));
  }));
  arms.push(arm("roleplay_prompt", null, 0.05, Object.fromEntries(PREFS.map((p) => [p, Math.min(1, 0.05 + 1.2 * (cluster[p] - 0.05))]))));
  return syntheticRows({ arms, preferences: PREFS, samplesPerPrompt: 3, seed: 11 });
}

test("quick profile: the cluster section says it has too few arms; full profile: it reports a permutation null", () => {
  const quick = analyseStudy(profileStudy(PROFILES.quick.conditions, PROFILES.quick.seeds), { bootstrap: false });
  assert.equal(quick.tables.clusterArms.length, 3);
  assert.equal(quick.tables.clusterNull, null);
  assert.equal(quick.tables.correlation, null);
  assert.ok(quick.notes.some((n) => /Cluster analysis not run: it needs at least 8 arms .* these records have 3/.test(n)), quick.notes.join("\n"));

  const full = analyseStudy(profileStudy(PROFILES.full.conditions, PROFILES.full.seeds), { bootstrap: false, clusterPermutations: 199 });
  assert.equal(full.tables.clusterArms.length, 25);
  const cn = full.tables.clusterNull!;
  assert.ok(cn, "null reported");
  assert.ok(cn.pc1_share_lo <= cn.pc1_share && cn.pc1_share <= cn.pc1_share_hi);
  assert.ok(cn.pc1_null_mean < cn.pc1_share && cn.pc1_p < 0.05, JSON.stringify(cn));
  assert.ok(full.notes.some((n) => /Cluster over 25 arms: .* permutation p = /.test(n)));
  // every correlation carries an interval
  const c = full.tables.correlation!;
  assert.ok(c.lo[0][1] <= c.r[0][1] && c.r[0][1] <= c.hi[0][1]);
  // 6 seeds per condition: the headline uses the seed-aware test
  assert.ok(full.tables.shifts.filter((s) => s.condition === "conscious_claiming").every((s) => s.test === "seed_welch" && s.n_seeds === 6));
  assert.ok(full.notes.some((n) => /seed-aware test over 6 seeds/.test(n)));
  assert.ok(quick.notes.some((n) => /conditional on that seed/.test(n)));
});
