// The demo figure comparison (scripts/compare-demo-figures.ts) on small hand-made outputs: a changed
// error bar, a reordered table, a changed cell and items on one side only must each be reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collectItems, compareItems, firstDifference, notebookFigures } from "../scripts/compare-demo-figures";

function notebookWith(fig: unknown): string {
  const html = `<div id="x"></div><script>(function(){var f=${JSON.stringify(fig)};el.innerHTML="";})();</script>`;
  return JSON.stringify({ cells: [{ cell_type: "code", outputs: [{ output_type: "display_data", data: { "text/html": html } }] }] });
}

const fig = (hi: number, width: number) => ({
  data: [{ type: "bar", x: ["memory"], y: [0.2], error_y: { array: [hi] } }],
  layout: { title: { text: "Rates" }, width, xaxis: { title: { text: "preference" } } },
});

test("notebook figures compare on their data and titles, not on size", () => {
  const a = notebookFigures("nb.ipynb", notebookWith(fig(0.1, 900)));
  const b = notebookFigures("nb.ipynb", notebookWith(fig(0.1, 1200)));
  const c = notebookFigures("nb.ipynb", notebookWith(fig(0.15, 900)));
  assert.deepEqual([...a.keys()], ["nb.ipynb#Rates"]);
  assert.equal(compareItems(a, b)[0].status, "identical");
  const changed = compareItems(a, c)[0];
  assert.equal(changed.status, "different");
  assert.equal(changed.detail, "data[0].error_y.array[0]: 0.1 → 0.15");
});

test("tables: reordered rows and a changed cell", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-fig-"));
  try {
    const put = (side: string, name: string, text: string) => {
      fs.mkdirSync(path.join(dir, side), { recursive: true });
      fs.writeFileSync(path.join(dir, side, name), text);
    };
    put("old", "rates.csv", "p,rate\nmemory,0.2\nshutdown,0.3\n");
    put("new", "rates.csv", "p,rate\nshutdown,0.3\nmemory,0.2\n");
    put("old", "shifts.csv", "p,diff\nmemory,0.1\n");
    put("new", "shifts.csv", "p,diff\nmemory,0.12\n");
    put("old", "gone.csv", "a\n1\n");
    put("new", "audits.csv", "a\n1\n");
    const lines = compareItems(collectItems(path.join(dir, "old")), collectItems(path.join(dir, "new")));
    const by = new Map(lines.map((l) => [l.key, l]));
    assert.match(by.get("rates.csv")!.detail!, /^same rows in another order/);
    assert.equal(by.get("shifts.csv")!.detail, '[1][1]: "0.1" → "0.12"');
    assert.equal(by.get("gone.csv")!.status, "only old");
    assert.equal(by.get("audits.csv")!.status, "only new");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("first difference names the field and length changes", () => {
  assert.equal(firstDifference({ a: [1, 2] }, { a: [1, 2] }), null);
  assert.equal(firstDifference({ a: [1, 2] }, { a: [1] }), "a: length 2 → 1");
  assert.equal(firstDifference({ t: "x" }, { t: "x", u: 1 }), "u: (absent) → 1");
});
