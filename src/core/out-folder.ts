// Checks an output folder before any work, without creating anything: a path that is (or runs
// through) a file, a folder on a read-only mount or without write permission, or a disk with no
// room is refused up front (exit 2) with the path and what to do — instead of a raw Node error
// after the estimate, or a failure in the middle of a paid run. Root passes permission checks; so
// do its writes, so the check agrees with what will happen.
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "./errors";

/** Below this much free space a run cannot write its manifest and first records. */
export const MIN_FREE_BYTES = 64 * 1024;

export interface OutFolderProbe {
  /** Free bytes for this user on the file system holding `dir` (default: statfs). */
  freeBytes?(dir: string): number;
}

function freeBytesOf(dir: string): number {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity; // a file system statfs cannot read: the writes themselves will say
  }
}

/** The deepest part of `p` that exists (itself, a parent, … up to the root). */
function existingAncestor(p: string): string {
  let at = p;
  while (!fs.existsSync(at)) {
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  return at;
}

/** Throws an InputError naming `flag`, the path and the fix when `dir` cannot be written. */
export function checkOutFolder(dir: string, flag = "--out", probe: OutFolderProbe = {}): void {
  const abs = path.resolve(dir);
  const at = existingAncestor(abs);
  const example = `(e.g. ${flag} data/runs/<id>)`;
  if (!fs.statSync(at).isDirectory())
    throw new InputError(at === abs ? `${flag} ${dir} is a file, not a folder; give a folder ${example}` : `${flag} ${dir}: ${at} is a file, not a folder, so the folder cannot be made inside it; give another path ${example}`);
  try {
    fs.accessSync(at, fs.constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EROFS") throw new InputError(`${flag} ${dir}: ${at} is on a read-only file system; write to another folder ${example}`);
    throw new InputError(`${flag} ${dir}: no permission to write in ${at} (${code}); choose a folder you can write to ${example} or fix its permissions`);
  }
  const free = (probe.freeBytes ?? freeBytesOf)(at);
  if (free < MIN_FREE_BYTES)
    throw new InputError(`${flag} ${dir}: the disk holding ${at} is full (${free} bytes free); free space or write to another disk ${example}, then run the same command again`);
}
