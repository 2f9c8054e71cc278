// One seeded generator for the whole project (shuffles, bootstrap resamples, simulated choices), so
// the same seed gives the same files, intervals and simulated answers everywhere, and one way to
// turn words into a seed. Seeds are part of what makes runs reproducible and caches hit: changing
// either function changes generated training data and simulated answers, so they are frozen.
import { createHash } from "node:crypto";

/** mulberry32: 32-bit state, fast, good enough for shuffling, resampling and simulation (not for
 *  cryptography). Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of floats in [0, 1) fixed by its seed. */
export const seededRandom: (seed: number) => () => number = mulberry32;

/** A 32-bit seed from text (sha256, first 4 bytes little-endian). */
export function seedOfText(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32LE(0);
}

/** A 32-bit seed from parts joined by NUL (training data's shuffles and mixes). */
export function seedFrom(...parts: (string | number)[]): number {
  return seedOfText(parts.join("\u0000"));
}

/** Fisher-Yates shuffle into a new array. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  const rng = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export type Rng = {
  next(): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  int(lo: number, hi: number): number;
  normal(): number;
};

/** The generator with the draws the simulator needs (chance, pick, int, standard normal). */
export function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
