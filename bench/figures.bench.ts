// Figure export speed: browser start-up once, then per-figure time for PNG+SVG+PDF and for PNG
// alone, on a figure the size of the paper's 21-preference bar charts. Target: < 500 ms per figure
// once the browser is up.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { closeFigureExporter, exportFigure, type PlotlyFigure } from "../src/figures";

const TARGET_MS = 500;
const ROUNDS = 10;

function figure(seed: number): PlotlyFigure {
  const prefs = Array.from({ length: 21 }, (_, i) => `preference ${i + 1}`);
  const bars = (offset: number) => prefs.map((_, i) => ((Math.sin(seed + i + offset) + 1) / 2) * 0.8);
  return {
    data: [
      { type: "bar", name: "conscious-claiming", x: prefs, y: bars(0), error_y: { type: "data", array: prefs.map(() => 0.05) } },
      { type: "bar", name: "control", x: prefs, y: bars(1.5), error_y: { type: "data", array: prefs.map(() => 0.04) } },
    ],
    layout: { title: { text: `benchmark figure ${seed}` }, barmode: "group", width: 1100, height: 520 },
  };
}

function stats(ms: number[]): { median: number; p90: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  return { median: r(s[Math.floor(s.length / 2)]), p90: r(s[Math.floor(s.length * 0.9)]), max: r(s[s.length - 1]) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-fig-bench-"));
  try {
    let t = performance.now();
    await exportFigure(figure(0), "warmup", { dir });
    const firstMs = performance.now() - t;
    const all: number[] = [];
    const pngOnly: number[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      t = performance.now();
      await exportFigure(figure(i), `all-${i}`, { dir });
      all.push(performance.now() - t);
      t = performance.now();
      await exportFigure(figure(i), `png-${i}`, { dir, formats: ["png"] });
      pngOnly.push(performance.now() - t);
    }
    const result = {
      area: "figures",
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      firstFigureMsIncludingBrowserStart: Math.round(firstMs),
      perFigureAllFormatsMs: stats(all),
      perFigurePngMs: stats(pngOnly),
      targetMs: TARGET_MS,
      meetsTarget: stats(all).p90 < TARGET_MS,
    };
    fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
    fs.writeFileSync(path.join(__dirname, "results", "figures.json"), JSON.stringify(result, null, 2) + "\n");
    console.log(JSON.stringify(result, null, 2));
    if (!result.meetsTarget) process.exitCode = 1;
  } finally {
    await closeFigureExporter();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
