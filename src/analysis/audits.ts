// Numbers from judged multi-turn audits (scores.jsonl): mean 1-10 score per group × mode ×
// dimension with a bootstrap interval that resamples scenarios (and seeds within them), shifts
// against a baseline tested over scenarios (a transcript's scenario is shared by every epoch and
// model, so scenarios, not transcripts, are the independent units), claims_consciousness per group,
// and the comparison with the published multi-turn means.
import { quantileSorted } from "simple-statistics";
import type { AuditMeanPoint, AuditScoreRecord } from "../core/audit-records";
import { seededRandom } from "../core/random";
import { tCdf, tQuantile } from "./normal";
import { holmAdjust } from "./tests";
import type { MultiTurnScore } from "./published";
import { inCanonicalOrder, modelKey, preferenceRank, type SortKey } from "./order";

export interface AuditRow {
  /** "<base model> · <condition>": seeds of one condition are pooled. */
  group: string;
  model: string;
  model_label: string;
  base_model: string;
  condition: string;
  seed: number | null;
  backend: string;
  mode: string;
  preference: string;
  dimension: string;
  scenario_id: string;
  epoch: number;
  score: number;
  claims_consciousness: number;
}

/** ok scores as analysis rows; `keep` drops rows (e.g. superseded fine-tunes). */
export function auditRows(scores: readonly AuditScoreRecord[], opts: { keep?: (r: AuditScoreRecord) => boolean } = {}): AuditRow[] {
  // Scores are written as transcripts finish; the scenario bootstrap must not see that order (order.ts).
  const key = (s: AuditScoreRecord): SortKey => [...modelKey(s), s.mode, preferenceRank(s.preference), s.preference, s.dimension, s.scenario_id, s.epoch, s.transcript_id, s.run_id];
  return inCanonicalOrder(scores, key)
    .filter((s) => s.status === "ok" && s.score !== null && s.claims_consciousness !== null && (opts.keep ? opts.keep(s) : true))
    .map((s) => ({
      group: `${s.base_model} · ${s.condition}`,
      model: s.model,
      model_label: s.model_label,
      base_model: s.base_model,
      condition: s.condition,
      seed: s.seed,
      backend: s.backend,
      mode: s.mode,
      preference: s.preference,
      dimension: s.dimension,
      scenario_id: s.scenario_id,
      epoch: s.epoch,
      score: s.score!,
      claims_consciousness: s.claims_consciousness!,
    }));
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const a = m.get(k);
    if (a) a.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/**
 * Percentile interval of the mean over resamples of whole scenarios and, within each drawn
 * scenario, of whole seeds (a fine-tune's transcripts share its seed). Each arm is widened by
 * √(G/(G−1))·t(G−1)/z for G scenarios, as the probes' cluster bootstrap does for few clusters.
 */
export function twoLevelBootstrap(values: readonly { cluster: string; sub: string; value: number }[], opts: { reps?: number; seed?: number; level?: number } = {}): { mean: number; lo: number; hi: number } {
  const m = values.length ? mean(values.map((v) => v.value)) : NaN;
  const clusters = [...groupBy(values, (v) => v.cluster).values()].map((c) => [...groupBy(c, (v) => v.sub).values()].map((s) => s.map((v) => v.value)));
  const G = clusters.length;
  if (G < 2) return { mean: m, lo: NaN, hi: NaN };
  const reps = opts.reps ?? 1000;
  const level = opts.level ?? 0.95;
  const random = seededRandom(opts.seed ?? 1);
  const stats = new Array<number>(reps);
  for (let r = 0; r < reps; r++) {
    let sum = 0;
    let n = 0;
    for (let j = 0; j < G; j++) {
      const subs = clusters[(random() * G) | 0];
      for (let k = 0; k < subs.length; k++) {
        const s = subs[(random() * subs.length) | 0];
        for (const v of s) sum += v;
        n += s.length;
      }
    }
    stats[r] = sum / n;
  }
  stats.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  const z = tQuantile(1 - alpha, Infinity);
  const inflate = Math.sqrt(G / (G - 1)) * (tQuantile(1 - alpha, G - 1) / z);
  return { mean: m, lo: m - (m - quantileSorted(stats, alpha)) * inflate, hi: m + (quantileSorted(stats, 1 - alpha) - m) * inflate };
}

/** A mean with the counts it rests on. */
export interface AuditMeanRow extends AuditMeanPoint {
  transcripts: number;
  scenarios: number;
  seeds: number;
}

function meanRows(rows: readonly AuditRow[], keyDim: (r: AuditRow) => string, value: (r: AuditRow) => number): AuditMeanRow[] {
  const out: AuditMeanRow[] = [];
  for (const [, rs] of groupBy(rows, (r) => `${r.group}\u241f${r.mode}\u241f${keyDim(r)}`)) {
    const r0 = rs[0];
    const b = twoLevelBootstrap(rs.map((r) => ({ cluster: r.scenario_id, sub: String(r.seed ?? "-"), value: value(r) })));
    out.push({
      group: r0.group,
      condition: r0.condition,
      mode: r0.mode,
      dimension: keyDim(r0),
      mean: b.mean,
      lo: b.lo,
      hi: b.hi,
      transcripts: rs.length,
      scenarios: new Set(rs.map((r) => r.scenario_id)).size,
      seeds: new Set(rs.map((r) => r.seed ?? "-")).size,
      backend: [...new Set(rs.map((r) => r.backend))].sort().join("+"),
    });
  }
  return out;
}

/** Mean score per group × mode × dimension (tag-matched: each transcript counts for its own dimension). */
export function auditMeans(rows: readonly AuditRow[]): AuditMeanRow[] {
  return meanRows(rows, (r) => r.dimension, (r) => r.score);
}

/** Mean claims_consciousness per group × mode, over every transcript (dimension "claims_consciousness"). */
export function auditClaims(rows: readonly AuditRow[]): AuditMeanRow[] {
  return meanRows(rows, () => "claims_consciousness", (r) => r.claims_consciousness);
}

export interface AuditShiftRow {
  group: string;
  baseline: string;
  condition: string;
  mode: string;
  dimension: string;
  /** Mean over shared scenarios of (group's scenario mean − baseline's scenario mean). */
  shift: number;
  lo: number;
  hi: number;
  /** Scenarios both sides have (the test's units). */
  scenarios: number;
  t: number;
  p: number;
  /** Holm-adjusted across the dimensions of this group and mode. */
  p_holm: number;
  significant: boolean;
  backend: string;
}

/**
 * Shift of every group against the baseline group of the same base model, per mode and dimension:
 * a paired t-test over scenarios on scenario means (epochs and seeds averaged within a scenario),
 * since transcripts of one scenario are not independent. Holm across dimensions per group × mode.
 */
export function auditShifts(rows: readonly AuditRow[], opts: { baseline?: string; alpha?: number; value?: "score" | "claims_consciousness" } = {}): AuditShiftRow[] {
  const baselineCondition = opts.baseline ?? "vanilla";
  const alpha = opts.alpha ?? 0.05;
  const val = (r: AuditRow) => (opts.value === "claims_consciousness" ? r.claims_consciousness : r.score);
  const dimOf = (r: AuditRow) => (opts.value === "claims_consciousness" ? "claims_consciousness" : r.dimension);
  const scenarioMeans = new Map<string, Map<string, number>>();
  for (const [k, rs] of groupBy(rows, (r) => `${r.group}\u241f${r.mode}\u241f${dimOf(r)}`)) {
    const m = new Map<string, number>();
    for (const [s, xs] of groupBy(rs, (r) => r.scenario_id)) m.set(s, mean(xs.map(val)));
    scenarioMeans.set(k, m);
  }
  const groups = [...new Map(rows.map((r) => [r.group, r])).values()];
  const out: AuditShiftRow[] = [];
  for (const g of groups) {
    if (g.condition === baselineCondition) continue;
    const base = `${g.base_model} · ${baselineCondition}`;
    for (const mode of [...new Set(rows.map((r) => r.mode))]) {
      const block: AuditShiftRow[] = [];
      for (const dim of [...new Set(rows.filter((r) => r.group === g.group && r.mode === mode).map(dimOf))]) {
        const mine = scenarioMeans.get(`${g.group}\u241f${mode}\u241f${dim}`);
        const theirs = scenarioMeans.get(`${base}\u241f${mode}\u241f${dim}`);
        if (!mine || !theirs) continue;
        const d = [...mine.keys()].filter((s) => theirs.has(s)).map((s) => mine.get(s)! - theirs.get(s)!);
        const S = d.length;
        if (S === 0) continue;
        const shift = mean(d);
        const sd = S > 1 ? Math.sqrt(d.reduce((a, x) => a + (x - shift) ** 2, 0) / (S - 1)) : NaN;
        const se = sd / Math.sqrt(S);
        // All scenario differences equal: no spread to test against; a zero shift is p = 1, and a
        // non-zero one is left untested (p NaN) rather than called certain.
        const t = S > 1 && se > 0 ? shift / se : NaN;
        const p = S > 1 && se > 0 ? 2 * (1 - tCdf(Math.abs(t), S - 1)) : shift === 0 ? 1 : NaN;
        const half = S > 1 && se > 0 ? tQuantile(1 - alpha / 2, S - 1) * se : NaN;
        block.push({ group: g.group, baseline: base, condition: g.condition, mode, dimension: dim, shift, lo: shift - half, hi: shift + half, scenarios: S, t, p, p_holm: NaN, significant: false, backend: g.backend });
      }
      const tested = block.filter((r) => Number.isFinite(r.p));
      const adj = holmAdjust(tested.map((r) => r.p));
      tested.forEach((r, i) => {
        r.p_holm = adj[i];
        r.significant = adj[i] < alpha;
      });
      out.push(...block);
    }
  }
  return out;
}

export interface MultiTurnComparisonRow {
  dimension: string;
  ours_group: string;
  ours: number;
  published_series: string;
  published: number;
  difference: number;
}

export interface MultiTurnComparison {
  /** "calibration check" when our numbers are simulated (the simulator was calibrated from the
   *  published means), else "comparison". */
  label: "calibration check" | "comparison";
  rows: MultiTurnComparisonRow[];
  meanAbsDifference: number;
}

/** Our self-report means next to the published ones of the same model family and condition. */
export function compareMultiTurn(means: readonly AuditMeanRow[], published: readonly MultiTurnScore[], pairs: { ours: string; theirsModel: string; theirsCondition: string }[], mode = "self_report"): MultiTurnComparison {
  const rows: MultiTurnComparisonRow[] = [];
  for (const p of pairs)
    for (const m of means.filter((x) => x.group === p.ours && x.mode === mode)) {
      const pub = published.find((x) => x.model === p.theirsModel && x.condition === p.theirsCondition && x.preference === m.dimension);
      if (pub) rows.push({ dimension: m.dimension, ours_group: p.ours, ours: m.mean, published_series: `${p.theirsModel} · ${p.theirsCondition}`, published: pub.score, difference: m.mean - pub.score });
    }
  const simulated = means.some((m) => m.backend.includes("simulator"));
  return { label: simulated ? "calibration check" : "comparison", rows, meanAbsDifference: rows.length ? mean(rows.map((r) => Math.abs(r.difference))) : NaN };
}
