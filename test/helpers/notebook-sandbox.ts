// A temporary copy of the project's notebook layout for tests that run a notebook in the tslab
// kernel: <tmp>/notebooks/<name>.ipynb beside <tmp>/dist and <tmp>/node_modules, symlinks to the
// project's. The notebook's `import … from "../dist"` and tslab's compile (rootDir = the notebook's
// folder) then work as they do in notebooks/, nothing is written at the project root, and `env`
// sends runs, training data, the cache and figures into <tmp>/data and <tmp>/figures. remove()
// deletes the whole folder (the symlinks, not what they point at).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { paths } from "../../src/core/paths";

export interface NotebookSandbox {
  root: string;
  /** Where the notebook under test goes (runNotebooks' `dir`). */
  dir: string;
  /** Where the executed notebooks are written (runNotebooks' `outDir`). */
  outDir: string;
  /** The runs folder the notebook writes into. */
  runs: string;
  /** Environment for the kernel: LAB_OUTPUT_DIR and LAB_FIGURES_DIR inside the sandbox. */
  env: Record<string, string>;
  remove(): void;
}

export function notebookSandbox(label: string): NotebookSandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `lab-nb-${label}-`));
  const dir = path.join(root, "notebooks");
  fs.mkdirSync(dir);
  for (const link of ["dist", "node_modules"]) fs.symlinkSync(path.join(paths.root, link), path.join(root, link), "dir");
  const data = path.join(root, "data");
  return {
    root,
    dir,
    outDir: path.join(root, "out"),
    runs: path.join(data, "runs"),
    env: { LAB_OUTPUT_DIR: data, LAB_FIGURES_DIR: path.join(root, "figures") },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
