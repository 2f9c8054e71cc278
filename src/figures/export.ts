// Static figure export: PNG, SVG and PDF through Debian's chromium driven by playwright-core.
// One browser per process, launched on first use and reused; plotly.js is injected from
// node_modules (never a CDN, never a browser download). The browser closes itself after a
// quiet period so that scripts and notebooks exit without an explicit close.
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { paths } from "../core/paths";
import type { FigureFormat, PlotlyFigure } from "./types";
import { writeFileAtomic } from "../core/files";
import { ConfigError, InputError } from "../core/errors";

export interface ExportOptions {
  /** Output folder; default `figures/` at the project root (LAB_FIGURES_DIR overrides). */
  dir?: string;
  /** Default: all three. */
  formats?: FigureFormat[];
  /** CSS pixels; default layout.width or 900. */
  width?: number;
  /** CSS pixels; default layout.height or 520. */
  height?: number;
  /** PNG pixel ratio; default 2 (the PNG is width×scale by height×scale pixels). */
  scale?: number;
}

export type ExportedFiles = Partial<Record<FigureFormat, string>>;

/** Where chromium lives; LAB_CHROMIUM overrides. */
export const chromiumPath: string = process.env.LAB_CHROMIUM ?? "/usr/bin/chromium";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ALL_FORMATS: FigureFormat[] = ["png", "svg", "pdf"];

interface Exporter {
  browser: Browser;
  plotPage: Page;
  pdfPage: Page;
}

let exporter: Promise<Exporter> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let idleTimer: NodeJS.Timeout | null = null;

function inKernel(): boolean {
  return Object.entries(require.cache).some(
    ([file, mod]) =>
      file.endsWith(`${path.sep}tslab${path.sep}dist${path.sep}jupyter.js`) &&
      (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData != null,
  );
}

/**
 * How long the browser may sit unused before it is closed. A script that exported its last
 * figure exits this long afterwards (call closeFigureExporter() to exit at once); a notebook
 * kernel keeps it ten minutes so figures in consecutive cells share one browser.
 */
function idleMs(): number {
  const env = Number(process.env.LAB_FIGURE_IDLE_MS);
  if (Number.isFinite(env) && env > 0) return env;
  return inKernel() ? 10 * 60_000 : 1500;
}

function plotlySource(): string {
  const file = require.resolve("plotly.js-dist-min/plotly.min.js");
  return fs.readFileSync(file, "utf8");
}

async function launch(): Promise<Exporter> {
  if (!fs.existsSync(chromiumPath)) {
    throw new ConfigError(
      `figure export needs chromium at ${chromiumPath} (Debian package "chromium"; run \`npm run setup\`, or set LAB_CHROMIUM)`,
    );
  }
  const { chromium } = await import("playwright-core");
  // playwright gives every launch a fresh temporary --user-data-dir and removes it on close,
  // and kills the browser if this process exits first.
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS, headless: true });
  try {
    const plotPage = await browser.newPage();
    await plotPage.setContent("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
    await plotPage.addScriptTag({ content: plotlySource() });
    const ok = await plotPage.evaluate(() => typeof (window as unknown as { Plotly?: unknown }).Plotly === "object");
    if (!ok) throw new ConfigError("plotly.js did not load in the export page");
    const pdfPage = await browser.newPage();
    return { browser, plotPage, pdfPage };
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}

function getExporter(): Promise<Exporter> {
  if (!exporter) {
    exporter = launch();
    // A failed launch must not poison later calls.
    exporter.catch(() => {
      exporter = null;
    });
  }
  return exporter;
}

function armIdleClose(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    void closeFigureExporter();
  }, idleMs());
  // The timer itself must not keep the process alive; the browser's pipes do that until it fires.
  idleTimer.unref();
}

/** Closes the export browser (if any). Safe to call more than once. */
export async function closeFigureExporter(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const current = exporter;
  exporter = null;
  if (!current) return;
  try {
    const { browser } = await current;
    await browser.close();
  } catch {
    /* a failed launch has nothing to close */
  }
}

function figureSize(fig: PlotlyFigure, opts: ExportOptions): { width: number; height: number; scale: number } {
  const layout = fig.layout ?? {};
  const width = opts.width ?? (typeof layout.width === "number" ? layout.width : 900);
  const height = opts.height ?? (typeof layout.height === "number" ? layout.height : 520);
  const scale = opts.scale ?? 2;
  for (const [k, v] of Object.entries({ width, height, scale })) {
    if (!Number.isFinite(v) || v <= 0) throw new InputError(`exportFigure: ${k} must be a positive number, got ${v}`);
  }
  return { width: Math.round(width), height: Math.round(height), scale };
}

function checkFigure(fig: PlotlyFigure): void {
  if (fig == null || typeof fig !== "object" || !Array.isArray(fig.data)) {
    throw new InputError("exportFigure: expected a plotly figure { data: [...], layout: {...} }");
  }
}

/** Runs one job on the shared browser, one at a time, keeping the idle timer honest. */
function onBrowser<T>(job: (ex: Awaited<ReturnType<typeof getExporter>>) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const ex = await getExporter();
    if (idleTimer) clearTimeout(idleTimer);
    try {
      return await job(ex);
    } finally {
      armIdleClose();
    }
  });
  // Keep the queue alive after a failure; the caller still sees the error.
  queue = run.catch(() => undefined);
  return run;
}

