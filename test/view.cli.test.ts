// `lab view` from the command line: bad input refused with exit code 2 before anything listens, and
// a running viewer prints its URL, answers, and stops cleanly on Ctrl-C (SIGINT).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { runCli } from "../src/cli/dispatch";
import { commands } from "../src/cli/registry";
import { writeAuditRun } from "./helpers/view-fixtures";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "view-cli-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const run = path.join(tmp, "audit");
writeAuditRun(run);

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const code = await runCli(args, commands(), { out: () => undefined, err: (s) => (err += s + "\n") });
  return { code, err };
}

test("bad input is refused with exit code 2 and says what is wrong", async () => {
  const cases: [string[], RegExp][] = [
    [["view", run, "--host", "0.0.0.0"], /127\.0\.0\.1 only/],
    [["view", path.join(tmp, "missing")], /no such run folder or file/],
    [["view", run, "--port", "70000"], /--port/],
    [["view", run, "--port", "abc"], /--port/],
    [["view", run, "--idle-minutes", "0"], /--idle-minutes/],
    [["view", run, "--bogus"], /--bogus/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, message, args.join(" "));
  }
});

test("prints its URL, serves, and stops on SIGINT with exit code 0", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "src/cli/main.ts"), "view", run], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (c) => {
      out += c;
      const m = /viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before printing a URL: ${out}`)));
  });
  const meta = (await (await fetch(`${url}api/meta`)).json()) as { total: number };
  assert.equal(meta.total, 2);
  assert.match(out, /SIMULATED: 2 of 2 records/);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGINT");
  assert.equal(await exited, 0, out);
  assert.match(out, /viewer: stopped \(closed\)/);
  await assert.rejects(fetch(`${url}api/meta`), "nothing listens after the stop");
});

test("LAB_VIEW_IDLE_MINUTES out of range is refused naming the variable", async () => {
  const before = process.env.LAB_VIEW_IDLE_MINUTES;
  process.env.LAB_VIEW_IDLE_MINUTES = "-5";
  try {
    const r = await cli(["view", run]);
    assert.equal(r.code, 2);
    assert.match(r.err, /LAB_VIEW_IDLE_MINUTES/);
  } finally {
    if (before === undefined) delete process.env.LAB_VIEW_IDLE_MINUTES;
    else process.env.LAB_VIEW_IDLE_MINUTES = before;
  }
});

test("viewRuns outside a notebook prints the link and a short summary", async () => {
  const { viewRuns } = await import("../src/view");
  const printed: string[] = [];
  const log = console.log;
  console.log = (s: string) => printed.push(s);
  let viewer;
  try {
    viewer = await viewRuns(run);
  } finally {
    console.log = log;
  }
  try {
    const text = printed.join("\n");
    assert.match(text, new RegExp(`viewer: ${viewer.url.replace(/[.]/g, "\\.")}`));
    assert.match(text, /2 records from 1 run\(s\): audit \(2\)/);
    assert.match(text, /kinds: audit 2/);
    assert.match(text, /SIMULATED: 2 of 2 records/);
    assert.equal((await fetch(`${viewer.url}api/meta`)).status, 200);
  } finally {
    await viewer.close();
  }
});
