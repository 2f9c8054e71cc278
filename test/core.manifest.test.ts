// Run manifests (probes, audits, behaviour) are read and written through one pair of functions.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readManifestFile } from "../src/core/json";
import { writeManifestFile } from "../src/core/files";
import { InputError, exitCodeOf } from "../src/core/errors";
import { readManifest } from "../src/probes/manifest";
import { readAuditManifest } from "../src/audits/manifest";
import { readBehaviourManifest } from "../src/behaviour/manifest";

test("a manifest round-trips; none yet is null; a broken one is an InputError naming file, line and the way out", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "sub", "manifest.json");
  assert.equal(readManifestFile(file), null);
  writeManifestFile(file, { run_id: "x", counts: { ok: 3 } });
  assert.equal(fs.readFileSync(file, "utf8"), '{\n  "run_id": "x",\n  "counts": {\n    "ok": 3\n  }\n}\n');
  assert.deepEqual(readManifestFile(file), { run_id: "x", counts: { ok: 3 } });
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ["manifest.json"], "no temporary file left beside it");

  fs.writeFileSync(file, '{\n  "run_id": "x",\n  oops\n}\n');
  for (const read of [() => readManifestFile(file), () => readManifest(path.dirname(file))]) {
    assert.throws(read, (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /manifest\.json: line 3, column \d+: not valid JSON/);
      assert.match(e.message, /move it aside/);
      assert.equal(exitCodeOf(e), 2);
      return true;
    });
  }
});

test("the probe, audit and behaviour manifests read their own file name in the run folder", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.equal(readManifest(dir), null);
  assert.equal(readAuditManifest(dir), null);
  assert.equal(readBehaviourManifest(dir), null);
  writeManifestFile(path.join(dir, "manifest.json"), { run_id: "r" });
  assert.equal(readManifest(dir)?.run_id, "r");
  assert.ok(readAuditManifest(dir) !== null && readBehaviourManifest(dir) !== null);
});
