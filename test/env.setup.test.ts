// npm run setup: a second run is a no-op; a kernel registered against another tslab is replaced;
// a non-root user without the Debian packages gets the exact apt command; as root the missing ones
// are installed. apt-get is always a stub that records its arguments: the tests never run it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** A folder put first on PATH: apt-get there appends its arguments to apt-get.log and succeeds. */
function stubBin(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "lab-fakebin-"));
  fs.writeFileSync(path.join(bin, "apt-get"), `#!/bin/sh\necho "$@" >> "${bin}/apt-get.log"\n`, { mode: 0o755 });
  return bin;
}
const aptCalls = (bin: string): string[] =>
  fs.existsSync(path.join(bin, "apt-get.log")) ? fs.readFileSync(path.join(bin, "apt-get.log"), "utf8").trim().split("\n") : [];

function setup(env: Record<string, string> = {}, bin = stubBin()): { status: number | null; out: string; apt: string[] } {
  const run = spawnSync("bash", ["scripts/setup.sh"], {
    cwd: ROOT,
    encoding: "utf8",
    // The user-wide kernel is looked for in a temporary Jupyter data folder, never the user's.
    env: { ...process.env, JUPYTER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "lab-jupyter-")), ...env, PATH: `${bin}:${env.PATH ?? process.env.PATH}` },
    timeout: 600_000,
  });
  return { status: run.status, out: run.stdout + run.stderr, apt: aptCalls(bin) };
}

test("a second setup run does nothing", () => {
  const jupyter = { JUPYTER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "lab-jupyter-")) };
  const first = setup(jupyter);
  assert.equal(first.status, 0, first.out);
  const second = setup(jupyter);
  assert.equal(second.status, 0, second.out);
  const steps = second.out.split("\n").filter((l) => /^setup: \[[1-5]\/5\]/.test(l));
  assert.equal(steps.length, 5, second.out);
  for (const line of steps) assert.match(line, /nothing to do$/, line);
  assert.doesNotMatch(second.out, /npm ci|apt-get|installing|registering|building/i);
  assert.deepEqual(second.apt, [], "apt-get was not called");
});

function userKernel(data: string, bin: string): string {
  const spec = path.join(data, "kernels", "tslab", "kernel.json");
  fs.mkdirSync(path.dirname(spec), { recursive: true });
  fs.writeFileSync(spec, JSON.stringify({ argv: [bin, "kernel", "--config-path", "{connection_file}"] }));
  return spec;
}

const OWN_TSLAB = path.join(ROOT, "node_modules", ".bin", "tslab");

test("a user-wide tslab kernel whose tslab is gone is re-registered against this clone", () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "lab-jupyter-"));
  try {
    const spec = userKernel(data, "/elsewhere/node_modules/.bin/tslab");
    const run = setup({ JUPYTER_DATA_DIR: data });
    assert.equal(run.status, 0, run.out);
    assert.match(run.out, /points at \/elsewhere\/node_modules\/\.bin\/tslab, which is gone/);
    assert.equal((JSON.parse(fs.readFileSync(spec, "utf8")) as { argv: string[] }).argv[0], OWN_TSLAB);
    const again = setup({ JUPYTER_DATA_DIR: data });
    assert.match(again.out, /\[3\/5\] tslab kernel: registered for this clone .*nothing to do/);
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
});

test("another clone's working user-wide kernel is left alone; this clone uses its own", () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "lab-jupyter-"));
  try {
    // A second clone's tslab that exists: setup must not re-point the user-wide kernel at us.
    const other = path.join(data, "other-clone", "tslab");
    fs.mkdirSync(path.dirname(other), { recursive: true });
    fs.writeFileSync(other, "#!/bin/sh\n", { mode: 0o755 });
    const spec = userKernel(data, other);
    const run = setup({ JUPYTER_DATA_DIR: data });
    assert.equal(run.status, 0, run.out);
    assert.match(run.out, /the user-wide kernel belongs to .*other-clone\/tslab and is left alone/);
    assert.equal((JSON.parse(fs.readFileSync(spec, "utf8")) as { argv: string[] }).argv[0], other);
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, ".jupyter", "share", "jupyter", "kernels", "tslab", "kernel.json"), "utf8")) as { argv: string[] };
    assert.equal(own.argv[0], OWN_TSLAB);
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
});

/** dpkg-query reports chromium as not installed; id reports the given uid. */
function missingChromium(bin: string, uid: number): void {
  fs.writeFileSync(
    path.join(bin, "dpkg-query"),
    `#!/bin/sh\nfor a in "$@"; do last="$a"; done\n[ "$last" = chromium ] && exit 1\necho "install ok installed"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(bin, "id"), `#!/bin/sh\necho ${uid}\n`, { mode: 0o755 });
}

test("as root with a Debian package missing, setup installs exactly the missing ones", () => {
  const bin = stubBin();
  try {
    missingChromium(bin, 0);
    const run = setup({}, bin);
    assert.equal(run.status, 0, run.out);
    assert.match(run.out, /\[1\/5\] system packages: installing chromium/);
    assert.deepEqual(run.apt, ["update -qq", "install -y -qq chromium"]);
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test("without root and with a Debian package missing, setup stops with the exact apt command", () => {
  const bin = stubBin();
  try {
    missingChromium(bin, 1000);
    const run = setup({}, bin);
    assert.equal(run.status, 1, run.out);
    assert.match(run.out, /missing Debian packages: chromium/);
    assert.match(run.out, /sudo apt-get update && sudo apt-get install -y chromium\n/);
    assert.doesNotMatch(run.out, /\[2\/5\]/, "stops before touching node_modules");
    assert.deepEqual(run.apt, [], "apt-get was not called");
  } finally {
    fs.rmSync(bin, { recursive: true, force: true });
  }
});
