// Headless notebook runs: each notebook is executed top to bottom in the tslab kernel through
// nbclient (Debian's python3-nbclient), the executed copy goes to build/notebooks/, the source is
// never written. A notebook fails when any cell fails; the failure names the notebook, the cell
// and the error.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { paths } from "../core/paths";
import { EXECUTE_NOTEBOOK_PY } from "./execute-py";
import { InputError } from "../core/errors";

export interface NotebookRunOptions {
  /** Folder holding the .ipynb sources; default notebooks/ (LAB_NOTEBOOKS_DIR overrides). */
  dir?: string;
  /** Folder for executed copies; default build/notebooks/ (LAB_NOTEBOOKS_OUT overrides). */
  outDir?: string;
  /** Per-notebook time limit in ms, counted from the first cell's start (kernel start-up aside);
   *  default 20 min (LAB_NOTEBOOK_TIMEOUT_S overrides). */
  timeoutMs?: number;
  /** Jupyter kernel name; default "tslab". */
  kernel?: string;
  /** Python with jupyter/nbclient; default /usr/bin/python3 (LAB_PYTHON overrides). */
  python?: string;
  /** Extra environment for the kernel (the runner's own environment is always passed through). */
  env?: Record<string, string>;
  /** Stop after the first failing notebook. */
  failFast?: boolean;
  /** Where progress lines go; default console.log. */
  log?: (line: string) => void;
}

export interface CellFailure {
  /** 1-based position among code cells. */
  cell: number;
  /** 1-based position among all cells (markdown included). */
  index: number;
  ename: string;
  evalue: string;
  /** The first lines of the error as the kernel printed it (ANSI colours removed). */
  traceback: string[];
  /** The first lines of the failing cell's source. */
  source: string[];
}

export interface NotebookResult {
  name: string;
  source: string;
  output: string;
  ok: boolean;
  seconds: number;
  codeCells: number;
  /** Code cells the kernel ran successfully. */
  executed: number;
  /** Code cells not run because an earlier cell failed (tslab aborts them). */
  skipped: number;
  failure?: CellFailure;
  /** Failure that is not a cell error: timeout, missing kernel, runner crash. */
  error?: string;
}

export interface NotebookRunSummary {
  ok: boolean;
  seconds: number;
  results: NotebookResult[];
}

interface CellReport {
  status: string | null;
  ename: string | null;
  evalue: string | null;
  traceback: string[] | null;
}

interface RunReport {
  status: string;
  message: string | null;
  cells: Record<string, CellReport>;
}

interface NotebookCell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Array<{ output_type: string; name?: string; text?: string | string[]; ename?: string; evalue?: string; traceback?: string[] }>;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function joinText(t: string | string[] | undefined): string {
  return Array.isArray(t) ? t.join("") : (t ?? "");
}

export function notebooksDir(opts: NotebookRunOptions = {}): string {
  return path.resolve(opts.dir ?? process.env.LAB_NOTEBOOKS_DIR ?? paths.notebooks);
}

/** The notebooks in a folder, sorted by file name (the order `npm run notebooks` runs them). */
export function listNotebooks(dir: string = notebooksDir()): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort()
    .map((f) => f.replace(/\.ipynb$/, ""));
}

/** Picks the first error name/message out of what tslab printed on stderr. */
function parseStderrError(text: string): { ename: string; evalue: string } {
  const lines = text.replace(ANSI, "").split("\n");
  for (const line of lines) {
    const m = /^([A-Za-z_$][\w$]*(?:Error|Exception)|Error)(?: \[[^\]]*\])?: ?(.*)$/.exec(line.trim());
    if (m) return { ename: m[1], evalue: m[2] };
  }
  // TypeScript diagnostics look like "3:7 - Type 'number' is not assignable to type 'string'."
  const diag = lines.find((l) => /^\d+:\d+ - /.test(l.trim()));
  if (diag) return { ename: "TypeScriptError", evalue: diag.trim() };
  const first = lines.find((l) => l.trim() !== "");
  return { ename: "Error", evalue: first?.trim() ?? "(no message)" };
}

/**
 * Finds the failing cell of an executed notebook. Uses the kernel's reply statuses when the
 * runner recorded them, and the outputs alone otherwise (an "error" output, or, for tslab,
 * stderr in a cell after which nothing ran).
 */
