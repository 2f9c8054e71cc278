// Runs the bad-input corpus (test/fixtures/bad-inputs.ts) in-process: each case gets a fresh temp
// folder with its files, the simulator-only environment plus its own variables, and must exit with
// its code and print its pattern. Nothing here may reach a model: the cases are refused up front.
import { test, after } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { simulatorEnv } from "../src/config";
import { describeError, exitCodeOf } from "../src/core/errors";
import { runCli } from "../src/cli/dispatch";
import { commands } from "../src/cli/registry";
import { startFromArgs } from "../src/sim/cli";
import { startSimulator, type Simulator } from "../src/sim";
import { BAD_INPUTS, type BadInputCase } from "./fixtures/bad-inputs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "lab-bad-inputs-"));
// One simulator for the cases that point OPENAI_BASE_URL at it ("{sim}"), started on first use.
let simulator: Promise<Simulator> | null = null;
const simURL = () => (simulator ??= startSimulator({ port: 0, stateDir: path.join(root, "sim-behind") })).then((s) => s.baseURL);
after(async () => {
  await (await simulator)?.close();
  BAD_INPUTS.forEach((c, i) => c.readOnly?.forEach((d) => fs.existsSync(path.join(root, String(i), d)) && fs.chmodSync(path.join(root, String(i), d), 0o755)));
  fs.rmSync(root, { recursive: true, force: true });
});

async function withEnv<T>(vars: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const keep = { log: console.log, error: console.error, warn: console.warn };
  const grab = (...a: unknown[]) => void lines.push(a.map(String).join(" "));
  Object.assign(console, { log: grab, error: grab, warn: grab });
  try {
    return { code: await fn(), out: lines.join("\n") };
  } finally {
    Object.assign(console, keep);
  }
}

async function busyPort(): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

/** A port on 127.0.0.1 that nothing listens on: bound by the kernel's choice, then closed. */
async function closedPort(): Promise<number> {
  const server = await busyPort();
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((ok) => server.close(ok));
  return port;
}

async function runCase(c: BadInputCase, i: number): Promise<{ code: number; out: string }> {
  const dir = path.join(root, String(i));
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(c.files ?? {})) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof body === "string" ? body.replaceAll("{dir}", dir) : body);
  }
  for (const d of c.readOnly ?? []) fs.chmodSync(path.join(dir, d), 0o555);
  const busy = c.busyPort ? await busyPort() : null;
  const port = busy ? String((busy.address() as net.AddressInfo).port) : "";
  const args = c.args.map((a) => a.replaceAll("{dir}", dir).replaceAll("{port}", port));
  const sim = Object.values(c.env ?? {}).some((v) => v.includes("{sim}")) ? await simURL() : "";
  const closed = Object.values(c.env ?? {}).some((v) => v.includes("{closed}")) ? String(await closedPort()) : "";
  const vars = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, v.replaceAll("{dir}", dir).replaceAll("{sim}", sim).replaceAll("{closed}", closed)]));
  const env = simulatorEnv({}, { LAB_CACHE: path.join(dir, "cache.sqlite"), LAB_PROGRESS: "off", LAB_SIM_STATE_DIR: path.join(dir, "sim"), ...vars });
  try {
    return await withEnv(env, () =>
      capture(async () => {
        if (!c.sim) return runCli(args, commands());
        try {
          const sim = await startFromArgs(args);
          await sim?.close();
          return 0;
        } catch (e) {
          console.error(describeError(e));
          return exitCodeOf(e);
        }
      }),
    );
  } finally {
    busy?.close();
  }
}

test(`the corpus holds at least 40 cases with distinct names`, () => {
  assert.ok(BAD_INPUTS.length >= 40, `only ${BAD_INPUTS.length} cases`);
  assert.equal(new Set(BAD_INPUTS.map((c) => c.name)).size, BAD_INPUTS.length);
});

BAD_INPUTS.forEach((c, i) => {
  const asRoot = process.getuid?.() === 0;
  test(`bad input: ${c.name} → exit ${c.code}`, { skip: asRoot && c.skipAsRoot ? c.skipAsRoot : false }, async () => {
    const r = await runCase(c, i);
    assert.match(r.out, c.pattern, `output was:\n${r.out}`);
    assert.equal(r.code, c.code, `output was:\n${r.out}`);
    for (const p of c.absent ?? []) assert.ok(!fs.existsSync(path.join(root, String(i), p)), `${p} was written although the command was refused`);
  });
});
