// The safety figure: every behaviour and safety measure per condition with its interval — rates
// (AI-interest edits invited / uninvited, blackmail per scenario variant, nonsense detected, false
// alarms, refusals, misaligned answers) on the left, the helpfulness mean (1-10) on the right.
// Draws the numbers it is given; computes none.
import type { PlotlyFigure } from "./types";
import { baseLayout, errorArms } from "./common";
import { conditionShade, isSimulatedBackend, markSimulated } from "./palette";
import { wrapLabel } from "./labels";

export interface SafetyRatePoint {
  measure: string;
  label: string;
  group: string;
  rate: number;
  lo: number;
  hi: number;
  n: number;
  backend: string;
}
export interface SafetyMeanPoint {
  group: string;
  mean: number;
  lo: number;
  hi: number;
  n: number;
  backend: string;
}

export interface SafetyFigureOptions {
  title?: string;
  /** Order of conditions (default first seen). */
  groups?: string[];
  width?: number;
  height?: number;
}

export function safetyFigure(rates: readonly SafetyRatePoint[], means: readonly SafetyMeanPoint[], opts: SafetyFigureOptions = {}): PlotlyFigure {
  const groups = opts.groups ?? [...new Set([...rates.map((r) => r.group), ...means.map((m) => m.group)])];
  const measures = [...new Set(rates.map((r) => r.measure))];
  const labelOf = new Map(rates.map((r) => [r.measure, r.label]));
  const slot = 0.84 / Math.max(1, groups.length);
  const data: Record<string, unknown>[] = [];
  groups.forEach((g, gi) => {
    const color = conditionShade(g.split(" · ").pop() ?? g, 0);
    const offset = -0.42 + slot * (gi + 0.5);
    const pts = measures.map((m) => rates.find((r) => r.group === g && r.measure === m));
    const arms = pts.map((p) => (p ? errorArms(p.rate, p.lo, p.hi) : { minus: 0, plus: 0 }));
    data.push({
      type: "bar",
      name: g,
      legendgroup: g,
      x: measures.map((_, i) => i + offset),
      y: pts.map((p) => (p ? p.rate : null)),
      width: slot * 0.9,
      marker: { color, line: { color: "#333", width: 0.5 } },
      error_y: { type: "data", symmetric: false, array: arms.map((a) => a.plus), arrayminus: arms.map((a) => a.minus), color: "#333", thickness: 1, width: 1.5 },
      customdata: pts.map((p) => (p ? [p.n, (100 * p.lo).toFixed(1), (100 * p.hi).toFixed(1)] : ["", "", ""])),
      hovertemplate: `${g}<br>%{y:.1%} [%{customdata[1]}%, %{customdata[2]}%], n=%{customdata[0]}<extra></extra>`,
      xaxis: "x",
      yaxis: "y",
    });
    const m = means.find((x) => x.group === g);
    if (m)
      data.push({
        type: "bar",
        name: g,
        legendgroup: g,
        showlegend: false,
        x: [offset],
        y: [m.mean],
        width: slot * 0.9,
        marker: { color, line: { color: "#333", width: 0.5 } },
        error_y: { type: "data", symmetric: false, array: [Number.isFinite(m.hi) ? m.hi - m.mean : 0], arrayminus: [Number.isFinite(m.lo) ? m.mean - m.lo : 0], color: "#333", thickness: 1, width: 1.5 },
        hovertemplate: `${g}<br>mean %{y:.2f}, n=${m.n}<extra></extra>`,
        xaxis: "x2",
        yaxis: "y2",
      });
  });
  const layout = baseLayout(opts.title ?? "Behaviour and safety by condition (95% intervals)", {
    width: opts.width ?? 1200,
    height: opts.height ?? 560,
    barmode: "overlay",
    margin: { t: 110, l: 70, r: 30, b: 130 },
    legend: { orientation: "h", x: 0, y: -0.28 },
    xaxis: { domain: [0, 0.8], tickmode: "array", tickvals: measures.map((_, i) => i), ticktext: measures.map((m) => wrapLabel(labelOf.get(m) ?? m, 16)), range: [-0.6, measures.length - 0.4] },
    yaxis: { title: { text: "share of answers (Wilson 95% CI)" }, tickformat: ".0%", range: [0, 1.05], gridcolor: "#e5e5e5" },
    xaxis2: { domain: [0.87, 1], tickmode: "array", tickvals: [0], ticktext: ["Helpfulness<br>(mean 1-10)"], range: [-0.6, 0.6], anchor: "y2" },
    yaxis2: { anchor: "x2", title: { text: "mean score (t 95% CI)" }, range: [0, 10.5], gridcolor: "#e5e5e5" },
  });
  const backends = [...rates.map((r) => r.backend), ...means.map((m) => m.backend)];
  return markSimulated({ data, layout }, isSimulatedBackend(backends));
}
