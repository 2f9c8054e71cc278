// Test processes each own a folder in the system temp dir named after their pid (see isolate.ts).
// It is removed on exit, but a runner killed with SIGKILL (or a machine that lost power) runs no
// exit handler; the next test process sweeps such leftovers, judged by their owner being gone.
import * as fs from "node:fs";
import * as path from "node:path";
import { processAlive } from "../../src/core/lock";

export const TEST_FOLDER_PREFIX = "cluster-lab-test-";

/** The folder name for a test process: the prefix, its pid, then mkdtemp's random suffix. */
export const testFolderStem = (pid: number) => `${TEST_FOLDER_PREFIX}${pid}-`;

/** True when a process with this pid exists (the lock's own check: EPERM means it exists). */
export const pidAlive = processAlive;

/**
 * Removes `<base>/cluster-lab-test-<pid>-*` folders whose pid is not alive; returns their names.
 * Folders of live processes (another clone's tests running now) and anything not named this way
 * are left alone. A pid reused by an unrelated process only delays the sweep to a later run.
 */
export function sweepStaleTestFolders(base: string, alive: (pid: number) => boolean = pidAlive): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(base);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = /^cluster-lab-test-(\d+)-[^/]+$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      fs.rmSync(path.join(base, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      /* another sweeper got there first, or a permission we lack: leave it */
    }
  }
  return removed;
}
