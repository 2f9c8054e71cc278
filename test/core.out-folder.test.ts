// Output folders that cannot be written are refused before any work with the path and the fix, and
// a write that fails on a full disk names its file (a file descriptor error has no path of its own)
// and leaves no half-written lock behind to block the re-run.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkOutFolder, MIN_FREE_BYTES } from "../src/core/out-folder";
import { appendJsonl } from "../src/core/jsonl";
import { writeFileAtomic } from "../src/core/files";
import { tryLock } from "../src/core/lock";
import { describeError, exitCodeOf, InputError } from "../src/core/errors";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-out-folder-"));
after(() => {
  fs.chmodSync(path.join(dir, "locked"), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});
fs.writeFileSync(path.join(dir, "afile"), "x");
fs.mkdirSync(path.join(dir, "locked"), { mode: 0o555 });
fs.chmodSync(path.join(dir, "locked"), 0o555);
const isRoot = process.getuid?.() === 0;
// The fs module object itself (the sources read their functions from it at call time), for mocking.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs: typeof fs = require("node:fs");

const refused = (fn: () => void, pattern: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof InputError, String(e));
    assert.equal(exitCodeOf(e), 2);
    assert.match((e as Error).message, pattern);
    return true;
  });

test("a folder to be made (several levels deep) in a writable folder with room passes, and nothing is created", () => {
  const out = path.join(dir, "new", "deeper", "run");
  checkOutFolder(out);
  assert.ok(!fs.existsSync(path.join(dir, "new")), "the check creates nothing");
});

test("--out at a file, or through one, names the file", () => {
  refused(() => checkOutFolder(path.join(dir, "afile")), /--out .*afile is a file, not a folder/);
  refused(() => checkOutFolder(path.join(dir, "afile", "run"), "--out"), /--out .*afile\/run: .*afile is a file, not a folder, so the folder cannot be made inside it/);
});

test("a full disk is refused with the folder and what to do (free space measured by statfs, injected here)", () => {
  refused(() => checkOutFolder(path.join(dir, "run"), "--out", { freeBytes: () => 4096 }), /--out .*\/run: the disk holding .*lab-out-folder-[^ ]* is full \(4096 bytes free\); free space or write to another disk/);
  checkOutFolder(path.join(dir, "run"), "--out", { freeBytes: () => MIN_FREE_BYTES });
});

test("a folder without write permission names the folder", { skip: isRoot ? "running as root: permission bits do not stop root's writes, so there is nothing to refuse (the check agrees with what a write would do)" : false }, () => {
  refused(() => checkOutFolder(path.join(dir, "locked", "run")), /no permission to write in .*locked \(EACCES\)/);
});

test("a write to a full device names the file, with the 'free space and run again' hint (exit 1)", { skip: fs.existsSync("/dev/full") ? false : "no /dev/full on this system" }, () => {
  try {
    appendJsonl("/dev/full", [{ a: 1 }]);
    assert.fail("appending to /dev/full succeeded");
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, "ENOSPC");
    assert.match(describeError(e), /disk full writing \/dev\/full; free space and run the same command again/);
    assert.equal(exitCodeOf(e), 1);
  }
});

test("a lock whose write fails (full disk) is removed, so the re-run is not told another run holds the folder", (t) => {
  const file = path.join(dir, "lockdir", ".probe.lock");
  const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
  const m = t.mock.method(nodeFs, "writeSync", () => {
    throw full;
  });
  assert.throws(() => tryLock(file), (e: unknown) => (e as NodeJS.ErrnoException).path === file);
  m.mock.restore();
  assert.ok(!fs.existsSync(file), "no empty lock left behind");
  const again = tryLock(file);
  assert.ok(again.acquired, "the next attempt takes the lock");
  if (again.acquired) again.release();
});

test("an atomic write that fails leaves no temporary file and names the target", (t) => {
  const target = path.join(dir, "atomic", "manifest.json");
  const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
  t.mock.method(nodeFs, "writeFileSync", (f: string) => {
    const fd = nodeFs.openSync(f, "w"); // what a full disk leaves: part of the data
    nodeFs.writeSync(fd, "half");
    nodeFs.closeSync(fd);
    throw full;
  });
  assert.throws(() => writeFileAtomic(target, "{}"), (e: unknown) => (e as NodeJS.ErrnoException).path === target);
  t.mock.restoreAll();
  assert.deepEqual(fs.readdirSync(path.dirname(target)), [], "no .tmp file left");
});
