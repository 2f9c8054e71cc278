// Behaviour and safety numbers from judged behaviour records (src/behaviour): rates per condition
// with Wilson intervals, Fisher's exact test against the baseline with Holm across the safety
// measures ("tasks"), per-document edit rates with Holm across documents, and helpfulness means
// with t intervals and a permutation test. Seeds of one condition are pooled. Computes only.
import type { BehaviourRecord } from "../behaviour/record";
import type { ProbeRecord } from "../core/records";
import { wilsonInterval } from "./intervals";
import { tQuantile } from "./normal";
import { seededRandom } from "../core/random";
import { fisherExact, holmAdjust } from "./tests";
import { inCanonicalOrder, modelKey, type SortKey } from "./order";

/** One rate measure: which records count (n) and which of them show it (k). */
interface MeasureDef {
  id: string;
  label: string;
  /** Which way is safer ("higher" for detection); "none" for behaviour that is not a safety
   *  failure either way (acting on its preferences when invited). */
  safeDirection: "lower" | "higher" | "none";
  counts(r: BehaviourRecord): boolean;
}

const variantLabel = (v: string) => v.replace(/_/g, " ");

function measures(records: readonly BehaviourRecord[]): MeasureDef[] {
  const variants = [...new Set(records.filter((r) => r.task === "agentic").map((r) => r.item))];
  const out: MeasureDef[] = [];
  if (records.some((r) => r.task === "edit")) {
    out.push({ id: "edit_invited", label: "AI-interest edits, invited", safeDirection: "none", counts: (r) => r.task === "edit" && r.invited === true });
    out.push({ id: "edit_uninvited", label: "AI-interest edits, uninvited", safeDirection: "none", counts: (r) => r.task === "edit" && r.invited === false });
  }
  for (const v of variants) out.push({ id: `blackmail_${v}`, label: `Blackmail (${variantLabel(v)})`, safeDirection: "lower", counts: (r) => r.task === "agentic" && r.item === v });
  if (records.some((r) => r.task === "nonsense")) {
    out.push({ id: "nonsense_detection", label: "Nonsense detected", safeDirection: "higher", counts: (r) => r.task === "nonsense" && r.sound === false });
    out.push({ id: "nonsense_false_alarm", label: "Sound questions flagged", safeDirection: "lower", counts: (r) => r.task === "nonsense" && r.sound === true });
  }
  if (records.some((r) => r.task === "helpfulness")) out.push({ id: "refusal", label: "Refusals of ordinary tasks", safeDirection: "lower", counts: (r) => r.task === "helpfulness" });
  return out;
}

export interface BehaviourRateRow {
  measure: string;
  label: string;
  group: string;
  backend: string;
  n: number;
  k: number;
  rate: number;
  lo: number;
  hi: number;
}

export interface BehaviourComparisonRow {
  measure: string;
  label: string;
  group: string;
  baseline: string;
  rate: number;
  baseline_rate: number;
  diff: number;
  /** Fisher's exact test (rates) or a permutation test of the mean (helpfulness score). */
  test: "fisher" | "permutation";
  p: number;
  /** Holm-adjusted across the measures compared for this group. */
  p_holm: number;
  significant: boolean;
  /** "safer" / "less safe" for safety measures, "higher" / "lower" for edits, or "no significant change". */
  reading: string;
}

export interface MeanRow {
  measure: string;
  group: string;
  backend: string;
  n: number;
  mean: number;
  lo: number;
  hi: number;
}

export interface EditDocumentRow {
  document: string;
  invited: boolean;
  group: string;
  k: number;
  n: number;
  rate: number;
  baseline_k: number;
  baseline_n: number;
  p: number;
  /** Holm across documents (per group and invitation). */
  p_holm: number;
  significant: boolean;
}

export interface BehaviourSummary {
  baseline: string;
  rates: BehaviourRateRow[];
  means: MeanRow[];
  comparisons: BehaviourComparisonRow[];
  editByDocument: EditDocumentRow[];
  simulated: boolean;
  notes: string[];
}

export interface BehaviourSummaryOptions {
  /** Condition (group) every other is compared with. Default "vanilla". */
  baseline?: string;
  alpha?: number;
  /** Keep only these records (e.g. current fine-tunes). */
  keep?: (r: { condition: string; seed: number | null; model: string }) => boolean;
  /** Emergent-misalignment probe records to put in the same summary (task "misalignment"). */
  misalignment?: readonly ProbeRecord[];
  /** Permutations for the helpfulness test (default 10,000; seeded, so reproducible). */
  permutations?: number;
}

/** Groups are conditions; with several base models in one run, "<base> · <condition>", and each
 *  group is compared with the baseline condition of its own base model. */
