// JSONL: read line by line (files far larger than memory allows as one string, up to the 512 MB
// fine-tuning limit), refusing bad UTF-8 with its line, tolerating a byte-order mark, and naming
// file:line and field for every bad row, in the same words as core/json.
import * as fs from "node:fs";
import { namingFile } from "./files";
import type { z, ZodTypeAny } from "zod";
import { InputError } from "./errors";
import { badUtf8LineOffset, formatZodIssues } from "./json";

export interface LineInfo {
  /** 1-based line number. */
  line: number;
  /** The line ended with "\n" (false only for a last line without one). */
  terminated: boolean;
}

/**
 * Calls `onLine` for each line of a file, reading 1 MB at a time; returns whether the file began
 * with a UTF-8 byte-order mark (which is not passed on). Invalid UTF-8 throws an InputError naming
 * the line. A final empty segment (the file ends with "\n") is not a line.
 */
export function forEachLine(file: string, onLine: (text: string, info: LineInfo) => void, chunkBytes = 1 << 20): { bom: boolean } {
  const fd = fs.openSync(file, "r");
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const buf = Buffer.allocUnsafe(chunkBytes);
  let carry = "";
  let line = 1;
  let bom = false;
  let first = true;
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, chunkBytes, null);
      const bytes = buf.subarray(0, n);
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: n > 0 });
      } catch {
        throw new InputError(`${file}:${line + badUtf8LineOffset(bytes)}: not UTF-8 text; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`);
      }
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) {
          bom = true;
          text = text.slice(1);
        }
      }
      text = carry + text;
      let start = 0;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", start)) {
        onLine(text.slice(start, i).replace(/\r$/, ""), { line: line++, terminated: true });
        start = i + 1;
      }
      carry = text.slice(start);
      if (n === 0) break;
    }
    if (carry !== "") onLine(carry, { line, terminated: false });
  } finally {
    fs.closeSync(fd);
  }
  return { bom };
}

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
  const rows: T[] = [];
  const truncatedLines: number[] = [];
  const field = (p: (string | number)[]) => `field "${p.join(".") || "(root)"}"`;
  forEachLine(file, (text, { line, terminated }) => {
    if (!text.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      if (opts.tolerateTruncatedTail && !terminated) {
        truncatedLines.push(line);
        return;
      }
      throw new InputError(`${file}:${line}: not valid JSON (${(e as Error).message})`);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) {
      const what = opts.label ? `not a ${opts.label}: ` : "";
      throw new InputError(`${file}:${line}: ${what}${formatZodIssues(result.error, schema as unknown as ZodTypeAny, field).join("; ")}`);
    }
    rows.push(result.data);
  });
  return { rows, truncatedLines };
}

/** Appends rows as JSONL with one write call, so a crash leaves whole lines only. */
export function appendJsonl(file: string, rows: unknown[]): void {
  if (rows.length === 0) return;
  const text = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  namingFile(file, () => fs.appendFileSync(file, text));
}
