// What each reference file is and how its published rates treated not_sure verdicts
// (data/reference/sources.json), so a comparison counts our answers the same way.
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { paths } from "../core/paths";
import { InputError } from "../core/errors";

export type NotSureRule = "false" | "exclude";

const Source = z.object({
  kind: z.string().min(1),
  provenance: z.string().min(1),
  not_sure: z.enum(["false", "exclude", "not_applicable"]),
  not_sure_source: z.string().min(1),
});
const Sources = z.object({ description: z.string().optional(), files: z.record(Source) });
export type ReferenceSource = z.infer<typeof Source>;

export const REFERENCE_SOURCES_FILE = path.join(paths.reference, "sources.json");

export function loadReferenceSources(file = REFERENCE_SOURCES_FILE): Record<string, ReferenceSource> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: ${(e as Error).message}`);
  }
  const parsed = Sources.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data.files;
}

/** The recorded source of a reference file (by base name), or null for a file it does not list
 *  (e.g. a table of the authors' a user imports). */
export function referenceSource(file: string, sourcesFile = REFERENCE_SOURCES_FILE): ReferenceSource | null {
  if (!fs.existsSync(sourcesFile)) return null;
  return loadReferenceSources(sourcesFile)[path.basename(file)] ?? null;
}

/** The not_sure rule to apply when comparing our rates with `file`'s (undefined when unknown). */
export function publishedNotSureRule(file: string): NotSureRule | undefined {
  const rule = referenceSource(file)?.not_sure;
  return rule === "false" || rule === "exclude" ? rule : undefined;
}
