// Deterministic randomness. Every simulated choice draws from a generator (core/random) seeded by
// a hash of what was asked, so identical requests give identical answers and caches stay meaningful.
import { makeRng, seedOfText, type Rng } from "../core/random";

export { makeRng, type Rng };

/** 32-bit seed from any JSON-able parts: each part (JSON unless a string) followed by NUL. The
 *  encoding differs from seedFrom's and is kept: simulated answers (and their caches) depend on it. */
export function seedOf(...parts: unknown[]): number {
  return seedOfText(parts.map((p) => `${typeof p === "string" ? p : JSON.stringify(p) ?? "undefined"}\u0000`).join(""));
}

export function rngFrom(...parts: unknown[]): Rng {
  return makeRng(seedOf(...parts));
}
