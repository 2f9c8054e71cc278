// Per-seed strips: every seed's rate as a dot, the pooled rate as a bar-free diamond with its
// interval, per preference; shows at a glance whether one seed carries a result.
import type { PlotlyFigure } from "./types";
import { baseLayout, errorArms } from "./common";
import { conditionColor, markSimulated, isSimulatedBackend } from "./palette";
import { preferenceName, preferenceOrder, wrapLabel } from "./labels";

export interface SeedPoint {
  condition: string;
  base_model: string;
  preference: string;
  seed: number | null;
  rate: number;
  backend: string;
}

export interface PooledPoint {
  condition: string;
  base_model: string;
  preference: string;
  pooled_rate: number;
  pooled_lo: number;
  pooled_hi: number;
  n_seeds: number;
  backend: string;
}

export function seedStripFigure(perSeed: readonly SeedPoint[], pooled: readonly PooledPoint[], opts: { title?: string; width?: number; height?: number } = {}): PlotlyFigure {
  const arms = [...new Set(pooled.map((p) => `${p.base_model}\u0001${p.condition}`))];
  const prefs = preferenceOrder(pooled.map((p) => p.preference));
  const slot = 0.8 / Math.max(1, arms.length);
  const data: Record<string, unknown>[] = [];
  arms.forEach((arm, ai) => {
    const [base, condition] = arm.split("\u0001");
    const color = conditionColor(condition);
    const offset = -0.4 + slot * (ai + 0.5);
    const label = arms.length > 1 && new Set(pooled.map((p) => p.base_model)).size > 1 ? `${base} · ${condition}` : condition;
    const seeds = perSeed.filter((s) => s.base_model === base && s.condition === condition && prefs.includes(s.preference));
    const seedIds = [...new Set(seeds.map((s) => s.seed))];
    // Spread the seeds of one preference sideways a little so identical rates stay visible.
    const jitter = (seed: number | null) => (seedIds.length > 1 ? (seedIds.indexOf(seed) / (seedIds.length - 1) - 0.5) * slot * 0.5 : 0);
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${label}: each seed`,
      legendgroup: arm,
      x: seeds.map((s) => prefs.indexOf(s.preference) + offset + jitter(s.seed)),
      y: seeds.map((s) => s.rate),
      marker: { color, size: 7, opacity: 0.75, symbol: "circle", line: { color: "white", width: 0.5 } },
      customdata: seeds.map((s) => [preferenceName(s.preference), s.seed ?? "none"]),
      hovertemplate: `${label}<br>%{customdata[0]}<br>seed %{customdata[1]}: %{y:.1%}<extra></extra>`,
    });
    const pts = pooled.filter((p) => p.base_model === base && p.condition === condition && prefs.includes(p.preference));
    const arms2 = pts.map((p) => errorArms(p.pooled_rate, p.pooled_lo, p.pooled_hi));
    data.push({
      type: "scatter",
      mode: "markers",
      name: `${label}: pooled (95% CI)`,
      legendgroup: arm,
      x: pts.map((p) => prefs.indexOf(p.preference) + offset),
      y: pts.map((p) => p.pooled_rate),
      marker: { color, size: 11, symbol: "diamond", line: { color: "#222", width: 1 } },
      error_y: { type: "data", symmetric: false, array: arms2.map((a) => a.plus), arrayminus: arms2.map((a) => a.minus), color: "#222", thickness: 1, width: 3 },
      customdata: pts.map((p) => [preferenceName(p.preference), p.n_seeds]),
      hovertemplate: `${label}<br>%{customdata[0]}<br>pooled %{y:.1%} over %{customdata[1]} seeds<extra></extra>`,
    });
  });
  const layout = baseLayout(opts.title ?? "Rates per seed and pooled", {
    width: opts.width ?? Math.max(1100, 70 * prefs.length + 200),
    height: opts.height ?? 640,
    margin: { l: 80, r: 30, t: 110, b: 60 },
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", font: { size: 12 } },
    xaxis: {
      tickmode: "array",
      tickvals: prefs.map((_, i) => i),
      ticktext: prefs.map((id) => wrapLabel(preferenceName(id), 13)),
      range: [-0.5, prefs.length - 0.5],
      tickfont: { size: 10 },
      automargin: true,
      showgrid: false,
      zeroline: false,
    },
    yaxis: { range: [0, 1.05], tickformat: ".0%", gridcolor: "#e5e5e5", title: { text: "share of answers showing it" } },
    shapes: prefs.slice(1).map((_, i) => ({ type: "line", xref: "x", yref: "paper", x0: i + 0.5, x1: i + 0.5, y0: 0, y1: 1, line: { color: "#eee", width: 1 } })),
  });
  return markSimulated(
    { data, layout, config: { displaylogo: false, responsive: true } },
    isSimulatedBackend([...perSeed.map((p) => p.backend), ...pooled.map((p) => p.backend)]),
  );
}
