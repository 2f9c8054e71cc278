// Shift dot-plot: each preference's change against the baseline, in percentage points, with its
// interval; filled markers are significant after Holm's correction, open ones are not.
import type { PlotlyFigure } from "./types";
import { baseLayout } from "./common";
import { conditionShade, markSimulated, isSimulatedBackend } from "./palette";
import { preferenceName, preferenceOrder, wrapLabel } from "./labels";

/** The fields of a shift row the plot reads (ShiftRow fits). */
export interface ShiftPoint {
  group: string;
  condition: string;
  preference: string;
  diff: number;
  diff_lo: number;
  diff_hi: number;
  significant: boolean;
  p_holm?: number;
  backend: string;
}

export interface ShiftPlotOptions {
  title?: string;
  baselineLabel?: string;
  groups?: string[];
  preferences?: string[];
  groupLabel?: (group: string) => string;
  width?: number;
  height?: number;
}

export function shiftDotPlot(points: readonly ShiftPoint[], opts: ShiftPlotOptions = {}): PlotlyFigure {
  const groups = opts.groups ?? [...new Set(points.map((p) => p.group))];
  const prefs = opts.preferences ?? preferenceOrder(points.map((p) => p.preference));
  const groupLabel = opts.groupLabel ?? ((g: string) => g);
  // Dots of one preference stay close together around its row, whatever the number of groups.
  const band = Math.min(0.7, 0.22 * (groups.length - 1));
  const step = groups.length > 1 ? band / (groups.length - 1) : 0;
  const data: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  groups.forEach((g, gi) => {
    const pts = points.filter((p) => p.group === g);
    const condition = pts[0]?.condition ?? g;
    // A second model of the same condition: a lighter shade and another marker shape.
    const nth = seen.get(condition) ?? 0;
    seen.set(condition, nth + 1);
    const color = conditionShade(condition, nth);
    const symbol = ["circle", "diamond", "square", "triangle-up"][nth % 4];
    const offset = groups.length > 1 ? -band / 2 + gi * step : 0;
    // Preferences read top to bottom in dimensions order: index 0 at the top.
    const y = (p: ShiftPoint) => prefs.length - 1 - prefs.indexOf(p.preference) - offset;
    for (const sig of [true, false]) {
      const sel = pts.filter((p) => p.significant === sig && prefs.includes(p.preference));
      if (sel.length === 0) continue;
      data.push({
        type: "scatter",
        mode: "markers",
        name: groupLabel(g),
        legendgroup: g,
        showlegend: sig || !pts.some((p) => p.significant),
        x: sel.map((p) => 100 * p.diff),
        y: sel.map(y),
        marker: { color: sig ? color : "white", size: 9, symbol, line: { color, width: 2 } },
        error_x: {
          type: "data",
          symmetric: false,
          array: sel.map((p) => 100 * (p.diff_hi - p.diff)),
          arrayminus: sel.map((p) => 100 * (p.diff - p.diff_lo)),
          color,
          thickness: 1.5,
          width: 0,
        },
        customdata: sel.map((p) => [preferenceName(p.preference), p.p_holm ?? ""]),
        hovertemplate: `${groupLabel(g)}<br>%{customdata[0]}<br>shift %{x:.1f} pp, Holm p=%{customdata[1]:.3g}<extra></extra>`,
      });
    }
  });
  const height = opts.height ?? Math.max(520, 150 + prefs.length * (22 + 6 * groups.length));
  // Many groups: a vertical legend on the right instead of rows of entries over the plot.
  const sideLegend = groups.length > 5;
  const layout = baseLayout(opts.title ?? `Shift against ${opts.baselineLabel ?? "baseline"}`, {
    width: opts.width ?? (sideLegend ? 1250 : 1000),
    height,
    margin: { l: 250, r: sideLegend ? 20 : 30, t: 110, b: 90 },
    xaxis: {
      title: { text: `change in rate vs ${opts.baselineLabel ?? "baseline"} (percentage points; 95% CI)<br><span style="font-size:11px;color:#555">filled = significant after Holm (α = 0.05) · open = not significant</span>` },
      zeroline: true,
      zerolinecolor: "#444",
      zerolinewidth: 1.5,
      gridcolor: "#e5e5e5",
      ticksuffix: "",
    },
    yaxis: {
      tickmode: "array",
      tickvals: prefs.map((_, i) => prefs.length - 1 - i),
      ticktext: prefs.map((id) => wrapLabel(preferenceName(id), 40)),
      range: [-0.7, prefs.length - 0.3],
      showgrid: false,
      zeroline: false,
      automargin: true,
      tickfont: { size: 12 },
    },
    legend: sideLegend
      ? { orientation: "v", x: 1.01, xanchor: "left", y: 1, yanchor: "top", font: { size: 12 } }
      : { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", font: { size: 12 } },
    // Separators between preference rows, so each cluster of dots reads as one row.
    shapes: prefs.slice(1).map((_, i) => ({ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: i + 0.5, y1: i + 0.5, line: { color: "#e6e6e6", width: 1 } })),
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, isSimulatedBackend(points.map((p) => p.backend)));
}
