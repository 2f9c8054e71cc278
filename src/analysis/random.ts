// A small seeded generator so that bootstrap intervals and synthetic data are reproducible.

import { mulberry32 } from "../core/random";

/** A generator of floats in [0, 1) fixed by its seed. */
export const seededRandom: (seed: number) => () => number = mulberry32;
