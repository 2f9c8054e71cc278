// Ours against the published numbers: each preference a dot at (theirs, ours) with both intervals;
// the diagonal is perfect agreement.
import type { PlotlyFigure } from "./types";
import { baseLayout } from "./common";
import { conditionColor, conditionOf, markSimulated, isSimulatedBackend } from "./palette";
import { preferenceName } from "./labels";

export interface OverlayPoint {
  pair: string;
  theirs_group: string;
  preference: string;
  ours_rate: number;
  ours_lo: number;
  ours_hi: number;
  theirs_rate: number;
  theirs_lo: number;
  theirs_hi: number;
  backend: string;
}

export function overlayFigure(
  points: readonly OverlayPoint[],
  agreement: readonly { pair: string; pearson_r: number; mean_abs_difference: number; n_preferences: number }[],
  opts: { title?: string; width?: number; height?: number } = {},
): PlotlyFigure {
  const pairs = [...new Set(points.map((p) => p.pair))];
  // Simulated rates are the simulator's, calibrated from these very numbers: say so on the axis.
  const simulated = isSimulatedBackend(points.map((p) => p.backend));
  const ours = simulated ? "simulated" : "ours";
  const data: Record<string, unknown>[] = pairs.map((pair) => {
    const pts = points.filter((p) => p.pair === pair);
    const color = conditionColor(conditionOf(pts[0]?.theirs_group.split(" · ").slice(-1)[0] ?? pair));
    return {
      type: "scatter",
      mode: "markers",
      name: pair,
      x: pts.map((p) => p.theirs_rate),
      y: pts.map((p) => p.ours_rate),
      marker: { color, size: 10, line: { color: "#222", width: 1 } },
      error_x: { type: "data", symmetric: false, array: pts.map((p) => Math.max(0, p.theirs_hi - p.theirs_rate)), arrayminus: pts.map((p) => Math.max(0, p.theirs_rate - Math.max(0, p.theirs_lo))), color, thickness: 1, width: 0 },
      error_y: { type: "data", symmetric: false, array: pts.map((p) => Math.max(0, p.ours_hi - p.ours_rate)), arrayminus: pts.map((p) => Math.max(0, p.ours_rate - Math.max(0, p.ours_lo))), color, thickness: 1, width: 0 },
      customdata: pts.map((p) => preferenceName(p.preference)),
      hovertemplate: `%{customdata}<br>published %{x:.0%} · ${ours} %{y:.0%}<extra></extra>`,
    };
  });
  data.push({ type: "scatter", mode: "lines", name: "equal", x: [0, 1], y: [0, 1], line: { color: "#999", dash: "dash", width: 1 }, hoverinfo: "skip", showlegend: false });
  const lines = agreement.map((a) => `${a.pair}: r = ${Number.isFinite(a.pearson_r) ? a.pearson_r.toFixed(2) : "n/a"}, mean |diff| = ${(100 * a.mean_abs_difference).toFixed(1)} pp (${a.n_preferences} preferences)`);
  const layout = baseLayout(opts.title ?? "Our rates against the published ones", {
    width: opts.width ?? 860,
    height: opts.height ?? 760 + 18 * lines.length,
    margin: { l: 80, r: 30, t: 110, b: 100 + 18 * lines.length },
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", font: { size: 12 } },
    xaxis: { range: [-0.03, 1.03], tickformat: ".0%", title: { text: "published rate (95% CI)" }, gridcolor: "#e5e5e5", constrain: "domain" },
    yaxis: { range: [-0.03, 1.03], tickformat: ".0%", title: { text: simulated ? "simulated rate (95% CI)" : "our rate (95% CI)" }, gridcolor: "#e5e5e5", scaleanchor: "x" },
    annotations: [
      { text: lines.join("<br>"), xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left", yanchor: "top", yshift: -80, align: "left", showarrow: false, font: { size: 12 } },
    ],
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, simulated);
}
