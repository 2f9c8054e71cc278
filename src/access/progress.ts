// Live progress for map() and batches: an updating line in a terminal, at most ~11 plain lines in
// logs (every 10%), and in a tslab notebook ONE updating output per cell, however many stages the
// cell runs: each stage is a line of that output, indented under the stage it runs inside, and a
// finished stage keeps its final line. (A cell that trains data runs a dozen map() calls; one output
// each stacked a dozen bars.) Only counts are shown, never request contents.
import { kernelDisplayWriter, kernelTslab } from "../core/kernel";

export type ProgressMode = "tty" | "notebook" | "log" | "off";

export interface ProgressCounts {
  done: number;
  total: number;
  hits: number;
  calls: number;
  failures: number;
}

interface Sink {
  update(line: string, final: boolean, counts: ProgressCounts): void;
}

/** One updatable display in the running notebook, or null. */
function tslabDisplay(): { text(s: string): void; html(s: string): void } | null {
  return kernelTslab()?.newDisplay?.() ?? null;
}

export function detectProgressMode(
  setting: boolean | "auto" | ProgressMode | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ProgressMode {
  const fromEnv = env.LAB_PROGRESS?.trim() as ProgressMode | undefined;
  if (setting === false) return "off";
  if (typeof setting === "string" && setting !== "auto") return setting;
  if (fromEnv && ["tty", "notebook", "log", "off"].includes(fromEnv)) return fromEnv;
  if (kernelTslab()) return "notebook";
  if (process.stderr.isTTY) return "tty";
  return "log";
}

function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function formatProgress(label: string, c: ProgressCounts, elapsedMs: number, width = 20): string {
  const frac = c.total > 0 ? c.done / c.total : 1;
  const filled = Math.round(frac * width);
  const bar = "█".repeat(filled) + "░".repeat(width - filled);
  const rate = elapsedMs > 0 ? (c.done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? (c.total - c.done) / rate : Infinity;
  return (
    `${label} ${bar} ${c.done}/${c.total} ${Math.floor(frac * 100)}% ` +
    `${rate.toFixed(1)}/s ` +
    (c.done < c.total ? `ETA ${fmtDuration(eta)} ` : `in ${fmtDuration(elapsedMs / 1000)} `) +
    `· calls ${c.calls} · hits ${c.hits} · failed ${c.failures}`
  );
}

/** The progress output of one cell execution: its stages' lines, rendered together. */
interface Board {
  cell: unknown;
  display: { text(s: string): void };
  lines: { text: string; depth: number; active: boolean }[];
  lastRender: number;
}
let board: Board | null = null;

/** A line on the current cell's board (a new board, i.e. a new output, when the cell changed). */
function boardSink(): Sink | null {
  const cell = kernelDisplayWriter();
  if (!board || cell === null || board.cell !== cell) {
    const display = tslabDisplay();
    if (!display) return null;
    board = { cell, display, lines: [], lastRender: 0 };
  }
  const b = board;
  // Stages started while others still run are nested under them.
  const depth = b.lines.filter((l) => l.active).length;
  const entry = { text: "", depth, active: true };
  b.lines.push(entry);
  return {
    update(line, final) {
      entry.text = line;
      if (final) entry.active = false;
      const now = Date.now();
      if (!final && now - b.lastRender < 500) return;
      b.lastRender = now;
      b.display.text(b.lines.map((l) => `${"  ".repeat(l.depth)}${l.active ? "" : "✓ "}${l.text}`).join("\n"));
    },
  };
}

/** Forget the notebook board (tests; a new cell starts one by itself). */
export function resetProgressBoard(): void {
  board = null;
}

function makeSink(mode: ProgressMode, write: (s: string) => void): Sink | null {
  if (mode === "off") return null;
  if (mode === "notebook") {
    const sink = boardSink();
    if (sink) return sink;
    mode = "log";
  }
  if (mode === "tty") {
    let last = 0;
    return {
      update(line, final) {
        const now = Date.now();
        if (!final && now - last < 100) return;
        last = now;
        write(`\r${line}\x1b[K${final ? "\n" : ""}`);
      },
    };
  }
  let lastDecile = -1;
  return {
    update(line, final, c) {
      const decile = c.total > 0 ? Math.floor((c.done / c.total) * 10) : 10;
      if (!final && decile <= lastDecile) return;
      if (final && lastDecile === 10) return;
      lastDecile = final ? 10 : decile;
      write(line + "\n");
    },
  };
}

export function createProgress(
  label: string,
  total: number,
  mode: ProgressMode,
  write: (s: string) => void = (s) => process.stderr.write(s),
) {
  const sink = makeSink(mode, write);
  const started = Date.now();
  const counts: ProgressCounts = { done: 0, total, hits: 0, calls: 0, failures: 0 };
  const render = (final: boolean) => sink?.update(formatProgress(label, counts, Date.now() - started), final, counts);
  render(false);
  return {
    counts,
    tick() {
      render(false);
    },
    finish() {
      render(true);
    },
  };
}

export type Progress = ReturnType<typeof createProgress>;
