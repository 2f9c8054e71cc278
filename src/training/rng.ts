// Deterministic randomness: every shuffle and sample in training-data building is a function of a
// seed, so the same seed gives byte-identical files and identical (cached) model requests.
import { createHash } from "node:crypto";
import { mulberry32 } from "../core/random";

/** A 32-bit seed derived from any number of parts (numbers or strings). */
export function seedFrom(...parts: (string | number)[]): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32LE(0);
}

/** A generator of floats in [0, 1) fixed by its seed. */
export const makeRng: (seed: number) => () => number = mulberry32;

/** Fisher-Yates shuffle into a new array. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const rng = makeRng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
