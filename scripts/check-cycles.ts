// Folder-level import cycles in src/: every src/<folder> is a node, every relative import from one
// folder into another an edge. Prints each cycle (with one import that makes each edge) and exits 1
// when there is any; `npx tsx scripts/check-cycles.ts` (or `npm run check-cycles`).
import * as fs from "node:fs";
import * as path from "node:path";

export interface FolderEdge {
  from: string;
  to: string;
  /** one file:line that makes the edge, for the message */
  example: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** src/<folder> of a file, or "." for files directly in src (index.ts). */
function folderOf(srcDir: string, file: string): string {
  const rel = path.relative(srcDir, file).split(path.sep);
  return rel.length > 1 ? rel[0] : ".";
}

/** Edges between folders of `srcDir` (type-only imports count: they still tie the folders' APIs). */
export function folderEdges(srcDir: string): FolderEdge[] {
  const edges = new Map<string, FolderEdge>();
  for (const file of sourceFiles(srcDir)) {
    const text = fs.readFileSync(file, "utf8");
    const from = folderOf(srcDir, file);
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(srcDir + path.sep)) continue;
      const to = folderOf(srcDir, target);
      if (to === from || from === "." || to === ".") continue;
      const key = `${from}\u0001${to}`;
      if (!edges.has(key)) {
        const line = text.slice(0, m.index).split("\n").length + (text[m.index ?? 0] === "\n" ? 1 : 0);
        edges.set(key, { from, to, example: `${path.relative(process.cwd(), file)}:${line}` });
      }
    }
  }
  return [...edges.values()];
}

/** Strongly connected components with more than one folder (Tarjan): each is a cycle. */
export function folderCycles(edges: readonly FolderEdge[]): string[][] {
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.from, [...(adj.get(e.from) ?? []), e.to]);
    if (!adj.has(e.to)) adj.set(e.to, []);
  }
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of adj.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const srcDir = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "src"));
  const edges = folderEdges(srcDir);
  const cycles = folderCycles(edges);
  if (cycles.length === 0) {
    console.log(`check-cycles: no folder-level import cycle in ${path.relative(process.cwd(), srcDir) || srcDir} (${edges.length} edges between folders)`);
  } else {
    for (const c of cycles) {
      console.error(`cycle between folders: ${c.join(", ")}`);
      for (const e of edges.filter((x) => c.includes(x.from) && c.includes(x.to))) console.error(`  ${e.from} → ${e.to}  (${e.example})`);
    }
    process.exit(1);
  }
}
