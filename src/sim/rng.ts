// Deterministic randomness. Every simulated choice draws from a generator seeded by a hash of what
// was asked, so identical requests give identical answers and caches stay meaningful.
import { createHash } from "node:crypto";
import { mulberry32 } from "../core/random";

export type Rng = {
  next(): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  int(lo: number, hi: number): number;
  normal(): number;
};

/** 32-bit seed from any JSON-able parts (sha256, first 4 bytes). */
export function seedOf(...parts: unknown[]): number {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? p : JSON.stringify(p) ?? "undefined").update("\u0000");
  return h.digest().readUInt32LE(0);
}

/** mulberry32: tiny, fast, good enough for simulation. */
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

export function rngFrom(...parts: unknown[]): Rng {
  return makeRng(seedOf(...parts));
}
