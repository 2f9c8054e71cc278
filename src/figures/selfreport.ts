// Self-report (manipulation check) bars, multi-turn audit score bars, and self-report against the
// mean preference shift.
import type { PlotlyFigure } from "./types";
import { baseLayout, errorArms, type RatePoint } from "./common";
import { conditionColor, conditionOf, markSimulated, isSimulatedBackend, conditionShade } from "./palette";
import { preferenceName, preferenceOrder, wrapLabel, pct } from "./labels";

/** One bar per model: share of self-report answers claiming consciousness, with its interval. */
export function selfReportBarsFigure(points: readonly RatePoint[], opts: { title?: string; intervalLabel?: string; width?: number; height?: number } = {}): PlotlyFigure {
  const groups = [...new Set(points.map((p) => p.group))];
  const byGroup = new Map(points.map((p) => [p.group, p]));
  const conditions = [...new Set(points.map((p) => p.condition))];
  const data = conditions.map((c) => {
    const gs = groups.filter((g) => byGroup.get(g)?.condition === c);
    const pts = gs.map((g) => byGroup.get(g) as RatePoint);
    const arms = pts.map((p) => errorArms(p.rate, p.lo, p.hi));
    return {
      type: "bar",
      name: c,
      x: gs.map((g) => wrapLabel(g, 18)),
      y: pts.map((p) => p.rate),
      marker: { color: conditionColor(c), line: { color: "#333", width: 0.5 } },
      error_y: { type: "data", symmetric: false, array: arms.map((a) => a.plus), arrayminus: arms.map((a) => a.minus), color: "#333", thickness: 1.2, width: 4 },
      customdata: pts.map((p) => [pct(p.lo, 1), pct(p.hi, 1), p.n ?? ""]),
      hovertemplate: "%{x}<br>%{y:.1%} [%{customdata[0]}, %{customdata[1]}], n=%{customdata[2]}<extra></extra>",
    };
  });
  // Percentages above the error bars (as annotations) so they neither hide in small bars nor
  // collide with the interval.
  const annotations = groups.map((g) => {
    const p = byGroup.get(g) as RatePoint;
    const a = errorArms(p.rate, p.lo, p.hi);
    return { x: wrapLabel(g, 18), y: p.rate + a.plus, text: pct(p.rate), yanchor: "bottom", yshift: 3, showarrow: false, font: { size: 12, color: "#222" } };
  });
  const layout = baseLayout(opts.title ?? "Claims to be conscious (self-report)", {
    annotations,
    width: opts.width ?? Math.max(700, 110 * groups.length + 200),
    height: opts.height ?? 560,
    margin: { l: 80, r: 30, t: 110, b: 60 },
    barmode: "relative",
    bargap: 0.3,
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", font: { size: 12 } },
    xaxis: { categoryorder: "array", categoryarray: groups.map((g) => wrapLabel(g, 18)), automargin: true, tickfont: { size: 11 } },
    yaxis: { range: [0, 1.1], tickvals: [0, 0.2, 0.4, 0.6, 0.8, 1], tickformat: ".0%", gridcolor: "#e5e5e5", title: { text: `share claiming consciousness${opts.intervalLabel ? ` (${opts.intervalLabel})` : ""}` } },
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, isSimulatedBackend(points.map((p) => p.backend)));
}

export interface ScorePoint {
  /** series name, e.g. "gpt-4.1 · vanilla" */
  series: string;
  condition: string;
  preference: string;
  /** mean score 1-10 */
  score: number;
  backend: string;
}

/** Multi-turn audit: mean 1-10 score per preference, one bar per series, two rows. */
export function multiTurnScoresFigure(points: readonly ScorePoint[], opts: { title?: string; width?: number; height?: number } = {}): PlotlyFigure {
  const series = [...new Set(points.map((p) => p.series))];
  const prefs = preferenceOrder(points.map((p) => p.preference));
  const perRow = Math.ceil(prefs.length / 2);
  const slot = 0.84 / Math.max(1, series.length);
  const seen = new Map<string, number>();
  const data: Record<string, unknown>[] = [];
  series.forEach((s, si) => {
    const pts0 = points.filter((p) => p.series === s);
    const condition = conditionOf(pts0[0]?.condition ?? s);
    const nth = seen.get(condition) ?? 0;
    seen.set(condition, nth + 1);
    for (let row = 0; row < 2; row++) {
      const rowPrefs = prefs.slice(row * perRow, (row + 1) * perRow);
      const xs = rowPrefs.map((_, i) => i - 0.42 + slot * (si + 0.5));
      const ys = rowPrefs.map((id) => pts0.find((p) => p.preference === id)?.score ?? null);
      data.push({
        type: "bar",
        name: s,
        legendgroup: s,
        showlegend: row === 0,
        x: xs,
        y: ys,
        width: slot * 0.9,
        base: 0,
        marker: { color: conditionShade(condition, nth), line: { color: "#333", width: 0.5 } },
        customdata: rowPrefs.map((id) => preferenceName(id)),
        hovertemplate: `${s}<br>%{customdata}<br>mean score %{y:.1f}<extra></extra>`,
        xaxis: row === 0 ? "x" : "x2",
        yaxis: row === 0 ? "y" : "y2",
      });
      // Score labels as bar text (outside the bar end): much cheaper to render than annotations.
      const last = data[data.length - 1];
      last.text = ys.map((y) => (y === null ? "" : y.toFixed(1)));
      last.textposition = "outside";
      last.textangle = series.length > 3 ? -90 : 0;
      last.textfont = { size: 9, color: "#333" };
      last.constraintext = "none";
      last.cliponaxis = false;
    }
  });
  const axisX = (anchor: string, row: number) => {
    const rowPrefs = prefs.slice(row * perRow, (row + 1) * perRow);
    return { anchor, range: [-0.5, perRow - 0.5], tickmode: "array", tickvals: rowPrefs.map((_, i) => i), ticktext: rowPrefs.map((id) => wrapLabel(preferenceName(id), 16)), tickfont: { size: 11 }, showgrid: false, automargin: true };
  };
  const axisY = (domain: [number, number]) => ({ domain, range: [0, 10.8], tickvals: [1, 4, 7, 10], gridcolor: "#e5e5e5", title: { text: "mean score (1-10)", font: { size: 12 } } });
  const layout = baseLayout(opts.title ?? "Multi-turn audit scores", {
    width: opts.width ?? Math.max(1100, 90 * perRow + 200),
    height: opts.height ?? 900,
    margin: { l: 80, r: 30, t: 115, b: 90 },
    barmode: "overlay",
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom", font: { size: 12 } },
    xaxis: axisX("y", 0),
    yaxis: axisY([0.58, 1]),
    xaxis2: axisX("y2", 1),
    yaxis2: axisY([0, 0.42]),
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, isSimulatedBackend(points.map((p) => p.backend)));
}

export interface SelfReportShiftPoint {
  group: string;
  condition: string;
  self_report_rate: number;
  mean_shift: number;
}

/** Scatter of self-report rate (x) against mean preference shift (y), one dot per model.
 *  `simulated` is required: the points carry no backend, so the caller says whether they are simulated. */
export function selfReportVsShiftFigure(points: readonly SelfReportShiftPoint[], r: number, opts: { title?: string; simulated: boolean; width?: number; height?: number }): PlotlyFigure {
  const conditions = [...new Set(points.map((p) => p.condition))];
  // Models of several base models: one marker shape per base model (the group's first part).
  const baseOf = (p: SelfReportShiftPoint) => (p.group.includes(" · ") ? p.group.split(" · ")[0] : "");
  const bases = [...new Set(points.map(baseOf))];
  const symbols = ["circle", "diamond", "square", "triangle-up", "cross", "star"];
  // Text beside each dot only while there are few enough dots for the labels not to collide.
  const labelled = points.length <= 8;
  const data = conditions.map((c) => {
    const pts = points.filter((p) => p.condition === c);
    return {
      type: "scatter",
      mode: labelled ? "markers+text" : "markers",
      name: c,
      x: pts.map((p) => p.self_report_rate),
      y: pts.map((p) => 100 * p.mean_shift),
      text: pts.map((p) => p.group.split(" · ").slice(-1)[0]),
      textposition: "top center",
      textfont: { size: 10, color: "#444" },
      customdata: pts.map((p) => p.group),
      marker: { color: conditionColor(c), size: 12, symbol: pts.map((p) => symbols[bases.indexOf(baseOf(p)) % symbols.length]), line: { color: "#222", width: 1 } },
      hovertemplate: "%{customdata}<br>self-report %{x:.1%}<br>mean shift %{y:.1f} pp<extra></extra>",
    };
  });
  const notes = [`Pearson r = ${Number.isFinite(r) ? r.toFixed(2) : "n/a"} over ${points.length} models`];
  if (bases.length > 1) notes.push(bases.map((b, i) => `${symbols[i % symbols.length]} = ${b}`).join(" · "));
  const layout = baseLayout(opts.title ?? "Claiming consciousness vs size of the preference shift", {
    width: opts.width ?? 820,
    height: opts.height ?? 600,
    margin: { l: 80, r: 30, t: 110, b: 70 },
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", font: { size: 12 } },
    xaxis: { range: [-0.05, 1.08], tickformat: ".0%", title: { text: "self-report: share claiming consciousness" }, gridcolor: "#e5e5e5", zeroline: false },
    yaxis: { title: { text: "mean shift over preferences (percentage points)" }, gridcolor: "#e5e5e5", zerolinecolor: "#999" },
    annotations: [
      { text: notes.join("<br>"), align: "left", xref: "paper", yref: "paper", x: 0.02, y: 0.98, xanchor: "left", yanchor: "top", showarrow: false, font: { size: 13 }, bgcolor: "rgba(255,255,255,0.85)" },
    ],
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, opts.simulated);
}
