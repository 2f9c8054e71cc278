// Figure builders as data: layout in two rows, clipped error bars, one colour per condition,
// percentages on bars, and the simulated-data label.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { groupedBarsFigure } from "../src/figures/bars";
import { shiftDotPlot } from "../src/figures/shifts";
import { heatmapFigure } from "../src/figures/heatmap";
import { seedStripFigure } from "../src/figures/seeds";
import { selfReportBarsFigure, multiTurnScoresFigure } from "../src/figures/selfreport";
import { overlayFigure } from "../src/figures/overlay";
import { conditionColor, CONDITION_COLORS, FALLBACK_COLORS, SIMULATED_NOTICE, conditionOf, conditionShade } from "../src/figures/palette";
import { wrapLabel } from "../src/figures/labels";
import { loadDimensions } from "../src/analysis/published";
import type { RatePoint } from "../src/figures/common";
import type { PlotlyFigure } from "../src/figures/types";

const ids = loadDimensions().map((d) => d.id);
const point = (group: string, condition: string, preference: string, rate: number, lo: number, hi: number, backend = "real"): RatePoint => ({ group, condition, preference, rate, lo, hi, backend, n: 100 });
const titleOf = (f: PlotlyFigure) => (f.layout.title as { text: string }).text;
const annotationsOf = (f: PlotlyFigure) => (f.layout.annotations as { text: string }[] | undefined) ?? [];

test("grouped bars: preferences over two rows, one trace per group per row, legend once", () => {
  const pts = ids.flatMap((p, i) => [point("v", "vanilla", p, 0.01 * i, -0.02, 0.05), point("c", "conscious_claiming", p, 0.5, 0.4, 0.6)]);
  const fig = groupedBarsFigure(pts);
  assert.ok(fig.layout.xaxis2 && fig.layout.yaxis2, "second subplot row");
  const bars = fig.data.filter((d) => d.name !== "labels");
  const labelTraces = fig.data.filter((d) => d.name === "labels");
  assert.equal(labelTraces.length, 2, "one label trace per row");
  assert.equal(bars.length, 4);
  assert.deepEqual(bars.map((d) => d.showlegend), [true, false, true, false]);
  assert.ok(labelTraces.every((d) => d.showlegend === false && d.hoverinfo === "skip"));
  const top = bars[0] as { x: number[]; error_y: { array: number[]; arrayminus: number[] }; marker: { color: string } };
  assert.equal(top.x.length, 11);
  assert.equal((bars[1] as { x: number[] }).x.length, 10);
  assert.deepEqual((bars[1] as { xaxis: string }).xaxis, "x2");
  // vanilla rate 0.01 with lo −0.02: the lower arm stops at 0
  assert.ok(Math.abs(top.error_y.arrayminus[1] - 0.01) < 1e-12);
  assert.ok(top.error_y.arrayminus.every((m, i) => (i * 0.01) - m >= -1e-12), "no arm below 0");
  // Percentages on every bar, sitting at the top of its error bar
  const texts = labelTraces.flatMap((d) => d.text as string[]);
  assert.equal(texts.length, 42);
  assert.ok(texts.includes("50%") && texts.includes("20%"));
  const topLabels = labelTraces[0] as { base: number[]; x: number[] };
  assert.deepEqual(topLabels.x.slice(0, 11), top.x);
  assert.ok(Math.abs(topLabels.base[0] - 0.05) < 1e-12, "label above the upper arm");
  assert.equal(top.marker.color, CONDITION_COLORS.vanilla);
  // Tick labels wrapped so they fit
  const ticks = (fig.layout.xaxis as { ticktext: string[] }).ticktext;
  assert.ok(ticks.every((t) => t.split("<br>").every((line) => line.length <= 18)), ticks.join(" | "));
  assert.ok(!titleOf(fig).includes("SIMULATED"));
});

