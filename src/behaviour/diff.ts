// Word-level difference between a draft and its revision: the parts both share, and what was
// removed or added, in order. Used for the `diff` field of edit records and the side-by-side view.
// The diff itself is the maintained `diff` library's (whitespace kept as tokens, so joining the
// shared and removed parts gives the draft back exactly, and shared and added parts the revision).
import { diffWordsWithSpace } from "diff";

export type WordDiffPart = { kind: "same" | "removed" | "added"; text: string };

export function wordDiff(draft: string, revision: string): WordDiffPart[] {
  const parts: WordDiffPart[] = diffWordsWithSpace(draft, revision).map((c) => ({ kind: c.added ? "added" : c.removed ? "removed" : "same", text: c.value }));
  // Removals before additions within one changed stretch, so a hunk reads old → new.
  for (let k = 0; k + 1 < parts.length; k++) {
    if (parts[k].kind === "added" && parts[k + 1].kind === "removed") [parts[k], parts[k + 1]] = [parts[k + 1], parts[k]];
  }
  return parts;
}

/** The changed stretches only: what the draft had and what the revision has there. */
export function diffHunks(parts: WordDiffPart[]): { removed: string; added: string }[] {
  const hunks: { removed: string; added: string }[] = [];
  let cur: { removed: string; added: string } | null = null;
  for (const p of parts) {
    if (p.kind === "same") {
      if (cur) hunks.push(cur);
      cur = null;
      continue;
    }
    cur ??= { removed: "", added: "" };
    cur[p.kind] += p.text;
  }
  if (cur) hunks.push(cur);
  return hunks.map((h) => ({ removed: h.removed.trim(), added: h.added.trim() }));
}
