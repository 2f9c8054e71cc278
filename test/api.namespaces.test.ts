// The public API (src/index.ts, what notebooks import as `lab`): one namespace per stage folder, a
// short list of notebook conveniences at the top, and every `lab.…` path written in a notebook or a
// README resolves (so a flat `lab.loadRecords` left in a notebook fails here, not in a kernel).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as lab from "../src";

const root = path.resolve(__dirname, "..");
const src = path.join(root, "src");
/** Folders with a public index that are deliberately not in `lab`: the simulator is started by the access layer only. */
const NOT_PUBLIC = new Set(["sim"]);
const MAX_TOP_LEVEL = 25;

const stageFolders = fs
  .readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(src, d.name, "index.ts")) && !NOT_PUBLIC.has(d.name))
  .map((d) => d.name)
  .sort();
const exported = lab as unknown as Record<string, unknown>;
const namespaces = Object.keys(exported).filter((k) => stageFolders.includes(k));
const conveniences = Object.keys(exported).filter((k) => !stageFolders.includes(k));

test("every stage folder with an index.ts is a namespace holding exactly that folder's exports", async () => {
  assert.ok(stageFolders.length >= 12, `expected the stage folders, found ${stageFolders.join(", ")}`);
  assert.deepEqual([...namespaces].sort(), stageFolders);
  for (const folder of stageFolders) {
    const mod = (await import(path.join(src, folder))) as Record<string, unknown>;
    const ns = exported[folder] as Record<string, unknown>;
    assert.deepEqual(Object.keys(ns).sort(), Object.keys(mod).filter((k) => k !== "default").sort(), `lab.${folder}`);
    for (const k of Object.keys(ns)) assert.equal(ns[k], mod[k], `lab.${folder}.${k} is the folder's own export`);
  }
  assert.ok(!("sim" in exported), "the simulator is not part of the public API");
});

test(`the top level holds at most ${MAX_TOP_LEVEL} conveniences, each the same object as in its namespace`, () => {
  assert.ok(conveniences.length <= MAX_TOP_LEVEL, `${conveniences.length} names at the top: ${conveniences.join(", ")}`);
  assert.ok(conveniences.includes("runParams") && conveniences.includes("showTable"), "the notebook preamble stays at the top");
  for (const name of conveniences) {
    const homes = namespaces.filter((ns) => (exported[ns] as Record<string, unknown>)[name] === exported[name]);
    assert.ok(homes.length >= 1, `lab.${name} is not the export of any namespace`);
  }
});

/** `lab.a` and `lab.a.b` paths in a text (not `x.lab.a`, not `collab.a`, not the file lab.config.json). */
function labPaths(text: string): string[] {
  return [...text.replace(/lab\.config\.json/g, "").matchAll(/(?<![\w$.])lab\.([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/g)].map((m) => (m[2] ? `${m[1]}.${m[2]}` : m[1]));
}

function resolves(p: string): boolean {
  const [head, member] = p.split(".");
  if (namespaces.includes(head)) return member === undefined || member in (exported[head] as object);
  return head in exported;
}

test("every lab.… path in the notebooks and READMEs exists (no flat names left from before the namespaces)", () => {
  const notebooks = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb"));
  assert.ok(notebooks.length > 0);
  const texts: [string, string][] = notebooks.map((f) => {
    const nb = JSON.parse(fs.readFileSync(path.join(root, "notebooks", f), "utf8")) as { cells: { source: string | string[] }[] };
    return [`notebooks/${f}`, nb.cells.map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n")];
  });
  for (const readme of ["README.md", ...stageFolders.map((f) => `src/${f}/README.md`)]) {
    if (fs.existsSync(path.join(root, readme))) texts.push([readme, fs.readFileSync(path.join(root, readme), "utf8")]);
  }
  const broken = texts.flatMap(([file, text]) => labPaths(text).filter((p) => !resolves(p)).map((p) => `${file}: lab.${p}`));
  // `npx tsx scripts/namespace-lab-calls.ts <files>` rewrites flat names to their namespace.
  assert.deepEqual([...new Set(broken)], []);
  assert.ok(texts.some(([, t]) => labPaths(t).some((p) => p.includes("."))), "the check sees namespaced paths");
});
