// One seeded generator for the whole project (shuffles, bootstrap resamples, simulated choices), so
// the same seed gives the same files, intervals and simulated answers everywhere.

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