async function renderImage(fig: PlotlyFigure, format: "png" | "svg", size: { width: number; height: number; scale: number }): Promise<Buffer> {
  return onBrowser(async (ex) => {
    const figure = { data: fig.data, layout: { ...fig.layout, width: size.width, height: size.height }, config: fig.config ?? {} };
    const url = await ex.plotPage.evaluate(
      async ({ figure, format, size }) => {
        const Plotly = (window as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
        return await Plotly.toImage(figure, { format, width: size.width, height: size.height, scale: size.scale });
      },
      { figure, format, size },
    );
    const comma = url.indexOf(",");
    const head = url.slice(0, comma);
    const body = url.slice(comma + 1);
    return head.endsWith(";base64") ? Buffer.from(body, "base64") : Buffer.from(decodeURIComponent(body), "utf8");
  });
}

/** PNG and SVG from one layout: plotly draws the SVG, the page rasterises it on a canvas (what
 *  Plotly.toImage does for PNG internally), so the figure is laid out once instead of twice. */
async function renderPngAndSvg(fig: PlotlyFigure, size: { width: number; height: number; scale: number }): Promise<{ png: Buffer; svg: Buffer }> {
  return onBrowser(async (ex) => {
    const figure = { data: fig.data, layout: { ...fig.layout, width: size.width, height: size.height }, config: fig.config ?? {} };
    const { svgUrl, pngUrl } = await ex.plotPage.evaluate(
      async ({ figure, size }) => {
        const Plotly = (window as unknown as { Plotly: { toImage: (f: unknown, o: unknown) => Promise<string> } }).Plotly;
        const svgUrl = await Plotly.toImage(figure, { format: "svg", width: size.width, height: size.height });
        const img = new Image();
        img.src = svgUrl;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = Math.round(size.width * size.scale);
        canvas.height = Math.round(size.height * size.scale);
        canvas.getContext("2d")!.drawImage(img, 0, 0, canvas.width, canvas.height);
        return { svgUrl, pngUrl: canvas.toDataURL("image/png") };
      },
      { figure, size },
    );
    const decode = (url: string) => {
      const comma = url.indexOf(",");
      return url.slice(0, comma).endsWith(";base64") ? Buffer.from(url.slice(comma + 1), "base64") : Buffer.from(decodeURIComponent(url.slice(comma + 1)), "utf8");
    };
    return { png: decode(pngUrl), svg: decode(svgUrl) };
  });
}

/** PDF: print the vector SVG on a page exactly the figure's size. */
async function svgToPdf(svg: Buffer, size: { width: number; height: number }): Promise<Buffer> {
  return onBrowser(async (ex) => {
    await ex.pdfPage.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>@page{size:${size.width}px ${size.height}px;margin:0}` +
        `html,body{margin:0;padding:0;width:${size.width}px;height:${size.height}px;overflow:hidden}svg{display:block}</style></head>` +
        `<body>${svg.toString("utf8")}</body></html>`,
    );
    return await ex.pdfPage.pdf({ width: `${size.width}px`, height: `${size.height}px`, printBackground: true, pageRanges: "1" });
  });
}

/** Renders one figure to image bytes in the shared browser. Internal to export and display. */
export async function renderFigure(
  fig: PlotlyFigure,
  format: FigureFormat,
  size: { width: number; height: number; scale: number },
): Promise<Buffer> {
  checkFigure(fig);
  if (format !== "pdf") return renderImage(fig, format, size);
  return svgToPdf(await renderImage(fig, "svg", size), size);
}

/**
 * Writes `<dir>/<name>.png|svg|pdf` (default dir: figures/). Returns the paths written.
 * `name` may contain sub-folders ("probe/shift-by-preference") but not "..".
 */
export async function exportFigure(fig: PlotlyFigure, name: string, opts: ExportOptions = {}): Promise<ExportedFiles> {
  checkFigure(fig);
  if (!name || name.split(/[\\/]/).some((part) => part === ".." || part === "")) {
    throw new InputError(`exportFigure: invalid figure name ${JSON.stringify(name)} (use letters, digits, -, _, and / for sub-folders)`);
  }
  const formats = opts.formats ?? ALL_FORMATS;
  for (const f of formats) {
    if (!ALL_FORMATS.includes(f)) throw new InputError(`exportFigure: unknown format ${JSON.stringify(f)}; expected png, svg or pdf`);
  }
  const size = figureSize(fig, opts);
  const dir = path.resolve(opts.dir ?? paths.figures);
  const base = path.join(dir, name.replace(/\.(png|svg|pdf)$/i, ""));
  fs.mkdirSync(path.dirname(base), { recursive: true });
  const written: ExportedFiles = {};
  // One layout serves every format: the PNG is rasterised from the SVG and the PDF printed from it.
  let png: Buffer | null = null;
  let svg: Buffer | null = null;
  if (formats.includes("png") && formats.length > 1) ({ png, svg } = await renderPngAndSvg(fig, size));
  const svgOnce = async () => (svg ??= await renderImage(fig, "svg", size));
  for (const format of formats) {
    const bytes = format === "png" ? (png ?? (await renderImage(fig, "png", size))) : format === "svg" ? await svgOnce() : await svgToPdf(await svgOnce(), size);
    const file = `${base}.${format}`;
    writeFileAtomic(file, bytes);
    written[format] = file;
  }
  return written;
}
