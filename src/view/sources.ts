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

/**
 * Run folders (or one of their files) → sources. A folder with none of the known files but with
 * run folders inside (such as data/runs) stands for those. Anything else is an error naming it.
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
    const own = sourceOf(abs);
    if (own) {
      out.push(own);
      continue;
    }
    const inner = fs
      .readdirSync(abs, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => sourceOf(path.join(abs, e.name)))
      .filter((s): s is RunSource => s !== null)
      .sort((a, b) => a.name.localeCompare(b.name));
    if (!inner.length) throw new InputError(`view: ${arg} has no ${Object.values(KNOWN_FILES).join(", ")} (nor run folders that do)`);
    out.push(...inner);
  }
  // One folder given twice is read once; two folders with one name get their parent's name too.
  const unique = [...new Map(out.map((s) => [s.dir, s])).values()];
  const counts = new Map<string, number>();
  for (const s of unique) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
  for (const s of unique) if (counts.get(s.name)! > 1) s.name = `${path.basename(path.dirname(s.dir))}/${s.name}`;
  return unique;
}
