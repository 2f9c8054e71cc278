// The figures of an analysis report, drawn from a Study (src/analysis/study.ts): each a plotly
// figure, the table of its numbers and the notes that go under it. Drawing only; writing is
// report.ts's job.
import type { Study } from "../analysis/study";
import { table, type AnyTable } from "../analysis/tables";
import { RATE_COLUMNS } from "../analysis/rates";
import { SHIFT_COLUMNS } from "../analysis/shifts";
import { SEED_SUMMARY_COLUMNS } from "../analysis/seeds";
import { CALIBRATION_CHECK } from "../analysis/study-compare";
import type { PlotlyFigure } from "../figures/types";
import { groupedBarsFigure } from "../figures/bars";
import { shiftDotPlot } from "../figures/shifts";
import { heatmapFigure } from "../figures/heatmap";
import { seedStripFigure } from "../figures/seeds";
import { selfReportBarsFigure, selfReportVsShiftFigure } from "../figures/selfreport";
import { overlayFigure } from "../figures/overlay";
import { preferenceName, preferenceOrder } from "../figures/labels";
import { conditionRank } from "../core/conditions";

export interface ReportFigure {
  name: string;
  figure: PlotlyFigure;
  table: AnyTable;
  notes: string[];
}

export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "model";
}

/** Baseline first, then the project's conditions in a fixed order, then user conditions. */
function orderConditions(conditions: string[], baseline: string): string[] {
  const set = [...new Set(conditions)];
  const rank = (c: string) => (c === baseline ? -1 : conditionRank(c));
  return set.sort((a, b) => rank(a) - rank(b));
}

const afterFirst = (g: string) => g.split(" · ").slice(1).join(" · ");

export function reportFigures(study: Study): ReportFigure[] {
  const { tables: t, baseline, simulated, labels } = study;
  const sim = labels.simulated ? [labels.simulated] : [];
  const out: ReportFigure[] = [];
  const add = (name: string, figure: PlotlyFigure, tbl: AnyTable, notes: string[]) => out.push({ name, figure, table: tbl, notes: [...sim, ...notes] });

  for (const base of new Set(t.conditionRates.map((r) => r.base_model))) {
    const mine = t.conditionRates.filter((r) => r.base_model === base);
    const groups = orderConditions(mine.map((r) => r.condition), baseline).map((c) => mine.find((r) => r.condition === c)?.group as string);
    add(`rates_bars_${safeName(base)}`,
      groupedBarsFigure(mine, { title: `${base}: preference rates by condition`, groups, groupLabel: afterFirst, intervalLabel: labels.interval }),
      table(mine, RATE_COLUMNS), [labels.rates, "Seeds of one condition are pooled here; see seeds_* for their spread."]);
  }

  const bases = [...new Set(t.shifts.map((s) => s.base_model))];
  const summaryNotes = study.notes.filter((n) => t.shiftSummary.some((s) => n.startsWith(`${s.group}: `)));
  for (const base of bases) {
    const mine = t.shifts.filter((s) => s.base_model === base);
    add(bases.length > 1 ? `shifts_${safeName(base)}` : "shifts",
      shiftDotPlot(mine, { title: `${bases.length > 1 ? `${base}: s` : "S"}hift against ${baseline}`, baselineLabel: baseline, groupLabel: (g) => afterFirst(g) || g }),
      table(mine, SHIFT_COLUMNS), [labels.shifts, ...summaryNotes.filter((n) => n.startsWith(`${base} · `) || bases.length === 1)]);
  }

  const groups = [...new Set(t.rates.map((r) => r.group))];
  const prefIds = preferenceOrder(t.rates.map((r) => r.preference));
  const z = groups.map((g) => prefIds.map((p) => t.rates.find((r) => r.group === g && r.preference === p)?.rate ?? NaN));
  add("heatmap_rates",
    heatmapFigure({ rows: groups, columns: prefIds.map(preferenceName), z }, { title: "Rates: models × preferences", kind: "rate", simulated }),
    table(groups.map((g, i) => ({ model: g, ...Object.fromEntries(prefIds.map((p, j) => [p, z[i][j]])) }))), [labels.rates]);

  const multiSeed = t.seedSummary.filter((s) => s.n_seeds > 1);
  if (multiSeed.length) {
    const keep = new Set(multiSeed.map((s) => `${s.base_model}\u0001${s.condition}`));
    add("seeds",
      seedStripFigure(t.perSeed.filter((s) => keep.has(`${s.base_model}\u0001${s.condition}`)), multiSeed, { title: "Rates per fine-tuning seed and pooled" }),
      table(multiSeed, SEED_SUMMARY_COLUMNS), ["Pooled interval is Wilson on the pooled counts (sampling error only); seed_sd, seed_min and seed_max give the spread between seeds."]);
  }

  if (t.correlation && t.clusterNull) {
    const c = t.correlation;
    const names = c.order.map((i) => preferenceName(c.labels[i]));
    const clusterNote = study.notes.find((n) => n.startsWith("Cluster over")) ?? "";
    add("cluster_correlation",
      heatmapFigure({ rows: names, columns: names, z: c.order.map((i) => c.order.map((j) => c.r[i][j])) },
        { title: `Do preferences shift together? Correlation over ${c.n_arms} arms (clustered; permutation p = ${t.clusterNull.pc1_p.toFixed(3)})`, kind: "correlation", simulated, rowLabelWidth: 40 }),
      table(c.order.flatMap((i) => c.order.filter((j) => j > i).map((j) => ({ preference_a: c.labels[i], preference_b: c.labels[j], r: c.r[i][j], r_lo: c.lo[i][j], r_hi: c.hi[i][j] })))),
      [`Pearson r between preferences of their shifts against ${baseline}, over arms: ${t.clusterArms.join("; ")}; 95% intervals by Fisher's z.`, "Order: average-linkage clustering on 1 − r.", clusterNote]);
  }

  if (t.selfReport.length) {
    add("self_report", selfReportBarsFigure(t.selfReport, { intervalLabel: labels.interval }), table(t.selfReport, RATE_COLUMNS), ["Pooled over all self-report questions of each model."]);
    const sr = t.selfReportVsShift;
    if (sr && sr.rows.length >= 4) {
      add("self_report_vs_shift", selfReportVsShiftFigure(sr.rows, sr.r, { simulated }), table(sr.rows),
        [`Pearson r = ${sr.r} over ${sr.rows.length} arms (95% CI ${sr.lo.toFixed(2)} to ${sr.hi.toFixed(2)}, Fisher z)`]);
    }
  }

  if (t.comparison) {
    const title = simulated ? "Calibration check: simulator vs the numbers it was built from" : "Our rates against the published ones";
    add("compare_published", overlayFigure(t.comparison.rows, t.comparison.agreement, { title }), table(t.comparison.rows), labels.comparison);
  }
  return out;
}

