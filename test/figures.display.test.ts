// A figure shown in a notebook fits the output area: the interactive chart takes the area's width
// (up to its natural width) instead of scrolling sideways. Rendered in Debian's chromium, inside a
// 978-px output area (Jupyter's at a 1280-px window), with the bundle showFigure sends.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { figureBundle, closeFigureExporter } from "../src/figures";
import type { PlotlyFigure } from "../src/figures";

after(() => closeFigureExporter());

const OUTPUT_AREA = 978;

function wideFigure(): PlotlyFigure {
  const x = Array.from({ length: 21 }, (_, i) => `preference number ${i + 1}`);
  return {
    data: ["vanilla", "conscious", "not conscious", "role-play"].map((name, k) => ({ type: "bar", name, x, y: x.map((_, i) => ((i + k) % 7) / 7) })),
    layout: { title: { text: "[SIMULATED] wide figure" }, width: 1500, height: 480, barmode: "group" },
  };
}

test("a figure wider than the output area is drawn at the output area's width", async () => {
  const bundle = await figureBundle(wideFigure());
  const html = String(bundle.data["text/html"]);
  assert.match(html, /width:100%;max-width:1500px/);
  const browser = await chromium.launch({
    executablePath: process.env.LAB_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    headless: true,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(`<!doctype html><html><body style="margin:0"><div id="out" style="width:${OUTPUT_AREA}px">${html}</div></body></html>`);
    await page.waitForSelector("#out .main-svg", { timeout: 60_000 });
    const widths = await page.evaluate(() => {
      const out = document.getElementById("out")!;
      const svg = out.querySelector(".main-svg") as SVGSVGElement;
      return { area: out.getBoundingClientRect().width, chart: svg.getBoundingClientRect().width, scroll: out.scrollWidth };
    });
    assert.ok(widths.chart <= widths.area, `chart ${widths.chart}px is wider than the output area ${widths.area}px`);
    assert.ok(widths.chart >= widths.area - 2, `chart ${widths.chart}px does not use the output area ${widths.area}px`);
    assert.ok(widths.scroll <= widths.area, "the output area scrolls sideways");
  } finally {
    await browser.close();
  }
});
