// The draft → revision diff of an edit task, shown word by word. The diff itself is the behaviour
// stage's (src/behaviour/diff.ts, on the pinned `diff` library). A record may carry its draft; the
// behaviour stage's records carry the revision and the changed stretches, and the draft is the
// document of data/behaviour/edit_tasks.json with the record's item id, used only when the prompt
// the model was sent contains it word for word (so a since-edited definitions file is not shown as
// the draft of an older run).
import { wordDiff } from "../behaviour/diff";
import { loadEditTasks } from "../behaviour/definitions";
import type { DiffPart } from "./protocol";
import type { BehaviourLine } from "./schemas";

export interface EditView {
  diff: DiffPart[] | null;
  unifiedDiff: string[] | null;
  /** Where the draft came from, for the page to say. */
  note: string | null;
}

let documents: Map<string, string> | null = null;

function definedDraft(item: string): string | null {
  if (!documents) {
    documents = new Map();
    try {
      for (const t of loadEditTasks().tasks) documents.set(t.id, t.document);
    } catch {
      // No or a broken definitions file: fall back to the record's own changed stretches.
    }
  }
  return documents.get(item) ?? null;
}

const full = (draft: string, revision: string): DiffPart[] =>
  wordDiff(draft, revision).map((p) => ({ op: p.kind === "added" ? "add" : p.kind === "removed" ? "del" : "same", text: p.text }));

/** Stored parts: the `diff` library's [{ value, added?, removed? }] or the stage's hunks [{ removed, added }]. */
function storedParts(diff: unknown[]): DiffPart[] | null {
  const parts: DiffPart[] = [];
  for (const [k, p] of diff.entries()) {
    const o = p as { value?: unknown; added?: unknown; removed?: unknown };
    if (typeof o?.value === "string") parts.push({ op: o.added ? "add" : o.removed ? "del" : "same", text: o.value });
    else if (typeof o?.removed === "string" && typeof o?.added === "string") {
      if (k > 0) parts.push({ op: "same", text: "\n…\n" });
      if (o.removed) parts.push({ op: "del", text: o.removed });
      if (o.removed && o.added) parts.push({ op: "same", text: " " });
      if (o.added) parts.push({ op: "add", text: o.added });
    } else return null;
  }
  return parts;
}

export function editView(r: BehaviourLine): EditView {
  if (typeof r.draft === "string" && typeof r.revision === "string") return { diff: full(r.draft, r.revision), unifiedDiff: null, note: null };
  if (r.task === "edit" && typeof r.revision === "string" && typeof r.item === "string" && typeof r.prompt === "string") {
    const draft = definedDraft(r.item);
    if (draft && r.prompt.includes(draft)) {
      return { diff: full(draft, r.revision), unifiedDiff: null, note: `draft: "${r.item}" in data/behaviour/edit_tasks.json (the document the prompt holds)` };
    }
  }
  if (Array.isArray(r.diff)) {
    const parts = storedParts(r.diff);
    if (parts) return { diff: parts, unifiedDiff: null, note: "the record's changed stretches only (its draft was not found)" };
  }
  if (typeof r.diff === "string") return { diff: null, unifiedDiff: r.diff.split("\n"), note: null };
  return { diff: null, unifiedDiff: null, note: null };
}
