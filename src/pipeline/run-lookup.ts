// Notebooks follow one another through the run id of the parameters cell: 01 writes training data,
// 02 fine-tunes, 03 probes into data/runs/<run-id>/, 04–06 read it. A notebook opened out of
// order must say which notebook (or command) makes what it needs, not fail with a stack trace.
import * as fs from "node:fs";
import * as path from "node:path";
import { paths } from "../core/paths";
import type { RunParams } from "./params";
import { InputError } from "../core/errors";

/** The probe runs present under data/runs/ (folders holding a records.jsonl). */
export function probeRunsPresent(runsDir: string = paths.runs): string[] {
  try {
    return fs
      .readdirSync(runsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(runsDir, d.name, "records.jsonl")))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * The run folder of these parameters, or an error that names the notebook and the command that
 * make it, and the runs that do exist (for instance 00_quickstart's "quickstart").
 */
export function requireProbeRun(params: Pick<RunParams, "runId">, runsDir: string = paths.runs): string {
  const runDir = path.join(runsDir, params.runId);
  if (fs.existsSync(path.join(runDir, "records.jsonl"))) return runDir;
  const present = probeRunsPresent(runsDir);
  const others = present.length
    ? ` Runs that exist: ${present.join(", ")}; to use one, set runId in the parameters cell (e.g. lab.runParams({ runId: "${present[0]}" })) or LAB_RUN_ID.`
    : "";
  throw new InputError(
    `no probe records for run "${params.runId}" (${runDir}/records.jsonl). ` +
      `Notebook 03_preference_probes makes them (after 01_training_data and 02_finetuning), ` +
      `or from a terminal: npm run lab -- replicate.${others}`,
  );
}
