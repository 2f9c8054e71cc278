// Rewrites flat `lab.<name>` uses (from before the public API had one namespace per stage) to
// `lab.<stage>.<name>`, in notebooks (cell sources only; saved as the clean filter writes them) and in
// Markdown files. Names kept at the top of src/index.ts and the namespaces themselves are left alone.
//   npx tsx scripts/namespace-lab-calls.ts notebooks/*.ipynb README.md [--check]
// --check rewrites nothing and exits 1 when a file still has a flat use. Names found in no namespace
// are listed (in Markdown, `lab` is sometimes a local variable) and left as they are.
import * as fs from "node:fs";
import * as lab from "../src";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cleanText } = require("./nb-clean.cjs") as { cleanText: (text: string) => string };

const FOLDERS = new Set(fs.readdirSync(`${__dirname}/../src`));

/** namespace name → its exports, and the names exported at the top level (conveniences). */
function publicShape(): { namespaces: Map<string, Set<string>>; top: Set<string> } {
  const namespaces = new Map<string, Set<string>>();
  const top = new Set<string>();
  for (const [key, value] of Object.entries(lab)) {
    if (FOLDERS.has(key) && value && typeof value === "object") namespaces.set(key, new Set(Object.keys(value)));
    else top.add(key);
  }
  return { namespaces, top };
}

const { namespaces, top } = publicShape();
const home = new Map<string, string>();
for (const [ns, names] of namespaces) for (const name of names) if (!home.has(name)) home.set(name, ns);

const LAB_NAME = /(?<![\w$.])lab\.([A-Za-z_$][\w$]*)/g;

function rewrite(text: string, unknown: Set<string>): { text: string; changes: number } {
  let changes = 0;
  const out = text.replace(LAB_NAME, (whole, name: string) => {
    if (namespaces.has(name) || top.has(name)) return whole;
    const ns = home.get(name);
    if (!ns) {
      unknown.add(name);
      return whole;
    }
    changes++;
    return `lab.${ns}.${name}`;
  });
  return { text: out, changes };
}

function rewriteNotebook(raw: string, unknown: Set<string>): { text: string; changes: number } {
  const nb = JSON.parse(raw) as { cells: { source: string | string[] }[] };
  let changes = 0;
  for (const cell of nb.cells) {
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    const r = rewrite(source, unknown);
    if (r.changes === 0) continue;
    changes += r.changes;
    // nbformat keeps sources as lines, each but the last ending in "\n".
    cell.source = r.text.split(/(?<=\n)/);
  }
  return { text: cleanText(JSON.stringify(nb)), changes };
}

function main(argv: string[]): number {
  const check = argv.includes("--check");
  const files = argv.filter((a) => a !== "--check");
  let flat = 0;
  for (const file of files) {
    const unknown = new Set<string>();
    const raw = fs.readFileSync(file, "utf8");
    const r = file.endsWith(".ipynb") ? rewriteNotebook(raw, unknown) : rewrite(raw, unknown);
    if (r.changes > 0) {
      flat += r.changes;
      if (!check) fs.writeFileSync(file, r.text);
      console.log(`${file}: ${r.changes} flat use${r.changes === 1 ? "" : "s"} ${check ? "found" : "namespaced"}`);
    }
    if (unknown.size > 0) console.log(`${file}: not exported by any namespace, left as is: ${[...unknown].join(", ")}`);
  }
  return check && flat > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
