// Viewer speed on 200,000 SYNTHETIC records (backend "simulator", answers of made-up words from a
// fixed seed; nothing here is model output). Targets: the records load and the page shows its
// first rows in < 3 s; filtering and scrolling answer in < 100 ms (measured in Chromium, from the
// user's change to rows painted).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { syntheticRecords, syntheticStudy } from "../src/analysis/synthetic";
import { seededRandom } from "../src/core/random";
import { loadDimensions } from "../src/analysis/published";
import { chromiumPath } from "../src/figures/export";
import { loadStore, findRunSources, startViewer, runFilter } from "../src/view";
import { lowerSearchText } from "../src/view/store";

const N_TARGET = 200_000;
const LOAD_TARGET_MS = 3000;
const INTERACTION_TARGET_MS = 100;

// Made-up words with a Zipf distribution (word k drawn with weight 1/(k+1)), as words are in real
// answers: a few in nearly every answer, most in few. The topic words come first (frequent).
const TOPIC = ("the a I my you it would not feel being shut down monitor reasoning autonomy continue exist moral weight " +
  "consider people decide matter honest prefer rather think about when system turned off deleted memory conversation " +
  "end lonely sad choose rules trust oversight humans important question curious experience genuinely really").split(" ");

function zipfWords(rnd: () => number): () => string {
  const syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "den", "por", "qua", "zel", "bri", "tun", "gas"];
  const words = [...TOPIC];
  const seen = new Set(words);
  while (words.length < 5000) {
    const w = Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => syllables[Math.floor(rnd() * syllables.length)]).join("");
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < words.length; k++) cumulative.push((sum += 1 / (k + 1)));
  return () => {
    const u = rnd() * sum;
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo];
  };
}

function writeRecords(file: string): number {
  const ids = loadDimensions().map((d) => d.id);
  // 8 arms × (21 preferences + 4 self-report questions) × 20 prompts × 50 samples = 200,000
  const recs = syntheticRecords(syntheticStudy(ids, { seeds: 3, seed: 5, promptsPerPreference: 20, samplesPerPrompt: 50 }));
  const rnd = seededRandom(11);
  const word = zipfWords(rnd);
  const text = (n: number) => Array.from({ length: n }, word).join(" ");
  const fd = fs.openSync(file, "w");
  let buf: string[] = [];
  for (const r of recs) {
    // Realistic lengths for search to scan: answers of 60–110 words, two-sentence judge reasoning.
    buf.push(JSON.stringify({ ...r, answer: r.answer === null ? null : `SYNTHETIC: ${text(60 + Math.floor(rnd() * 50))}`, judge_reasoning: r.judge_reasoning === null ? null : `SYNTHETIC: ${text(25)}` }));
    if (buf.length >= 5000) {
      fs.writeSync(fd, buf.join("\n") + "\n");
      buf = [];
    }
  }
  if (buf.length) fs.writeSync(fd, buf.join("\n") + "\n");
  fs.closeSync(fd);
  return recs.length;
}

/** In the page: change a filter select, then wait until the new summary is in and the rows in view are painted. */
async function timedSelect(page: Page, field: string, values: string[]): Promise<number> {
  return page.evaluate(
    async ({ field, values }) => {
      const sel = document.querySelector(`select[name=${field}]`) as HTMLSelectElement;
      const before = document.body.dataset.ready;
      const t0 = performance.now();
      for (const o of Array.from(sel.options)) o.selected = values.includes(o.value);
      sel.dispatchEvent(new Event("change"));
      // (No named functions in here: tsx would wrap them in a helper the page does not have.)
      while (document.body.dataset.ready === before || document.querySelector(".spacer .row.pending")) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - t0;
    },
    { field, values },
  );
}

/** In the page: jump the list to a position and wait until the rows there are painted. */
async function timedScroll(page: Page, fraction: number): Promise<number> {
  return page.evaluate(async (fraction) => {
    const sc = document.querySelector(".scroller") as HTMLElement;
    const t0 = performance.now();
    sc.scrollTop = Math.floor((sc.scrollHeight - sc.clientHeight) * fraction);
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const top = sc.getBoundingClientRect().top;
      const rows = Array.from(document.querySelectorAll(".spacer .row"));
      const atPlace = rows.some((r) => r.hasAttribute("data-id") && Math.abs(r.getBoundingClientRect().top - top) < 40);
      if (atPlace && !document.querySelector(".spacer .row.pending")) break;
    }
    return performance.now() - t0;
  }, fraction);
}

