// Where things live on disk. Every path is derived from the project root so that the CLI, tests
// and notebooks (whose working directory is notebooks/) agree without configuration.
import * as fs from "node:fs";
import * as path from "node:path";

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, "utf8")).name === "cluster-lab") return dir;
      } catch {
        /* keep walking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cluster-lab: no package.json named "cluster-lab" above ${start}`);
    dir = up;
  }
}

/** Project root; LAB_ROOT overrides (useful for tests that work in a temporary copy). */
export const projectRoot: string = process.env.LAB_ROOT ? path.resolve(process.env.LAB_ROOT) : findRoot(__dirname);

/**
 * Where runs, training data, fine-tuning registries and the call cache are written: data/ unless
 * LAB_OUTPUT_DIR moves them (the test suite points it at a temporary folder, so tests never write
 * into a developer's data/). Definitions and reference numbers are always read from data/.
 */
const outputRoot: string = process.env.LAB_OUTPUT_DIR?.trim() ? path.resolve(process.env.LAB_OUTPUT_DIR) : path.join(projectRoot, "data");

export const paths = {
  root: projectRoot,
  data: path.join(projectRoot, "data"),
  runs: path.join(outputRoot, "runs"),
  training: path.join(outputRoot, "training"),
  finetune: path.join(outputRoot, "finetune"),
  cache: path.join(outputRoot, "cache"),
  reference: path.join(projectRoot, "data", "reference"),
  figures: process.env.LAB_FIGURES_DIR ? path.resolve(process.env.LAB_FIGURES_DIR) : path.join(projectRoot, "figures"),
  notebooks: path.join(projectRoot, "notebooks"),
  build: path.join(projectRoot, "build"),
};