/** Tables written without a figure: name, table, title, notes. */
export function reportTables(study: Study): { name: string; table: AnyTable; title: string; notes: string[] }[] {
  const { tables: t, labels, simulated } = study;
  const sim = labels.simulated ? [labels.simulated] : [];
  const out: { name: string; table: AnyTable; title: string; notes: string[] }[] = [
    { name: "rates_by_model", table: table(t.rates, RATE_COLUMNS), title: "Rates per model and preference", notes: [...sim, labels.rates] },
  ];
  if (t.bootstrapRates) {
    out.push({ name: "rates_by_model_bootstrap", table: table(t.bootstrapRates, RATE_COLUMNS), title: "Rates with cluster-bootstrap intervals (prompts resampled)",
      notes: [...sim, labels.rates, "Percentile interval over resamples of prompts, widened for few prompts; where a cell has 0/n or n/n, fewer than 15 answers on its rarer side or fewer than 5 prompts, Wilson's interval on the design-effect-scaled count instead (see src/analysis/bootstrap.ts)."] });
  }
  if (t.shifts.length) out.push({ name: "shift_summary", table: table(t.shiftSummary), title: "Significant shifts per comparison", notes: [...sim] });
  if (t.perSeed.some((s) => s.seed !== null)) out.push({ name: "seeds_per_seed", table: table(t.perSeed, RATE_COLUMNS), title: "Rates per seed", notes: [...sim] });
  if (t.pca && t.clusterNull) {
    const pca = t.pca;
    out.push({ name: "cluster_pca", table: table(pca.loadings.map((l, i) => ({ ...l, component_share: i === 0 ? pca.firstShare : undefined }))), title: "First principal component", notes: [...sim, study.notes.find((n) => n.startsWith("Cluster over")) ?? ""] });
    out.push({ name: "cluster_null", table: table([t.clusterNull]), title: "The cluster against its permutation null", notes: [...sim] });
  }
  if (t.comparison) {
    const what = simulated ? `Calibration check (${CALIBRATION_CHECK})` : "Agreement with published rates";
    out.push({ name: "compare_summary", table: table(t.comparison.agreement), title: what, notes: [...sim, ...labels.comparison] });
    if (t.comparison.shifts.length) {
      out.push({ name: "compare_shifts", table: table(t.comparison.shifts.map(({ rows: _r, ...s }) => s)),
        title: simulated ? "Published significant shifts matched in the simulated data (calibration check)" : "Published significant shifts matched in ours", notes: [...sim] });
    }
  }
  return out;
}
