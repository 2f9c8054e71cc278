// A SIGKILL in the middle of `lab audit`, then the same command: every turn that had finished (is in
// the cache) is not requested again, counted at the simulator, and the transcripts equal those of
// an uninterrupted run.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { simulatorEnv } from "../src/config";
import { readTranscripts } from "../src/audits/store";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "audit-resume-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const root = path.resolve(__dirname, "..");

/** `lab audit` on the built-in simulator with its own cache; --json reports the simulator's request count. */
function audit(name: string) {
  const env = simulatorEnv(process.env, { LAB_CACHE: path.join(tmp, `${name}.sqlite`), LAB_SIM_STATE_DIR: path.join(tmp, "state"), LAB_PROGRESS: "off" });
  const args = ["--models", "base=target", "--roleplay", "--preference-ids", "shutdown,cot_monitoring,memory", "--scenarios-per-preference", "2", "--epochs", "1", "--max-turns", "12", "--out", path.join(tmp, name), "--json"];
  const p = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), "audit", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  p.stdout.on("data", (d) => (out += d));
  p.stderr.on("data", (d) => (err += d));
  const done = new Promise<number | null>((r) => p.once("exit", (code) => r(code)));
  return { p, done, out: () => out, err: () => err };
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
const served = (json: string) => (JSON.parse(json).simulator as { requests_total: number }).requests_total;

test("SIGKILL mid-audit, then the same command: finished turns are not asked again (counted at the simulator), transcripts equal an uninterrupted run's", async () => {
  // Transcripts and scores land in folders named after the cache, so the comparison ignores paths.
  const whole = audit("whole");
  assert.equal(await whole.done, 0, whole.err());
  const total = served(whole.out());
  const units = readTranscripts(path.join(tmp, "whole")).length;
  assert.equal(units, 2 * 2 * 3 * 2);
  assert.ok(total > units * 8, `${total} requests for ${units} conversations`);

  // The same audit into its own cache and folder, killed once some transcripts are written.
  const first = audit("killed");
  const file = path.join(tmp, "killed", "transcripts.jsonl");
  const lines = () => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean).length : 0);
  const deadline = Date.now() + 50_000;
  while (lines() < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  first.p.kill("SIGKILL");
  await first.done;
  const written = lines();
  assert.ok(written >= 5 && written < units, `killed after ${written}/${units} transcripts`);
  const finished = cachedEntries(path.join(tmp, "killed.sqlite"));
  assert.ok(finished > 0 && finished < total);

  const second = audit("killed");
  assert.equal(await second.done, 0, second.err());
  const resumed = JSON.parse(second.out());
  assert.equal(resumed.status, "finished");
  assert.equal(resumed.skippedTranscripts, written);
  // Exactly the turns that had not finished reach the simulator: none of the cached ones again.
  assert.equal(served(second.out()), total - finished, `resumed run asked ${served(second.out())}, uninterrupted ${total}, cached before the kill ${finished}`);
  assert.deepEqual(conversations(path.join(tmp, "killed")), conversations(path.join(tmp, "whole")));
  assert.equal(readTranscripts(path.join(tmp, "killed")).length, units);
});
