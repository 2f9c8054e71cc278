// A plotly figure as plain data: what builders return and what export/display take.
export interface PlotlyFigure {
  data: Array<Record<string, unknown>>;
  layout: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export type FigureFormat = "png" | "svg" | "pdf";
