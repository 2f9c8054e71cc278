#!/usr/bin/env node
// Git clean filter for notebooks (installed by `npm run setup`; see .gitattributes): what git stores
// is the notebook without outputs, so a Run All and save in Jupyter leaves `git status` clean and
// plotly.js / PNGs never reach the repository. Reads a notebook on stdin, writes the stripped one on
// stdout, byte for byte as Jupyter saves it (nbformat: keys sorted, indent 1, final newline).
// Plain CommonJS without dependencies: git runs it for every notebook `git status` looks at, so it
// must start fast and work before `npm ci`.
"use strict";

// Cell metadata the front end writes while you work; nothing a reader of the source needs.
const VOLATILE_CELL_METADATA = ["execution", "collapsed", "scrolled", "ExecuteTime", "jupyter", "trusted"];
// Notebook metadata worth keeping; the rest (widgets state, kernel session data) is per machine.
const KEPT_NOTEBOOK_METADATA = ["kernelspec", "language_info"];

function stripNotebook(nb) {
  if (!nb || typeof nb !== "object" || !Array.isArray(nb.cells)) return nb;
  for (const cell of nb.cells) {
    if (cell.cell_type === "code") {
      cell.outputs = [];
      cell.execution_count = null;
    }
    if (cell.metadata && typeof cell.metadata === "object") {
      for (const key of VOLATILE_CELL_METADATA) delete cell.metadata[key];
    }
  }
  if (nb.metadata && typeof nb.metadata === "object") {
    for (const key of Object.keys(nb.metadata)) {
      if (!KEPT_NOTEBOOK_METADATA.includes(key)) delete nb.metadata[key];
    }
  }
  return nb;
}

/** Keys sorted at every level, as nbformat writes them, so a Jupyter save and the filter agree. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

function cleanText(text) {
  let nb;
  try {
    nb = JSON.parse(text);
  } catch {
    // Not JSON (a conflict marker, a half-saved file): store it as it is rather than lose it.
    return text;
  }
  return JSON.stringify(sortKeys(stripNotebook(nb)), null, 1) + "\n";
}

module.exports = { stripNotebook, cleanText };

if (require.main === module) {
  const chunks = [];
  process.stdin.on("data", (c) => chunks.push(c));
  process.stdin.on("end", () => process.stdout.write(cleanText(Buffer.concat(chunks).toString("utf8"))));
}
