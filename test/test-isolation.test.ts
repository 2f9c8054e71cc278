// The test suite's own hygiene: leftovers of a killed test process are swept, live ones are not.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pidAlive, sweepStaleTestFolders, testFolderStem } from "./helpers/stale-test-folders";

test("sweepStaleTestFolders removes only folders of dead test processes", () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-"));
  try {
    const make = (name: string) => {
      fs.mkdirSync(path.join(base, name, "data"), { recursive: true });
      fs.writeFileSync(path.join(base, name, "data", "records.jsonl"), "{}\n");
    };
    const dead = `${testFolderStem(101)}abc123`;
    const live = `${testFolderStem(202)}def456`;
    const own = `${testFolderStem(process.pid)}ghi789`;
    const unrelated = ["cluster-lab-test-XyZ12a", "cluster-lab-demo-303-aaa", "303-cluster-lab-test-"];
    for (const n of [dead, live, own, ...unrelated]) make(n);
    fs.writeFileSync(path.join(base, `${testFolderStem(404)}file`), "a file is swept too");

    const asked: number[] = [];
    const removed = sweepStaleTestFolders(base, (pid) => {
      asked.push(pid);
      return pid === 202;
    });

    assert.deepEqual(removed.sort(), [dead, `${testFolderStem(404)}file`].sort());
    assert.deepEqual(fs.readdirSync(base).sort(), [live, own, ...unrelated].sort());
    assert.ok(!asked.includes(process.pid), "its own folder is never a candidate");
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});

test("sweepStaleTestFolders on a missing folder removes nothing", () => {
  assert.deepEqual(sweepStaleTestFolders(path.join(os.tmpdir(), "no-such-folder-here")), []);
});

test("pidAlive: this process is alive, a pid above the kernel's maximum is not", () => {
  assert.equal(pidAlive(process.pid), true);
  assert.equal(pidAlive(4_194_305), false);
});
