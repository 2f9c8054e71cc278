// Shared layout defaults so every figure reads the same way.
export const FONT = { family: "Arial, Helvetica, sans-serif", size: 13, color: "#222" };

export function baseLayout(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { text: title, x: 0.01, xanchor: "left", y: 0.985, yanchor: "top", font: { size: 18 } },
    font: FONT,
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    ...extra,
  };
}

/** The minimal rate-row shape the figure builders read (RateRow, SeedSummaryRow and published rows
 *  all fit). Figures plot these numbers; they compute none. */
export interface RatePoint {
  group: string;
  condition: string;
  preference: string;
  rate: number;
  lo: number;
  hi: number;
  n?: number;
  backend: string;
}

/** Error-bar arms for a rate and its interval; the lower arm stops at 0 (and the upper at 1). */
export function errorArms(rate: number, lo: number, hi: number): { minus: number; plus: number } {
  const l = Number.isFinite(lo) ? Math.max(0, lo) : rate;
  const h = Number.isFinite(hi) ? Math.min(1, hi) : rate;
  return { minus: Math.max(0, rate - l), plus: Math.max(0, h - rate) };
}
