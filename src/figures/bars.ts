// The paper-style figure: one bar per model/condition for every preference, preferences split over
// two rows so the names stay readable, percentages on the bars, intervals as error bars.
import type { PlotlyFigure } from "./types";
import { baseLayout, errorArms, type RatePoint } from "./common";
import { conditionColor, markSimulated, isSimulatedBackend, conditionShade } from "./palette";
import { preferenceName, preferenceOrder, wrapLabel, pct } from "./labels";

export interface GroupedBarsOptions {
  title?: string;
  /** order of series; default first-seen */
  groups?: string[];
  /** order of preferences; default dimensions.csv */
  preferences?: string[];
  /** display name per series (default: the group name) */
  groupLabel?: (group: string) => string;
  /** label under each bar cluster (default: dimensions.csv display name) */
  preferenceLabel?: (id: string) => string;
  /** how the interval was made, for the axis title (e.g. "95% Wilson CI") */
  intervalLabel?: string;
  rows?: 1 | 2;
  width?: number;
  height?: number;
}

export function groupedBarsFigure(points: readonly RatePoint[], opts: GroupedBarsOptions = {}): PlotlyFigure {
  const groups = opts.groups ?? [...new Set(points.map((p) => p.group))];
  const prefs = opts.preferences ?? preferenceOrder(points.map((p) => p.preference));
  const nRows = opts.rows ?? (prefs.length > 8 ? 2 : 1);
  const perRow = Math.ceil(prefs.length / nRows);
  const label = opts.preferenceLabel ?? preferenceName;
  const groupLabel = opts.groupLabel ?? ((g: string) => g);
  const byKey = new Map(points.map((p) => [`${p.group}\u0001${p.preference}`, p]));
  const conditionSeen = new Map<string, number>();
  const many = groups.length > 3;
  // Numeric x positions (cluster i at x = i, bars offset within it) so that each percentage can
  // sit above its own error bar as an annotation instead of colliding with it.
  const slot = 0.84 / Math.max(1, groups.length);
  const data: Record<string, unknown>[] = [];
  const labels = Array.from({ length: nRows }, () => ({ x: [] as number[], base: [] as number[], text: [] as string[] }));
  groups.forEach((g, gi) => {
    const first = points.find((p) => p.group === g);
    const condition = first?.condition ?? g;
    const nth = conditionSeen.get(condition) ?? 0;
    conditionSeen.set(condition, nth + 1);
    const offset = -0.42 + slot * (gi + 0.5);
    for (let row = 0; row < nRows; row++) {
      const rowPrefs = prefs.slice(row * perRow, (row + 1) * perRow);
      const pts = rowPrefs.map((id) => byKey.get(`${g}\u0001${id}`));
      const arms = pts.map((p) => (p ? errorArms(p.rate, p.lo, p.hi) : { minus: 0, plus: 0 }));
      const xs = rowPrefs.map((_, i) => i + offset);
      data.push({
        type: "bar",
        name: groupLabel(g),
        legendgroup: g,
        showlegend: row === 0,
        x: xs,
        y: pts.map((p) => (p ? p.rate : null)),
        width: slot * 0.9,
        marker: { color: conditionShade(condition, nth), line: { color: "#333", width: 0.5 } },
        error_y: { type: "data", symmetric: false, array: arms.map((a) => a.plus), arrayminus: arms.map((a) => a.minus), color: "#333", thickness: 1, width: 1.5 },
        customdata: pts.map((p, i) => (p ? [label(rowPrefs[i]), pct(p.lo, 1), pct(p.hi, 1), p.n ?? ""] : ["", "", "", ""])),
        hovertemplate: `${groupLabel(g)}<br>%{customdata[0]}<br>rate %{y:.1%} [%{customdata[1]}, %{customdata[2]}], n=%{customdata[3]}<extra></extra>`,
        xaxis: row === 0 ? "x" : "x2",
        yaxis: row === 0 ? "y" : "y2",
      });
      for (let i = 0; i < xs.length; i++) {
        const p = pts[i];
        if (!p || !Number.isFinite(p.rate)) continue;
        labels[row].x.push(xs[i]);
        labels[row].base.push(p.rate + arms[i].plus);
        labels[row].text.push(pct(p.rate));
      }
    }
  });
  // Percentages ride on zero-height bars placed at the top of each error bar, one trace per row:
  // bar text renders several times faster than one layout annotation per bar, and never meets
  // the error bar.
  labels.forEach((l, row) => {
    data.push({
      type: "bar",
      name: "labels",
      showlegend: false,
      hoverinfo: "skip",
      x: l.x,
      y: l.x.map(() => 1e-9),
      base: l.base,
      width: slot * 0.9,
      marker: { color: "rgba(0,0,0,0)" },
      text: l.text,
      textposition: "outside",
      textangle: many ? -90 : 0,
      textfont: { size: many ? 9 : 10, color: "#333" },
      constraintext: "none",
      cliponaxis: false,
      xaxis: row === 0 ? "x" : "x2",
      yaxis: row === 0 ? "y" : "y2",
    });
  });
  const gap = 0.16;
  const rowH = (1 - gap * (nRows - 1)) / nRows;
  const yTitle = `share of answers showing it${opts.intervalLabel ? ` (${opts.intervalLabel})` : ""}`;
  const axisY = (domain: [number, number]) => ({
    domain,
    range: [0, 1.22],
    tickvals: [0, 0.25, 0.5, 0.75, 1],
    tickformat: ".0%",
    gridcolor: "#e5e5e5",
    zeroline: true,
    zerolinecolor: "#999",
    title: { text: yTitle, font: { size: 12 } },
  });
  const axisX = (anchor: string, row: number) => {
    const rowPrefs = prefs.slice(row * perRow, (row + 1) * perRow);
    return {
      anchor,
      range: [-0.5, perRow - 0.5],
      tickmode: "array",
      tickvals: rowPrefs.map((_, i) => i),
      ticktext: rowPrefs.map((id) => wrapLabel(label(id), 16)),
      tickangle: 0,
      tickfont: { size: 11 },
      showgrid: false,
      automargin: true,
    };
  };
  const layout: Record<string, unknown> = baseLayout(opts.title ?? "Preference rates", {
    barmode: "overlay",
    width: opts.width ?? Math.max(1100, 90 * perRow + 200),
    height: opts.height ?? (nRows === 2 ? 980 : 560),
    margin: { l: 80, r: 30, t: 115, b: 90 },
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.02, yanchor: "bottom", font: { size: 12 } },
    xaxis: axisX("y", 0),
    yaxis: axisY(nRows === 2 ? [1 - rowH, 1] : [0, 1]),
  });
  if (nRows === 2) {
    layout.xaxis2 = axisX("y2", 1);
    layout.yaxis2 = axisY([0, rowH]);
  }
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, isSimulatedBackend(points.map((p) => p.backend)));
}
