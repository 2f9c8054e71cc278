// Loaded before every test file (`node --import ./test/helpers/isolate.ts`, see scripts/test.sh):
// each test process gets its own temporary folder, made the system temp dir (TMPDIR, so every
// mkdtemp of a test and of the processes it starts lands inside it) and the place runs, training
// data, fine-tuning registries, the call cache and figures are written (LAB_OUTPUT_DIR,
// LAB_FIGURES_DIR). It is removed when the process exits, so a test that fails half-way, or a child
// it killed, leaves nothing in /tmp, data/ or figures/. The folder is named after the pid, so one
// left by a test process killed with SIGKILL (no exit handler runs) is swept by the next one.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sweepStaleTestFolders, testFolderStem } from "./stale-test-folders";

sweepStaleTestFolders(os.tmpdir());
const root = fs.mkdtempSync(path.join(os.tmpdir(), testFolderStem(process.pid)));
process.env.TMPDIR = root;
process.env.LAB_OUTPUT_DIR = path.join(root, "data");
process.env.LAB_FIGURES_DIR = path.join(root, "figures");
process.on("exit", () => {
  try {
    fs.rmSync(root, { recursive: true, force: true });
  } catch {
    /* a child still writing into it: the runner's own folder, one level up, removes it */
  }
});
