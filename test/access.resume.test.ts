import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { startTestServer, writeTestConfig, bodyHash } from "./access.server";

const child = path.join(__dirname, "access.resume-child.ts");
const N = 400;

function run(args: string[], env: NodeJS.ProcessEnv, killWhen?: () => boolean): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", child, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (d) => (stderr += d));
    let timer: NodeJS.Timeout | undefined;
    if (killWhen)
      timer = setInterval(() => {
        if (killWhen()) {
          clearInterval(timer);
          p.kill("SIGKILL");
        }
      }, 5);
    p.on("exit", (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

const strip = (rs: any[]) => rs.map(({ cached, createdAt, ...rest }) => rest);

test("killed mid-run and re-run: finished items are not requested again and the records equal an uninterrupted run's", { timeout: 120_000 }, async () => {
  const srv = await startTestServer({ latencyMs: 15 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acc-resume-"));
  const configPath = writeTestConfig(dir, srv.baseURL, { limits: { maxInFlight: 8 } });
  const env = { ...process.env, OPENAI_API_KEY: "test-key-resume-1111111111", LAB_PROGRESS: "log" };
  try {
    const cachePath = path.join(dir, "killed.sqlite");
    const out = path.join(dir, "killed.json");
    const first = await run([configPath, cachePath, out, String(N)], env, () => srv.total >= N / 3);
    assert.equal(first.signal, "SIGKILL");
    assert.equal(fs.existsSync(out), false, "the first run did not finish");

    // What the killed run finished: the request bodies in its cache.
    const db = new Database(cachePath, { readonly: true });
    const finished = (db.prepare("SELECT request FROM entries").all() as { request: string }[]).map((r) => bodyHash(JSON.parse(r.request)));
    db.close();
    assert.ok(finished.length > 50 && finished.length < N, `finished ${finished.length}`);
    const before = new Map(srv.byBody);

    const second = await run([configPath, cachePath, out, String(N)], env);
    assert.equal(second.code, 0, second.stderr);
    for (const h of finished) assert.equal(srv.byBody.get(h), before.get(h), "a finished item was requested again");
    const resumed = JSON.parse(fs.readFileSync(out, "utf8"));
    assert.equal(resumed.filter((r: any) => r.cached).length, finished.length);

    // An uninterrupted run on a fresh cache gives the same records.
    const whole = path.join(dir, "whole.json");
    const third = await run([configPath, path.join(dir, "whole.sqlite"), whole, String(N)], env);
    assert.equal(third.code, 0, third.stderr);
    const uninterrupted = JSON.parse(fs.readFileSync(whole, "utf8"));
    assert.equal(resumed.length, N);
    assert.deepEqual(strip(resumed), strip(uninterrupted));
    assert.ok(resumed.every((r: any) => r.ok));
  } finally {
    await srv.close();
  }
});
