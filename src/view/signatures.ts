// Which pairs of adjacent characters a row's search text holds, as 512 bits per row (a hashed
// bigram set). A row lacking any pair of the searched text cannot contain it, so search reads the
// text of only the rows whose bits cover the searched text's: exact (never skips a match), and for
// a search of a few words it leaves a small share of the rows to read.
export const SIGNATURE_WORDS = 16;

function pairBit(a: number, b: number): number {
  return Math.imul(a * 65599 + b, 0x9e3779b1) >>> 23;
}

/** Sets row `row`'s bits in `into` from its (lowercased) text. */
export function writeSignature(text: string, into: Uint32Array, row: number): void {
  const base = row * SIGNATURE_WORDS;
  let prev = text.charCodeAt(0);
  for (let k = 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    const bit = pairBit(prev, c);
    into[base + (bit >>> 5)] |= 1 << (bit & 31);
    prev = c;
  }
}

/** The searched text's bits, as (word index, bits) pairs of the words that have any; null for a
 *  single character (nothing to test). */
export function needleSignature(needle: string): { word: number; bits: number }[] | null {
  if (needle.length < 2) return null;
  const sig = new Uint32Array(SIGNATURE_WORDS);
  writeSignature(needle, sig, 0);
  const out: { word: number; bits: number }[] = [];
  sig.forEach((bits, word) => {
    if (bits) out.push({ word, bits });
  });
  return out;
}

/** Whether row `row`'s signature holds every bit of the searched text's. */
export function mayContain(sigs: Uint32Array, row: number, needle: { word: number; bits: number }[]): boolean {
  const base = row * SIGNATURE_WORDS;
  // >>> 0: & gives a signed 32-bit number; the bits are unsigned.
  for (let k = 0; k < needle.length; k++) if ((sigs[base + needle[k].word] & needle[k].bits) >>> 0 !== needle[k].bits) return false;
  return true;
}
