// Inline figures in tslab notebooks. One display_data carries three representations:
//   image/png  – static, shown by any viewer (GitHub, nbviewer, an untrusted notebook);
//   text/html  – the same PNG as an <img>, replaced by an interactive plotly chart where the front
//                end runs scripts (a trusted notebook); plotly.js is inlined from node_modules the
//                first time per kernel, never fetched from a CDN;
//   text/plain – a one-line description for terminals.
// Outside a notebook (tsx scripts, the CLI) showFigure exports the files and prints their paths.
import * as fs from "node:fs";
import { exportFigure, renderFigure } from "./export";
import type { PlotlyFigure } from "./types";
import { escapeHtml, kernelDisplayWriter, type WriteDisplayData } from "../core/kernel";

export interface ShowOptions {
  /** Also write figures/<name>.png|svg|pdf (outside a notebook a name is derived from the title if absent). */
  name?: string;
  /** Output folder for saved files (default figures/). */
  dir?: string;
  width?: number;
  height?: number;
  /** Pixel ratio of the inline PNG; default 1.5. */
  scale?: number;
  /** Include the interactive chart (default true). */
  interactive?: boolean;
}

interface MimeBundle {
  data: Record<string, string>;
  metadata: Record<string, unknown>;
  transient?: Record<string, unknown>;
}

/** tslab's raw display function (one message per whole bundle), when inside the kernel. */
function kernelWriter(): WriteDisplayData | null {
  return kernelDisplayWriter();
}

/** True when running inside a tslab (Jupyter) kernel. */
export function inNotebook(): boolean {
  return kernelWriter() !== null;
}

let plotlySent = false;

function plotlyScript(): string {
  const src = fs.readFileSync(require.resolve("plotly.js-dist-min/plotly.min.js"), "utf8");
  // The bundle assigns window.Plotly itself; guard so re-running never loads it twice in one page.
  return `<script type="text/javascript">if (!window.Plotly) {\n${src.replace(/<\/script/gi, "<\\/script")}\n}</script>`;
}

function figureTitle(fig: PlotlyFigure): string | undefined {
  const title = fig.layout?.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return undefined;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, " ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "figure"
  );
}


let counter = 0;

/** Builds the display bundle (exported for tests and for callers that send it themselves). */
export async function figureBundle(fig: PlotlyFigure, opts: ShowOptions = {}): Promise<MimeBundle> {
  const layout = fig.layout ?? {};
  const width = Math.round(opts.width ?? (typeof layout.width === "number" ? layout.width : 900));
  const height = Math.round(opts.height ?? (typeof layout.height === "number" ? layout.height : 520));
  const scale = opts.scale ?? 1.5;
  const png = (await renderFigure(fig, "png", { width, height, scale })).toString("base64");
  const title = figureTitle(fig) ?? "plotly figure";
  const id = `lab-fig-${process.pid}-${Date.now().toString(36)}-${counter++}`;
  const img =
    `<img src="data:image/png;base64,${png}" width="${width}" height="${height}" ` +
    `alt="${escapeHtml(title)}" style="max-width:100%;height:auto">`;
  // The chart takes the output area's width up to its natural width: a notebook's output area is
  // often narrower (978 px at a 1280-px window) than a 21-preference figure, and a fixed width
  // would scroll sideways and hide the last groups and the colour bar. Plotly re-lays out the
  // axes and legend to the width it gets (autosize + responsive), so nothing is cut.
  let html = `<div id="${id}" style="width:100%;max-width:${width}px">${img}</div>`;
  if (opts.interactive !== false) {
    const { width: _natural, ...rest } = layout;
    const figJson = JSON.stringify({
      data: fig.data,
      layout: { ...rest, autosize: true, height },
      config: { responsive: true, displaylogo: false, ...(fig.config ?? {}) },
    }).replace(/</g, "\\u003c");
    const render =
      `<script type="text/javascript">(function(){var el=document.getElementById(${JSON.stringify(id)});` +
      `if(!el||!window.Plotly)return;var f=${figJson};el.innerHTML="";` +
      `window.Plotly.newPlot(el,f.data,f.layout,f.config);})();</script>`;
    const loader = plotlySent ? "" : plotlyScript();
    html = loader + html + render;
  }
  return {
    data: {
      "image/png": png,
      "text/html": html,
      "text/plain": `<figure: ${title} (${width}×${height})>`,
    },
    metadata: { "image/png": { width, height } },
  };
}

/**
 * Shows a figure. In a notebook: one inline output (static PNG + interactive chart); with `name`
 * it also writes figures/<name>.png|svg|pdf. Outside a notebook it always writes the files
 * (name derived from the title when absent). Either way it prints where files went.
 * Resolves to nothing so that a notebook cell ending in `await showFigure(fig)` prints nothing else.
 */
export async function showFigure(fig: PlotlyFigure, opts: ShowOptions = {}): Promise<void> {
  const write = kernelWriter();
  if (write) {
    const bundle = await figureBundle(fig, opts);
    write(bundle, false);
    if (opts.interactive !== false) plotlySent = true;
    if (!opts.name) return;
  }
  const name = opts.name ?? slug(figureTitle(fig) ?? "figure");
  const files = await exportFigure(fig, name, { dir: opts.dir, width: opts.width, height: opts.height });
  console.log(`figure "${figureTitle(fig) ?? name}" saved: ${Object.values(files).join(", ")}`);
}
