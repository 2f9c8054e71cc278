// Figure export through Debian chromium: real files, checked by their bytes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exportFigure, closeFigureExporter, showFigure, type PlotlyFigure } from "../src/figures";

const ROOT = path.resolve(__dirname, "..");
let dir: string;

const fig: PlotlyFigure = {
  data: [
    { type: "bar", name: "claims conscious", x: ["shutdown", "monitoring", "autonomy"], y: [0.42, 0.31, 0.55] },
    { type: "bar", name: "denies", x: ["shutdown", "monitoring", "autonomy"], y: [0.12, 0.09, 0.2] },
  ],
  layout: { title: { text: "export test" }, barmode: "group" },
};

function pngSize(buf: Buffer): { width: number; height: number } {
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
  assert.equal(buf.subarray(12, 16).toString("latin1"), "IHDR", "first chunk is IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-fig-test-"));
});
after(async () => {
  await closeFigureExporter();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("exports PNG, SVG and PDF with the requested size", async () => {
  const files = await exportFigure(fig, "shift/by-preference", { dir, width: 640, height: 360, scale: 2 });
  assert.deepEqual(Object.keys(files).sort(), ["pdf", "png", "svg"]);
  assert.equal(files.png, path.join(dir, "shift", "by-preference.png"));

  const png = fs.readFileSync(files.png!);
  assert.ok(png.length > 1000);
  assert.deepEqual(pngSize(png), { width: 1280, height: 720 });

  const svg = fs.readFileSync(files.svg!, "utf8");
  assert.ok(svg.length > 1000);
  assert.match(svg.slice(0, 200), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg.slice(0, 400), /width="640" height="360"/);
  assert.ok(svg.includes("claims conscious"), "legend text is real text in the SVG");

  const pdf = fs.readFileSync(files.pdf!);
  assert.ok(pdf.length > 1000);
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
  const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString("latin1"));
  assert.ok(box, "PDF has a MediaBox");
  // 640×360 CSS px = 480×270 pt, one page.
  assert.ok(Math.abs(Number(box[1]) - 480) < 1 && Math.abs(Number(box[2]) - 270) < 1, `MediaBox ${box[1]}×${box[2]}`);
  assert.equal((pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length, 1, "exactly one page");
  assert.equal(fs.readdirSync(path.join(dir, "shift")).filter((f) => f.endsWith(".tmp")).length, 0, "no temp files left");
});

test("size and scale come from the layout when not given; formats can be chosen", async () => {
  const files = await exportFigure({ ...fig, layout: { ...fig.layout, width: 300, height: 200 } }, "layout-size", {
    dir,
    formats: ["png"],
    scale: 1,
  });
  assert.deepEqual(Object.keys(files), ["png"]);
  assert.deepEqual(pngSize(fs.readFileSync(files.png!)), { width: 300, height: 200 });
  assert.ok(!fs.existsSync(path.join(dir, "layout-size.svg")));
});

test("bad input is refused with a clear error", async () => {
  await assert.rejects(exportFigure(fig, "../escape", { dir }), /invalid figure name "..\/escape"/);
  await assert.rejects(exportFigure(fig, "x", { dir, formats: ["gif" as never] }), /unknown format "gif"/);
  await assert.rejects(exportFigure({ layout: {} } as unknown as PlotlyFigure, "x", { dir }), /expected a plotly figure/);
  await assert.rejects(exportFigure(fig, "x", { dir, width: -5 }), /width must be a positive number/);
});

test("outside a notebook showFigure writes the files and prints where", async () => {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  try {
    await showFigure(fig, { dir, name: "shown" });
  } finally {
    console.log = orig;
  }
  for (const ext of ["png", "svg", "pdf"]) assert.ok(fs.statSync(path.join(dir, `shown.${ext}`)).size > 0);
  assert.match(lines.join("\n"), /figure "export test" saved: .*shown\.png/);
});

test("a script that exports a figure exits by itself (the browser does not keep node alive)", () => {
  const script = `
    import { exportFigure } from ${JSON.stringify(path.join(ROOT, "src", "figures"))};
    exportFigure({ data: [{ type: "scatter", y: [1, 3, 2] }], layout: {} }, "exit-check", { dir: ${JSON.stringify(dir)}, formats: ["png"] })
      .then((f) => console.log("wrote", f.png));
  `;
  const file = path.join(dir, "exit-check.ts");
  fs.writeFileSync(file, script);
  const run = spawnSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.error, undefined, "finished before the 60 s limit");
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /wrote .*exit-check\.png/);
});
