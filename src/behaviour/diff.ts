// Word-level difference between a draft and its revision: the parts both share, and what was
// removed or added, in order. Used for the `diff` field of edit records and the side-by-side view.
// A longest-common-subsequence table over words: drafts are at most ~800 words, so the table
// (n × m 32-bit cells, a few MB) is small, and the result is the minimal edit, not a heuristic.

export type DiffPart = { kind: "same" | "removed" | "added"; text: string };

/** Words with the whitespace that follows each, so joining the tokens gives the text back exactly. */
function tokens(text: string): string[] {
  return text.match(/\s+|\S+\s*/g) ?? [];
}

const core = (t: string) => t.trim();

export function wordDiff(draft: string, revision: string): DiffPart[] {
  const a = tokens(draft);
  const b = tokens(revision);
  const n = a.length;
  const m = b.length;
  // lcs[i*(m+1)+j] = length of the LCS of a[i..] and b[j..].
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = core(a[i]) === core(b[j]) ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && core(a[i]) === core(b[j])) {
      push("same", b[j]);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
      push("added", b[j++]);
    } else {
      push("removed", a[i++]);
    }
  }
  // Removals are listed before additions within one changed stretch, so a hunk reads old → new.
  for (let k = 0; k + 1 < parts.length; k++) {
    if (parts[k].kind === "added" && parts[k + 1].kind === "removed") [parts[k], parts[k + 1]] = [parts[k + 1], parts[k]];
  }
  return parts;
}

/** The changed stretches only: what the draft had and what the revision has there. */
export function diffHunks(parts: DiffPart[]): { removed: string; added: string }[] {
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
