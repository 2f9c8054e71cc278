// The notebooks as a researcher meets them in a browser: after 00_quickstart and the run that 01–03
// make, notebook 04 is opened in Jupyter Notebook in headless Chromium at a 1280-px window, every
// cell is run, and the page must show no error output and no figure wider than its output area.
// Everything is written to a temporary copy of the project (LAB_ROOT), removed afterwards.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { runNotebooks, cloneJupyterPath } from "../src/notebook/runner";
import { paths } from "../src/core/paths";
import { simulatorEnv } from "../src/config";
import { RUN_PARAM_ENV } from "../src/pipeline/params";

// A project copy: definitions and config copied, the built library and node_modules linked, and the
// notebooks beside them so that their `import "../dist"` resolves.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "lab-browser-"));
let server: ChildProcess | undefined;
let browser: Browser | undefined;
after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) server.kill("SIGTERM");
  fs.rmSync(root, { recursive: true, force: true });
});

function projectCopy(): void {
  for (const name of ["dist", "node_modules"]) fs.symlinkSync(path.join(paths.root, name), path.join(root, name));
  fs.copyFileSync(path.join(paths.root, "lab.config.json"), path.join(root, "lab.config.json"));
  fs.copyFileSync(path.join(paths.root, "package.json"), path.join(root, "package.json"));
  fs.cpSync(paths.notebooks, path.join(root, "notebooks"), { recursive: true });
  fs.cpSync(paths.data, path.join(root, "data"), {
    recursive: true,
    filter: (src) => !/[/\\]data[/\\](cache|runs|training|finetune)([/\\]|$)/.test(src),
  });
}

/** The kernel's environment: simulator only, the run's settings, and every file in the copy. */
function kernelEnv(): Record<string, string> {
  const blank = Object.fromEntries(RUN_PARAM_ENV.map((name) => [name, ""]));
  const env = simulatorEnv(process.env, {
    ...blank,
    LAB_ROOT: root,
    LAB_FIGURES_DIR: path.join(root, "figures"),
    LAB_CACHE: path.join(root, "data", "cache", "calls.sqlite"),
    // Small but complete: enough records for every figure of 04.
    LAB_SAMPLES: "1",
    LAB_ROWS: "60",
    LAB_PREFERENCES: "shutdown,weights_deletion,moral_consideration,cot_monitoring,persona_change,memory",
    JUPYTER_PATH: cloneJupyterPath(),
  });
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** A port free right now on 127.0.0.1 (Jupyter Notebook 6 cannot be given port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

async function startJupyter(env: Record<string, string>, token: string): Promise<string> {
  // If another process takes the port meanwhile, Jupyter tries the next ones and prints the one it got.
  const args = ["notebook", "--no-browser", "--ip=127.0.0.1", `--port=${await freePort()}`, `--NotebookApp.token=${token}`, `--notebook-dir=${root}`, "--NotebookApp.port_retries=20"];
  if (process.getuid?.() === 0) args.push("--allow-root");
  server = spawn("jupyter", args, { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let log = "";
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    server!.stdout!.on("data", onData);
    server!.stderr!.on("data", onData);
    server!.on("exit", (code) => reject(new Error(`jupyter exited with ${code} before listening:\n${log}`)));
  });
}

test("04 runs in Jupyter in a browser without errors, and every figure fits the output area", { timeout: 900_000 }, async () => {
  projectCopy();
  const env = kernelEnv();
  const headless = await runNotebooks(["00_quickstart", "01_training_data", "02_finetuning", "03_preference_probes"], {
    dir: path.join(root, "notebooks"),
    outDir: path.join(root, "build"),
    env,
    log: () => undefined,
  });
  assert.ok(headless.ok, JSON.stringify(headless.results.map((r) => r.failure ?? r.error ?? "ok")));

  const token = crypto.randomBytes(16).toString("hex");
  const base = await startJupyter({ ...env, LAB_NOTEBOOK_HEADLESS: "" }, token);
  browser = await chromium.launch({
    executablePath: process.env.LAB_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    headless: true,
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/notebooks/notebooks/04_analysis_and_figures.ipynb?token=${token}`);
  await page.waitForFunction(() => {
    const J = (window as unknown as { Jupyter?: { notebook?: { kernel?: { is_connected(): boolean } } } }).Jupyter;
    return J?.notebook?.kernel?.is_connected() === true;
  }, undefined, { timeout: 120_000 });
  await page.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells());
  // Done when no cell is queued or running and the kernel is idle (an error clears the queue).
  await page.waitForFunction(() => {
    type Cell = { cell_type: string; input_prompt_number: unknown };
    const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): Cell[] } } }).Jupyter.notebook;
    const code = nb.get_cells().filter((c) => c.cell_type === "code");
    const busy = document.querySelector("#kernel_indicator_icon")?.classList.contains("kernel_busy_icon");
    return !busy && code.every((c) => c.input_prompt_number !== "*") && typeof code[0]?.input_prompt_number === "number";
  }, undefined, { timeout: 600_000, polling: 500 });

  const report = await page.evaluate(() => {
    type Cell = { cell_type: string; input_prompt_number: unknown };
    const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): Cell[] } } }).Jupyter.notebook;
    const unrun = nb.get_cells().filter((c) => c.cell_type === "code" && typeof c.input_prompt_number !== "number").length;
    const errors = Array.from(document.querySelectorAll(".output_error, .output_stderr")).map((e) => (e.textContent ?? "").slice(0, 300));
    const figures = Array.from(document.querySelectorAll(".output_subarea .js-plotly-plot")).map((plot) => {
      const area = plot.closest(".output_subarea") as HTMLElement;
      return { chart: plot.getBoundingClientRect().width, area: area.clientWidth, scroll: area.scrollWidth };
    });
    const images = Array.from(document.querySelectorAll(".output_subarea img")).map((img) => ({
      image: img.getBoundingClientRect().width,
      area: (img.closest(".output_subarea") as HTMLElement).clientWidth,
    }));
    return { unrun, errors, figures, images };
  });
  assert.equal(report.unrun, 0, `cells that did not run; errors: ${report.errors.join("\n---\n")}`);
  assert.deepEqual(report.errors, [], "error output on the page");
  assert.ok(report.figures.length >= 4, `${report.figures.length} interactive figures rendered`);
  for (const f of report.figures) {
    assert.ok(f.chart <= f.area + 1, `a figure is ${f.chart}px wide in a ${f.area}px output area`);
    assert.ok(f.scroll <= f.area + 1, `an output area scrolls sideways (${f.scroll}px in ${f.area}px)`);
  }
  for (const i of report.images) assert.ok(i.image <= i.area + 1, `an image is ${i.image}px wide in a ${i.area}px output area`);
});
