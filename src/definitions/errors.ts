// Turns JSON syntax errors and zod issues into messages that name the file, the entry and the field,
// so that someone editing a definitions file by hand can find the mistake without reading code.
// The wording is core/json's; this adds entry labels such as `preferences[3] (id "shutdown")`.
import * as fs from "node:fs";
import type { ZodIssue } from "zod";
import { InputError } from "../core/errors";
import { describeReceived as describeIssue, parseJsonText as parseJson } from "../core/json";

export class DefinitionError extends InputError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join("\n  - ")}`}`);
    this.name = "DefinitionError";
  }
}

/** Reads a definitions file as text; a file that cannot be read is a DefinitionError naming it,
 *  what it is (default "the file") and the system's reason (ENOENT, EACCES, …). */
export function readDefinitionText(abs: string, what = "the file"): string {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch (e) {
    throw new DefinitionError(abs, [`cannot read ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
}

/** Parses JSON text; a syntax error names the file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return parseJson(text, file);
  } catch (e) {
    throw new DefinitionError(file, [(e as Error).message.slice(file.length + 2)]);
  }
}

function describeReceived(issue: ZodIssue): string {
  if (issue.code === "invalid_type") return `expected ${issue.expected}, got ${issue.received}`;
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_union") return "expected a prompt string or an object {\"text\": string, \"direction\"?: \"installed\" | \"removed\"}";
  return describeIssue(issue);
}

/**
 * Formats one zod issue. `entryLabel` turns a path prefix (e.g. ["preferences", 3]) into a readable
 * entry name such as `preferences[3] (id "shutdown")`, so the message says which entry is wrong.
 */
export function formatIssue(issue: ZodIssue, entryLabel: (path: (string | number)[]) => { label: string; rest: (string | number)[] }): string {
  const { label, rest } = entryLabel(issue.path);
  const field = rest.length ? `field "${rest.map(String).join(".")}"` : "entry";
  return `${label ? `${label}: ` : ""}${field}: ${describeReceived(issue)}`;
}
