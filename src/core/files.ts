// Writing files so that a reader (or a crash) never sees half of one: write beside, then rename.
import * as fs from "node:fs";
import * as path from "node:path";

let counter = 0;

/** Writes text or bytes to `file` atomically, creating its folder. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // pid + counter: two writers (processes, or calls in one process) never share a temporary file.
  const tmp = `${file}.tmp-${process.pid}-${counter++}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Writes a run's manifest (or any JSON summary) atomically: indented, with a final newline. */
export function writeManifestFile(file: string, manifest: unknown): void {
  writeFileAtomic(file, JSON.stringify(manifest, null, 2) + "\n");
}
