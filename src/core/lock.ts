// The one PID-file lock (run folders, fine-tuning launches): created with O_EXCL, holding
// {pid, at}. A lock is stale — and taken over — when its process is dead, when it names this
// process but this process does not hold it (a restarted container reuses pids), or when it was
// never completely written and is older than 5 s (younger, its writer may still be writing).
import * as fs from "node:fs";
import * as path from "node:path";
import { namingFile } from "./files";

const HALF_WRITTEN_STALE_MS = 5000;
const heldHere = new Set<string>();

export type LockAttempt = { acquired: true; release: () => void } | { acquired: false; holderPid: number | null; heldHere: boolean };

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One attempt to take the lock; a stale lock is removed and taken. Never waits. */
export function tryLock(file: string): LockAttempt {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    if (heldHere.has(file)) return { acquired: false, holderPid: process.pid, heldHere: true };
    try {
      const fd = fs.openSync(file, "wx");
      try {
        namingFile(file, () => fs.writeSync(fd, JSON.stringify({ pid: process.pid, at: new Date().toISOString() })));
      } catch (e) {
        // An empty lock (full disk) would read as "another run is writing" to every later run.
        fs.closeSync(fd);
        fs.rmSync(file, { force: true });
        throw e;
      }
      fs.closeSync(fd);
      heldHere.add(file);
      let released = false;
      return {
        acquired: true,
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(file);
          fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let pid: number | null = null;
    let ageMs = 0;
    try {
      ageMs = Date.now() - fs.statSync(file).mtimeMs;
      const v = JSON.parse(fs.readFileSync(file, "utf8")).pid;
      pid = typeof v === "number" ? v : null;
    } catch {
      /* half-written, or released just now */
    }
    const stale = pid !== null ? pid === process.pid || !processAlive(pid) : ageMs > HALF_WRITTEN_STALE_MS;
    if (!stale) return { acquired: false, holderPid: pid, heldHere: false };
    fs.rmSync(file, { force: true });
  }
  return { acquired: false, holderPid: null, heldHere: false };
}

/** Waits (polling every `waitMs`) until the lock is free, then takes it; returns the release. */
export async function waitForLock(file: string, waitMs = 200): Promise<() => void> {
  for (;;) {
    const a = tryLock(file);
    if (a.acquired) return a.release;
    await new Promise((r) => setTimeout(r, waitMs));
  }
}
