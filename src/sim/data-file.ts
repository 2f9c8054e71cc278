// The simulator's calibration files (data/sim/*.json): read and checked once per process, on first
// use. A bad file stops the simulator naming the file and the first bad field.
import * as fs from "node:fs";
import type { z } from "zod";

/** A loader of one data file that parses it on its first call and returns that value after. */
export function cachedDataFile<T>(file: string, schema: z.ZodType<T>): () => T {
  let cached: T | undefined;
  return () => {
    if (cached === undefined) {
      const r = schema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
      if (!r.success) throw new Error(`simulator: ${file}: field "${r.error.issues[0].path.join(".")}": ${r.error.issues[0].message}`);
      cached = r.data;
    }
    return cached;
  };
}
