// A SIGKILL in the middle of an audit, then the same command: every turn that had finished (is in
// the cache) is not requested again, counted at the simulator, and the transcripts equal those of
// an uninterrupted run.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { readTranscripts } from "../src/audits/store";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "audit-resume-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const child = path.join(__dirname, "audits.resume-child.ts");

function run(cache: string, out: string, stats: string) {
  const p = spawn(process.execPath, ["--import", "tsx", child, cache, out, stats], { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  p.stderr.on("data", (d) => (err += d));
  const done = new Promise<number | null>((r) => p.once("exit", (code) => r(code)));
  return { p, done, err: () => err };
}

const cachedEntries = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM entries").get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const conversations = (dir: string) => readTranscripts(dir).map((t) => JSON.stringify([t.transcript_id, t.messages, t.ended_by])).sort();

test("SIGKILL mid-audit, then the same command: finished turns are not asked again, transcripts equal an uninterrupted run's", async () => {
  // The uninterrupted run, in its own cache.
  const whole = run(path.join(tmp, "whole.sqlite"), path.join(tmp, "whole"), path.join(tmp, "whole.json"));
  assert.equal(await whole.done, 0, whole.err());
  const total = JSON.parse(fs.readFileSync(path.join(tmp, "whole.json"), "utf8")).requests as number;
  const units = readTranscripts(path.join(tmp, "whole")).length;
  assert.equal(units, 2 * 2 * 3 * 2);

  // The same audit, killed once some transcripts are written.
  const cache = path.join(tmp, "killed.sqlite");
  const out = path.join(tmp, "killed");
  const first = run(cache, out, path.join(tmp, "first.json"));
  const file = path.join(out, "transcripts.jsonl");
  const lines = () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);
  // Waits on the file, not the clock (a loaded machine may take long to start the child); stops
  // waiting if the child ends first.
  while (lines() < 5 && first.p.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  first.p.kill("SIGKILL");
  await first.done;
  const written = lines();
  assert.ok(written >= 5 && written < units, `killed after ${written}/${units} transcripts`);
  const finished = cachedEntries(cache);
  assert.ok(finished > 0 && finished < total);

  const second = run(cache, out, path.join(tmp, "second.json"));
  assert.equal(await second.done, 0, second.err());
  const resumed = JSON.parse(fs.readFileSync(path.join(tmp, "second.json"), "utf8"));
  assert.equal(resumed.status, "finished");
  // Exactly the turns that had not finished reach the simulator: none of the cached ones again.
  assert.equal(resumed.requests, total - finished, `resumed run asked ${resumed.requests}, uninterrupted ${total}, cached before the kill ${finished}`);
  assert.deepEqual(conversations(out), conversations(path.join(tmp, "whole")));
  assert.equal(readTranscripts(out).length, units);
});
