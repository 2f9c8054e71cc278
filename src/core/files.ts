// Writing files so that a reader (or a crash) never sees half of one: write beside, then rename.
import * as fs from "node:fs";
import * as path from "node:path";

let counter = 0;

/**
 * Runs a write to `file`. A Node error raised on a file descriptor (write, fsync: a full disk) has
 * no path of its own; it gets `file`, so the message says which file could not be written.
 */
export function namingFile<T>(file: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err === "object" && typeof err.code === "string" && !err.path) {
      err.path = file;
      err.syscall ??= "write";
    }
    throw e;
  }
}

/** Writes text or bytes to `file` atomically, creating its folder. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // pid + counter: two writers (processes, or calls in one process) never share a temporary file.
  const tmp = `${file}.tmp-${process.pid}-${counter++}`;
  try {
    namingFile(file, () => fs.writeFileSync(tmp, data));
  } catch (e) {
    fs.rmSync(tmp, { force: true }); // a half-written temporary file (full disk) is not left behind
    throw e;
  }
  fs.renameSync(tmp, file);
}

/** Writes a run's manifest (or any JSON summary) atomically: indented, with a final newline. */
export function writeManifestFile(file: string, manifest: unknown): void {
  writeFileAtomic(file, JSON.stringify(manifest, null, 2) + "\n");
}
