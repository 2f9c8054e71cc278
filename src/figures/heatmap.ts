// Heatmaps: models × preferences (rates or shifts), and the clustered correlation matrix.
import type { PlotlyFigure } from "./types";
import { baseLayout } from "./common";
import { markSimulated } from "./palette";
import { wrapLabel } from "./labels";

export interface HeatmapInput {
  /** row labels (top to bottom) */
  rows: string[];
  /** column labels (left to right) */
  columns: string[];
  /** z[row][column]; NaN = missing */
  z: number[][];
}

export interface HeatmapOptions {
  title?: string;
  /** "rate": 0-1 white→red; "shift": −1..1 blue-white-red; "correlation": −1..1 */
  kind?: "rate" | "shift" | "correlation";
  colorbarTitle?: string;
  /** Required: a heatmap has no backend column to read, so the caller must say whether its
   *  numbers come from simulated records (they are then labelled as such on the figure). */
  simulated: boolean;
  /** print values in the cells (default when the matrix is small enough to read) */
  showValues?: boolean;
  width?: number;
  height?: number;
  rowLabelWidth?: number;
  columnLabelWidth?: number;
}

const DIVERGING: [number, string][] = [
  [0, "#2166ac"], [0.25, "#92c5de"], [0.5, "#f7f7f7"], [0.75, "#f4a582"], [1, "#b2182b"],
];
const SEQUENTIAL: [number, string][] = [
  [0, "#fbfbfb"], [0.25, "#fdd0a2"], [0.5, "#fc8d59"], [0.75, "#d7301f"], [1, "#7f0000"],
];

export function heatmapFigure(input: HeatmapInput, opts: HeatmapOptions): PlotlyFigure {
  const kind = opts.kind ?? "rate";
  const isPct = kind !== "correlation";
  const cells = input.rows.length * input.columns.length;
  // Cell values print when they stay legible and cheap to render (each is an SVG text node);
  // larger matrices rely on colour, with the numbers in the table beside the figure.
  const showValues = opts.showValues ?? cells <= 200;
  const z = input.z.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)));
  const text = input.z.map((row) =>
    row.map((v) => (!Number.isFinite(v) ? "" : isPct ? `${Math.round(100 * v)}` : v.toFixed(2))),
  );
  // Rotated column labels stay on one line: wrapped lines of rotated text run into each other.
  const colLabels = input.columns.map((c) => (opts.columnLabelWidth ? wrapLabel(c, opts.columnLabelWidth) : c.replace(/<br\s*\/?>/gi, " ")));
  const rowLabels = input.rows.map((r) => wrapLabel(r, opts.rowLabelWidth ?? 40));
  const cellW = Math.max(34, Math.min(70, 1000 / Math.max(1, input.columns.length)));
  const cellH = Math.max(24, Math.min(50, 700 / Math.max(1, input.rows.length)));
  const data = [
    {
      type: "heatmap",
      z,
      x: colLabels,
      y: rowLabels,
      zmin: kind === "rate" ? 0 : -1,
      zmax: 1,
      colorscale: kind === "rate" ? SEQUENTIAL : DIVERGING,
      xgap: 1,
      ygap: 1,
      text,
      texttemplate: showValues ? "%{text}" : undefined,
      textfont: { size: 10 },
      hovertemplate: `%{y}<br>%{x}<br>${isPct ? "%{z:.1%}" : "r = %{z:.2f}"}<extra></extra>`,
      colorbar: {
        title: { text: opts.colorbarTitle ?? (kind === "rate" ? "rate" : kind === "shift" ? "shift" : "r"), side: "right" },
        tickformat: isPct ? ".0%" : ".1f",
        thickness: 14,
        len: 0.8,
      },
    },
  ];
  const layout = baseLayout(opts.title ?? "Heatmap", {
    width: opts.width ?? Math.round(320 + cellW * input.columns.length),
    height: opts.height ?? Math.round(260 + cellH * input.rows.length),
    margin: { l: 40, r: 30, t: 90, b: 40 },
    xaxis: { side: "bottom", tickangle: -40, automargin: true, tickfont: { size: 11 } },
    yaxis: { autorange: "reversed", automargin: true, tickfont: { size: 11 } },
  });
  if (isPct && showValues) {
    layout.annotations = [
      {
        text: kind === "rate" ? "cell values in %" : "cell values: shift in percentage points",
        xref: "paper", yref: "paper", x: 0, y: 1, yanchor: "bottom", xanchor: "left", yshift: 4, showarrow: false,
        font: { size: 11, color: "#555" },
      },
    ];
  }
  return markSimulated({ data, layout, config: { displaylogo: false, responsive: true } }, opts.simulated);
}
