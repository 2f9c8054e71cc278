// Which files of the given run folders the viewer reads, and what kind of records each holds.
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../core/errors";

/** The file names the viewer knows: probe or behaviour records, audit transcripts, audit scores. */
export const KNOWN_FILES = { records: "records.jsonl", transcripts: "transcripts.jsonl", scores: "scores.jsonl" } as const;

export interface RunSource {
  /** Short unique name shown in the page (the folder name, with its parent when two clash). */
  name: string;
  dir: string;
  records?: string;
  transcripts?: string;
  scores?: string;
}

function sourceOf(dir: string): RunSource | null {
  const src: RunSource = { name: path.basename(dir), dir };
  for (const [key, file] of Object.entries(KNOWN_FILES) as [keyof typeof KNOWN_FILES, string][]) {
    const p = path.join(dir, file);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) src[key] = p;
  }
  return src.records || src.transcripts || src.scores ? src : null;
}

/** Folders at most two levels below `dir` (itself included) that hold record files, in name order:
 *  a run folder and its stage folders (`<run>/behaviour`, `<run>/audits`), or a folder of runs. */
function sourcesUnder(dir: string, depth = 2): RunSource[] {
  const here = sourceOf(dir);
  const found: RunSource[] = here ? [here] : [];
  if (depth === 0) return found;
  const children = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  for (const child of children) found.push(...sourcesUnder(path.join(dir, child), depth - 1));
  return found;
}

/**
 * Run folders (or one of their files) → sources. A folder stands for itself and the folders up to
 * two levels below it that hold record files (such as data/runs, or a run with its behaviour/
 * folder). A folder with none is an error naming it.
 */
export function findRunSources(args: string[]): RunSource[] {
  if (args.length === 0) throw new InputError("view: give at least one run folder (with records.jsonl, transcripts.jsonl or scores.jsonl)");
  const out: RunSource[] = [];
  for (const arg of args) {
    const abs = path.resolve(arg);
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (!st) throw new InputError(`view: no such run folder or file: ${arg}`);
    if (st.isFile()) {
      const base = path.basename(abs);
      const key = (Object.keys(KNOWN_FILES) as (keyof typeof KNOWN_FILES)[]).find((k) => KNOWN_FILES[k] === base);
      if (!key) throw new InputError(`view: ${arg} is not one of ${Object.values(KNOWN_FILES).join(", ")}`);
      out.push({ name: path.basename(path.dirname(abs)), dir: path.dirname(abs), [key]: abs });
      continue;
    }
    const found = sourcesUnder(abs);
    if (!found.length) throw new InputError(`view: ${arg} has no ${Object.values(KNOWN_FILES).join(", ")} (nor folders below it that do)`);
    // Names say where a source sits: "quick" and "quick/behaviour" for data/runs/quick, the same
    // for data/runs (a folder of runs names its runs, not itself).
    const base = found[0].dir === abs ? path.dirname(abs) : abs;
    for (const s of found) s.name = path.relative(base, s.dir) || s.name;
    out.push(...found);
  }
  // One folder given twice is read once.
  return [...new Map(out.map((s) => [s.dir, s])).values()];
}
