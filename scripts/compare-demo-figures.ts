// Figure-for-figure comparison of two `npm run demo` outputs (issue 10: the same cache must give the
// same figures). Each argument is a folder holding a run's figures/ (tables as CSV, figures as SVG)
// and/or its executed notebooks (build/notebooks/*.ipynb, whose outputs carry each figure's plotly
// JSON). Prints one line per figure or table: identical, different (with the first differing field),
// or only on one side; exits 1 when anything present on both sides differs.
//   npx tsx scripts/compare-demo-figures.ts <old folder> <new folder>
// PNG/PDF bytes are not compared (fonts and anti-aliasing vary); the plotly data, the SVG's text and
// geometry, and the CSV cells are. How to produce the two folders: environment.md, "Same figures".
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { parseCsv } from "../src/analysis/csv";

/** Comparable content of one figure or table, keyed by where it came from. */
export type Items = Map<string, unknown>;

const Notebook = z.object({
  cells: z.array(z.object({ outputs: z.array(z.object({ data: z.record(z.unknown()).optional() }).passthrough()).optional() }).passthrough()),
});

// showFigure's interactive output embeds the figure as `var f={"data":…};el.innerHTML=""`.
const PLOTLY_IN_HTML = /var f=(\{"data".*?\});el\.innerHTML/s;

const titleText = (t: unknown): unknown => (t && typeof t === "object" && "text" in t ? (t as { text: unknown }).text : t);

/** The parts of a plotly figure that carry results: every trace field, and the titles and notes. */
export function figureContent(fig: { data?: unknown; layout?: Record<string, unknown> }): unknown {
  const layout = fig.layout ?? {};
  const axes = Object.keys(layout)
    .filter((k) => /^[xy]axis\d*$/.test(k))
    .sort()
    .map((k) => [k, titleText((layout[k] as { title?: unknown } | undefined)?.title)]);
  const notes = ((layout.annotations as { text?: unknown }[] | undefined) ?? []).map((a) => a.text);
  return { data: fig.data ?? [], title: titleText(layout.title), axes, annotations: notes };
}

/** Plotly figures shown in one executed notebook, keyed `<notebook>#<title>` (repeats get `#2`, …). */
export function notebookFigures(name: string, text: string): Items {
  const nb = Notebook.parse(JSON.parse(text));
  const out: Items = new Map();
  for (const cell of nb.cells) {
    for (const o of cell.outputs ?? []) {
      const raw = o.data?.["text/html"];
      const html = Array.isArray(raw) ? raw.join("") : typeof raw === "string" ? raw : "";
      const m = PLOTLY_IN_HTML.exec(html);
      if (!m) continue;
      const fig = JSON.parse(m[1]) as { data?: unknown; layout?: Record<string, unknown> };
      const base = `${name}#${String(titleText(fig.layout?.title) ?? "untitled").replace(/<[^>]*>/g, "")}`;
      let key = base;
      for (let n = 2; out.has(key); n++) key = `${base}#${n}`;
      out.set(key, figureContent(fig));
    }
  }
  return out;
}

/** An exported SVG reduced to its visible text and its shapes' geometry (clip-path ids vary per export). */
export function svgContent(svg: string): unknown {
  const texts = [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/gs)].map((m) => m[1].replace(/<[^>]*>/g, ""));
  const shapes = [...svg.matchAll(/\sd="([^"]*)"/g)].map((m) => m[1]);
  return { texts, shapes };
}

/** Every comparable item under a folder: notebook figures, SVG figures, CSV tables. */
export function collectItems(root: string): Items {
  const items: Items = new Map();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, e.name);
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith(".ipynb")) for (const [k, v] of notebookFigures(rel, fs.readFileSync(file, "utf8"))) items.set(k, v);
      else if (e.name.endsWith(".svg")) items.set(rel, svgContent(fs.readFileSync(file, "utf8")));
      else if (e.name.endsWith(".csv")) items.set(rel, parseCsv(fs.readFileSync(file, "utf8")));
    }
  };
  walk(root);
  return items;
}

const show = (v: unknown): string => {
  const s = v === undefined ? "(absent)" : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** The first place two values differ, as `path: old → new`, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, at = ""): string | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${at}: length ${a.length} → ${b.length}`;
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
      const d = firstDifference(ra[k], rb[k], at ? `${at}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return `${at || "(value)"}: ${show(a)} → ${show(b)}`;
}

/** True for two tables with the same header and the same rows, only in another order. */
function sameRowsReordered(a: unknown, b: unknown): boolean {
  const isTable = (t: unknown): t is string[][] => Array.isArray(t) && t.every((r) => Array.isArray(r));
  if (!isTable(a) || !isTable(b) || a.length !== b.length || a.length === 0) return false;
  const body = (t: string[][]) => t.slice(1).map((r) => JSON.stringify(r)).sort();
  return firstDifference(a[0], b[0]) === null && firstDifference(body(a), body(b)) === null;
}

export interface ComparisonLine {
  key: string;
  status: "identical" | "different" | "only old" | "only new";
  detail?: string;
}

export function compareItems(older: Items, newer: Items): ComparisonLine[] {
  const keys = [...new Set([...older.keys(), ...newer.keys()])].sort();
  return keys.map((key): ComparisonLine => {
    if (!newer.has(key)) return { key, status: "only old" };
    if (!older.has(key)) return { key, status: "only new" };
    const [a, b] = [older.get(key), newer.get(key)];
    const detail = firstDifference(a, b);
    if (detail === null) return { key, status: "identical" };
    return { key, status: "different", detail: sameRowsReordered(a, b) ? `same rows in another order (first: ${detail})` : detail };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const [oldDir, newDir] = process.argv.slice(2);
  if (!oldDir || !newDir || ![oldDir, newDir].every((d) => fs.existsSync(d) && fs.statSync(d).isDirectory())) {
    console.error("usage: npx tsx scripts/compare-demo-figures.ts <old folder> <new folder>  (folders holding figures/ and/or executed notebooks)");
    process.exit(2);
  }
  const lines = compareItems(collectItems(oldDir), collectItems(newDir));
  for (const l of lines) console.log(`${l.status.padEnd(9)}  ${l.key}${l.detail ? `  ${l.detail}` : ""}`);
  const count = (s: ComparisonLine["status"]) => lines.filter((l) => l.status === s).length;
  console.log(`\n${count("identical")} identical, ${count("different")} different, ${count("only old")} only in ${oldDir}, ${count("only new")} only in ${newDir}`);
  process.exit(count("different") > 0 ? 1 : 0);
}
