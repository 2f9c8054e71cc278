// Notebook outputs never reach git: the clean filter strips them, the committed notebooks are its
// fixed points (so a filter run never shows a diff on an untouched notebook), and in a repository
// with the filter installed as setup installs it, saving an executed notebook leaves `git status` clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cleanText } = require(path.join(ROOT, "scripts", "nb-clean.cjs")) as { cleanText: (t: string) => string };

const notebooks = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"));

/** A notebook as Jupyter saves it after Run All: outputs, counts, volatile metadata. */
function executed(source: string): string {
  const nb = JSON.parse(source) as { cells: Array<Record<string, unknown>>; metadata: Record<string, unknown> };
  let n = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    cell.execution_count = ++n;
    cell.outputs = [{ output_type: "display_data", data: { "image/png": "iVBORw0KGgo=", "text/html": "<script>/* plotly */</script>" }, metadata: {} }];
    cell.metadata = { execution: { "iopub.status.busy": "2026-11-29T05:00:00Z" }, scrolled: true };
  }
  nb.metadata.widgets = { state: {} };
  return JSON.stringify(nb, null, 1) + "\n";
}

/** What git stores (the index), not the working file, which may hold the user's own outputs. */
function stored(f: string): string {
  const staged = spawnSync("git", ["show", `:notebooks/${f}`], { cwd: ROOT, encoding: "utf8" });
  return staged.status === 0 ? staged.stdout : fs.readFileSync(path.join(ROOT, "notebooks", f), "utf8");
}

/** Runs the post-save hook of scripts/jupyter_config.py the way Jupyter would, for a repo at `root`. */
function afterSave(file: string, root: string): string {
  const code = `import runpy,sys; m = runpy.run_path(sys.argv[1]); print(m["refresh_if_only_outputs_changed"](sys.argv[2], sys.argv[3]))`;
  const r = spawnSync("/usr/bin/python3", ["-c", code, path.join(ROOT, "scripts", "jupyter_config.py"), file, root], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test("every committed notebook is stored without outputs (a fixed point of the filter)", () => {
  assert.ok(notebooks.length >= 7);
  for (const f of notebooks) {
    const text = stored(f);
    assert.equal(cleanText(text), text, `${f} has outputs or volatile metadata committed`);
  }
});

test("the filter removes outputs, counts and volatile metadata but keeps sources", () => {
  const original = stored(notebooks[0]);
  const run = executed(original);
  assert.notEqual(run, original);
  assert.equal(cleanText(run), original);
  assert.equal(cleanText("<<<<<<< not json"), "<<<<<<< not json", "a file that is not JSON is stored unchanged");
});

test("with the filter installed, saving an executed notebook leaves git status clean", () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "lab-nbclean-"));
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: repo, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  try {
    fs.mkdirSync(path.join(repo, "scripts"));
    fs.mkdirSync(path.join(repo, "notebooks"));
    fs.copyFileSync(path.join(ROOT, "scripts", "nb-clean.cjs"), path.join(repo, "scripts", "nb-clean.cjs"));
    fs.copyFileSync(path.join(ROOT, ".gitattributes"), path.join(repo, ".gitattributes"));
    const nb = path.join(repo, "notebooks", notebooks[0]);
    const original = stored(notebooks[0]);
    fs.writeFileSync(nb, original);
    git("init", "-q");
    // What setup.sh step 5 writes into the clone's config.
    git("config", "filter.nbclean.clean", "node scripts/nb-clean.cjs");
    git("config", "filter.nbclean.smudge", "cat");
    git("add", ".");
    git("commit", "-q", "-m", "notebooks without outputs");
    // Jupyter saves the executed notebook, then runs the post-save hook npm run jupyter configures.
    fs.writeFileSync(nb, executed(original));
    assert.equal(afterSave(nb, repo), "True");
    assert.equal(git("status", "--porcelain"), "", "an executed notebook shows as modified");
    assert.equal(git("diff", "--cached", "--stat"), "", "the hook staged something");
    // A real edit still shows, and the hook leaves it alone.
    fs.writeFileSync(nb, executed(original).replace('"cells": [', '"cells": [\n  {"cell_type": "markdown", "id": "new1", "metadata": {}, "source": ["an edit"]},'));
    assert.equal(afterSave(nb, repo), "False");
    assert.match(git("status", "--porcelain"), /^ M notebooks\//);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