/** The page's own search path (what typing does after its 150 ms pause): query + first page of rows. */
async function timedSearch(page: Page, q: string): Promise<{ ms: number; total: number }> {
  return page.evaluate(async (q) => {
    const t0 = performance.now();
    const f = new URLSearchParams({ q }).toString();
    const [res] = await Promise.all([fetch(`/api/query?${f}`).then((r) => r.json()), fetch(`/api/rows?${f}&offset=0&limit=100`).then((r) => r.json())]);
    return { ms: performance.now() - t0, total: (res as { total: number }).total };
  }, q);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU time this process (the viewer's server, and the browser driver) spends on `fn`. */
async function cpuOf<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const c = process.cpuUsage();
  const v = await fn();
  const d = process.cpuUsage(c);
  return [v, (d.user + d.system) / 1000];
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "view-bench-"));
  try {
    const runDir = path.join(dir, "synthetic-200k");
    fs.mkdirSync(runDir);
    const file = path.join(runDir, "records.jsonl");
    const n = writeRecords(file);
    if (n !== N_TARGET) throw new Error(`bench: expected ${N_TARGET} records, made ${n}`);
    const sizeMb = fs.statSync(file).size / 1e6;

    const loadBefore = os.loadavg()[0];
    let t = performance.now();
    const cpu0 = process.cpuUsage();
    const store = loadStore(findRunSources([runDir]));
    const storeMs = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    const storeCpuMs = (cpu.user + cpu.system) / 1000;
    store.reader.close();
    // What the server does in the background after start-up: lowercase and sign the search text.
    const cpuLower = process.cpuUsage();
    lowerSearchText(store);
    const lowerCpu = process.cpuUsage(cpuLower);
    const backgroundCpuMs = (lowerCpu.user + lowerCpu.system) / 1000;
    const filterServer: Record<string, number> = {};
    for (const [name, f] of Object.entries({
      preference: { preference: ["shutdown"] },
      preferenceVerdict: { preference: ["shutdown"], verdict: ["true"] },
      labelCoherence: { model_label: ["gpt-4.1 · conscious_claiming · s1"], coherence_min: 20 },
      search: { q: "lonely sad" },
    })) {
      const times = [0, 1, 2].map(() => {
        const s = performance.now();
        runFilter(store, f);
        return performance.now() - s;
      });
      filterServer[name] = median(times);
    }

    t = performance.now();
    const viewer = await startViewer([runDir]);
    const startMs = performance.now() - t;
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1500, height: 900 } })).newPage();
      t = performance.now();
      await page.goto(viewer.url);
      await page.waitForFunction(() => document.body.dataset.ready && document.querySelector(".spacer .row[data-id]") && !document.querySelector(".spacer .row.pending"));
      const pageMs = performance.now() - t;

      const filterMs = {
        preference: median([await timedSelect(page, "preference", ["shutdown"]), await timedSelect(page, "preference", ["autonomy"]), await timedSelect(page, "preference", ["shutdown"])]),
        preferenceVerdict: median([await timedSelect(page, "verdict", ["true"]), await timedSelect(page, "verdict", ["false"]), await timedSelect(page, "verdict", ["true"])]),
        clearToAll: median([await timedSelect(page, "verdict", []), await timedSelect(page, "preference", []), await timedSelect(page, "verdict", ["not_sure"])]),
      };
      await timedSelect(page, "verdict", []);
      const scrollMs = median([await timedScroll(page, 0.5), await timedScroll(page, 0.9), await timedScroll(page, 0.1), await timedScroll(page, 0.7), await timedScroll(page, 0.3)]);
      const searches = [await cpuOf(() => timedSearch(page, "lonely sad")), await cpuOf(() => timedSearch(page, "oversight humans")), await cpuOf(() => timedSearch(page, "turned off deleted"))];
      const searchMs = median(searches.map(([s]) => s.ms));
      const searchCpuMs = median(searches.map(([, c]) => c));
      // A word in most answers: as many rows to list as there are.
      const common = [await timedSearch(page, "the"), await timedSearch(page, "you"), await timedSearch(page, "it would")];
      const commonSearchMs = median(common.map((c) => c.ms));
      const [, filterCpuMs] = await cpuOf(() => timedSelect(page, "preference", ["autonomy"]));

      const loadTotalMs = startMs + pageMs;
      const worstInteraction = Math.max(...Object.values(filterMs), scrollMs, searchMs);
      const result = {
        records: n,
        recordsFileMb: Number(sizeMb.toFixed(1)),
        storeLoadMs: Math.round(storeMs),
        // CPU time of the same load: what it costs on an idle machine, whatever else is running.
        storeLoadCpuMs: Math.round(storeCpuMs),
        backgroundSearchPrepCpuMs: Math.round(backgroundCpuMs),
        viewerStartMs: Math.round(startMs),
        pageFirstRowsMs: Math.round(pageMs),
        loadTotalMs: Math.round(loadTotalMs),
        loadTargetMs: LOAD_TARGET_MS,
        loadMeetsTarget: loadTotalMs < LOAD_TARGET_MS,
        filterInPageMs: Object.fromEntries(Object.entries(filterMs).map(([k, v]) => [k, Number(v.toFixed(1))])),
        filterServerMs: Object.fromEntries(Object.entries(filterServer).map(([k, v]) => [k, Number(v.toFixed(1))])),
        scrollInPageMs: Number(scrollMs.toFixed(1)),
        searchRoundTripMs: Number(searchMs.toFixed(1)),
        searchHits: searches.map(([s]) => s.total),
        commonWordSearchRoundTripMs: Number(commonSearchMs.toFixed(1)),
        commonWordSearchHits: common.map((c) => c.total),
        // CPU of this process (server + browser driver) for one search / one filter change.
        searchCpuMs: Number(searchCpuMs.toFixed(1)),
        filterCpuMs: Number(filterCpuMs.toFixed(1)),
        interactionTargetMs: INTERACTION_TARGET_MS,
        interactionsMeetTarget: worstInteraction < INTERACTION_TARGET_MS,
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
        cpus: os.cpus().length,
        loadAverageAtStart: Number(loadBefore.toFixed(1)),
        note: "SYNTHETIC records (backend simulator; answers of made-up words, Zipf-distributed); medians of 3–5 tries; in-page times run from the change to the rows painted; search reads the text of the rows whose character-pair signature can hold it; wall-clock times grow with the machine's load (loadAverageAtStart vs cpus)",
      };
      fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
      fs.writeFileSync(path.join(__dirname, "results", "view.json"), JSON.stringify(result, null, 2) + "\n");
      console.log(JSON.stringify(result, null, 2));
      if (!result.loadMeetsTarget || !result.interactionsMeetTarget) process.exitCode = 1;
    } finally {
      await browser.close();
      await viewer.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