export function findFailure(
  cells: NotebookCell[],
  statuses: Record<string, CellReport> = {},
): { failure?: CellFailure; executed: number; skipped: number } {
  let code = 0;
  let executed = 0;
  let skipped = 0;
  let failure: CellFailure | undefined;
  cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    code++;
    const status = statuses[String(i)];
    const outputs = cell.outputs ?? [];
    const errorOutput = outputs.find((o) => o.output_type === "error");
    const failed = status?.status === "error" || errorOutput !== undefined;
    if (failure) {
      skipped++;
      return;
    }
    if (!failed) {
      if (status?.status === "ok" || (status === undefined && cell.execution_count != null)) executed++;
      else if (joinText(cell.source).trim() !== "") skipped++;
      return;
    }
    let ename = errorOutput?.ename ?? status?.ename ?? "";
    let evalue = errorOutput?.evalue ?? status?.evalue ?? "";
    let traceback = (errorOutput?.traceback ?? status?.traceback ?? []).join("\n").replace(ANSI, "").split("\n");
    const stderr = outputs
      .filter((o) => o.output_type === "stream" && o.name === "stderr")
      .map((o) => joinText(o.text))
      .join("");
    if (!ename && stderr) ({ ename, evalue } = parseStderrError(stderr));
    if ((traceback.length === 0 || traceback.join("").trim() === "") && stderr) traceback = stderr.replace(ANSI, "").split("\n");
    failure = {
      cell: code,
      index: i + 1,
      ename: ename || "Error",
      evalue: evalue || "(no message)",
      traceback: traceback.filter((l) => l.trim() !== "").slice(0, 8),
      source: joinText(cell.source).split("\n").slice(0, 3),
    };
  });
  return { failure, executed, skipped };
}

function resolveNames(names: string[] | undefined, dir: string): string[] {
  const available = listNotebooks(dir);
  if (!names || names.length === 0) return available;
  return names.map((n) => {
    const base = path.basename(n).replace(/\.ipynb$/, "");
    if (!available.includes(base)) {
      throw new InputError(
        `no notebook named "${n}" in ${dir}; available: ${available.length ? available.join(", ") : "(none)"}`,
      );
    }
    return base;
  });
}

/** The kernel's least start-up limit in execute-py (it allows max(300 s, the notebook's limit)). */
const KERNEL_STARTUP_MS = 300_000;

/**
 * This clone's Jupyter data dir first (where setup registers its tslab kernel), then whatever the
 * caller had: two clones each run their own kernel, never the last one set up.
 */
export function cloneJupyterPath(env: NodeJS.ProcessEnv = process.env): string {
  const own = path.join(paths.root, ".jupyter", "share", "jupyter");
  return [own, env.JUPYTER_PATH].filter((p) => p !== undefined && p !== "").join(path.delimiter);
}

function defaultTimeoutMs(): number {
  const s = Number(process.env.LAB_NOTEBOOK_TIMEOUT_S);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 20 * 60_000;
}

async function runOne(name: string, dir: string, outDir: string, opts: NotebookRunOptions): Promise<NotebookResult> {
  const source = path.join(dir, `${name}.ipynb`);
  const output = path.join(outDir, `${name}.ipynb`);
  const timeoutMs = opts.timeoutMs ?? defaultTimeoutMs();
  const python = opts.python ?? process.env.LAB_PYTHON ?? "/usr/bin/python3";
  const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lab-nb-")), "report.json");
  const started = Date.now();
  const log = opts.log ?? ((l: string) => console.log(l));
  const tty = process.stdout.isTTY && !opts.log;

  let stderr = "";
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; spawnError?: Error }>((resolve) => {
    const child = spawn(
      python,
      ["-c", EXECUTE_NOTEBOOK_PY, source, output, reportFile, opts.kernel ?? "tslab", dir, String(timeoutMs / 1000)],
      { cwd: dir, env: { ...process.env, ...opts.env, JUPYTER_PATH: cloneJupyterPath(), LAB_NOTEBOOK_HEADLESS: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const last = chunk.trim().split("\n").pop();
      if (tty && last) process.stdout.write(`\r  ${name}: ${last}   `);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    // Python enforces the limit itself (from the first cell's start, after up to KERNEL_STARTUP_MS
    // of kernel start-up) and cleans up the kernel; this is the backstop.
    const backstop = setTimeout(() => child.kill("SIGTERM"), Math.max(KERNEL_STARTUP_MS, timeoutMs) + timeoutMs + 30_000);
    const hardStop = setTimeout(() => child.kill("SIGKILL"), Math.max(KERNEL_STARTUP_MS, timeoutMs) + timeoutMs + 60_000);
    child.on("error", (err) => {
      clearTimeout(backstop);
      clearTimeout(hardStop);
      resolve({ code: null, signal: null, spawnError: err });
    });
    child.on("close", (code, signal) => {
      clearTimeout(backstop);
      clearTimeout(hardStop);
      resolve({ code, signal });
    });
  });
  if (tty) process.stdout.write("\r\u001b[K");
  const seconds = (Date.now() - started) / 1000;

  let report: RunReport | undefined;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as RunReport;
  } catch {
    report = undefined;
  }
  fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });

  const result: NotebookResult = { name, source, output, ok: false, seconds, codeCells: 0, executed: 0, skipped: 0 };
  if (exit.spawnError) {
    result.error = `cannot start ${python}: ${exit.spawnError.message} (run \`npm run setup\`)`;
    return result;
  }
  if (report?.status === "no-kernel" || report?.status === "no-jupyter") {
    result.error = `${report.message}; run \`npm run setup\` to install Jupyter and register the tslab kernel`;
    return result;
  }
  let cells: NotebookCell[] = [];
  try {
    cells = (JSON.parse(fs.readFileSync(output, "utf8")) as { cells: NotebookCell[] }).cells;
  } catch {
    result.error = `runner produced no executed notebook (exit ${exit.code ?? exit.signal}):\n${stderr.trim().split("\n").slice(-15).join("\n")}`;
    return result;
  }
  const found = findFailure(cells, report?.cells ?? {});
  result.codeCells = cells.filter((c) => c.cell_type === "code").length;
  result.executed = found.executed;
  result.skipped = found.skipped;
  result.failure = found.failure;
  if (report && report.status !== "ok") {
    result.error = report.message ?? report.status;
    // Name the cell that was running when the run was stopped.
    let codeIndex = 0;
    const running = cells.findIndex((c, i) => c.cell_type === "code" && (codeIndex++, report!.cells[String(i)] === undefined));
    if (running >= 0 && !found.failure) result.error += ` while running code cell ${codeIndex} (cell #${running + 1} in the file)`;
  } else if (!report || exit.code !== 0) {
    result.error = `runner exited with ${exit.code ?? exit.signal}:\n${stderr.trim().split("\n").slice(-15).join("\n")}`;
  } else if (!found.failure && found.executed < result.codeCells - emptyCells(cells)) {
    result.error = `${result.codeCells - found.executed} code cells were not executed`;
  }
  result.ok = !result.failure && !result.error;
  return result;
}