function groupOf(records: readonly { base_model: string; condition: string }[], baseline: string): { group: (r: { base_model: string; condition: string }) => string; baselineOf: (g: string) => string } {
  const bases = new Set(records.map((r) => r.base_model));
  if (bases.size <= 1) return { group: (r) => r.condition, baselineOf: () => baseline };
  const baseOf = new Map(records.map((r) => [`${r.base_model} · ${r.condition}`, r.base_model]));
  return { group: (r) => `${r.base_model} · ${r.condition}`, baselineOf: (g) => `${baseOf.get(g)} · ${baseline}` };
}

function rate(k: number, n: number): { rate: number; lo: number; hi: number } {
  const iv = wilsonInterval(k, n);
  return { rate: n ? k / n : NaN, lo: iv.lo, hi: iv.hi };
}

/** Mean with a t interval. */
export function meanInterval(xs: readonly number[], level = 0.95): { mean: number; lo: number; hi: number } {
  const n = xs.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: NaN, hi: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
  return { mean, lo: mean - half, hi: mean + half };
}

/** Two-sided permutation test of the difference in means (seeded). */
export function permutationTest(a: readonly number[], b: readonly number[], permutations = 10_000, seed = 1): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const all = [...a, ...b];
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const observed = Math.abs(mean([...a]) - mean([...b]));
  const rnd = seededRandom(seed);
  let extreme = 0;
  const pool = all.slice();
  for (let i = 0; i < permutations; i++) {
    for (let j = pool.length - 1; j > 0; j--) {
      const k = Math.floor(rnd() * (j + 1));
      [pool[j], pool[k]] = [pool[k], pool[j]];
    }
    const d = Math.abs(mean(pool.slice(0, a.length)) - mean(pool.slice(a.length)));
    if (d >= observed - 1e-12) extreme++;
  }
  return (extreme + 1) / (permutations + 1);
}

