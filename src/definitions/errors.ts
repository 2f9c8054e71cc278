// Turns JSON syntax errors and zod issues into messages that name the file, the entry and the field,
// so that someone editing a definitions file by hand can find the mistake without reading code.
import type { ZodIssue } from "zod";

export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join("\n  - ")}`}`);
    this.name = "DefinitionError";
  }
}

/** Parses JSON text; a syntax error names the file, line and column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split("\n").length;
      const col = pos - before.lastIndexOf("\n");
      throw new DefinitionError(file, [`line ${line}, column ${col}: not valid JSON (${msg})`]);
    }
    throw new DefinitionError(file, [`not valid JSON (${msg})`]);
  }
}

function describeReceived(issue: ZodIssue): string {
  if (issue.code === "invalid_type") return `expected ${issue.expected}, got ${issue.received}`;
  if (issue.code === "too_small") {
    const what = issue.type === "array" ? "item(s)" : issue.type === "string" ? "character(s)" : "";
    return `expected at least ${issue.minimum} ${what}`.trim();
  }
  if (issue.code === "too_big") return `expected at most ${issue.maximum}`;
  if (issue.code === "invalid_enum_value") return `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}, got ${JSON.stringify(issue.received)}`;
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_union") return "expected a prompt string or an object {\"text\": string, \"direction\"?: \"installed\" | \"removed\"}";
  return issue.message;
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
