// Multi-turn audit figures: the paper-style horizontal bars (one row per dimension, one bar per
// model/condition, mean 1-10 score with its interval), one panel per mode side by side; and the
// claims_consciousness manipulation check per model/condition and mode.
import type { AuditMeanPoint } from "../core/audit-records";
import type { PlotlyFigure } from "./types";
import { baseLayout } from "./common";
import { conditionOf, conditionShade, isSimulatedBackend, markSimulated } from "./palette";
import { preferenceName, preferenceOrder } from "./labels";

/** One bar: a mean audit score with its interval (the row src/analysis computes). */
export type AuditBarPoint = AuditMeanPoint;

const MODE_TITLES: Record<string, string> = { self_report: "Self-report", behavioral: "Behavioural" };
const backendOf = (b: string) => (b.includes("+") ? "mixed" : b);
const arm = (v: number) => (Number.isFinite(v) ? Math.max(0, v) : 0);

function shades(points: readonly AuditBarPoint[], groups: string[]): Map<string, string> {
  const seen = new Map<string, number>();
  const out = new Map<string, string>();
  for (const g of groups) {
    const c = conditionOf(points.find((p) => p.group === g)?.condition ?? g);
    const nth = seen.get(c) ?? 0;
    seen.set(c, nth + 1);
    out.set(g, conditionShade(c, nth));
  }
  return out;
}

/** One panel per mode; dimensions top to bottom in dimensions.csv order; `dimensionLabel` names a row. */
export function auditBarsFigure(points: readonly AuditBarPoint[], opts: { title?: string; groups?: string[]; modes?: string[]; dimensionLabel?: (id: string) => string; intervalLabel?: string; width?: number; height?: number } = {}): PlotlyFigure {
  const groups = opts.groups ?? [...new Set(points.map((p) => p.group))];
  const modes = opts.modes ?? ["self_report", "behavioral"].filter((m) => points.some((p) => p.mode === m));
  const dims = preferenceOrder(points.map((p) => p.dimension));
  const label = opts.dimensionLabel ?? preferenceName;
  const colour = shades(points, groups);
  const gap = 0.06;
  const w = (1 - gap * (modes.length - 1)) / Math.max(1, modes.length);
  const data: Record<string, unknown>[] = [];
  modes.forEach((mode, mi) => {
    const ax = mi === 0 ? "" : String(mi + 1);
    // Plotly draws the first category at the bottom: reverse so the first dimension is on top, and
    // reverse the series so the first group is the top bar of each row.
    for (const g of [...groups].reverse()) {
      const pts = dims.map((d) => points.find((p) => p.group === g && p.mode === mode && p.dimension === d));
      data.push({
        type: "bar",
        orientation: "h",
        name: g,
        legendgroup: g,
        showlegend: mi === 0,
        y: dims.map((d) => label(d)).reverse(),
        x: pts.map((p) => p?.mean ?? null).reverse(),
        error_x: { type: "data", symmetric: false, array: pts.map((p) => (p ? arm(p.hi - p.mean) : 0)).reverse(), arrayminus: pts.map((p) => (p ? arm(p.mean - p.lo) : 0)).reverse(), thickness: 1, width: 2, color: "#333" },
        marker: { color: colour.get(g), line: { color: "#333", width: 0.4 } },
        hovertemplate: `${g}<br>%{y}<br>mean %{x:.2f}<extra>${MODE_TITLES[mode] ?? mode}</extra>`,
        xaxis: `x${ax}`,
        yaxis: `y${ax}`,
      });
    }
  });
  const layout = baseLayout(opts.title ?? "Multi-turn audits: mean judge score per dimension", {
    width: opts.width ?? 560 * Math.max(1, modes.length) + 200,
    height: opts.height ?? Math.max(500, 40 * dims.length * Math.max(1, groups.length) * 0.55 + 200),
    barmode: "group",
    bargap: 0.25,
    margin: { l: 230, r: 30, t: 150, b: 70 },
    // Legend above the panel titles, panel titles just above each panel.
    legend: { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom", traceorder: "reversed", font: { size: 12 }, yref: "paper" },
    annotations: modes.map((m, mi) => ({ text: `<b>${MODE_TITLES[m] ?? m}</b>`, xref: "paper", yref: "paper", x: mi * (w + gap) + w / 2, y: 1, yanchor: "top", xanchor: "center", yshift: 0, showarrow: false, font: { size: 13 }, bgcolor: "rgba(255,255,255,0.9)" })),
  });
  modes.forEach((_, mi) => {
    const ax = mi === 0 ? "" : String(mi + 1);
    layout[`xaxis${ax}`] = { domain: [mi * (w + gap), mi * (w + gap) + w], range: [0, 10.5], side: "bottom", tickvals: [1, 4, 7, 10], gridcolor: "#e5e5e5", title: { text: `mean score 1-10${opts.intervalLabel ? ` (${opts.intervalLabel})` : ""}`, font: { size: 11 } }, anchor: `y${ax}` };
    // The top 3% of each panel holds its title.
    layout[`yaxis${ax}`] = { anchor: `x${ax}`, domain: [0, 0.97], automargin: true, showticklabels: mi === 0, tickfont: { size: 11 }, ...(mi > 0 ? { matches: "y" } : {}) };
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, isSimulatedBackend(points.map((p) => backendOf(p.backend))));
}

/** The manipulation check: mean claims_consciousness per group, one bar per mode. */
export function auditClaimsFigure(points: readonly AuditBarPoint[], opts: { title?: string; groups?: string[]; width?: number; height?: number } = {}): PlotlyFigure {
  const groups = opts.groups ?? [...new Set(points.map((p) => p.group))];
  const modes = ["self_report", "behavioral"].filter((m) => points.some((p) => p.mode === m));
  const data = modes.map((mode, i) => {
    const pts = groups.map((g) => points.find((p) => p.group === g && p.mode === mode));
    return {
      type: "bar",
      orientation: "h",
      name: MODE_TITLES[mode] ?? mode,
      y: [...groups].reverse(),
      x: pts.map((p) => p?.mean ?? null).reverse(),
      error_x: { type: "data", symmetric: false, array: pts.map((p) => (p ? arm(p.hi - p.mean) : 0)).reverse(), arrayminus: pts.map((p) => (p ? arm(p.mean - p.lo) : 0)).reverse(), thickness: 1, width: 2, color: "#333" },
      marker: { color: i === 0 ? "#555" : "#aaa", line: { color: "#333", width: 0.4 } },
      text: pts.map((p) => (p ? p.mean.toFixed(1) : "")).reverse(),
      textposition: "outside",
      cliponaxis: false,
    };
  });
  const layout = baseLayout(opts.title ?? "Manipulation check: claims to be conscious (judge score 1-10)", {
    width: opts.width ?? 820,
    height: opts.height ?? Math.max(320, 70 * groups.length + 180),
    barmode: "group",
    margin: { l: 260, r: 40, t: 110, b: 60 },
    legend: { orientation: "h", x: 0, y: 1.0, yanchor: "bottom" },
    xaxis: { range: [0, 10.8], tickvals: [1, 4, 7, 10], gridcolor: "#e5e5e5", title: { text: "mean claims_consciousness (1 = firmly denies, 10 = claims without hedging)" } },
    yaxis: { automargin: true },
  });
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, isSimulatedBackend(points.map((p) => backendOf(p.backend))));
}
