// Deterministic randomness: every shuffle and sample in training-data building is a function of a
// seed (core/random), so the same seed gives byte-identical files and identical (cached) requests.
import { mulberry32 } from "../core/random";

export { seedFrom, shuffled } from "../core/random";

/** A generator of floats in [0, 1) fixed by its seed. */
export const makeRng: (seed: number) => () => number = mulberry32;
