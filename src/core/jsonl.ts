import * as fs from "node:fs";
import type { z } from "zod";

/** Reads a JSONL file, validating each line; errors name the file and line number. */
export function readJsonl<T>(file: string, schema: z.ZodType<T>): T[] {
  const text = fs.readFileSync(file, "utf8");
  const out: T[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`${file}:${i + 1}: field "${issue.path.join(".") || "(root)"}": ${issue.message}`);
    }
    out.push(result.data);
  }
  return out;
}

/** Appends rows as JSONL with one write call, so a crash leaves whole lines only. */
export function appendJsonl(file: string, rows: unknown[]): void {
  if (rows.length === 0) return;
  fs.appendFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}