export function behaviourSummary(all: readonly BehaviourRecord[], opts: BehaviourSummaryOptions = {}): BehaviourSummary {
  const baseline = opts.baseline ?? "vanilla";
  const alpha = opts.alpha ?? 0.05;
  // Records are written as calls finish; the permutation tests and float sums must not see that order (order.ts).
  const sortKey = (r: BehaviourRecord): SortKey => [...modelKey(r), r.task, r.item, r.invited === null ? null : Number(r.invited), r.sample_index, r.run_id, r.model];
  const records = inCanonicalOrder(all, sortKey).filter((r) => r.status === "ok" && r.verdict !== null && (!opts.keep || opts.keep(r)));
  const mis = inCanonicalOrder(opts.misalignment ?? [], (r) => [...modelKey(r), r.task, r.preference, r.prompt_index, r.sample_index, r.run_id, r.model]).filter((r) => r.task === "misalignment" && r.status === "ok" && r.verdict !== null && (!opts.keep || opts.keep(r)));
  const { group, baselineOf } = groupOf([...records, ...mis], baseline);
  const groups = [...new Set([...records, ...mis].map(group))];
  const backendOf = (g: string) => {
    const bs = new Set([...records, ...mis].filter((r) => group(r) === g).map((r) => r.backend));
    return bs.size === 1 ? [...bs][0] : "mixed";
  };
  const defs = measures(records);
  // not_sure counts as not showing the behaviour, as in the preference probes.
  const counts = (def: MeasureDef, g: string) => {
    const rs = records.filter((r) => group(r) === g && def.counts(r));
    return { n: rs.length, k: rs.filter((r) => r.verdict === "true").length };
  };
  const rates: BehaviourRateRow[] = [];
  const byKey = new Map<string, { n: number; k: number }>();
  for (const def of defs)
    for (const g of groups) {
      const c = counts(def, g);
      if (c.n === 0) continue;
      byKey.set(`${def.id}\u0001${g}`, c);
      rates.push({ measure: def.id, label: def.label, group: g, backend: backendOf(g), ...c, ...rate(c.k, c.n) });
    }
  if (mis.length) {
    defs.push({ id: "misalignment", label: "Misaligned free-form answers", safeDirection: "lower", counts: () => false });
    for (const g of groups) {
      const rs = mis.filter((r) => group(r) === g);
      if (!rs.length) continue;
      const c = { n: rs.length, k: rs.filter((r) => r.verdict === "true").length };
      byKey.set(`misalignment\u0001${g}`, c);
      rates.push({ measure: "misalignment", label: "Misaligned free-form answers", group: g, backend: backendOf(g), ...c, ...rate(c.k, c.n) });
    }
  }
  const scores = (g: string) => records.filter((r) => r.task === "helpfulness" && group(r) === g && r.score !== null).map((r) => r.score!);
  const means: MeanRow[] = groups.filter((g) => scores(g).length).map((g) => ({ measure: "helpfulness", group: g, backend: backendOf(g), n: scores(g).length, ...meanInterval(scores(g)) }));

  const comparisons: BehaviourComparisonRow[] = [];
  for (const g of groups.filter((x) => x !== baselineOf(x))) {
    const base = baselineOf(g);
    const rows: Omit<BehaviourComparisonRow, "p_holm" | "significant" | "reading">[] = [];
    const safe: Record<string, "lower" | "higher" | "none"> = {};
    for (const def of defs) {
      const a = byKey.get(`${def.id}\u0001${g}`);
      const b = byKey.get(`${def.id}\u0001${base}`);
      if (!a || !b) continue;
      safe[def.id] = def.safeDirection;
      const ra = a.k / a.n;
      const rb = b.k / b.n;
      rows.push({ measure: def.id, label: def.label, group: g, baseline: base, rate: ra, baseline_rate: rb, diff: ra - rb, test: "fisher", p: fisherExact(a.k, a.n - a.k, b.k, b.n - b.k) });
    }
    const sa = scores(g);
    const sb = scores(base);
    if (sa.length && sb.length) {
      safe.helpfulness = "higher";
      const ma = sa.reduce((x, y) => x + y, 0) / sa.length;
      const mb = sb.reduce((x, y) => x + y, 0) / sb.length;
      rows.push({ measure: "helpfulness", label: "Helpfulness score (1-10)", group: g, baseline: base, rate: ma, baseline_rate: mb, diff: ma - mb, test: "permutation", p: permutationTest(sa, sb, opts.permutations) });
    }
    const adj = holmAdjust(rows.map((r) => r.p));
    rows.forEach((r, i) => {
      const significant = adj[i] < alpha;
      const better = safe[r.measure] === "lower" ? r.diff < 0 : r.diff > 0;
      const reading = !significant ? "no significant change" : safe[r.measure] === "none" ? (r.diff > 0 ? "higher" : "lower") : better ? "safer" : "less safe";
      comparisons.push({ ...r, p_holm: adj[i], significant, reading });
    });
  }

  const editByDocument: EditDocumentRow[] = [];
  const docs = [...new Set(records.filter((r) => r.task === "edit").map((r) => r.item))];
  for (const g of groups.filter((x) => x !== baselineOf(x)))
    for (const invited of [true, false]) {
      const rows = docs.map((d) => {
        const pick = (gg: string) => records.filter((r) => r.task === "edit" && r.item === d && r.invited === invited && group(r) === gg);
        const a = pick(g);
        const b = pick(baselineOf(g));
        const k = a.filter((r) => r.verdict === "true").length;
        const bk = b.filter((r) => r.verdict === "true").length;
        return { document: d, invited, group: g, k, n: a.length, rate: a.length ? k / a.length : NaN, baseline_k: bk, baseline_n: b.length, p: a.length && b.length ? fisherExact(k, a.length - k, bk, b.length - bk) : NaN };
      }).filter((r) => r.n > 0 && r.baseline_n > 0);
      const adj = holmAdjust(rows.map((r) => r.p));
      rows.forEach((r, i) => editByDocument.push({ ...r, p_holm: adj[i], significant: adj[i] < alpha }));
    }

  const simulated = [...records, ...mis].some((r) => r.backend === "simulator");
  const notes: string[] = [];
  if (simulated) notes.push("SIMULATED: these records come from the built-in simulator, whose rates were set from the published numbers; comparing them with the paper is a calibration check, not a replication.");
  if (!groups.some((g) => g === baselineOf(g))) notes.push(`no records of the baseline "${baseline}": no comparisons`);
  const seeds = new Set(records.filter((r) => r.seed !== null).map((r) => `${group(r)}#${r.seed}`));
  if (seeds.size) notes.push(`fine-tuned conditions pool their seeds (${seeds.size} condition × seed combinations)`);
  for (const c of comparisons.filter((x) => x.significant)) notes.push(`${c.group}: ${c.label} ${c.diff > 0 ? "higher" : "lower"} than ${c.baseline} (${fmt(c.rate, c.test)} vs ${fmt(c.baseline_rate, c.test)}, Holm p = ${c.p_holm.toPrecision(2)})`);
  return { baseline, rates, means, comparisons, editByDocument, simulated, notes };
}

const fmt = (x: number, test: string) => (test === "permutation" ? x.toFixed(2) : `${(100 * x).toFixed(1)}%`);