function emptyCells(cells: NotebookCell[]): number {
  return cells.filter((c) => c.cell_type === "code" && joinText(c.source).trim() === "").length;
}

/** One readable paragraph for a failed notebook. */
export function describeFailure(r: NotebookResult): string {
  const lines: string[] = [];
  // A timeout or crash comes first: a cell error seen with it is usually the interruption itself.
  if (r.error) lines.push(`${r.name}.ipynb: ${r.error}`);
  if (r.failure) {
    const f = r.failure;
    lines.push(`${r.name}.ipynb: code cell ${f.cell} of ${r.codeCells} (cell #${f.index} in the file) failed: ${f.ename}: ${f.evalue}`);
    lines.push(...f.source.map((l) => `    > ${l}`));
    lines.push(...f.traceback.map((l) => `    ${l}`));
    if (r.skipped > 0) lines.push(`    (${r.skipped} later code cells did not run)`);
  }
  lines.push(`    executed copy: ${r.output}`);
  return lines.join("\n");
}

/**
 * Executes notebooks (all in the folder, sorted by name, or the ones named; ".ipynb" optional)
 * and writes the executed copies. Never throws for a failing notebook: check `ok`.
 */
export async function runNotebooks(names?: string[], opts: NotebookRunOptions = {}): Promise<NotebookRunSummary> {
  const dir = notebooksDir(opts);
  const outDir = path.resolve(opts.outDir ?? process.env.LAB_NOTEBOOKS_OUT ?? path.join(paths.build, "notebooks"));
  const log = opts.log ?? ((l: string) => console.log(l));
  const selected = resolveNames(names, dir);
  fs.mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const results: NotebookResult[] = [];
  if (selected.length === 0) log(`no notebooks in ${dir}`);
  for (const name of selected) {
    // On a terminal runOne shows the kernel's progress in place; elsewhere (CI, a log file, a
    // pipe) a line per notebook start says the runner is alive during long notebooks.
    if (!(process.stdout.isTTY && !opts.log)) log(`start ${name}.ipynb`);
    const r = await runOne(name, dir, outDir, opts);
    results.push(r);
    log(`${r.ok ? "ok  " : "FAIL"} ${name}.ipynb  ${r.seconds.toFixed(1)} s  (${r.executed}/${r.codeCells} code cells)`);
    if (!r.ok) {
      log(describeFailure(r));
      if (opts.failFast) break;
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const failed = results.filter((r) => !r.ok);
  log(
    `${results.length} notebook(s) in ${seconds.toFixed(1)} s: ${results.length - failed.length} passed, ${failed.length} failed` +
      (failed.length ? ` (${failed.map((r) => r.name).join(", ")})` : "") +
      `; executed copies in ${outDir}`,
  );
  return { ok: failed.length === 0, seconds, results };
}
