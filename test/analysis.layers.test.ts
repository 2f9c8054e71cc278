// Analysis computes, figures draw, the pipeline writes: src/analysis and src/figures never import
// each other, and no folder of src/ is part of an import cycle.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { folderCycles, folderEdges } from "../scripts/check-cycles";

const src = path.join(__dirname, "..", "src");

test("src/analysis does not import src/figures, nor src/figures src/analysis", () => {
  const edges = folderEdges(src);
  const bad = edges.filter((e) => (e.from === "analysis" && e.to === "figures") || (e.from === "figures" && e.to === "analysis"));
  assert.deepEqual(bad.map((e) => `${e.from} → ${e.to} (${e.example})`), []);
  // Neither writes files through the other: analysis has no figure export, figures no table writer.
  for (const f of fs.readdirSync(path.join(src, "analysis"))) {
    if (f.endsWith(".ts")) assert.doesNotMatch(fs.readFileSync(path.join(src, "analysis", f), "utf8"), /writeFileSync|exportFigure/, `src/analysis/${f} writes files`);
  }
});

test("no folder-level import cycle in src/", () => {
  assert.deepEqual(folderCycles(folderEdges(src)), []);
});

test("the cycle check finds a planted cycle, type-only and dynamic imports included", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-cycles-"));
  try {
    for (const d of ["a", "b", "c"]) fs.mkdirSync(path.join(dir, d));
    fs.writeFileSync(path.join(dir, "a", "x.ts"), 'import type { Y } from "../b/y";\nexport const x = 1;\n');
    fs.writeFileSync(path.join(dir, "b", "y.ts"), 'export type Y = number;\nexport const load = () => import("../a/x");\n');
    fs.writeFileSync(path.join(dir, "c", "z.ts"), 'import { x } from "../a/x";\nexport const z = x;\n');
    const edges = folderEdges(dir);
    assert.deepEqual(folderCycles(edges), [["a", "b"]]);
    assert.ok(edges.some((e) => e.from === "c" && e.to === "a"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
