// In a notebook, every stage a cell runs shares one progress output: one line per stage, nested
// under the stage it runs inside, finished stages ticked; the next cell starts a new output.
// A stand-in for the tslab kernel (its hook, public display API and per-execution writer).
import { test, afterEach } from "node:test";
import assert from "node:assert/strict";
import { createProgress, resetProgressBoard } from "../src/access/progress";

type Shown = { id: number; texts: string[] };

function fakeKernel() {
  const displays: Shown[] = [];
  const jupyter: { lastWriteDisplayData: (() => void) | null } = { lastWriteDisplayData: () => undefined };
  const tslab = {
    display: { html() {}, text() {} },
    newDisplay() {
      const d: Shown = { id: displays.length, texts: [] };
      displays.push(d);
      return { text: (s: string) => void d.texts.push(s), html() {} };
    },
  };
  (globalThis as { __tslab__?: unknown }).__tslab__ = {
    require: (m: string) => {
      if (m === "tslab") return tslab;
      if (m === "tslab/dist/jupyter") return jupyter;
      throw new Error(`no module ${m}`);
    },
  };
  /** A new execute request: tslab installs a new writer for it. */
  const nextCell = () => {
    jupyter.lastWriteDisplayData = () => undefined;
  };
  return { displays, nextCell };
}

afterEach(() => {
  delete (globalThis as { __tslab__?: unknown }).__tslab__;
  resetProgressBoard();
});

test("one cell's stages share one output, nested and ticked; the next cell gets its own", () => {
  const k = fakeKernel();
  const outer = createProgress("training sets", 3, "notebook");
  const inner = createProgress("generate answers", 2, "notebook");
  inner.counts.done = 2;
  inner.finish();
  const second = createProgress("leakage screen", 1, "notebook");
  second.counts.done = 1;
  second.finish();
  outer.counts.done = 3;
  outer.finish();
  assert.equal(k.displays.length, 1, "one output for the whole cell");
  const final = k.displays[0].texts.at(-1)!.split("\n");
  assert.equal(final.length, 3);
  assert.match(final[0], /^✓ training sets .* 3\/3 /);
  assert.match(final[1], /^ {2}✓ generate answers .* 2\/2 /, "a stage started inside another is indented under it");
  assert.match(final[2], /^ {2}✓ leakage screen /);

  k.nextCell();
  const next = createProgress("probe run", 4, "notebook");
  next.finish();
  assert.equal(k.displays.length, 2, "a new cell starts a new output");
  assert.equal(k.displays[1].texts.at(-1)!.split("\n").length, 1);
});

test("outside a notebook nothing is displayed and the log mode prints lines", () => {
  const lines: string[] = [];
  const p = createProgress("probe", 10, "log", (s) => void lines.push(s));
  p.counts.done = 10;
  p.finish();
  assert.ok(lines.length >= 1 && lines.length <= 11);
});