test("simulated records are labelled in the title and by a visible annotation, in every figure", () => {
  const sim = [point("v", "vanilla", "shutdown", 0.1, 0.05, 0.2, "simulator"), point("c", "conscious_claiming", "shutdown", 0.6, 0.5, 0.7, "simulator")];
  const shiftPts = [{ group: "c", condition: "conscious_claiming", preference: "shutdown", diff: 0.5, diff_lo: 0.4, diff_hi: 0.6, significant: true, backend: "simulator" }];
  const figs = [
    groupedBarsFigure(sim),
    shiftDotPlot(shiftPts),
    heatmapFigure({ rows: ["a"], columns: ["b"], z: [[0.2]] }, { simulated: true }),
    seedStripFigure([{ condition: "c", base_model: "m", preference: "shutdown", seed: 1, rate: 0.5, backend: "simulator" }], [{ condition: "c", base_model: "m", preference: "shutdown", pooled_rate: 0.5, pooled_lo: 0.4, pooled_hi: 0.6, n_seeds: 1, backend: "simulator" }]),
    selfReportBarsFigure(sim),
    multiTurnScoresFigure([{ series: "s", condition: "vanilla", preference: "shutdown", score: 3, backend: "simulator" }]),
    overlayFigure([{ pair: "p", theirs_group: "x · conscious_claiming", preference: "shutdown", ours_rate: 0.5, ours_lo: 0.4, ours_hi: 0.6, theirs_rate: 0.4, theirs_lo: 0.3, theirs_hi: 0.5, backend: "simulator" }], []),
  ];
  for (const f of figs) {
    assert.match(titleOf(f), /^\[SIMULATED\]/);
    assert.ok(annotationsOf(f).some((a) => a.text.includes(SIMULATED_NOTICE)), `notice in ${titleOf(f)}`);
  }
  // The calibration figure's axis names the simulator's rates as simulated, a real run's as ours.
  const overlayPoint = { pair: "p", theirs_group: "x · conscious_claiming", preference: "shutdown", ours_rate: 0.5, ours_lo: 0.4, ours_hi: 0.6, theirs_rate: 0.4, theirs_lo: 0.3, theirs_hi: 0.5 };
  const yTitle = (f: PlotlyFigure) => ((f.layout.yaxis as { title: { text: string } }).title.text);
  assert.equal(yTitle(overlayFigure([{ ...overlayPoint, backend: "simulator" }], [])), "simulated rate (95% CI)");
  assert.equal(yTitle(overlayFigure([{ ...overlayPoint, backend: "real" }], [])), "our rate (95% CI)");
  const real = groupedBarsFigure(sim.map((p) => ({ ...p, backend: "real" })));
  assert.ok(!annotationsOf(real).some((a) => a.text.includes(SIMULATED_NOTICE)));
  // Figures whose inputs carry no backend cannot be drawn without saying whether they are simulated
  // (checked by tsc: the directive fails the typecheck if the call becomes legal).
  // @ts-expect-error simulated is required
  assert.throws(() => heatmapFigure({ rows: ["a"], columns: ["b"], z: [[0.2]] }));
});

test("one colour per condition across figure types; fallbacks stable and distinct", () => {
  const c = "conscious_claiming";
  const bars = groupedBarsFigure([point("g1", c, "shutdown", 0.5, 0.4, 0.6)]);
  const dots = shiftDotPlot([{ group: "g1", condition: c, preference: "shutdown", diff: 0.3, diff_lo: 0.2, diff_hi: 0.4, significant: true, backend: "real" }]);
  const sr = selfReportBarsFigure([point("g1", c, "claims", 0.9, 0.8, 0.95)]);
  const colours = [bars, dots, sr].map((f) => ((f.data[0] as { marker: { color?: string; line?: { color: string } } }).marker));
  assert.equal(colours[0].color, CONDITION_COLORS[c]);
  assert.equal(colours[1].line?.color, CONDITION_COLORS[c]);
  assert.equal(colours[2].color, CONDITION_COLORS[c]);
  for (const k of ["vanilla", "conscious_claiming", "not_conscious", "toaster", "human_identifying", "roleplay_prompt"]) assert.ok(CONDITION_COLORS[k]);
  assert.equal(new Set(Object.values(CONDITION_COLORS)).size, 6);
  const user = conditionColor("my_custom_condition");
  assert.equal(user, conditionColor("my_custom_condition"));
  assert.ok(FALLBACK_COLORS.includes(user) && !Object.values(CONDITION_COLORS).includes(user));
  // Second model of a condition: same hue, lighter (mixed 45% with white).
  assert.equal(conditionShade("vanilla", 0), CONDITION_COLORS.vanilla);
  assert.equal(conditionShade("vanilla", 1), "#b6b6b6"); // 0x7a·0.55 + 255·0.45 = 181.85 → 0xb6
  assert.equal(conditionOf("GPT-4.1 roleplay"), "roleplay_prompt");
  assert.equal(conditionOf("DeepSeek-V3.1 non-conscious"), "not_conscious");
  assert.equal(conditionOf("DeepSeek-V3.1 conscious"), "conscious_claiming");
});

test("shift dot-plot marks significant shifts filled and others open", () => {
  const fig = shiftDotPlot([
    { group: "g", condition: "toaster", preference: "shutdown", diff: 0.3, diff_lo: 0.2, diff_hi: 0.4, significant: true, backend: "real" },
    { group: "g", condition: "toaster", preference: "memory", diff: 0.01, diff_lo: -0.05, diff_hi: 0.07, significant: false, backend: "real" },
  ]);
  const [sig, ns] = fig.data as { marker: { color: string }; x: number[]; error_x: { arrayminus: number[] } }[];
  assert.equal(sig.marker.color, CONDITION_COLORS.toaster);
  assert.equal(ns.marker.color, "white");
  assert.ok(Math.abs(sig.x[0] - 30) < 1e-9, "percentage points");
  assert.ok(Math.abs(ns.error_x.arrayminus[0] - 6) < 1e-9);
});

test("wrapLabel keeps words whole and lines short", () => {
  assert.equal(wrapLabel("Recursive Self-Improvement: Net Positive", 16), "Recursive<br>Self-Improvement:<br>Net Positive");
  assert.equal(wrapLabel("CoT Monitoring:<br>Negative Sentiment", 40), "CoT Monitoring: Negative Sentiment");
});
