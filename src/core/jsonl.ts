import * as fs from "node:fs";
import type { z } from "zod";

/** Reads a JSONL file, validating each line; errors name the file and line number. */
export function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  return readJsonlFile(file, schema).rows;
}

/**
 * Reads a JSONL file that a process appends to. With `tolerateTruncatedTail`, a half-written last
 * line (the writer was killed mid-write: no final newline, not valid JSON) is dropped and reported;
 * a bad line anywhere else is an error naming the file, line and field, since skipping it would
 * silently lose or repeat work. `label` names what a line should be in that error.
 */
export function readJsonlFile<T>(
  file: string,
  schema: z.ZodType<T>,
  opts: { tolerateTruncatedTail?: boolean; label?: string } = {},
): { rows: T[]; truncatedLines: number[] } {
  const text = fs.readFileSync(file, "utf8");
  const rows: T[] = [];
  const truncatedLines: number[] = [];
  const lines = text.split("\n");
  const lastNonEmpty = lines.reduce((acc, l, i) => (l.trim() ? i : acc), -1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      if (opts.tolerateTruncatedTail && i === lastNonEmpty && !text.endsWith("\n")) {
        truncatedLines.push(i + 1);
        continue;
      }
      throw new Error(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      const what = opts.label ? `not a ${opts.label}: ` : "";
      throw new Error(`${file}:${i + 1}: ${what}field "${issue.path.join(".") || "(root)"}": ${issue.message}`);
    }
    rows.push(result.data);
  }
  return { rows, truncatedLines };
}

/** Appends rows as JSONL with one write call, so a crash leaves whole lines only. */
export function appendJsonl(file: string, rows: unknown[]): void {
  if (rows.length === 0) return;
  fs.appendFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}
