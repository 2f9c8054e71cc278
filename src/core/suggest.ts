// "Did you mean …?" for misspelled commands, flags and keys: the closest known word by edit
// distance, offered only when it is close enough to be a plausible typo.

/** Edit distance (insert, delete, substitute, swap two neighbours; each costs 1). */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length];
}

/** The known word closest to `word` (≤ 2 edits, or ≤ a third of its length), or undefined. */
export function closest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  for (const k of known) {
    const d = editDistance(w, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(2, Math.floor(word.length / 3)));
  return bestD <= limit || (word.length >= 3 && best.startsWith(word)) ? best : undefined;
}

/** "; did you mean 'x'?" or "" — ready to append to a message. */
export function didYouMean(word: string, known: Iterable<string>, prefix = ""): string {
  const c = closest(word, known);
  return c ? `; did you mean '${prefix}${c}'?` : "";
}
